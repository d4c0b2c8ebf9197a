// The few number readings dates need: four-digit years (Arabic, or Chinese written
// digit by digit: 二〇三五), and months and days (12, 十二, 二十七, 廿七). Kept here
// until the shared number reader can be called for these; the digit values come
// from patterns/date-forms.yaml.

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

export class NumeralReader {
  /** Characters of a Chinese numeral (not the ASCII stand-ins "0", "O"). */
  private readonly chinese = new Map<string, number>();
  /** Every character that may stand for one digit in a Chinese-numeral year. */
  private readonly yearDigit = new Map<string, number>();

  constructor(numerals: Record<string, number>) {
    for (const [ch, v] of Object.entries(numerals)) {
      if (v <= 9) this.yearDigit.set(ch, v);
      if (!/^[0-9A-Za-z]$/u.test(ch)) this.chinese.set(ch, v);
    }
  }

  /** A character of a Chinese numeral: "三", "十", "〇". */
  isChinese(ch: string | undefined): boolean {
    return ch !== undefined && this.chinese.has(ch);
  }

  /**
   * A four-digit year at `pos`: "2018", "二〇一八", "二O一八". The run must be exactly
   * four digits long (not part of a longer number).
   */
  year(text: string, pos: number): NumberRead | null {
    const s = text.slice(pos, pos + 4);
    if (s.length < 4) return null;
    if (/^\d{4}$/u.test(s)) {
      if (isAsciiDigit(text[pos - 1]) || text[pos - 1] === "." || isAsciiDigit(text[pos + 4])) return null;
      if (/[A-Za-z]/u.test(text[pos - 1] ?? "")) return null;
      return { value: Number(s), end: pos + 4, chinese: false };
    }
    // Chinese year: starts with a real numeral 一 or 二 and every character is a digit.
    const first = this.chinese.get(s[0]!);
    if (first !== 1 && first !== 2) return null;
    if (this.isChinese(text[pos - 1]) || this.isChinese(text[pos + 4]) || isAsciiDigit(text[pos + 4])) return null;
    let value = 0;
    for (const ch of s) {
      const d = this.yearDigit.get(ch);
      if (d === undefined) return null;
      value = value * 10 + d;
    }
    return { value, end: pos + 4, chinese: true };
  }

  /**
   * A month or day number at `pos`: one or two ASCII digits, or a Chinese numeral of
   * at most three characters (十, 十二, 二十七, 三十一, 廿七).
   */
  small(text: string, pos: number): NumberRead | null {
    const ascii = /^\d{1,2}/u.exec(text.slice(pos, pos + 3));
    if (ascii) {
      if (isAsciiDigit(text[pos + ascii[0].length])) return null;
      return { value: Number(ascii[0]), end: pos + ascii[0].length, chinese: false };
    }
    let end = pos;
    while (end < text.length && end - pos < 3 && this.chinese.has(text[end]!)) end++;
    // Longest reading first: "十二月" must not stop at "十".
    for (let e = end; e > pos; e--) {
      const v = this.chineseSmall(text.slice(pos, e));
      if (v !== null) return { value: v, end: e, chinese: true };
    }
    return null;
  }

  /** 1..39 written in Chinese: 三, 十, 十一, 二十, 二十七, 廿七, 卅一. */
  private chineseSmall(s: string): number | null {
    const vals = [...s].map((ch) => this.chinese.get(ch));
    if (vals.some((v) => v === undefined)) return null;
    const v = vals as number[];
    if (v.length === 1) return v[0]! >= 1 ? v[0]! : null;
    if (v.length === 2) {
      if (v[0] === 10 && v[1]! >= 1 && v[1]! <= 9) return 10 + v[1]!; // 十二
      if (v[0]! >= 2 && v[0]! <= 3 && v[1] === 10) return v[0]! * 10; // 二十
      if ((v[0] === 20 || v[0] === 30) && v[1]! >= 1 && v[1]! <= 9) return v[0]! + v[1]!; // 廿七
      return null;
    }
    if (v.length === 3 && v[0]! >= 2 && v[0]! <= 3 && v[1] === 10 && v[2]! >= 1 && v[2]! <= 9) {
      return v[0]! * 10 + v[2]!; // 二十七
    }
    return null;
  }
}
