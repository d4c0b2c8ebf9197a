// The number reader shared by the metric and date extractors: reads one numeral
// at a position of a text (Arabic with thousands separators and decimals, or
// Chinese), a scale word after it, and whole numeral strings. It finds and
// values numbers only; what a number means (unit, year, list marker) is the
// caller's business.
import type { PatternSet } from "../patterns/load.js";
import { parseChinese, parseChineseExact } from "./chinese.js";
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

export interface ReadOptions {
  /**
   * Whether the characters at view offsets i-1 and i were adjacent in the original
   * text. A decimal point or thousands separator must touch its digits: "1. 推进"
   * (a list marker whose space the view dropped) is not 1.5.
   */
  joined?: (i: number) => boolean;
  /** Accept "。" between digits as a decimal point (the caller checks a unit follows). */
  ideographicPoint?: boolean;
}

export interface ScaleRead {
  end: number;
  multiplier: number;
  word: string;
}

const ARABIC_GROUPED = /\d{1,3}(?:,\d{3})+(?!\d)/y;
const ARABIC_INT = /\d+/y;
const DECIMALS = /\d+/y;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
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

  /** The numeral starting exactly at `i`, or null. */
  readAt(text: string, i: number, opts: ReadOptions = {}): NumeralRead | null {
    const ch = text[i];
    if (isDigit(ch)) return this.readArabic(text, i, opts);
    if (this.isChineseStart(ch)) return this.readChinese(text, i);
    if (ch !== undefined && this.tables.bareScaleOver.has(ch) && this.readOver(text, i + 1) >= 0) {
      // "千余名", "百余家": the scale word alone is the number.
      const value = this.tables.scales.get(ch) ?? this.tables.sectionUnits.get(ch) ?? this.tables.groupUnits.get(ch)!;
      return {
        start: i, end: i + 1, value, max: null, script: "chinese", groupEnd: i + 1, groupMultiplier: 1,
        plain: false, leadingZero: false, ideographicPoint: false,
      };
    }
    return null;
  }

  private readArabic(text: string, i: number, opts: ReadOptions): NumeralRead | null {
    const joined = opts.joined ?? (() => true);
    let end = -1;
    let plain = true;
    ARABIC_GROUPED.lastIndex = i;
    const g = ARABIC_GROUPED.exec(text);
    if (g) {
      // "82,225.00": every separator must touch both neighbours in the original.
      let ok = true;
      for (let k = i; k < i + g[0].length; k++) {
        if (text[k] === "," && (!joined(k) || !joined(k + 1))) ok = false;
      }
      for (let k = i + 1; k < i + g[0].length; k++) if (!joined(k)) ok = false;
      if (ok) {
        end = i + g[0].length;
        plain = false;
      }
    }
    if (end < 0) {
      ARABIC_INT.lastIndex = i;
      const m = ARABIC_INT.exec(text)!;
      end = i + m[0].length;
      // Digits the view joined across a dropped space are two numbers ("附件1
      // 2018年" is not 12018) unless the breaks fall between groups of three
      // ("1 285 个", a thousands space).
      const breaks: number[] = [];
      for (let k = i + 1; k < end; k++) if (!joined(k)) breaks.push(k);
      if (breaks.length) {
        const first = breaks[0]!;
        const grouped = first - i <= 3 && (end - first) / 3 === breaks.length && breaks.every((b) => (end - b) % 3 === 0);
        if (grouped) plain = false;
        else end = breaks[0]!;
      }
    }
    const intText = text.slice(i, end).replace(/,/gu, "");
    let numText = intText;
    let ideographicPoint = false;
    const sep = text[end];
    if ((sep === "." || (sep === "。" && opts.ideographicPoint)) && isDigit(text[end + 1]) && joined(end) && joined(end + 1)) {
      DECIMALS.lastIndex = end + 1;
      const d = DECIMALS.exec(text)!;
      numText = `${intText}.${d[0]}`;
      end = end + 1 + d[0].length;
      plain = false;
      ideographicPoint = sep === "。";
    }
    return {
      start: i,
      end,
      value: Number(numText),
      max: null,
      script: "arabic",
      groupEnd: end,
      groupMultiplier: 1,
      plain,
      leadingZero: intText.length > 1 && intText[0] === "0",
      ideographicPoint,
    };
  }

  private readChinese(text: string, i: number): NumeralRead | null {
    const t = this.tables;
    let runEnd = i;
    while (runEnd < text.length && t.chineseChars.has(text[runEnd]!)) runEnd++;
    // The trailing 万/亿 run is the scale: "三千万" = 三千 × 万, "二十万亿" = 二十 × 万亿.
    // Only when no group unit precedes it: "三亿五千万" is one numeral, not 三亿五千 × 万.
    let end = runEnd;
    let multiplier = 1;
    while (end > i + 1 && t.groupUnits.has(text[end - 1]!)) {
      multiplier *= t.groupUnits.get(text[end - 1]!)!;
      end--;
    }
    for (let k = i; k < end; k++) {
      if (t.groupUnits.has(text[k]!)) {
        end = runEnd;
        multiplier = 1;
        break;
      }
    }
    const parsed = parseChinese(text.slice(i, end), t);
    if (!parsed) return null;
    // "十五点五", "零点八": decimals after 点, then an optional 万/亿 group ("三点五万").
    if (end === runEnd && parsed.max === null && t.decimalPoint.has(text[runEnd] ?? "") && t.digits.has(text[runEnd + 1] ?? "")) {
      let k = runEnd + 1;
      let frac = "";
      while (k < text.length && t.digits.has(text[k]!)) frac += String(t.digits.get(text[k++]!));
      const fracEnd = k;
      let mult = 1;
      while (k < text.length && t.groupUnits.has(text[k]!)) mult *= t.groupUnits.get(text[k++]!)!;
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
    while (e < text.length && this.tables.chineseChars.has(text[e]!)) e++;
    return e;
  }

  /** The longest scale word at `i` ("万", "千万", "万亿"). */
  readScale(text: string, i: number): ScaleRead | null {
    const re = this.tables.scaleRe;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    return { end: i + m[0].length, multiplier: this.tables.scales.get(m[0])!, word: m[0] };
  }

  /** A 余/多 mark at `i`: its end, or -1. */
  readOver(text: string, i: number): number {
    const re = this.tables.overRe;
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? i + m[0].length : -1;
  }

  /** A range connector (with spaces around it) at `i`. */
  readRangeConnector(text: string, i: number): { end: number; connector: string; bareOnly: boolean } | null {
    const re = this.tables.rangeRe;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return null;
    return { end: i + m[0].length, connector: m[1]!, bareOnly: this.tables.rangeBareOnly.has(m[1]!) };
  }

  /** 百分之 / 千分之 at `i`. */
  readFractionPrefix(text: string, i: number): { end: number; unit: string; category: string } | null {
    const re = this.tables.fractionRe;
    if (!re) return null;
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
