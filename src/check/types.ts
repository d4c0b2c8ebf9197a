// The data a check run produces: figures per fixture and record type, the issues
// behind them (misses, spurious records, field mismatches, negative violations),
// gate failures and unreadable fixtures. Reporters render this and nothing else.
import type { RecordType } from "../records.js";

/** One expected record as read from expected.jsonl or a gold file. */
export interface ExpectedRecord {
  type: RecordType;
  start?: number;
  end?: number;
  text?: string;
  sentence?: string;
  optional: boolean;
  note?: string;
  /** Document path relative to the corpus folder (corpus mode only). */
  doc?: string;
  /** Where the record was read: "fixtures/a/expected.jsonl:3". */
  source: string;
  /** The record as written, for field comparison and for --update. */
  raw: Record<string, unknown>;
}

/** A span that must not become a metric or date record. */
export interface NegativeSpan {
  doc?: string;
  text?: string;
  start: number;
  end: number;
  why?: string;
  source: string;
}

export type IssueKind = "miss" | "spurious" | "mismatch" | "span" | "negative";

export interface Issue {
  kind: IssueKind;
  type: RecordType;
  /** The report file, as displayed (relative to the working directory when inside it). */
  file: string;
  line: number;
  /** The record's text: expected for miss/mismatch/span, actual for spurious/negative. */
  text: string;
  sentence: string;
  field?: string;
  expected?: unknown;
  actual?: unknown;
  /** Where the expected record (or negative span) was read. */
  source?: string;
  /** Why a negative span must not be a record. */
  why?: string;
}

export interface FieldScore {
  compared: number;
  correct: number;
  accuracy: number | null;
}

export interface Prf {
  tp: number;
  precision: number | null;
  recall: number | null;
  f1: number;
}

export interface TypeScore {
  type: RecordType;
  /** Required expected records (optional ones are not counted). */
  expected: number;
  /** Actual records, less those matched to optional expected ones. */
  actual: number;
  /** Actual records that matched optional expected ones. */
  optional_found: number;
  strict: Prf;
  lenient: Prf;
  fields: Record<string, FieldScore>;
}

export interface FixtureError {
  /** The fixture, file or path that could not be read. */
  file: string;
  /** The line of that file, when one line is at fault. */
  line?: number;
  message: string;
}

export type FailureKind = "f1" | "field" | "baseline";

export interface GateFailure {
  fixture: string;
  type: RecordType | "negatives";
  kind: FailureKind;
  /** "strict.f1", "fields.value", "violations" … */
  measure: string;
  value: number;
  limit: number;
  message: string;
}

export interface FixtureResult {
  /** The fixture directory (or corpus folder), as displayed. */
  name: string;
  /** Report files that were checked, as displayed. */
  reports: string[];
  scores: TypeScore[];
  issues: Issue[];
  /** Negative spans checked and how many became records. */
  negatives: { checked: number; violations: number } | null;
  warnings: string[];
  errors: FixtureError[];
  failures: GateFailure[];
}

export interface CheckReport {
  fixtures: FixtureResult[];
  /** Sums over every fixture, per type. */
  total: TypeScore[];
  thresholds: { min_f1: number; min_field: number | null };
  baseline: string | null;
  failures: GateFailure[];
  errors: FixtureError[];
  passed: boolean;
  exit_code: 0 | 1 | 2;
}

/** Bad input to the check itself (no fixtures, an unreadable baseline): a usage error. */
export class CheckInputError extends Error {}
