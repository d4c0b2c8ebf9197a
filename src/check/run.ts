// A check run: read each fixture (a fixture directory, or a corpus folder with one
// gold file), extract its reports with the real pipeline, compare, score, gate and
// compare with the baseline. A fixture that cannot be read is reported and the
// others still run; the exit code says which of the two happened.
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { formatFileError } from "../errors.js";
import type { DocumentResult, PipelineOptions } from "../pipeline.js";
import { loadPatterns, PatternError } from "../patterns/load.js";
import type { RecordType } from "../records.js";
import { extractFile } from "../run/extract-file.js";
import { compareBaseline, type Baseline } from "./baseline.js";
import { compareDocument, type DocComparison, type Tally } from "./compare.js";
import { DocText, parseExpected, parseNegatives } from "./expected.js";
import { discoverFixtures, display, type FixtureDir } from "./fixtures.js";
import { addTallies, gate, toScores } from "./score.js";
import {
  CheckInputError, type CheckReport, type ExpectedRecord, type FixtureError, type FixtureResult, type NegativeSpan,
} from "./types.js";

export interface CheckOptions {
  /** Fixture directories or folders of them; in corpus mode, the one corpus folder. */
  paths: readonly string[];
  /** Corpus mode: a gold file whose records name their document with `doc`. */
  expected: string | null;
  /** Corpus mode: spans that must not become metric or date records. */
  negatives: string | null;
  types: ReadonlySet<RecordType>;
  minF1: number;

  minField: number | null;
  baseline: { file: string; data: Baseline } | null;
  patternDirs: readonly string[];
  cwd: string;
}

/** One report of a fixture, extracted and compared. */
export interface CheckedDoc {
  file: string;
  expected: ExpectedRecord[];
  result: DocumentResult;
  comparison: DocComparison;
}

export interface LoadedFixture {
  name: string;
  dir: FixtureDir | null;
  docs: CheckedDoc[];
  errors: FixtureError[];
  warnings: string[];
}

export function pipelineOptions(types: ReadonlySet<RecordType>, patternDirs: readonly string[]): PipelineOptions {
  try {
    return { types, attribution: true, explain: false, patterns: loadPatterns([...patternDirs]) };
  } catch (err) {
    if (err instanceof PatternError) throw new CheckInputError(err.message);
    throw err;
  }
}

function readText(file: string, shown: string): { text: string } | { error: FixtureError } {
  try {
    return { text: readFileSync(file, "utf8") };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { error: { file: shown, message: code === "ENOENT" ? "no such file" : "cannot be read" } };
  }
}

async function checkDoc(
  path: string,
  doc: string,
  file: string,
  expected: ExpectedRecord[],
  negatives: NegativeSpan[],
  options: CheckOptions,
  pipeline: PipelineOptions,
): Promise<CheckedDoc | FixtureError> {
  const outcome = await extractFile(path, doc, pipeline);
  if (!outcome.ok) return { file, message: formatFileError({ ...outcome.error, file }).slice(file.length + 2) };
  const result = outcome.result;
  const comparison = compareDocument({
    file,
    text: new DocText(result.document.text),
    expected,
    result,
    types: options.types,
    negatives,
  });
  return { file, expected, result, comparison };
}

/** Read and extract one fixture directory (expected.jsonl may be absent when `allowNew`, for --update). */
export async function loadFixtureDir(
  fx: FixtureDir,
  options: CheckOptions,
  pipeline: PipelineOptions,
  allowNew = false,
): Promise<LoadedFixture> {
  const out: LoadedFixture = { name: fx.name, dir: fx, docs: [], errors: [], warnings: [] };
  if (!fx.report) {
    out.errors.push({ file: fx.name, message: fx.problem ?? "no report file" });
    return out;
  }
  const expectedShown = display(fx.expected, options.cwd);
  let expected: ExpectedRecord[] = [];
  if (fx.hasExpected) {
    const read = readText(fx.expected, expectedShown);
    if ("error" in read) {
      out.errors.push(read.error);
      return out;
    }
    const parsed = parseExpected(read.text, expectedShown, false);
    for (const e of parsed.errors) out.errors.push({ file: expectedShown, ...e });
    expected = parsed.items;
  } else if (!allowNew) {
    out.errors.push({ file: fx.name, message: `no expected.jsonl (run check --update to create one from the current output)` });
    return out;
  }
  let negatives: NegativeSpan[] = [];
  if (fx.negatives) {
    const shown = display(fx.negatives, options.cwd);
    const read = readText(fx.negatives, shown);
    if ("error" in read) out.errors.push(read.error);
    else {
      const parsed = parseNegatives(read.text, shown, false);
      for (const e of parsed.errors) out.errors.push({ file: shown, ...e });
      negatives = parsed.items;
    }
  }
  if (out.errors.length) return out;
  const reportShown = display(fx.report, options.cwd);
  const checked = await checkDoc(fx.report, reportShown, reportShown, expected, negatives, options, pipeline);
  if ("message" in checked) out.errors.push(checked);
  else out.docs.push(checked);
  return out;
}

