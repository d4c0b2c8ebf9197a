// Figures from tallies: precision, recall and F1, strict and lenient, and accuracy
// per compared field; sums over reports and fixtures; and the threshold gate
// (--min-f1 on each type's strict F1, --min-field on each field's accuracy).
import { RECORD_TYPES, type RecordType } from "../records.js";
import { emptyTally, type Tally } from "./compare.js";
import { FIELDS } from "./fields.js";
import type { FieldScore, GateFailure, Prf, TypeScore } from "./types.js";

export function addTallies(into: Map<RecordType, Tally>, from: ReadonlyMap<RecordType, Tally>): void {
  for (const [type, t] of from) {
    const acc = into.get(type) ?? emptyTally();
    acc.expected += t.expected;
    acc.actual += t.actual;
    acc.optionalFound += t.optionalFound;
    acc.strict += t.strict;
    acc.lenient += t.lenient;
    for (const [f, v] of t.fields) {
      const a = acc.fields.get(f) ?? { compared: 0, correct: 0 };
      a.compared += v.compared;
      a.correct += v.correct;
      acc.fields.set(f, a);
    }
    into.set(type, acc);
  }
}

/** F1 is 2·tp / (expected + actual), which stays defined when either side is empty. */
function prf(tp: number, expected: number, actual: number): Prf {
  return {
    tp,
    precision: actual ? tp / actual : null,
    recall: expected ? tp / expected : null,
    f1: expected + actual ? (2 * tp) / (expected + actual) : 1,
  };
}

export function toScores(tallies: ReadonlyMap<RecordType, Tally>): TypeScore[] {
  const scores: TypeScore[] = [];
  for (const type of RECORD_TYPES) {
    const t = tallies.get(type);
    if (!t) continue;
    const fields: Record<string, FieldScore> = {};
    for (const f of FIELDS[type].compared) {
      const v = t.fields.get(f);
      if (v) fields[f] = { ...v, accuracy: v.compared ? v.correct / v.compared : null };
    }
    scores.push({
      type,
      expected: t.expected,
      actual: t.actual,
      optional_found: t.optionalFound,
      strict: prf(t.strict, t.expected, t.actual),
      lenient: prf(t.lenient, t.expected, t.actual),
      fields,
    });
  }
  return scores;
}

/** A type is present when something of it was expected or extracted. */
export function isPresent(s: TypeScore): boolean {
  return s.expected + s.actual > 0;
}

export function fmt(x: number | null): string {
  return x === null ? "-" : x.toFixed(3);
}

/** Four decimals where a figure is held against a limit (0.9897 must not read as 0.990 < 0.99). */
export function fmt4(x: number): string {
  return x.toFixed(4);
}

export function gate(fixture: string, scores: readonly TypeScore[], minF1: number, minField: number | null): GateFailure[] {
  const failures: GateFailure[] = [];
  for (const s of scores) {
    if (!isPresent(s)) continue;
    if (s.strict.f1 < minF1) {
      failures.push({
        fixture, type: s.type, kind: "f1", measure: "strict.f1", value: s.strict.f1, limit: minF1,
        message: `${s.type}: strict F1 ${fmt4(s.strict.f1)} is below --min-f1 ${minF1}`,
      });
    }
    if (minField === null) continue;
    for (const [f, v] of Object.entries(s.fields)) {
      if (v.accuracy === null || v.accuracy >= minField) continue;
      failures.push({
        fixture, type: s.type, kind: "field", measure: `fields.${f}`, value: v.accuracy, limit: minField,
        message: `${s.type}: ${f} accuracy ${fmt4(v.accuracy)} (${v.correct}/${v.compared}) is below --min-field ${minField}`,
      });
    }
  }
  return failures;
}
