// Finding metric spans and resolving their values: from a numeral at a position,
// read a range or rate, 余/多, the scale word and the unit, then value the whole
// (SPEC §3 spans). Context rules that stop a span live in exclusions.ts;
// qualifiers, lists and denominators are applied afterwards to all spans.
import type { UnitSet } from "../../numbers/code-units.js";
import { tidy, type Joins, type NumeralRead, type ReadOptions } from "../../numbers/index.js";
import type { TextView } from "../../text/view.js";
import type { Veto } from "../types.js";
import { candidateVeto, tokenVeto } from "./exclusions.js";
import type { MetricCategory, MetricPatterns, QualifierName, UnitSpec } from "./patterns.js";

export interface ScanContext {
  text: string;
  view: TextView;
  p: MetricPatterns;
  /** `{ joins }` for the number reader, built once per document rather than per numeral read. */
  readOpts: ReadOptions;
  /** The same, accepting "。" as a decimal point ("78。5万人次"). */
  readOptsPoint: ReadOptions;
}

/** Adjacency in the original of view offsets, for the number reader: "1. 推进" lost its space in the view. */
export class ViewJoins implements Joins {
  constructor(private readonly view: TextView) {}

  joined(i: number): boolean {
    return i > 0 && i < this.view.text.length && this.view.toOriginalStart(i) === this.view.toOriginalStart(i - 1) + 1;
  }

  /**
   * The view only deletes, so original offsets grow by at least one per view
   * character: all of a span's neighbours are joined iff its ends are as far
   * apart in the original as in the view.
   */
  joinedSpan(start: number, end: number): boolean {
    if (end - start <= 1) return true;
    return start >= 0 && end <= this.view.text.length &&
      this.view.toOriginalStart(end - 1) - this.view.toOriginalStart(start) === end - 1 - start;
  }
}

export function scanContext(view: TextView, p: MetricPatterns): ScanContext {
  const joins = new ViewJoins(view);
  return { text: view.text, view, p, readOpts: { joins }, readOptsPoint: { joins, ideographicPoint: true } };
}

/** A metric span with its value, before qualifiers and lists are applied. */
export interface MetricRead {
  start: number;
  end: number;
  /**
   * View range whose original text is `number`, less the stretch [gapStart,
   * gapEnd) when gapStart >= 0 ("1.3万-1.5万": the first 万 and the dash are not
   * part of "1.3-1.5"). Four numbers rather than an array of pairs per metric.
   */
  numberStart: number;
  numberEnd: number;
  gapStart: number;
  gapEnd: number;
  value: number;
  valueMax: number | null;
  multiplier: number;
  unit: string;
  category: MetricCategory;
  /** 余/多 inside the span, or a unit word that carries a qualifier ("3个多月"). */
  inside: QualifierName | null;
  per: string | null;
  rule: string;
  /** No counter written: the category comes from the context (SPEC §3). */
  noCounter: boolean;
}

/** A bare Arabic number that may take the unit of a list it belongs to ("分别提高1.2和2.1个百分点"). */
export interface BareRead {
  start: number;
  end: number;
  /** Tidied (valueTimes). */
  value: number;
}

/**
 * What a numeral read to: a metric, a bare number, a veto or nothing; scanning
 * resumes at `next`. One object shape for all four (the field of the kind is set,
 * the others null), so that the scan loop's reads of it stay monomorphic.
 */
export interface ScanStep {
  kind: "metric" | "bare" | "veto" | "none";
  read: MetricRead | null;
  bare: BareRead | null;
  veto: Veto | null;
  next: number;
}

function metricStep(read: MetricRead, next: number): ScanStep {
  return { kind: "metric", read, bare: null, veto: null, next };
}

function noneStep(next: number): ScanStep {
  return { kind: "none", read: null, bare: null, veto: null, next };
}

/** A veto, or nothing when the rule drops the span silently (Stop.veto null). */
function stopStep(stop: { veto: Veto | null; next: number }): ScanStep {
  return { kind: stop.veto ? "veto" : "none", read: null, bare: null, veto: stop.veto, next: stop.next };
}

interface Tail {
  end: number;
  multiplier: number;
  scaled: boolean;
  inside: boolean;
  unit: UnitSpec | null;
  unitEnd: number;
  /** "1.5万元/室": the denominator after "/". */
  perUnit: string | null;
}

