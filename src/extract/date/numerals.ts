// The few number readings dates need: four-digit years (Arabic, or Chinese written
// digit by digit: 二〇三五), and months and days (12, 十二, 二十七, 廿七). Kept here
// until the shared number reader can be called for these; the digit values come
// from patterns/date-forms.yaml. The scanner asks at most characters of a report,
// so everything is read on code units: no slices, no regular expressions.
import * as chars from "../../text/chars.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call, which costs more
// than these small helpers themselves in the per-character loops below.
const { codeAt, CodeSet, isDigitCode } = chars;

export interface NumberRead {
  value: number;
  /** View offset just after the number. */
  end: number;
  /** Written in Chinese numerals. */
  chinese: boolean;
}

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/** A-Z or a-z. */
export function isAsciiLetterCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export class NumeralReader {
  /** Characters of a Chinese numeral (not the ASCII stand-ins "0", "O"). */
  private readonly chinese = new Map<string, number>();
  /** The same by code unit (one-unit keys: only those can equal one character of a text). */
  private readonly chineseCodes = new CodeSet();
  private readonly chineseByCode = new Map<number, number>();
  /** Every character that may stand for one digit in a Chinese-numeral year, by code unit. */
  private readonly yearDigitByCode = new Map<number, number>();

  constructor(numerals: Record<string, number>) {
    for (const [ch, v] of Object.entries(numerals)) {
      if (v <= 9 && ch.length === 1) this.yearDigitByCode.set(ch.charCodeAt(0), v);
      if (!/^[0-9A-Za-z]$/u.test(ch)) {
        this.chinese.set(ch, v);
        if (ch.length === 1) {
          this.chineseCodes.add(ch.charCodeAt(0));
          this.chineseByCode.set(ch.charCodeAt(0), v);
        }
      }
    }
  }

  /** A character of a Chinese numeral: "三", "十", "〇". */
  isChinese(ch: string | undefined): boolean {
    return ch !== undefined && this.chinese.has(ch);
  }

  /** The code unit of a Chinese numeral (false for -1 and NaN, outside the text). */
  isChineseCode(c: number): boolean {
    return this.chineseCodes.has(c);
  }

  /**
   * A four-digit year at `pos` (>= 0): "2018", "二〇一八", "二O一八". The run must
   * be exactly four digits long (not part of a longer number).
   */
  year(text: string, pos: number): NumberRead | null {
    if (pos + 4 > text.length) return null;
    const prev = codeAt(text, pos - 1);
    const next = codeAt(text, pos + 4);
    if (isDigitCode(text.charCodeAt(pos)) && isDigitCode(text.charCodeAt(pos + 1)) &&
      isDigitCode(text.charCodeAt(pos + 2)) && isDigitCode(text.charCodeAt(pos + 3))) {
      if (isDigitCode(prev) || prev === 0x2e || isDigitCode(next)) return null; // 0x2e: "."
      if (isAsciiLetterCode(prev)) return null;
      let value = 0;
      for (let k = 0; k < 4; k++) value = value * 10 + text.charCodeAt(pos + k) - 0x30;
      return { value, end: pos + 4, chinese: false };
    }
    // Chinese year: starts with a real numeral 一 or 二 and every character is a digit.
    const first = this.chineseByCode.get(text.charCodeAt(pos));
    if (first !== 1 && first !== 2) return null;
    if (this.isChineseCode(prev) || this.isChineseCode(next) || isDigitCode(next)) return null;
    let value = 0;
    for (let k = 0; k < 4; k++) {
      const d = this.yearDigitByCode.get(text.charCodeAt(pos + k));
      if (d === undefined) return null;
      value = value * 10 + d;
    }
    return { value, end: pos + 4, chinese: true };
  }

  /**
   * A month or day number at `pos` (>= 0): one or two ASCII digits, or a Chinese
   * numeral of at most three characters (十, 十二, 二十七, 三十一, 廿七).
   */
  small(text: string, pos: number): NumberRead | null {
    if (isDigitCode(codeAt(text, pos))) {
      const len = isDigitCode(codeAt(text, pos + 1)) ? 2 : 1;
      if (isDigitCode(codeAt(text, pos + len))) return null;
      const value = len === 2 ? (text.charCodeAt(pos) - 0x30) * 10 + text.charCodeAt(pos + 1) - 0x30 : text.charCodeAt(pos) - 0x30;
      return { value, end: pos + len, chinese: false };
    }
    let end = pos;
    while (end < text.length && end - pos < 3 && this.isChineseCode(text.charCodeAt(end))) end++;
    // Longest reading first: "十二月" must not stop at "十".
    for (let e = end; e > pos; e--) {
      const v = this.chineseSmall(text, pos, e);
      if (v !== null) return { value: v, end: e, chinese: true };
    }
    return null;
  }

  /** 1..39 written in Chinese in text[pos, end) (every unit a numeral): 三, 十, 十一, 二十, 二十七, 廿七, 卅一. */
  private chineseSmall(text: string, pos: number, end: number): number | null {
    const v0 = this.chineseByCode.get(text.charCodeAt(pos))!;
    if (end - pos === 1) return v0 >= 1 ? v0 : null;
    const v1 = this.chineseByCode.get(text.charCodeAt(pos + 1))!;
    if (end - pos === 2) {
      if (v0 === 10 && v1 >= 1 && v1 <= 9) return 10 + v1; // 十二
      if (v0 >= 2 && v0 <= 3 && v1 === 10) return v0 * 10; // 二十
      if ((v0 === 20 || v0 === 30) && v1 >= 1 && v1 <= 9) return v0 + v1; // 廿七
      return null;
    }
    const v2 = this.chineseByCode.get(text.charCodeAt(pos + 2))!;
    if (v0 >= 2 && v0 <= 3 && v1 === 10 && v2 >= 1 && v2 <= 9) return v0 * 10 + v2; // 二十七
    return null;
  }
}