/** Corpus mode: one folder, one gold file naming each record's document. */
async function loadCorpus(options: CheckOptions, pipeline: PipelineOptions): Promise<LoadedFixture> {
  const folder = resolve(options.cwd, options.paths[0]!);
  const name = display(folder, options.cwd);
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) throw new CheckInputError(`${name}: with --expected, give the folder the gold file's "doc" paths are relative to`);
  const out: LoadedFixture = { name, dir: null, docs: [], errors: [], warnings: [] };

  const goldShown = display(options.expected!, options.cwd);
  const gold = readText(resolve(options.cwd, options.expected!), goldShown);
  if ("error" in gold) {
    out.errors.push(gold.error);
    return out;
  }
  const parsed = parseExpected(gold.text, goldShown, true);
  for (const e of parsed.errors) out.errors.push({ file: goldShown, ...e });
  let negatives: NegativeSpan[] = [];
  if (options.negatives) {
    const shown = display(options.negatives, options.cwd);
    const read = readText(resolve(options.cwd, options.negatives), shown);
    if ("error" in read) out.errors.push(read.error);
    else {
      const n = parseNegatives(read.text, shown, true);
      for (const e of n.errors) out.errors.push({ file: shown, ...e });
      negatives = n.items;
    }
  }
  if (out.errors.length) return out;

  const docs = [...new Set(parsed.items.map((e) => e.doc!))].sort();
  for (const n of negatives) {
    if (!docs.includes(n.doc!)) out.warnings.push(`${n.source}: negative span in ${n.doc}, which the gold file does not annotate (not checked)`);
  }
  for (const doc of docs) {
    const path = join(folder, doc);
    const shown = display(path, options.cwd);
    const checked = await checkDoc(
      path,
      doc,
      shown,
      parsed.items.filter((e) => e.doc === doc),
      negatives.filter((n) => n.doc === doc),
      options,
      pipeline,
    );
    if ("message" in checked) out.errors.push(checked);
    else out.docs.push(checked);
  }
  return out;
}

export async function loadAll(options: CheckOptions, allowNew = false): Promise<{ loaded: LoadedFixture[]; errors: FixtureError[] }> {
  const pipeline = pipelineOptions(options.types, options.patternDirs);
  if (options.expected) {
    const corpus = await loadCorpus(options, pipeline);
    return { loaded: [corpus], errors: [] };
  }
  const { fixtures, errors } = discoverFixtures(options.paths, options.cwd);
  const loaded: LoadedFixture[] = [];
  for (const fx of fixtures) loaded.push(await loadFixtureDir(fx, options, pipeline, allowNew));
  return { loaded, errors };
}

function resultOf(fx: LoadedFixture, options: CheckOptions): FixtureResult {
  const tallies = new Map<RecordType, Tally>();
  const result: FixtureResult = {
    name: fx.name,
    reports: fx.docs.map((d) => d.file),
    scores: [],
    issues: [],
    negatives: null,
    warnings: [...fx.warnings],
    errors: fx.errors,
    failures: [],
  };
  for (const d of fx.docs) {
    addTallies(tallies, d.comparison.tallies);
    result.issues.push(...d.comparison.issues);
    result.warnings.push(...d.comparison.warnings);
    const n = d.comparison.negatives;
    if (n) {
      result.negatives ??= { checked: 0, violations: 0 };
      result.negatives.checked += n.checked;
      result.negatives.violations += n.violations;
    }
  }
  result.scores = toScores(tallies);
  // A corpus with one unreadable report still gates on the others (the exit code says 2 anyway).
  if (fx.docs.length) {
    result.failures = gate(fx.name, result.scores, options.minF1, options.minField);
    if (options.baseline) result.failures.push(...compareBaseline(options.baseline.data, result));
  }
  return result;
}

export async function runCheck(options: CheckOptions): Promise<CheckReport> {
  const { loaded, errors } = await loadAll(options);
  const fixtures = loaded.map((fx) => resultOf(fx, options));
  const total = new Map<RecordType, Tally>();
  for (const fx of loaded) for (const d of fx.docs) addTallies(total, d.comparison.tallies);
  const totals = toScores(total);
  const failures = [
    // Each fixture is held to the thresholds, and so is the set as a whole.
    ...(loaded.filter((fx) => fx.docs.length).length > 1 ? gate("all fixtures", totals, options.minF1, options.minField) : []),
    ...fixtures.flatMap((f) => f.failures),
  ];
  const allErrors = [...errors, ...fixtures.flatMap((f) => f.errors)];
  return {
    fixtures,
    total: totals,
    thresholds: { min_f1: options.minF1, min_field: options.minField },
    baseline: options.baseline ? display(options.baseline.file, options.cwd) : null,
    failures,
    errors: allErrors,
    passed: !failures.length && !allErrors.length,
    exit_code: allErrors.length ? 2 : failures.length ? 1 : 0,
  };
}
