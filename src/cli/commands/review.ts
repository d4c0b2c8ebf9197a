// `policy-extract review <paths…> --out review.html`: extract the given files and
// write one self-contained HTML page in which every record is highlighted in its
// source text, for a researcher to check the extraction by eye. Per-file failures
// are reported and skipped like in `extract`; the exit code follows SPEC §8.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { formatFileError, type FileError } from "../../errors.js";
import type { RecordType } from "../../records.js";
import { buildReviewHtml, type ReviewInput } from "../../review/page.js";
import { discover } from "../../run/discover.js";
import { extractBytes, extractFile, type FileOutcome } from "../../run/extract-file.js";
import type { PipelineOptions } from "../../pipeline.js";
import { collect, loadPatternsOrFail, parseTypes, UsageError } from "../../run/options.js";
import { fileSink, stdoutSink } from "../../write/sink.js";

interface ReviewFlags {
  out?: string;
  patterns: string[];
  types?: string;
  quiet?: boolean;
}

export function registerReview(program: Command): void {
  program
    .command("review")
    .description("write an offline HTML page that highlights every extracted value in its source document")
    .argument("<paths...>", "files, folders (searched recursively) or - for stdin")
    .option("-o, --out <file>", "the HTML file to write (atomically); stdout when omitted")
    .option("--patterns <dir>", "extra pattern files that extend or override the bundled ones (repeatable)", collect, [])
    .option("-t, --types <list>", "record types to show: metric,date,responsible_unit")
    .option("-q, --quiet", "no summary line")
    .addHelpText("after", `
Examples:
  policy-extract review samples/ --out review.html
  policy-extract review report.txt --types metric --out metrics.html`)
    .action(async (paths: string[], flags: ReviewFlags) => {
      process.exitCode = await runReview(paths, flags);
    });
}

async function runReview(paths: string[], flags: ReviewFlags): Promise<number> {
  const types: Set<RecordType> = parseTypes(flags.types);
  if (paths.filter((p) => p === "-").length > 1) throw new UsageError("stdin (-) can be given only once");
  if (!flags.out && process.stdout.isTTY) throw new UsageError("review writes HTML: give --out FILE or redirect stdout");
  const pipeline: PipelineOptions = { types, attribution: true, explain: true, patterns: loadPatternsOrFail(flags.patterns) };

  const { files, errors } = discover(paths, { include: [], exclude: [] });
  const failures: FileError[] = [];
  const report = (e: FileError) => {
    failures.push(e);
    process.stderr.write(`policy-extract: ${formatFileError(e)}\n`);
  };
  errors.forEach(report);

  const docs: ReviewInput[] = [];
  for (const file of files) {
    const outcome: FileOutcome = file.path === "-"
      ? await extractBytes("-", readFileSync(0), "txt", pipeline)
      : await extractFile(file.path, file.doc, pipeline);
    if (!outcome.ok) {
      report(outcome.error);
      continue;
    }
    // the document record carries the whole decoded text the offsets refer to
    docs.push({ result: outcome.result, text: outcome.result.document.text });
  }
  if (!docs.length) {
    if (!failures.length) process.stderr.write("policy-extract: no documents found\n");
    return 1;
  }

  const sink = flags.out ? fileSink(flags.out) : stdoutSink();
  try {
    sink.write(buildReviewHtml(docs));
    sink.commit();
  } catch (err) {
    sink.abort();
    throw err;
  }
  if (!flags.quiet) {
    const records = docs.reduce((n, d) => n + d.result.records.length, 0);
    const where = flags.out ? `${flags.out}: ` : "";
    process.stderr.write(`policy-extract: ${where}${docs.length} document${docs.length === 1 ? "" : "s"}, ${records} records${failures.length ? `, ${failures.length} failed` : ""}\n`);
  }
  return failures.length ? 2 : 0;
}
