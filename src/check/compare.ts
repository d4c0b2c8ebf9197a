// Comparison of one report's expected records with what the pipeline extracted:
// a one-to-one matching per type, tallies for strict and lenient scores and for
// each compared field, and the issues behind them, each located in the report.
import type { DocumentResult } from "../pipeline.js";
import { RECORD_TYPES, type AnyRecord, type RecordType } from "../records.js";
import type { DocText } from "./expected.js";
import { comparedFields, FIELDS, keysAgree, sameValue } from "./fields.js";
import { matchOneToOne, type Matching } from "./match.js";
import type { ExpectedRecord, Issue, NegativeSpan } from "./types.js";

export interface Tally {
  expected: number;
  actual: number;
  optionalFound: number;
  strict: number;
  lenient: number;
  fields: Map<string, { compared: number; correct: number }>;
}

export function emptyTally(): Tally {
  return { expected: 0, actual: 0, optionalFound: 0, strict: 0, lenient: 0, fields: new Map() };
}

export interface DocInput {
  /** The report as displayed in messages. */
  file: string;
  text: DocText;
  /** Expected records of this report (any type; those not in `types` are ignored). */
  expected: readonly ExpectedRecord[];
  result: DocumentResult;
  types: ReadonlySet<RecordType>;
  negatives: readonly NegativeSpan[];
}

export interface DocComparison {
  tallies: Map<RecordType, Tally>;
  issues: Issue[];
  warnings: string[];
  negatives: { checked: number; violations: number } | null;
  /** Per type: the expected and actual records and how they matched (for --update). */
  matchings: Map<RecordType, { expected: ExpectedRecord[]; actual: AnyRecord[]; matching: Matching }>;
}

type Fields = Record<string, unknown>;

export function compareDocument(input: DocInput): DocComparison {
  const out: DocComparison = {
    tallies: new Map(),
    issues: [],
    warnings: checkOffsets(input),
    negatives: null,
    matchings: new Map(),
  };
  for (const type of RECORD_TYPES) {
    if (!input.types.has(type)) continue;
    if (type === "document") compareDocumentRecord(input, out);
    else compareSpans(type, input, out);
  }
  if (input.negatives.length) checkNegatives(input, out);
  return out;
}

/** An expected text that is not the report's text at its offsets is an annotation slip worth saying. */
function checkOffsets(input: DocInput): string[] {
  const warnings: string[] = [];
  for (const e of input.expected) {
    if (e.type === "document" || e.start === undefined || e.end === undefined) continue;
    if (e.end > input.text.length) {
      warnings.push(`${e.source}: offsets [${e.start}, ${e.end}) run past the end of ${input.file} (${input.text.length} characters)`);
    } else if (e.text !== undefined && input.text.slice(e.start, e.end) !== e.text) {
      warnings.push(
        `${e.source}: text ${JSON.stringify(e.text)} is not the report's text at [${e.start}, ${e.end}): ${JSON.stringify(input.text.slice(e.start, e.end))}`,
      );
    }
  }
  return warnings;
}

function compareDocumentRecord(input: DocInput, out: DocComparison): void {
  const expected = input.expected.filter((e) => e.type === "document");
  const e = expected[0];
  // A document record is always produced; it is scored only where the fixture states one.
  if (!e || e.optional) return;
  if (expected.length > 1) out.warnings.push(`${expected[1]!.source}: more than one document record; the first is used`);
  const actual = input.result.document as unknown as Fields;
  const tally = emptyTally();
  tally.expected = 1;
  tally.actual = 1;
  tally.lenient = 1;
  const fields = comparedFields("document", e.raw);
  let allAgree = true;
  for (const f of fields) {
    const ok = sameValue(e.raw[f], actual[f]);
    count(tally, f, ok);
    if (!ok) {
      allAgree = false;
      out.issues.push({
        kind: "mismatch", type: "document", file: input.file, line: 1,
        text: String(actual.title ?? e.raw.title ?? ""), sentence: "",
        field: f, expected: e.raw[f], actual: actual[f] ?? null, source: e.source,
      });
    }
  }
  if (allAgree) tally.strict = 1;
  out.tallies.set("document", tally);
  out.matchings.set("document", {
    expected: [e],
    actual: [input.result.document],
    matching: { pairs: [[0, 0]], unmatchedExpected: [], unmatchedActual: [] },
  });
}