function matchUnit(sc: ScanContext, i: number, arabic: boolean, numStart: number): UnitSpec | null {
  const { text } = sc;
  if (!sc.p.pre.unitFirst.at(text, i)) return null;
  const list = sc.p.unitsByFirst.get(text.charCodeAt(i));
  if (!list) return null;
  for (let k = 0; k < list.length; k++) {
    const u = list[k]!;
    if (!text.startsWith(u.word, i)) continue;
    if (u.arabic_only && !arabic) continue;
    if (u.chinese_only && arabic) continue;
    if (anyWordEndsAt(text, u.not_after, numStart)) continue;
    if (anyWordStartsAt(text, u.not_before, i + u.word.length)) continue;
    return u;
  }
  return null;
}

/** Over mark, scale word, over mark, unit — each optional — from `pos`. */
function readTail(sc: ScanContext, pos: number, allowScale: boolean, arabic: boolean, numStart: number): Tail {
  const { text, p } = sc;
  const r = p.reader;
  let at = pos;
  let multiplier = 1;
  let scaled = false;
  let inside = false;
  // A unit that starts like a scale word wins: "3千米" is 千米, "5百分点" is 百分点.
  let unit = matchUnit(sc, at, arabic, numStart);
  if (!unit) {
    const o = r.readOver(text, at);
    if (o >= 0) {
      inside = true;
      at = o;
    }
    if (allowScale) {
      const s = r.readScale(text, at);
      if (s) {
        multiplier = s.multiplier;
        scaled = true;
        at = s.end;
      }
    }
    if (!inside && scaled) {
      const o2 = r.readOver(text, at);
      if (o2 >= 0) {
        inside = true;
        at = o2;
      }
    }
    // (Nothing read since the first try: the same question, the same answer.)
    if (at !== pos) unit = matchUnit(sc, at, arabic, numStart);
  }
  let unitEnd = at;
  let perUnit: string | null = null;
  if (unit) {
    unitEnd = at + unit.word.length;
    // perUnitRe starts with "/": skip the exec when the unit is not followed by one.
    p.perUnitRe.lastIndex = unitEnd;
    const m = text.charCodeAt(unitEnd) === 0x2f ? p.perUnitRe.exec(text) : null;
    if (m && !isDigitCode(codeAt(text, unitEnd + m[0].length))) {
      perUnit = m[1]!;
      unitEnd += m[0].length;
    } else if (unit.trailing_over && !inside) {
      // "两年多", "1年多": 多/余 after a time unit stays in the span.
      const o = r.readOver(text, unitEnd);
      if (o >= 0 && !matchUnit(sc, o, arabic, numStart)) {
        inside = true;
        unitEnd = o;
      }
    }
  }
  // Without a unit the span ends after the scale or 余/多: "543万", "240余医护人员".
  return { end: unitEnd, multiplier, scaled, inside, unit, unitEnd, perUnit };
}

const RATE_DENOMINATORS = new Set([100, 1000, 10000, 100000, 1000000]);

// Module-local on purpose (see code-units.ts): these run at every numeral.
function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** text.charCodeAt(i), or -1 outside the text (no NaN, and no string as text[i] would make). */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

function anyWordEndsAt(text: string, words: readonly string[], end: number): boolean {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (end >= w.length && text.startsWith(w, end - w.length)) return true;
  }
  return false;
}

function anyWordStartsAt(text: string, words: readonly string[], at: number): boolean {
  for (let k = 0; k < words.length; k++) if (text.startsWith(words[k]!, at)) return true;
  return false;
}

/**
 * tidy(n.value × mult) without tidy's toPrecision where it cannot change
 * anything: an Arabic numeral of at most 15 characters unscaled is the double
 * nearest a decimal of at most 15 significant digits, which tidy returns as is.
 */
export function valueTimes(n: NumeralRead, mult: number): number {
  return mult === 1 && n.script === "arabic" && n.end - n.start <= 15 ? n.value : tidy(n.value * mult);
}

/** Both plain numerals of one script: the two ends of a range. */
function sameScript(a: NumeralRead, b: NumeralRead | null): b is NumeralRead {
  return b !== null && b.script === a.script && b.max === null && a.max === null;
}

/**
 * Whether `marker` ends the two characters (plus its own length) before `i`,
 * white space aside: text.slice(i - marker.length - 2, i).trimEnd().endsWith(marker),
 * without the strings.
 */
function markerJustBefore(text: string, marker: string, i: number, spaces: UnitSet): boolean {
  const lo = Math.max(0, i - marker.length - 2);
  const k = spaces.skipBackward(text, lo, i);
  return k - lo >= marker.length && text.startsWith(marker, k - marker.length);
}

function veto(start: number, end: number, rule: string, why: string, next: number): ScanStep {
  return { kind: "veto", read: null, bare: null, veto: { start, end, rule, why }, next };
}

