// `policy-extract units <paths…>`: the responsibility matrix of task notices —
// organisation × role with task counts, alone or jointly — as CSV (or TSV),
// built from the responsible_unit records of every file given.
import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";
import { formatFileError, type FileError } from "../../errors.js";
import type { AnyRecord } from "../../records.js";
import { discover } from "../../run/discover.js";
import { collect, loadPatternsOrFail, parseEncoding, parseJobs } from "../../run/options.js";
import { processFiles } from "../../run/run.js";
import { matrixTable, responsibilityMatrix } from "../../units/matrix.js";
import { fileSink, stdoutSink } from "../../write/sink.js";
import { BOM } from "../../write/writers.js";

interface UnitsFlags {
  out?: string;
  bom?: boolean;
  tsv?: boolean;
  patterns: string[];
  encoding: string;
  include: string[];
  exclude: string[];
  jobs?: string;
}

export function registerUnits(program: Command): void {
  program
    .command("units")
    .description("print the responsibility matrix (organisation × role, task counts) as CSV")
    .argument("<paths...>", "files, folders (searched recursively) or - for stdin")
    .option("-o, --out <file>", "write to a file (atomically) instead of stdout")
    .option("--bom", "start the output with a UTF-8 byte order mark (Excel/WPS)")
    .option("--tsv", "tab-separated instead of comma-separated")
    .option("--patterns <dir>", "extra pattern files (repeatable)", collect, [])
    .option("--encoding <enc>", "text encoding: auto, utf8 or gb18030", "auto")
    .option("--include <glob>", "only files in folders matching this glob (repeatable)", collect, [])
    .option("--exclude <glob>", "skip files in folders matching this glob (repeatable)", collect, [])
    .option("-j, --jobs <n>", "worker threads (default: number of cores)")
    .addHelpText("after", `
Examples:
  policy-extract units notices/ --bom --out matrix.csv`)
    .action(async (paths: string[], flags: UnitsFlags) => {
      process.exitCode = await runUnits(paths, flags);
    });
}

async function runUnits(paths: string[], flags: UnitsFlags): Promise<number> {
  const encoding = parseEncoding(flags.encoding);
  const jobs = parseJobs(flags.jobs);
  loadPatternsOrFail(flags.patterns);
  const { files, errors } = discover(paths, { include: flags.include, exclude: flags.exclude });
  const failures: FileError[] = [...errors];
  const records: AnyRecord[] = [];
  let done = 0;
  for await (const [, outcome] of processFiles(files, {
    types: ["responsible_unit"], attribution: false, explain: false, patternDirs: flags.patterns,
    encoding, maxBytes: 256 * 1024 * 1024, jobs,
  })) {
    if (!outcome.ok) failures.push(outcome.error);
    else {
      done++;
      for (const r of outcome.result?.records ?? []) records.push(r);
    }
  }
  for (const f of failures) process.stderr.write(`policy-extract: ${formatFileError(f)}\n`);
  const sink = flags.out ? fileSink(flags.out) : stdoutSink();
  sink.write((flags.bom ? BOM : "") + stringify(matrixTable(responsibilityMatrix(records)), { delimiter: flags.tsv ? "\t" : "," }));
  sink.commit();
  if (!failures.length) return 0;
  return done === 0 ? 1 : 2;
}
