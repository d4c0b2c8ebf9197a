// The number reader shared by the metric and date extractors: reads one numeral
// at a position of a text (Arabic with thousands separators and decimals, or
// Chinese), a scale word after it, and whole numeral strings. It finds and
// values numbers only; what a number means (unit, year, list marker) is the
// caller's business.
import type { PatternSet } from "../patterns/load.js";
import { parseChineseExact, parseChineseRange } from "./chinese.js";
import { numeralTables, type NumeralTables } from "./tables.js";

export interface NumeralRead {
  /** View offsets of the numeral; for Chinese without its trailing 万/亿 group ("三千万" → "三千"). */
  start: number;
  end: number;
  value: number;
  /** Upper end of an approximate pair ("两三个", "三四十"), else null. */
  max: number | null;
  script: "arabic" | "chinese";
  /** Chinese only: the trailing 万/亿 run read as a scale, ending at `groupEnd`. */
  groupEnd: number;
  groupMultiplier: number;
  /** Arabic integer written without separators or decimals ("2018", "0411"). */
  plain: boolean;
  /** Arabic written with a leading zero ("0411", "04574"). */
  leadingZero: boolean;
  /** Read "。" between digits as a decimal point ("78。5"). */
  ideographicPoint: boolean;
}

/**
 * Which characters of the text read were adjacent in the original text. A
 * decimal point or thousands separator must touch its digits: "1. 推进" (a list
 * marker whose space the view dropped) is not 1.5. An object with methods rather
 * than closures made per document: a call site that sees one class stays optimised.
 */
export interface Joins {
  /** Whether the characters at offsets i-1 and i were adjacent in the original. */
  joined(i: number): boolean;
  /** Whether joined(k) holds for every k in (start, end): one question per numeral instead of one per digit. */
  joinedSpan(start: number, end: number): boolean;
}

export interface ReadOptions {
  /** Default: every character is adjacent to its neighbours. */
  joins?: Joins;
  /** Accept "。" between digits as a decimal point (the caller checks a unit follows). */
  ideographicPoint?: boolean;
}

const ALL_JOINED: Joins = { joined: () => true, joinedSpan: () => true };

export interface ScaleRead {
  end: number;
  multiplier: number;
  word: string;
}

const ARABIC_GROUPED = /\d{1,3}(?:,\d{3})+(?!\d)/y;

// Module-local on purpose (see code-units.ts): these run for every digit.
function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** text.charCodeAt(i), or -1 outside the text. */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function countCommas(text: string, start: number, end: number): number {
  let n = 0;
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 0x2c) n++;
  return n;
}

/**
 * The value of the number written text[start, intEnd) (digits and "," separators,
 * `intDigits` digits) with the decimals text[fracStart, end): what Number() of
 * the digits would give, without building the string. With at most 15 digits in
 * all, the digits form an exact integer N and N / 10^f is one correctly rounded
 * division, hence the double nearest the decimal, as Number() returns (the
 * classic fast path of decimal conversion); longer numbers go through Number().
 */
function decimalValue(text: string, start: number, intEnd: number, intDigits: number, fracStart: number, end: number): number {
  const fracDigits = end - fracStart;
  if (intDigits + fracDigits > 15) {
    const int = text.slice(start, intEnd).replace(/,/gu, "");
    return Number(fracDigits ? `${int}.${text.slice(fracStart, end)}` : int);
  }
  let v = 0;
  for (let k = start; k < intEnd; k++) {
    const c = text.charCodeAt(k);
    if (c !== 0x2c) v = v * 10 + (c - 0x30);
  }
  for (let k = fracStart; k < end; k++) v = v * 10 + (text.charCodeAt(k) - 0x30);
  return fracDigits ? v / POW10[fracDigits]! : v;
}

/** Round away binary noise: 698.1 × 10000 is 6981000, not 6981000.000000001. */
export function tidy(n: number): number {
  return Number.isInteger(n) ? n : Number(n.toPrecision(15));
}

export class NumberReader {
  constructor(readonly tables: NumeralTables) {}

  /** Global regex of the places a number may start (a digit, a Chinese numeral, 百分之). */
  get startRe(): RegExp {
    return this.tables.startRe;
  }

  isChineseStart(ch: string | undefined): boolean {
    return ch !== undefined && this.tables.chineseStart.has(ch);
  }

  isChineseChar(ch: string | undefined): boolean {
    return ch !== undefined && this.tables.chineseChars.has(ch);
  }

  /** Whether text[i] may start a Chinese numeral (isChineseStart without taking the character out). */
  chineseStartAt(text: string, i: number): boolean {
    return this.tables.units.chineseStart.at(text, i);
  }