/** Read the metric (or veto) starting at view offset `i`, where the start regex matched. */
export function scanAt(sc: ScanContext, i: number): ScanStep {
  const { text, p } = sc;
  const r = p.reader;

  // "百分之三十", "千分之五"
  const arabic = isDigitCode(codeAt(text, i));
  const fp = !arabic && !r.chineseStartAt(text, i) ? r.readFractionPrefix(text, i) : null;
  if (fp) {
    const n = r.readAt(text, fp.end, sc.readOpts);
    if (!n || n.max !== null) return noneStep(fp.end);
    const read: MetricRead = {
      start: i,
      end: n.groupEnd,
      numberStart: n.start,
      numberEnd: n.end,
      gapStart: -1,
      gapEnd: -1,
      value: tidy(n.value * n.groupMultiplier),
      valueMax: null,
      multiplier: n.groupMultiplier,
      unit: fp.unit,
      category: fp.category as MetricCategory,
      inside: null,
      per: null,
      rule: "metric/percent",
      noCounter: false,
    };
    return metricStep(read, n.groupEnd);
  }

  let n1 = r.readAt(text, i, sc.readOpts);
  if (!n1) return noneStep(Math.max(r.chineseRunEnd(text, i), i + 1));
  // "78。5万人次": 。 between digits before a scale or unit is a typo for "." (SPEC §3).
  if (arabic && codeAt(text, n1.end) === 0x3002 && isDigitCode(codeAt(text, n1.end + 1))) {
    const alt = r.readAt(text, i, sc.readOptsPoint);
    if (alt && alt.ideographicPoint) {
      const t = readTail(sc, alt.end, true, true, i);
      if (t.unit || t.scaled) n1 = alt;
    }
  }

  const pre = tokenVeto(sc, n1);
  if (pre) return stopStep(pre);

  // Ranges: "1-2名", "3至5年", "两三个" (a pair, read by the number reader),
  // "1.3万-1.5万", "10%-20%".
  let n2: NumeralRead | null = null;
  let firstMultiplier: number | null = null;
  let tail: Tail | null = null;
  let rate: { end: number; per: string; unit: string } | null = null;
  let ownEnd = -1;

  if (n1.groupMultiplier === 1) {
    const c = r.readRangeConnector(text, n1.end);
    if (c) {
      const b = r.readAt(text, c.end, sc.readOpts);
      if (sameScript(n1, b) && b.value > n1.value && !b.leadingZero && !n1.leadingZero) {
        n2 = b;
        tail = readTail(sc, b.groupEnd, b.groupMultiplier === 1, arabic, i);
        if (b.groupMultiplier !== 1) tail.multiplier = b.groupMultiplier;
      }
    }
  }
  if (!n2) {
    // The first number's own scale or unit repeated after a dash: "1.3万-1.5万",
    // "10%-20%", "3年-5年".
    const own = readTail(sc, n1.groupEnd, n1.groupMultiplier === 1, arabic, i);
    const ownMult = n1.groupMultiplier !== 1 ? n1.groupMultiplier : own.multiplier;
    if ((ownMult !== 1 || own.unit) && !own.inside && !own.perUnit && n1.max === null) {
      const c = r.readRangeConnector(text, own.end);
      if (c && !c.bareOnly) {
        const b = r.readAt(text, c.end, sc.readOpts);
        if (sameScript(n1, b) && !b.leadingZero) {
          const t2 = readTail(sc, b.groupEnd, b.groupMultiplier === 1, arabic, i);
          const bMult = b.groupMultiplier !== 1 ? b.groupMultiplier : t2.multiplier;
          const ok = own.unit
            ? t2.unit?.word === own.unit.word && bMult === ownMult && !t2.perUnit
            : bMult !== 1 && !t2.inside;
          if (ok && b.value * bMult > n1.value * ownMult) {
            n2 = b;
            firstMultiplier = ownMult;
            ownEnd = own.end;
            tail = t2;
            if (b.groupMultiplier !== 1) tail.multiplier = b.groupMultiplier;
          }
        }
      }
    }
    if (!n2) {
      // "5.5/10万": a rate per N population keeps the value as written (SPEC §3 Rates).
      if (arabic && codeAt(text, n1.end) === 0x2f && isDigitCode(codeAt(text, n1.end + 1))) {
        const d = r.readAt(text, n1.end + 1, sc.readOpts);
        if (d && d.plain) {
          const s = r.readScale(text, d.end);
          if (s || RATE_DENOMINATORS.has(d.value)) {
            const end = s ? s.end : d.end;
            // `per` as written ("１０万"), the unit normalised ("1/10万").
            rate = {
              end,
              per: originalOf(sc, d.start, end).replace(/\s+/gu, ""),
              unit: `1/${text.slice(d.start, end).replace(/\s+/gu, "")}`,
            };
          }
        }
      }
      tail = own;
      if (n1.groupMultiplier !== 1) tail.multiplier = n1.groupMultiplier;
    }
  }
  tail = tail!;

  const cv = candidateVeto(sc, n1, n2, tail);
  if (cv) return stopStep(cv);

  // "每3名失能老年人", "每10万人口": a single number right after 每 is the
  // denominator of a norm (it goes to `per`); a range there ("每3-10万居民") is a
  // planning size and stays a metric.
  if (n2 === null && n1.max === null && !rate && (tail.unit || tail.scaled) && markerJustBefore(text, p.perMarker, i, p.pre.spaces)) {
    return veto(i, tail.end, "metric-veto/denominator", "the denominator of a norm (goes to per)", tail.end);
  }

  const last = n2 ?? n1;
  // The number as written: "3至5", or "1.3-1.5" without the first scale word.
  const numberEnd = n2 === null ? n1.end : n2.end;
  const gapStart = n2 !== null && firstMultiplier !== null ? n1.end : -1;
  const gapEnd = gapStart >= 0 ? ownEnd : -1;

  if (rate) {
    const read: MetricRead = {
      start: i,
      end: rate.end,
      numberStart: n1.start,
      numberEnd: n1.end,
      gapStart: -1,
      gapEnd: -1,
      value: n1.value,
      valueMax: null,
      multiplier: 1,
      unit: rate.unit,
      category: "rate",
      inside: null,
      per: rate.per,
      rule: "metric/rate",
      noCounter: false,
    };
    return metricStep(read, rate.end);
  }

  const mult = tail.multiplier;
  const lowMult = firstMultiplier ?? mult;
  let value = valueTimes(n1, lowMult);
  let valueMax: number | null = null;
  if (n2) valueMax = valueTimes(n2, mult);
  else if (n1.max !== null) valueMax = tidy(n1.max * mult);
  if (n1.max !== null) value = tidy(n1.value * mult);

  // The span and value are the same whether a counter follows or not; only what
  // the tail says differs. Fields in one order, so every read has one shape.
  const numberRead = (said: Pick<MetricRead, "unit" | "category" | "inside" | "per" | "rule" | "noCounter">): MetricRead => ({
    start: i,
    end: tail.end,
    numberStart: n1.start,
    numberEnd,
    gapStart,
    gapEnd,
    value,
    valueMax,
    multiplier: mult,
    unit: said.unit,
    category: said.category,
    inside: said.inside,
    per: said.per,
    rule: said.rule,
    noCounter: said.noCounter,
  });

  if (tail.unit) {
    const u = tail.unit;
    const unitName = u.unit ?? u.word;
    const isPercent = u.category === "percent" || u.category === "permille" || u.category === "percentage_point";
    return metricStep(numberRead({
      unit: tail.perUnit ? `${unitName}/${tail.perUnit}` : unitName,
      category: u.category,
      inside: u.qualifier ?? (tail.inside ? p.insideQualifier : null),
      per: tail.perUnit,
      rule: isPercent ? "metric/percent" : n2 ? "metric/range" : n1.max !== null ? "metric/approx-pair" : "metric/number-unit",
      noCounter: false,
    }), tail.end);
  }

  // No counter written: "543万城乡居民", "年销售额过10亿", "240余医护人员".
  const scaled = mult !== 1;
  if ((scaled || tail.inside) && !(n1.script === "chinese" && !scaled && n1.value < 10)) {
    return metricStep(numberRead({
      unit: "",
      category: "other",
      inside: tail.inside ? p.insideQualifier : null,
      per: null,
      rule: "metric/no-counter",
      noCounter: true,
    }), tail.end);
  }
  if (arabic && n2 === null && !rate && !tail.inside && !tail.scaled && !n1.leadingZero &&
    !(n1.plain && n1.end - n1.start === 4 && n1.value >= 1000 && n1.value <= 2999) &&
    !((p.pre.ordinalBeforeLast?.endsBefore(text, Math.max(0, i - 3), i, p.pre.blanks) ?? true) &&
      p.ex.ordinalBefore.test(text.slice(Math.max(0, i - 3), i)))) {
    return { kind: "bare", read: null, bare: { start: i, end: n1.end, value: valueTimes(n1, 1) }, veto: null, next: n1.end };
  }
  return noneStep(Math.max(last.groupEnd, i + 1));
}

export function originalOf(sc: ScanContext, start: number, end: number): string {
  return sc.view.original.slice(sc.view.toOriginalStart(start), sc.view.toOriginalEnd(end));
}
