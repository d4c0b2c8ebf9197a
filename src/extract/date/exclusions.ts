// Time-like spans that must not become dates (SPEC §4), each kept as a veto with a
// rule id for the review page: the year of a document number (〔2018〕 in
// 大医改办〔2018〕5号), relative dates (今年3月, 去年同期, 年底前 without a year) and
// redacted years (201x年, found by the scanner).
import * as chars from "../../text/chars.js";
import { SpanSet } from "../../text/line-index.js";
import type { Veto } from "../types.js";
import type { DatePatterns } from "./patterns.js";
import { START_DOC_BRACKET, START_RELATIVE, type CandidateStarts, type DateScanner } from "./scan.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call, which costs more
// than these small helpers themselves in the per-character loops below.
const { codeAt, isDigitCode } = chars;

const HAN = /\p{Script=Han}/u;

export interface DocNumberSpan {
  /** Start of the issuer abbreviation: up to 15 Han characters before the bracket. */
  start: number;
  /** Start of the bracketed year. */
  yearStart: number;
  end: number;
}

/**
 * Document numbers: issuer abbreviation, bracketed year, serial, 号. The
 * abbreviation has no delimiter of its own, so `start` is only right where the
 * caller's text begins with it (a line, a bracket); `yearStart` is always exact.
 */
export function docNumberSpans(t: string, p: DatePatterns, starts?: CandidateStarts): DocNumberSpan[] {
  const out: DocNumberSpan[] = [];
  let next = 0;
  if (starts) {
    for (let k = 0; k < starts.count; k++) {
      const i = starts.at[k]!;
      if (i >= next && starts.kind[k]! & START_DOC_BRACKET) next = docNumberAt(t, p, i, out);
    }
  } else {
    for (let i = 0; i < t.length; i++) if (i >= next && p.docBracketStart.has(t.charCodeAt(i))) next = docNumberAt(t, p, i, out);
  }
  return out;
}

/** The document number whose bracket opens at `i`, if any, into `out`; returns the first position to look at next. */
function docNumberAt(t: string, p: DatePatterns, i: number, out: DocNumberSpan[]): number {
  const br = p.docBrackets.find(([o]) => t.startsWith(o, i));
  if (!br) return i + 1;
  const [o, c] = br;
  const y = i + o.length;
  if (digitsAt(t, y, 4) !== 4 || !t.startsWith(c, y + 4)) return i + 1;
  let j = y + 4 + c.length;
  j += p.docSerialPrefix.at(t, j)?.length ?? 0;
  const serial = digitsAt(t, j, 5);
  if (serial === 0) return i + 1;
  j += serial;
  const suffix = p.docSuffix.at(t, j);
  if (!suffix) return i + 1;
  let s = i;
  while (s > 0 && i - s < 15 && HAN.test(t[s - 1]!)) s--;
  out.push({ start: s, yearStart: i, end: j + suffix.length });
  // The search goes on just after the serial, as it always has.
  return j + 1;
}

/** How many ASCII digits (at most `max`) run from `pos`. */
function digitsAt(t: string, pos: number, max: number): number {
  let k = 0;
  while (k < max && isDigitCode(codeAt(t, pos + k))) k++;
  return k;
}

/** Relative dates, outside the spans already taken by real dates. */
export function relativeVetoes(
  t: string,
  p: DatePatterns,
  scanner: DateScanner,
  taken: ReadonlyArray<{ start: number; end: number }>,
  starts?: CandidateStarts,
): Veto[] {
  const out: Veto[] = [];
  const takenSpans = new SpanSet(taken);
  let next = 0;
  if (starts) {
    for (let k = 0; k < starts.count; k++) {
      const i = starts.at[k]!;
      if (i >= next && starts.kind[k]! & START_RELATIVE) next = relativeAt(t, p, scanner, takenSpans, i, out);
    }
  } else {
    for (let i = 0; i < t.length; i++) {
      if (i >= next && p.relativeStart.has(t.charCodeAt(i))) next = relativeAt(t, p, scanner, takenSpans, i, out);
    }
  }
  return out;
}

/** The relative date at `i`, if any, as a veto into `out`; returns the first position to look at next. */
function relativeAt(t: string, p: DatePatterns, scanner: DateScanner, takenSpans: SpanSet, i: number, out: Veto[]): number {
  const prev = codeAt(t, i - 1);
  // "5年内", "2015年底" (the latter is a date already): a number before it is no relative date.
  if (isDigitCode(prev) || p.numerals.isChineseCode(prev)) return i + 1;
  const year = p.relativeYears.at(t, i);
  if (year) {
    let end = scanner.narrowAfter(i + year.length);
    end += p.relativeTails.at(t, end)?.length ?? 0;
    if (!takenSpans.overlaps(i, end)) {
      out.push({ start: i, end, rule: "date/relative", why: "a year relative to the writing (今年, 去年…) is never resolved" });
    }
    return end;
  }
  const word = p.relativeWords.at(t, i);
  if (!word) return i + 1;
  const end = i + word.length;
  if (!takenSpans.overlaps(i, end)) {
    out.push({ start: i, end, rule: "date/relative", why: "a time without a written year (年底前, 近年来) is never resolved" });
  }
  return end;
}
