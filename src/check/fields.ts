// What is compared for each record type: the fields whose accuracy is reported over
// matched pairs, and the key fields that (with an exact span) make a match strict.
// A field absent from an expected record is not compared, so annotations may be
// partial (the seed gold, for instance, leaves `per` out).
import type { RecordType } from "../records.js";

export interface TypeFields {
  /** Fields whose accuracy is reported, in display order. */
  compared: readonly string[];
  /** Fields that must agree for a strict match. */
  key: readonly string[];
  /** Whether a strict match needs the exact span (a document spans the whole text). */
  exactSpan: boolean;
}

const DOCUMENT_FIELDS = ["title", "doc_number", "issuer", "issued", "issue"] as const;

export const FIELDS: Record<RecordType, TypeFields> = {
  metric: {
    compared: ["value", "value_max", "unit", "qualifier", "category", "indicator", "subject", "year", "role"],
    key: ["value", "unit", "value_max"],
    exactSpan: true,
  },
  date: {
    compared: ["date", "date_end", "granularity", "part", "role"],
    key: ["date", "date_end"],
    exactSpan: true,
  },
  responsible_unit: {
    compared: ["name", "role", "position", "task"],
    key: ["name"],
    exactSpan: true,
  },
  // subtitle is our addition to SPEC §6: reported where an annotation gives it, not a match key.
  document: { compared: [...DOCUMENT_FIELDS, "subtitle"], key: DOCUMENT_FIELDS, exactSpan: false },
};

/** Keys of an expected record that only locate or annotate it; never compared. */
export const PROVENANCE_KEYS = new Set([
  "type", "doc", "text", "start", "end", "line", "sentence", "section", "rule", "optional", "note",
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Whether an actual value agrees with the expected one. Numbers agree within a
 * relative 1e-9 (698.1 × 10000 is 6981000.000000001 in floating point); an
 * expected object is compared on the keys it lists (task {number, title}); a
 * missing actual value counts as null.
 */
export function sameValue(expected: unknown, actual: unknown): boolean {
  const a = actual === undefined ? null : actual;
  if (expected === null || expected === undefined) return a === null;
  if (typeof expected === "number") {
    if (typeof a !== "number") return false;
    return Math.abs(expected - a) <= 1e-9 * Math.max(1, Math.abs(expected), Math.abs(a));
  }
  if (Array.isArray(expected)) {
    return Array.isArray(a) && a.length === expected.length && expected.every((e, i) => sameValue(e, a[i]));
  }
  if (isObject(expected)) {
    return isObject(a) && Object.keys(expected).every((k) => sameValue(expected[k], a[k]));
  }
  return expected === a;
}

/** The compared fields an expected record actually states. */
export function comparedFields(type: RecordType, expected: Record<string, unknown>): string[] {
  return FIELDS[type].compared.filter((f) => Object.hasOwn(expected, f));
}

/** Whether every key field the expected record states agrees. */
export function keysAgree(type: RecordType, expected: Record<string, unknown>, actual: Record<string, unknown>): boolean {
  return FIELDS[type].key.every((f) => !Object.hasOwn(expected, f) || sameValue(expected[f], actual[f]));
}
