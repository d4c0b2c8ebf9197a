// Reading the clause around a metric for what the span itself does not say: the
// category of a number written without a counter (SPEC §3 "No counter
// written") and the denominator of a norm (`per`: "每千常住人口…1.4张").
import { UnitSet } from "../../numbers/code-units.js";
import type { MetricCategory, MetricPatterns } from "./patterns.js";
import { originalOf, type MetricRead, type ScanContext } from "./scan.js";

/** Punctuation that ends a clause; the cues of a number stay inside its clause. */
const CLAUSE_END_CHARS = ["，", "。", "；", ",", ";", "！", "？", "!", "?", "\n", ":", "："];
/** As code units: the clause walks below test every character of up to 40 before each metric. */
const CLAUSE_END = new UnitSet(CLAUSE_END_CHARS);
const WINDOW = 16;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A clause stop, except a comma inside a number ("1,532万"). */
function stopsAt(text: string, k: number, stops: UnitSet): boolean {
  const c = text.charCodeAt(k);
  if (!stops.has(c)) return false;
  return !(c === 0x2c && isDigitCode(text.charCodeAt(k - 1)) && isDigitCode(text.charCodeAt(k + 1)));
}

export function clauseBefore(text: string, start: number, max: number, stops: UnitSet = CLAUSE_END): number {
  let k = start;
  while (k > 0 && start - k < max && !stopsAt(text, k - 1, stops)) k--;
  return k;
}

function clauseAfter(text: string, end: number, max: number, stops: UnitSet): number {
  let k = end;
  while (k < text.length && k - end < max && !stopsAt(text, k, stops)) k++;
  return k;
}

const FORWARD_STOPS = new UnitSet([...CLAUSE_END_CHARS, "、"]);

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

/** Last index of (non-empty) `word` starting in [from, to) and ending by `to`, or -1; never scans outside (nor slices). */
export function lastIndexWithin(text: string, word: string, from: number, to: number): number {
  for (let k = to - word.length; k >= from; k--) if (text.startsWith(word, k)) return k;
  return -1;
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
    if (k > nounStart && p.pre.perStopFirst.at(text, k) && p.perStopRe.test(text)) break;
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
  // One walk back to the clause start (clauseBefore(text, start, 40)) that also
  // notes whether the marker, or a denominator written without it, lies in the
  // clause: most clauses hold neither ("万" before a number starts "万元医疗收入"
  // far more rarely than "5.6万"), and then there is nothing more to read.
  const marker = p.perMarker;
  const markerFirst = marker.charCodeAt(0);
  const bareWords = p.pre.perBareWords;
  let from = start;
  let hasMarker = false;
  let hasBare = false;
  while (from > 0 && start - from < 40) {
    const k = from - 1;
    const c = text.charCodeAt(k);
    if (CLAUSE_END.has(c) && stopsAt(text, k, CLAUSE_END)) break;
    if (c === markerFirst && k + marker.length <= start && text.startsWith(marker, k)) hasMarker = true;
    if (!hasBare && bareWords.anyStartingWithin(text, k, start)) hasBare = true;
    from--;
  }
  const at = hasMarker ? lastIndexWithin(text, marker, from, start) : -1;
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
  if (hasBare && p.perBareRe) {
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

/** The attribution fields of a metric before attribution runs (or with --no-attribution). */
export const UNATTRIBUTED = { indicator: null, subject: null, year: null, time: null, role: "level" } as const;