  /**
   * The first index >= `from` where a number may start (where startRe would
   * match), or -1. A loop over code units with one bit read each: numerals are
   * dense in these reports (one every ~16 characters), so a regex exec per
   * numeral, with its match array, cost more than the scan itself.
   */
  nextStart(text: string, from: number): number {
    const u = this.tables.units;
    for (let k = Math.max(0, from); k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (!u.start.has(c)) continue;
      if (isDigitCode(c) || u.chineseStart.has(c)) return k;
      if (u.bareScaleOver.has(c) && this.readOver(text, k + 1) >= 0) return k;
      if (u.fractionFirst.has(c) && this.readFractionPrefix(text, k) !== null) return k;
    }
    return -1;
  }

  /** The numeral starting exactly at `i`, or null. */
  readAt(text: string, i: number, opts: ReadOptions = {}): NumeralRead | null {
    if (i < 0 || i >= text.length) return null;
    const c = text.charCodeAt(i);
    if (isDigitCode(c)) return this.readArabic(text, i, opts);
    const u = this.tables.units;
    if (u.chineseStart.has(c)) return this.readChinese(text, i);
    if (u.bareScaleOver.has(c) && this.readOver(text, i + 1) >= 0) {
      // "千余名", "百余家": the scale word alone is the number.
      const ch = text[i]!;
      const value = this.tables.scales.get(ch) ?? this.tables.sectionUnits.get(ch) ?? this.tables.groupUnits.get(ch)!;
      return {
        start: i, end: i + 1, value, max: null, script: "chinese", groupEnd: i + 1, groupMultiplier: 1,
        plain: false, leadingZero: false, ideographicPoint: false,
      };
    }
    return null;
  }

  private readArabic(text: string, i: number, opts: ReadOptions): NumeralRead | null {
    const joins = opts.joins ?? ALL_JOINED;
    // Read here, not only where a "。" follows the digits: a property first read
    // in a rare branch sends the optimised code back to the interpreter.
    const ideographic = opts.ideographicPoint === true;
    let run = i;
    while (isDigitCode(text.charCodeAt(run))) run++;
    let end = -1;
    let plain = true;
    let grouped = false;
    // "82,225.00": a separator within the first four characters, else the regex cannot match.
    if (run - i <= 3 && text.charCodeAt(run) === 0x2c) {
      ARABIC_GROUPED.lastIndex = i;
      const g = ARABIC_GROUPED.exec(text);
      if (g) {
        // Every separator must touch both neighbours in the original (a
        // separator is never first or last, so that is: every character does).
        const ok = joins.joinedSpan(i, i + g[0].length);
        if (ok) {
          end = i + g[0].length;
          plain = false;
          grouped = true;
        }
      }
    }
    if (end < 0) {
      end = run;
      // Digits the view joined across a dropped space are two numbers ("附件1
      // 2018年" is not 12018) unless the breaks fall between groups of three
      // ("1 285 个", a thousands space).
      let breaks = 0;
      let first = -1;
      let thirds = true;
      const whole = joins.joinedSpan(i, end);
      for (let k = i + 1; k < end && !whole; k++) {
        if (joins.joined(k)) continue;
        if (first < 0) first = k;
        breaks++;
        if ((end - k) % 3 !== 0) thirds = false;
      }
      if (breaks) {
        if (first - i <= 3 && (end - first) / 3 === breaks && thirds) plain = false;
        else end = first;
      }
    }
    // Digits of the integer part (separators aside) and of the decimals, if any.
    const intEnd = end;
    const intLength = grouped ? end - i - countCommas(text, i, end) : end - i;
    let fracStart = end;
    let ideographicPoint = false;
    const sep = text.charCodeAt(end);
    if ((sep === 0x2e || (sep === 0x3002 && ideographic)) && isDigitCode(text.charCodeAt(end + 1)) && joins.joined(end) && joins.joined(end + 1)) {
      fracStart = end + 1;
      end = fracStart;
      while (isDigitCode(text.charCodeAt(end))) end++;
      plain = false;
      ideographicPoint = sep === 0x3002;
    }
    return {
      start: i,
      end,
      value: decimalValue(text, i, intEnd, intLength, fracStart, end),
      max: null,
      script: "arabic",
      groupEnd: end,
      groupMultiplier: 1,
      plain,
      leadingZero: intLength > 1 && text.charCodeAt(i) === 0x30,
      ideographicPoint,
    };
  }

