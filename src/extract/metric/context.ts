// Reading the clause around a metric for what the span itself does not say: the
// category of a number written without a counter (SPEC §3 "No counter
// written") and the denominator of a norm (`per`: "每千常住人口…1.4张").
import type { MetricCategory, MetricPatterns } from "./patterns.js";
import { originalOf, type MetricRead, type ScanContext } from "./scan.js";

/** Punctuation that ends a clause; the cues of a number stay inside its clause. */
const CLAUSE_END = new Set(["，", "。", "；", ",", ";", "！", "？", "!", "?", "\n", ":", "："]);
const WINDOW = 16;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** A clause stop, except a comma inside a number ("1,532万"). */
function stopsAt(text: string, k: number, stops: ReadonlySet<string>): boolean {
  const ch = text[k]!;
  if (!stops.has(ch)) return false;
  return !(ch === "," && isDigit(text[k - 1]) && isDigit(text[k + 1]));
}

export function clauseBefore(text: string, start: number, max: number, stops: ReadonlySet<string> = CLAUSE_END): number {
  let k = start;
  while (k > 0 && start - k < max && !stopsAt(text, k - 1, stops)) k--;
  return k;
}

function clauseAfter(text: string, end: number, max: number, stops: ReadonlySet<string>): number {
  let k = end;
  while (k < text.length && k - end < max && !stopsAt(text, k, stops)) k++;
  return k;
}

const FORWARD_STOPS = new Set([...CLAUSE_END, "、"]);

/** Category of a number without a counter: the counted noun after it, else the nearest indicator word before it. */
export function noCounterCategory(text: string, p: MetricPatterns, read: MetricRead): MetricCategory {
  const fwdEnd = clauseAfter(text, read.end, WINDOW, FORWARD_STOPS);
  let fwd = text.slice(read.end, fwdEnd);
  for (const w of p.noCounterAfterStops) {
    const k = fwd.indexOf(w);
    if (k >= 0) fwd = fwd.slice(0, k);
  }
  p.noCounterAfterRe.lastIndex = 0;
  const f = p.noCounterAfterRe.exec(fwd);
  if (f) return p.noCounterAfter.get(f[0])!;
  const backStart = clauseBefore(text, read.start, WINDOW);
  const back = text.slice(backStart, read.start);
  p.noCounterBeforeRe.lastIndex = 0;
  let last: string | null = null;
  let m: RegExpExecArray | null;
  while ((m = p.noCounterBeforeRe.exec(back))) last = m[0];
  return last ? p.noCounterBefore.get(last)! : "other";
}

/** Last index of `word` starting in [from, to) and ending by `to`, or -1; never scans outside. */
export function lastIndexWithin(text: string, word: string, from: number, to: number): number {
  const k = text.slice(from, to).lastIndexOf(word);
  return k < 0 ? -1 : from + k;
}

export interface PerFound {
  text: string;
  /** A population denominator ("每千常住人口"): it also covers the figures that follow in the sentence. */
  population: boolean;
  /** View offset of the 每 that opens it (-1 for a bare denominator). */
  at: number;
}

/**
 * End of the denominator opened by the marker at `at` (not beyond `limit`), or -1.
 * Frequencies end at their time word ("每年"); population denominators at their
 * noun ("每千常住人口"); others at the first stop word ("每个中心|设置").
 */
function phraseEnd(sc: ScanContext, at: number, limit: number): { end: number; population: boolean } {
  const { text, p } = sc;
  const after = at + p.perMarker.length;
  p.perTimeRe.lastIndex = after;
  const t = p.perTimeRe.exec(text);
  if (t && after + t[0].length <= limit) return { end: after + t[0].length, population: false };
  p.perScaleRe.lastIndex = at;
  const s = p.perScaleRe.exec(text);
  if (s && at + s[0].length <= limit) return { end: at + s[0].length, population: true };
  let k = after;
  while (k < limit && (isDigit(text[k]) || text[k] === ".")) k++; // "每3名失能老年人"
  const nounStart = k;
  while (k < limit) {
    if (text[k] === "(") {
      // "每个县(市、区)": a bracketed aside stays in the denominator.
      const close = text.slice(k, Math.min(limit, k + 11)).indexOf(")") + k;
      if (close > k) {
        k = close + 1;
        continue;
      }
    }
    p.perStopRe.lastIndex = k;
    if (p.perStopRe.test(text) && k > nounStart) break;
    k++;
  }
  if (k === nounStart || k - at > p.perMaxLength || !/[\u3400-\u9fff]/u.test(text.slice(nounStart, k))) {
    return { end: -1, population: false };
  }
  return { end: k, population: false };
}

/** The denominator written before a metric in its clause, or null. */
export function perBefore(sc: ScanContext, start: number): PerFound | null {
  const { text, p } = sc;
  const from = clauseBefore(text, start, 40);
  const at = lastIndexWithin(text, p.perMarker, from, start);
  if (at >= from) {
    const ph = phraseEnd(sc, at, start);
    if (ph.end > 0) {
      // "每人每月", "每名签约居民每年": denominators written one after another.
      let first = at;
      for (;;) {
        const prev = lastIndexWithin(text, p.perMarker, from, first);
        if (prev < from) break;
        if (phraseEnd(sc, prev, first).end !== first) break;
        first = prev;
      }
      return { text: originalOf(sc, first, ph.end).replace(/\s+/gu, ""), population: ph.population, at: first };
    }
  }
  if (p.perBareRe) {
    const clause = text.slice(from, start);
    p.perBareRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    let found: RegExpExecArray | null = null;
    while ((m = p.perBareRe.exec(clause))) found = m;
    if (found) {
      const s = from + found.index;
      return { text: originalOf(sc, s, s + found[0].length).replace(/\s+/gu, ""), population: false, at: -1 };
    }
  }
  return null;
}
