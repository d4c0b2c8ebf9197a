// `policy-extract extract <paths…>`: files, folders or stdin → records in the
// format asked, one document at a time in input order. Per-file failures are
// printed as one line each and counted; the exit code follows SPEC §8.
import chalk from "chalk";
import { SingleBar } from "cli-progress";
import { Command, Option } from "commander";
import { formatFileError, type FileError } from "../../errors.js";
import { DEFAULT_LOAD_OPTIONS } from "../../load/load.js";
import { buildReviewHtml, type ReviewInput } from "../../review/page.js";
import { discover } from "../../run/discover.js";
import {
  collect, loadPatternsOrFail, parseEncoding, parseJobs, parseShard, parseTypes, UsageError,
} from "../../run/options.js";
import { processFiles } from "../../run/run.js";
import { BOM, createWriter, FORMATS, type Format } from "../../write/writers.js";
import { fileSink, stdoutSink, type Sink } from "../../write/sink.js";

interface ExtractFlags {
  format?: string;
  out?: string;
  bom?: boolean;
  types?: string;
  patterns: string[];
  encoding: string;
  include: string[];
  exclude: string[];
  attribution: boolean;
  explain?: boolean;
  strict?: boolean;
  jobs?: string;
  shard?: string;
  quiet?: boolean;
  stats?: boolean;
  validate?: boolean;
  review?: string;
  maxMb?: string;
}

export function registerExtract(program: Command): void {
  program
    .command("extract")
    .description("extract metrics, dates, responsible units and document metadata")
    .argument("<paths...>", "files, folders (searched recursively) or - for stdin")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS as unknown as string[]))
    .option("-o, --out <file>", "write to a file (atomically) instead of stdout")
    .option("--bom", "start the output with a UTF-8 byte order mark (Excel/WPS)")
    .option("-t, --types <list>", "record types to write: document,metric,date,responsible_unit")
    .option("--patterns <dir>", "extra pattern files that extend or override the bundled ones (repeatable)", collect, [])
    .option("--encoding <enc>", "text encoding: auto, utf8 or gb18030", "auto")
    .option("--include <glob>", "only files in folders matching this glob (repeatable)", collect, [])
    .option("--exclude <glob>", "skip files in folders matching this glob (repeatable)", collect, [])
    .option("--no-attribution", "skip indicator/subject/year/role attribution (faster)")
    .option("--explain", "add the id of the producing rule to every record")
    .option("--strict", "stop at the first file that fails")
    .option("-j, --jobs <n>", "worker threads (default: number of cores)")
    .option("--shard <k/n>", "process only the k-th of n deterministic slices of the input")
    .option("--max-mb <n>", "refuse files larger than this many megabytes", "256")
    .option("-q, --quiet", "no progress bar and no summary line")
    .option("--review <file>", "also write the review page (HTML) of the documents extracted")
    .option("--validate", "check every record against the schema (zod) before writing it; slower")
    .option("--stats", "print run statistics as one JSON line on stderr (files, chars, seconds, peak RSS)")
    .addHelpText("after", `
Examples:
  policy-extract extract samples/ > records.jsonl
  policy-extract extract reports/ --include '*.txt' --format csv --bom --out figures.csv
  policy-extract extract plan.docx --types metric --format json
  policy-extract extract corpus/ --shard 3/16 --jobs 2 > part-03.jsonl`)
    .action(async (paths: string[], flags: ExtractFlags) => {
      process.exitCode = await runExtract(paths, flags);
    });
}

async function runExtract(paths: string[], flags: ExtractFlags): Promise<number> {
  const began = process.hrtime.bigint();
  const types = parseTypes(flags.types);
  const format = (flags.format ?? "jsonl") as Format;
  const encoding = parseEncoding(flags.encoding);
  const jobs = parseJobs(flags.jobs);
  const shard = parseShard(flags.shard);
  const maxMb = Number(flags.maxMb);
  if (!Number.isFinite(maxMb) || maxMb <= 0) throw new UsageError(`--max-mb takes a positive number, not '${flags.maxMb}'`);
  if (paths.filter((p) => p === "-").length > 1) throw new UsageError("stdin (-) can be given only once");
  loadPatternsOrFail(flags.patterns); // fail fast on a bad --patterns before any output

  const { files, errors } = discover(paths, { include: flags.include, exclude: flags.exclude, shard });
  const failures: FileError[] = [];
  const report = (e: FileError) => {
    failures.push(e);
    process.stderr.write(`policy-extract: ${formatFileError(e)}\n`);
  };
  errors.forEach(report);
  if (flags.strict && failures.length) return 2;

  const sink: Sink = flags.out ? fileSink(flags.out) : stdoutSink();
  const writer = createWriter(format);
  const counts: Record<string, number> = {};
  let done = 0;
  let chars = 0;
  // Review pages show rule ids, so the pipeline always explains when one is asked for.
  const reviewDocs: ReviewInput[] | null = flags.review ? [] : null;
  const showBar = !flags.quiet && process.stderr.isTTY && files.length > 1;
  const bar = showBar ? new SingleBar({ format: " {bar} {value}/{total} files | {doc}", stream: process.stderr, hideCursor: true, clearOnComplete: true }) : null;
  bar?.start(files.length, 0, { doc: "" });
  let stopped = false;
  try {
    sink.write((flags.bom ? BOM : "") + writer.begin());
    for await (const [file, outcome] of processFiles(files, {
      types: [...types],
      attribution: flags.attribution,
      explain: Boolean(flags.explain) || Boolean(flags.review),
      patternDirs: flags.patterns,
      encoding,
      maxBytes: Math.round(maxMb * 1024 * 1024) || DEFAULT_LOAD_OPTIONS.maxBytes,
      jobs,
      validate: Boolean(flags.validate),
      // Records become output text where they were extracted (in the worker).
      render: { format, write: [...types], stripRule: Boolean(flags.review) && !flags.explain, keepResult: Boolean(flags.review) },
    })) {
      bar?.increment(1, { doc: file.doc });
      if (!outcome.ok) {
        bar?.stop();
        report(outcome.error);
        if (flags.strict) {
          stopped = true;
          break;
        }
        continue;
      }
      done++;
      const rendered = outcome.rendered!;
      chars += rendered.chars;
      if (reviewDocs && outcome.result) reviewDocs.push({ result: outcome.result, text: outcome.result.document.text });
      for (const [type, n] of Object.entries(rendered.counts)) counts[type] = (counts[type] ?? 0) + n;
      sink.write(writer.document(rendered.chunk));
    }
    sink.write(writer.end());
    sink.commit();
    if (flags.review && reviewDocs) {
      const review = fileSink(flags.review);
      review.write(buildReviewHtml(reviewDocs));
      review.commit();
    }
  } catch (err) {
    sink.abort();
    throw err;
  } finally {
    bar?.stop();
  }

  if (!flags.quiet) {
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    const byType = Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(", ") || "no records";
    const failed = failures.length ? chalk.red(`${failures.length} failed`) : "0 failed";
    process.stderr.write(`policy-extract: ${done} file${done === 1 ? "" : "s"} done, ${failed}; ${byType}; ${seconds.toFixed(2)} s${stopped ? " (stopped: --strict)" : ""}\n`);
  }
  if (flags.stats) {
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    // maxRSS covers the worker threads too: they share the process.
    const stats = { files: done, failed: failures.length, chars, seconds, peak_rss_mb: process.resourceUsage().maxRSS / 1024, jobs };
    process.stderr.write(`${JSON.stringify(stats)}\n`);
  }
  if (failures.length === 0) return 0;
  return done === 0 ? 1 : 2;
}
