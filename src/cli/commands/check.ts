// `policy-extract check`: validate extraction against annotated fixtures, for CI.
// This module only reads options and writes the chosen reporter's output; the
// matching, scoring and gating live in src/check/. Exit: 0 pass, 1 below a
// threshold or the baseline (or bad usage), 2 a fixture could not be read.
import { Option, type Command } from "commander";
import { baselineOf, readBaseline, writeBaseline } from "../../check/baseline.js";
import { errorLine } from "../../check/reporters/describe.js";
import { REPORTERS, reporterNames } from "../../check/reporters/index.js";
import { runCheck, type CheckOptions } from "../../check/run.js";
import { CheckInputError } from "../../check/types.js";
import { runUpdate } from "../../check/update.js";
import { RECORD_TYPES, type RecordType } from "../../records.js";
import { UsageError } from "../../run/options.js";

interface RawOptions {
  expected?: string;
  negatives?: string;
  minF1: string;
  minField?: string;

  types?: string;
  reporter: string;
  baseline?: string;
  writeBaseline?: string;
  update?: boolean;
  patterns: string[];
}

function fraction(name: string, value: string): number {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x) || x < 0 || x > 1) {
    throw new UsageError(`${name} must be a number from 0 to 1, not "${value}"`);
  }
  return x;
}

function parseTypes(value: string | undefined): Set<RecordType> {
  if (value === undefined) return new Set(RECORD_TYPES);
  const names = value.split(",").map((t) => t.trim()).filter(Boolean);
  const bad = names.filter((t) => !(RECORD_TYPES as readonly string[]).includes(t));
  if (bad.length || !names.length) {
    throw new UsageError(`--types: unknown type "${bad[0] ?? value}" (choose from ${RECORD_TYPES.join(", ")})`);
  }
  return new Set(names as RecordType[]);
}

function optionsFrom(paths: string[], raw: RawOptions): CheckOptions {
  if (!(raw.reporter in REPORTERS)) {
    throw new UsageError(`--reporter: unknown reporter "${raw.reporter}" (choose from ${reporterNames().join(", ")})`);
  }
  if (raw.expected && paths.length !== 1) throw new UsageError("--expected takes exactly one folder (the one its doc paths are relative to)");
  if (raw.negatives && !raw.expected) throw new UsageError("--negatives needs --expected (a fixture directory keeps its own negatives.jsonl)");
  if (raw.update && raw.expected) throw new UsageError("--update rewrites fixture directories, not a corpus gold file");
  if (raw.update && (raw.baseline || raw.writeBaseline)) throw new UsageError("--update cannot be combined with --baseline or --write-baseline");
  let baseline: CheckOptions["baseline"] = null;
  if (raw.baseline) {
    try {
      baseline = { file: raw.baseline, data: readBaseline(raw.baseline) };
    } catch (err) {
      if (err instanceof CheckInputError) throw new UsageError(`--baseline ${err.message}`);
      throw err;
    }
  }
  return {
    paths,
    expected: raw.expected ?? null,
    negatives: raw.negatives ?? null,
    types: parseTypes(raw.types),
    minF1: fraction("--min-f1", raw.minF1),
    minField: raw.minField === undefined ? null : fraction("--min-field", raw.minField),

    baseline,
    patternDirs: raw.patterns,
    cwd: process.cwd(),
  };
}

async function update(options: CheckOptions): Promise<number> {
  const report = await runUpdate(options);
  for (const f of report.fixtures) {
    const change = f.status === "unchanged" ? "unchanged" : `${f.status}: ${f.records} records (+${f.added} -${f.removed})`;
    process.stdout.write(`${f.file}: ${change}\n`);
  }
  for (const e of report.errors) process.stderr.write(`policy-extract: ${errorLine(e)}\n`);
  if (report.fixtures.some((f) => f.status !== "unchanged")) {
    process.stdout.write("review the changes (git diff) before committing them\n");
  }
  return report.errors.length ? 2 : 0;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("check extraction against annotated fixtures (precision, recall, F1 per record type)")
    .argument("<paths...>", "fixture directories (report.* + expected.jsonl), or folders holding them")
    .option("--expected <file>", "corpus mode: one gold JSONL for the folder given, each record naming its doc")
    .option("--negatives <file>", "corpus mode: JSONL of spans that must not become metric or date records")
    .option("--min-f1 <x>", "fail when a type's strict F1 in a fixture is below x", "0")
    .option("--min-field <x>", "fail when a field's accuracy in a fixture is below x")
    .option("--types <list>", `record types to check, comma-separated (${RECORD_TYPES.join(",")})`)
    .addOption(new Option("--reporter <name>", "output format").choices(reporterNames()).default("text"))
    .option("--baseline <file>", "fail when any figure drops below this baseline (beyond 0.0005)")
    .option("--write-baseline <file>", "write the current figures as a baseline")
    .option("--update", "rewrite each fixture's expected.jsonl from the current output, for review as a diff")
    .option("--patterns <dir>", "extra pattern directory (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addHelpText(
      "after",
      `
Exit status: 0 pass; 1 below a threshold or the baseline, or bad usage; 2 a fixture could not be read.

Examples:
  policy-extract check fixtures/ --min-f1 0.97
  policy-extract check fixtures/ --reporter junit > check.xml
  policy-extract check seeds/ --expected gold.jsonl --negatives negatives.jsonl --baseline check-baseline.json
  policy-extract check fixtures/new-case --update && git diff fixtures/new-case`,
    )
    .action(async (paths: string[], raw: RawOptions) => {
      const options = optionsFrom(paths, raw);
      let code: number;
      try {
        if (raw.update) {
          code = await update(options);
        } else {
          const report = await runCheck(options);
          const reporter = REPORTERS[raw.reporter]!;
          // Colour only on a terminal, and never when the user opted out (NO_COLOR).
          const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
          process.stdout.write(reporter.render(report, { color }));
          for (const e of report.errors) process.stderr.write(`policy-extract: ${errorLine(e)}\n`);
          if (raw.writeBaseline) writeBaseline(raw.writeBaseline, baselineOf(report.fixtures));
          code = report.exit_code;
        }
      } catch (err) {
        if (err instanceof CheckInputError) throw new UsageError(err.message);
        throw err;
      }
      process.exitCode = code;
    });
}
