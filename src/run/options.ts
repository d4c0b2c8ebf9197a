// Parsing and checking of the options every document-processing command shares.
// Bad values become a UsageError: one line and a hint, never a stack trace.
import { availableParallelism } from "node:os";
import type { EncodingChoice } from "../load/decode.js";
import { loadPatterns, PatternError, type PatternSet } from "../patterns/load.js";
import { processDocument } from "../pipeline.js";
import { RECORD_TYPES, type RecordType } from "../records.js";

export class UsageError extends Error {}

export function parseTypes(value: string | undefined): Set<RecordType> {
  if (!value) return new Set(RECORD_TYPES);
  const out = new Set<RecordType>();
  for (const t of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const norm = t === "unit" || t === "units" ? "responsible_unit" : t;
    if (!(RECORD_TYPES as readonly string[]).includes(norm)) {
      throw new UsageError(`unknown record type '${t}' (choose from ${RECORD_TYPES.join(", ")})`);
    }
    out.add(norm as RecordType);
  }
  return out;
}

export function parseEncoding(value: string): EncodingChoice {
  const v = value.toLowerCase().replace(/[-_]/gu, "");
  if (v === "auto") return "auto";
  if (v === "utf8") return "utf8";
  if (v === "gb18030" || v === "gbk" || v === "gb2312") return "gb18030";
  throw new UsageError(`unknown encoding '${value}' (choose auto, utf8 or gb18030)`);
}

export function parseJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, availableParallelism());
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--jobs takes a whole number from 1 to 256, not '${value}'`);
  return n;
}

export function parseShard(value: string | undefined): [number, number] | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/u.exec(value);
  const k = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/8, not '${value}'`);
  return [k, n];
}

export function loadPatternsOrFail(dirs: readonly string[]): PatternSet {
  try {
    const set = loadPatterns(dirs);
    // Sections compile lazily; run every extractor once on a token text so that a
    // mistake in a user's pattern file is a usage error now, not a failure per file.
    processDocument({ doc: "-", text: "2020年，共1个。", encoding: "utf-8", format: "txt" }, {
      types: new Set(RECORD_TYPES), attribution: true, explain: false, patterns: set,
    });
    return set;
  } catch (err) {
    if (err instanceof PatternError) throw new UsageError(`patterns: ${err.message}`);
    throw err;
  }
}

/** Commander collector for repeatable options. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
