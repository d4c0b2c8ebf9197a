// Time-like spans that must not become dates (SPEC §4), each kept as a veto with a
// rule id for the review page: the year of a document number (〔2018〕 in
// 大医改办〔2018〕5号), relative dates (今年3月, 去年同期, 年底前 without a year) and
// redacted years (201x年, found by the scanner).
import { SpanSet } from "../../text/line-index.js";
import type { Veto } from "../types.js";
import { isAsciiDigit } from "./numerals.js";
import type { DatePatterns } from "./patterns.js";
import type { DateScanner } from "./scan.js";

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
export function docNumberSpans(t: string, p: DatePatterns): DocNumberSpan[] {
  const out: DocNumberSpan[] = [];
  const opens = new Set(p.docBrackets.map(([o]) => o.charCodeAt(0)));
  for (let i = 0; i < t.length; i++) {
    if (!opens.has(t.charCodeAt(i))) continue;
    const br = p.docBrackets.find(([o]) => t.startsWith(o, i));
    if (!br) continue;
    const [o, c] = br;
    const y = t.slice(i + o.length, i + o.length + 4);
    if (!/^\d{4}$/u.test(y) || !t.startsWith(c, i + o.length + 4)) continue;
    let j = i + o.length + 4 + c.length;
    j += p.docSerialPrefix.at(t, j)?.length ?? 0;
    const serial = /^\d{1,5}/u.exec(t.slice(j, j + 6));
    if (!serial) continue;
    j += serial[0].length;
    const suffix = p.docSuffix.at(t, j);
    if (!suffix) continue;
    let s = i;
    while (s > 0 && i - s < 15 && HAN.test(t[s - 1]!)) s--;
    out.push({ start: s, yearStart: i, end: j + suffix.length });
    i = j;
  }
  return out;
}

/** Relative dates, outside the spans already taken by real dates. */
export function relativeVetoes(
  t: string,
  p: DatePatterns,
  scanner: DateScanner,
  taken: ReadonlyArray<{ start: number; end: number }>,
): Veto[] {
  const out: Veto[] = [];
  const takenSpans = new SpanSet(taken);
  for (let i = 0; i < t.length; i++) {
    if (!p.relativeStart[t.charCodeAt(i)]) continue;
    const prev = t[i - 1];
    // "5年内", "2015年底" (the latter is a date already): a number before it is no relative date.
    if (isAsciiDigit(prev) || p.numerals.isChinese(prev)) continue;
    const year = p.relativeYears.at(t, i);
    if (year) {
      let end = scanner.narrowAfter(i + year.length);
      end += p.relativeTails.at(t, end)?.length ?? 0;
      const span = { start: i, end };
      if (!takenSpans.overlaps(span.start, span.end)) {
        out.push({ ...span, rule: "date/relative", why: "a year relative to the writing (今年, 去年…) is never resolved" });
      }
      i = end - 1;
      continue;
    }
    const word = p.relativeWords.at(t, i);
    if (word) {
      const span = { start: i, end: i + word.length };
      if (!takenSpans.overlaps(span.start, span.end)) {
        out.push({ ...span, rule: "date/relative", why: "a time without a written year (年底前, 近年来) is never resolved" });
      }
      i = span.end - 1;
    }
  }
  return out;
}
