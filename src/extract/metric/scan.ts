// Finding metric spans and resolving their values: from a numeral at a position,
// read a range or rate, 余/多, the scale word and the unit, then value the whole
// (SPEC §3 spans). Context rules that stop a span live in exclusions.ts;
// qualifiers, lists and denominators are applied afterwards to all spans.
import { tidy, type NumeralRead } from "../../numbers/index.js";
import type { TextView } from "../../text/view.js";
import type { Veto } from "../types.js";
import { candidateVeto, isAsciiDigit, tokenVeto } from "./exclusions.js";
import type { MetricCategory, MetricPatterns, QualifierName, UnitSpec } from "./patterns.js";

export interface ScanContext {
  text: string;
  view: TextView;
  p: MetricPatterns;
  /** Whether view offsets i-1 and i were adjacent in the original. */
  joined: (i: number) => boolean;
}

/** A metric span with its value, before qualifiers and lists are applied. */
export interface MetricRead {
  start: number;
  end: number;
  /** View ranges whose original text, joined, is `number`. */
  numberParts: Array<[number, number]>;
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
  value: number;
}

export type ScanStep =
  | { kind: "metric"; read: MetricRead; next: number }
  | { kind: "bare"; bare: BareRead; next: number }
  | { kind: "veto"; veto: Veto; next: number }
  | { kind: "none"; next: number };

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
  const list = sc.p.unitsByFirst.get(text[i] ?? "");
  if (!list) return null;
  for (const u of list) {
    if (!text.startsWith(u.word, i)) continue;
    if (u.arabic_only && !arabic) continue;
    if (u.chinese_only && arabic) continue;
    if (u.not_after.some((w) => text.slice(numStart - w.length, numStart) === w)) continue;
    const after = i + u.word.length;
    if (u.not_before.some((w) => text.startsWith(w, after))) continue;
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
    unit = matchUnit(sc, at, arabic, numStart);
  }
  let unitEnd = at;
  let perUnit: string | null = null;
  if (unit) {
    unitEnd = at + unit.word.length;
    p.perUnitRe.lastIndex = unitEnd;
    const m = p.perUnitRe.exec(text);
    if (m && !isAsciiDigit(text[unitEnd + m[0].length])) {
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

function veto(start: number, end: number, rule: string, why: string, next: number): ScanStep {
  return { kind: "veto", veto: { start, end, rule, why }, next };
}

/** Read the metric (or veto) starting at view offset `i`, where the start regex matched. */
export function scanAt(sc: ScanContext, i: number): ScanStep {
  const { text, p } = sc;
  const r = p.reader;

  // "百分之三十", "千分之五"
  const fp = !isAsciiDigit(text[i]) && !r.isChineseStart(text[i]) ? r.readFractionPrefix(text, i) : null;
  if (fp) {
    const n = r.readAt(text, fp.end, { joined: sc.joined });
    if (!n || n.max !== null) return { kind: "none", next: fp.end };
    const read: MetricRead = {
      start: i,
      end: n.groupEnd,
      numberParts: [[n.start, n.end]],
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
    return { kind: "metric", read, next: n.groupEnd };
  }

  const arabic = isAsciiDigit(text[i]);
  let n1 = r.readAt(text, i, { joined: sc.joined });
  if (!n1) return { kind: "none", next: Math.max(r.chineseRunEnd(text, i), i + 1) };
  // "78。5万人次": 。 between digits before a scale or unit is a typo for "." (SPEC §3).
  if (arabic && text[n1.end] === "。" && isAsciiDigit(text[n1.end + 1])) {
    const alt = r.readAt(text, i, { joined: sc.joined, ideographicPoint: true });
    if (alt && alt.ideographicPoint) {
      const t = readTail(sc, alt.end, true, true, i);
      if (t.unit || t.scaled) n1 = alt;
    }
  }

  const pre = tokenVeto(sc, n1);
  if (pre) return pre.veto ? { kind: "veto", veto: pre.veto, next: pre.next } : { kind: "none", next: pre.next };

  // Ranges: "1-2名", "3至5年", "两三个" (a pair, read by the number reader),
  // "1.3万-1.5万", "10%-20%".
  let n2: NumeralRead | null = null;
  let firstMultiplier: number | null = null;
  let tail: Tail | null = null;
  let rate: { end: number; per: string; unit: string } | null = null;
  let ownEnd = -1;
  const sameScript = (b: NumeralRead | null): b is NumeralRead =>
    b !== null && b.script === n1!.script && b.max === null && n1!.max === null;

  if (n1.groupMultiplier === 1) {
    const c = r.readRangeConnector(text, n1.end);
    if (c) {
      const b = r.readAt(text, c.end, { joined: sc.joined });
      if (sameScript(b) && b.value > n1.value && !b.leadingZero && !n1.leadingZero) {
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
        const b = r.readAt(text, c.end, { joined: sc.joined });
        if (sameScript(b) && !b.leadingZero) {
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
      if (arabic && text[n1.end] === "/" && isAsciiDigit(text[n1.end + 1])) {
        const d = r.readAt(text, n1.end + 1, { joined: sc.joined });
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
  if (cv) return cv.veto ? { kind: "veto", veto: cv.veto, next: cv.next } : { kind: "none", next: cv.next };

  // "每3名失能老年人", "每10万人口": a single number right after 每 is the
  // denominator of a norm (it goes to `per`); a range there ("每3-10万居民") is a
  // planning size and stays a metric.
  if (n2 === null && n1.max === null && !rate && (tail.unit || tail.scaled) &&
    text.slice(Math.max(0, i - p.perMarker.length - 2), i).trimEnd().endsWith(p.perMarker)) {
    return veto(i, tail.end, "metric-veto/denominator", "the denominator of a norm (goes to per)", tail.end);
  }

  const last = n2 ?? n1;
  const numberParts: Array<[number, number]> =
    n2 === null
      ? [[n1.start, n1.end]]
      : firstMultiplier === null
        ? [[n1.start, n2.end]]
        : [[n1.start, n1.end], [ownEnd, n2.end]];

  if (rate) {
    const read: MetricRead = {
      start: i,
      end: rate.end,
      numberParts: [[n1.start, n1.end]],
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
    return { kind: "metric", read, next: rate.end };
  }

  const mult = tail.multiplier;
  const lowMult = firstMultiplier ?? mult;
  let value = tidy(n1.value * lowMult);
  let valueMax: number | null = null;
  if (n2) valueMax = tidy(n2.value * mult);
  else if (n1.max !== null) valueMax = tidy(n1.max * mult);
  if (n1.max !== null) value = tidy(n1.value * mult);

  if (tail.unit) {
    const u = tail.unit;
    const unitName = u.unit ?? u.word;
    const isPercent = u.category === "percent" || u.category === "permille" || u.category === "percentage_point";
    const read: MetricRead = {
      start: i,
      end: tail.end,
      numberParts,
      value,
      valueMax,
      multiplier: mult,
      unit: tail.perUnit ? `${unitName}/${tail.perUnit}` : unitName,
      category: u.category,
      inside: u.qualifier ?? (tail.inside ? p.insideQualifier : null),
      per: tail.perUnit,
      rule: isPercent ? "metric/percent" : n2 ? "metric/range" : n1.max !== null ? "metric/approx-pair" : "metric/number-unit",
      noCounter: false,
    };
    return { kind: "metric", read, next: tail.end };
  }

  // No counter written: "543万城乡居民", "年销售额过10亿", "240余医护人员".
  const scaled = mult !== 1;
  if ((scaled || tail.inside) && !(n1.script === "chinese" && !scaled && n1.value < 10)) {
    const read: MetricRead = {
      start: i,
      end: tail.end,
      numberParts,
      value,
      valueMax,
      multiplier: mult,
      unit: "",
      category: "other",
      inside: tail.inside ? p.insideQualifier : null,
      per: null,
      rule: "metric/no-counter",
      noCounter: true,
    };
    return { kind: "metric", read, next: tail.end };
  }
  if (arabic && n2 === null && !rate && !tail.inside && !tail.scaled && !n1.leadingZero &&
    !(n1.plain && n1.end - n1.start === 4 && n1.value >= 1000 && n1.value <= 2999) &&
    !p.ex.ordinalBefore.test(text.slice(Math.max(0, i - 3), i))) {
    return { kind: "bare", bare: { start: i, end: n1.end, value: n1.value }, next: n1.end };
  }
  return { kind: "none", next: Math.max(last.groupEnd, i + 1) };
}

export function originalOf(sc: ScanContext, start: number, end: number): string {
  return sc.view.original.slice(sc.view.toOriginalStart(start), sc.view.toOriginalEnd(end));
}