function compareSpans(type: RecordType, input: DocInput, out: DocComparison): void {
  const expected = input.expected.filter((e) => e.type === type) as Array<ExpectedRecord & { start: number; end: number }>;
  const actual = input.result.records.filter((r) => r.type === type);
  const matching = matchOneToOne({
    expected,
    actual,
    isOptional: (e) => e.optional,
    agree: (e, a) => keysAgree(type, e.raw, a as unknown as Fields),
  });
  out.matchings.set(type, { expected, actual, matching });
  const tally = emptyTally();
  const where = (e: ExpectedRecord & { start: number; end: number }) => ({
    file: input.file,
    line: input.text.line(e.start),
    sentence: e.sentence ?? input.text.context(e.start, e.end),
    source: e.source,
  });
  const textOf = (e: ExpectedRecord & { start: number; end: number }) => e.text ?? input.text.slice(e.start, e.end);

  for (const [ei, ai] of matching.pairs) {
    const e = expected[ei]!;
    const a = actual[ai]! as unknown as Fields & AnyRecord;
    if (e.optional) {
      tally.optionalFound++;
      continue;
    }
    tally.lenient++;
    const exact = !FIELDS[type].exactSpan || (e.start === a.start && e.end === a.end);
    if (exact && keysAgree(type, e.raw, a)) tally.strict++;
    if (!exact) {
      out.issues.push({
        kind: "span", type, ...where(e), text: textOf(e),
        field: "span",
        expected: `${JSON.stringify(input.text.slice(e.start, e.end))} [${e.start}, ${e.end})`,
        actual: `${JSON.stringify(a.text)} [${a.start}, ${a.end})`,
      });
    }
    for (const f of comparedFields(type, e.raw)) {
      const ok = sameValue(e.raw[f], a[f]);
      count(tally, f, ok);
      if (!ok) {
        out.issues.push({
          kind: "mismatch", type, ...where(e), text: textOf(e),
          field: f, expected: e.raw[f], actual: a[f] ?? null,
        });
      }
    }
  }
  for (const ei of matching.unmatchedExpected) {
    const e = expected[ei]!;
    if (e.optional) continue;
    out.issues.push({ kind: "miss", type, ...where(e), text: textOf(e) });
  }
  for (const ai of matching.unmatchedActual) {
    const a = actual[ai]!;
    out.issues.push({ kind: "spurious", type, file: input.file, line: a.line, text: a.text, sentence: a.sentence });
  }
  tally.expected = expected.filter((e) => !e.optional).length;
  tally.actual = actual.length - tally.optionalFound;
  if (tally.expected || tally.actual || tally.optionalFound) out.tallies.set(type, tally);
}

function count(tally: Tally, field: string, ok: boolean): void {
  const f = tally.fields.get(field) ?? { compared: 0, correct: 0 };
  f.compared++;
  if (ok) f.correct++;
  tally.fields.set(field, f);
}

/** Negative spans: any metric or date record overlapping one is a violation. */
function checkNegatives(input: DocInput, out: DocComparison): void {
  const guarded = input.result.records.filter(
    (r) => (r.type === "metric" || r.type === "date") && input.types.has(r.type),
  );
  if (!input.types.has("metric") && !input.types.has("date")) return;
  let violations = 0;
  for (const n of input.negatives) {
    for (const r of guarded) {
      if (r.start < n.end && n.start < r.end) {
        violations++;
        out.issues.push({
          kind: "negative", type: r.type, file: input.file, line: r.line, text: r.text, sentence: r.sentence,
          expected: n.text ?? input.text.slice(n.start, n.end), source: n.source, ...(n.why ? { why: n.why } : {}),
        });
      }
    }
  }
  out.negatives = { checked: input.negatives.length, violations };
}