  private readChinese(text: string, i: number): NumeralRead | null {
    const t = this.tables;
    const u = t.units;
    const chars = u.chineseChars;
    const groups = u.groupUnits;
    let runEnd = i;
    while (chars.at(text, runEnd)) runEnd++;
    // The trailing 万/亿 run is the scale: "三千万" = 三千 × 万, "二十万亿" = 二十 × 万亿.
    // Only when no group unit precedes it: "三亿五千万" is one numeral, not 三亿五千 × 万.
    let end = runEnd;
    let multiplier = 1;
    while (end > i + 1 && groups.at(text, end - 1)) {
      multiplier *= u.groupValue.get(text.charCodeAt(end - 1))!;
      end--;
    }
    for (let k = i; k < end; k++) {
      if (groups.at(text, k)) {
        end = runEnd;
        multiplier = 1;
        break;
      }
    }
    const parsed = parseChineseRange(text, i, end, t);
    if (!parsed) return null;
    // "十五点五", "零点八": decimals after 点, then an optional 万/亿 group ("三点五万").
    if (end === runEnd && parsed.max === null && u.decimalPoint.at(text, runEnd) && u.digitValue.has(codeAt(text, runEnd + 1))) {
      let k = runEnd + 1;
      let frac = "";
      while (k < text.length && u.digitValue.has(text.charCodeAt(k))) frac += String(u.digitValue.get(text.charCodeAt(k++)));
      const fracEnd = k;
      let mult = 1;
      while (k < text.length && groups.at(text, k)) mult *= u.groupValue.get(text.charCodeAt(k++))!;
      return {
        start: i,
        end: fracEnd,
        value: Number(`${parsed.value}.${frac}`),
        max: null,
        script: "chinese",
        groupEnd: k,
        groupMultiplier: mult,
        plain: false,
        leadingZero: false,
        ideographicPoint: false,
      };
    }
    return {
      start: i,
      end,
      value: parsed.value,
      max: parsed.max,
      script: "chinese",
      groupEnd: runEnd,
      groupMultiplier: multiplier,
      plain: false,
      leadingZero: false,
      ideographicPoint: false,
    };
  }

  /** End of the Chinese numeral run at `i` (to skip past a malformed one such as "十三五"). */
  chineseRunEnd(text: string, i: number): number {
    let e = i;
    const chars = this.tables.units.chineseChars;
    while (chars.at(text, e)) e++;
    return e;
  }

  /** The longest scale word at `i` ("万", "千万", "万亿"). */
  readScale(text: string, i: number): ScaleRead | null {
    if (!this.tables.units.scaleFirst.at(text, i)) return null; // the regex cannot match here
    const re = this.tables.scaleRe;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    return { end: i + m[0].length, multiplier: this.tables.scales.get(m[0])!, word: m[0] };
  }

  /** A 余/多 mark at `i`: its end, or -1. */
  readOver(text: string, i: number): number {
    if (!this.tables.units.overFirst.at(text, i)) return -1; // the regex cannot match here
    const re = this.tables.overRe;
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? i + m[0].length : -1;
  }

  /** A range connector (with spaces around it) at `i`. */
  readRangeConnector(text: string, i: number): { end: number; connector: string; bareOnly: boolean } | null {
    const first = this.tables.units.rangeFirst;
    if (first !== null && !first.at(text, this.tables.units.blanks.skipForward(text, i))) return null; // the regex cannot match here
    const re = this.tables.rangeRe;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    return { end: i + m[0].length, connector: m[1]!, bareOnly: this.tables.rangeBareOnly.has(m[1]!) };
  }

  /** 百分之 / 千分之 at `i`. */
  readFractionPrefix(text: string, i: number): { end: number; unit: string; category: string } | null {
    const re = this.tables.fractionRe;
    if (!re || !this.tables.units.fractionFirst.at(text, i)) return null;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    const spec = this.tables.fractionPrefix.get(m[0])!;
    return { end: i + m[0].length, unit: spec.unit, category: spec.category };
  }

  /**
   * A whole numeral string: "82,225.00", "1.5", "一千二百", "二〇三五", "十三",
   * "698.1万", "二十万亿", "两三" (→ value 2, max 3). Null when the string is not
   * exactly one number.
   */
  parse(s: string): { value: number; max: number | null } | null {
    const str = s.trim();
    if (!str) return null;
    const r = this.readAt(str, 0, { ideographicPoint: true });
    if (!r) return null;
    let end = r.groupEnd;
    let mult = r.groupMultiplier;
    if (r.script === "arabic" && end < str.length) {
      const sc = this.readScale(str, end);
      if (sc) {
        end = sc.end;
        mult = sc.multiplier;
      }
    }
    if (end !== str.length) return null;
    return { value: tidy(r.value * mult), max: r.max === null ? null : tidy(r.max * mult) };
  }

  /** The value of a Chinese numeral string without pairs ("二十七" → 27), or null. */
  parseChineseExact(s: string): number | null {
    return parseChineseExact(s, this.tables);
  }

  /** Every numeral in `text`, in order, each read once (a convenience for callers that need no context). */
  *find(text: string, opts: ReadOptions = {}): Generator<NumeralRead> {
    const re = new RegExp(this.tables.startRe.source, "g");
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const i = m.index;
      const r = this.readAt(text, i, opts);
      if (r) {
        yield r;
        re.lastIndex = Math.max(r.groupEnd, i + 1);
      } else if (this.isChineseStart(text[i])) {
        re.lastIndex = Math.max(this.chineseRunEnd(text, i), i + 1);
      }
    }
  }
}

const readers = new WeakMap<NumeralTables, NumberReader>();

/** The number reader of a pattern set (section `scales` of patterns/), built once. */
export function numberReader(set: PatternSet): NumberReader {
  const tables = numeralTables(set);
  let r = readers.get(tables);
  if (!r) {
    r = new NumberReader(tables);
    readers.set(tables, r);
  }
  return r;
}
