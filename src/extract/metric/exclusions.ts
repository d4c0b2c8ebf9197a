// Exclusions (SPEC §3 "What is not a metric"): number-like spans that are codes,
// names, ordinals, grades, list markers or years. Each one that stops a span
// returns a veto for the review page. Token rules look at the numeral and its
// neighbours only; candidate rules also know the unit that was read.
import type { NumeralRead } from "../../numbers/index.js";
import type { Veto } from "../types.js";
import type { ScanContext } from "./scan.js";

export interface Stop {
  /** Null when the span is dropped silently (article-like 一). */
  veto: Veto | null;
  next: number;
}

export function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

function isLatin(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= "A" && ch <= "Z") || (ch >= "a" && ch <= "z"));
}

const CODE_CHAR = /[0-9A-Za-z._/:@%+#=?&-]/u;
const NAME_CHAR = /[0-9A-Za-z+]/u;

function stop(start: number, end: number, rule: string, why: string): Stop {
  return { veto: { start, end, rule, why }, next: end };
}

/** Grow [s, e) over characters matching `re` on both sides. */
function grow(text: string, s: number, e: number, re: RegExp): [number, number] {
  while (s > 0 && re.test(text[s - 1]!)) s--;
  while (e < text.length && re.test(text[e]!)) e++;
  // A trailing "." or "-" belongs to the sentence, not the code.
  while (e > s && /[.\-/:]/u.test(text[e - 1]!)) e--;
  return [s, e];
}

function atLineStart(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (text[k] === " " || text[k] === "\t" || text[k] === "\u3000")) k--;
  return k < 0 || text[k] === "\n";
}

/** Rules that need only the numeral and its neighbours. */
export function tokenVeto(sc: ScanContext, n: NumeralRead): Stop | null {
  const { text, p } = sc;
  const ex = p.ex;
  const i = n.start;
  const prev = text[i - 1];
  const next = text[n.end];

  ex.namesRe.lastIndex = i;
  const name = ex.namesRe.exec(text);
  if (name) return stop(i, i + name[0].length, "metric-veto/name", "a name or slogan that begins with a numeral");

  if (n.script === "arabic") {
    // H7N9, 201x年, PM2.5, www.med126.com: digits inside a Latin code.
    const urlish = (ch: string | undefined, beyond: string | undefined) =>
      ch !== undefined && /[._/@-]/u.test(ch) && isLatin(beyond);
    if (isLatin(prev) || isLatin(next) || urlish(prev, text[i - 2]) || urlish(next, text[n.end + 1])) {
      const [s, e] = grow(text, i, n.end, CODE_CHAR);
      return stop(s, e, "metric-veto/code", "digits inside a Latin name, code or URL");
    }
    // “1+1+1”签约, “3+2”模式
    if (prev === "+" || next === "+") {
      const [s, e] = grow(text, i, n.end, NAME_CHAR);
      return stop(s, e, "metric-veto/name", "a named model written with +");
    }
    const digits = n.end - i;
    if (n.plain) {
      // 8:30 — a time of day
      if (digits <= 2 && next === ":" && isAsciiDigit(text[n.end + 1]) && isAsciiDigit(text[n.end + 2]) && !isAsciiDigit(text[n.end + 3])) {
        return stop(i, n.end + 3, "metric-veto/time", "a time of day");
      }
      // 0411-84376543, 13812345678: phone numbers
      if (digits >= 7 || (n.leadingZero && digits >= 3)) {
        const [s, e] = grow(text, i, n.end, /[0-9-]/u);
        return stop(s, e, "metric-veto/phone", "a phone number or code");
      }
      // 2023-04574: an index number, not a range
      if (digits === 4 && next === "-") {
        const m = /^\d+/u.exec(text.slice(n.end + 1, n.end + 12));
        if (m && (m[0].length >= 5 || (m[0].length >= 2 && m[0][0] === "0"))) {
          return stop(i, n.end + 1 + m[0].length, "metric-veto/index-number", "an index or serial number");
        }
      }
      // 1. 推进… / 2、… / (3): list and heading numbers
      if (digits <= 3 && (next === "." || next === "、") && atLineStart(text, i)) {
        return stop(i, n.end + 1, "metric-veto/list-number", "a list or heading number");
      }
      if (digits <= 2 && prev === "(" && next === ")") {
        return stop(i - 1, n.end + 1, "metric-veto/list-number", "a list number in brackets");
      }
      // 〔2018〕5号: the year and serial of a document number
      if (prev !== undefined && next !== undefined && ex.docOpen.has(prev) && ex.docClose.has(next) && digits === 4) {
        return stop(i, n.end, "metric-veto/document-number", "the year of a document number");
      }
      if (prev !== undefined && ex.docClose.has(prev) && ex.doc_number_suffix.some((w) => text.startsWith(w, n.end))) {
        return stop(i, n.end, "metric-veto/document-number", "the serial of a document number");
      }
      // “120”: a number quoted on its own is a code or name
      if (prev !== undefined && next !== undefined && ex.quoteOpen.has(prev) && ex.quoteClose.has(next)) {
        return stop(i, n.end, "metric-veto/quoted-name", "a quoted code or name");
      }
      // 120急救, 拨打12345
      if (digits >= 3) {
        const before = text.slice(Math.max(0, i - 8), i);
        if (ex.hotline_after.some((w) => text.startsWith(w, n.end)) || ex.hotlineBefore.test(before)) {
          return stop(i, n.end, "metric-veto/hotline", "an emergency, hotline or service number");
        }
      }
    }
  } else {
    // 数十次, 几十个, 十几个, 二十来岁: no definite value
    const before = text.slice(Math.max(0, i - 2), i);
    const vb = ex.vagueBefore.exec(before);
    const va = ex.vague_after.find((w) => text.startsWith(w, n.groupEnd));
    if (vb || va) {
      const s = vb ? i - vb[0].length : i;
      return stop(s, n.groupEnd + (va?.length ?? 0), "metric-veto/vague", "a vague quantity");
    }
  }

  // 8时30分: the minutes of a clock time
  const hour = ex.hour_marks.find((w) => text.slice(i - w.length, i) === w);
  if (hour && isAsciiDigitOrChinese(sc, text[i - hour.length - 1]) && ex.minute_marks.some((w) => text.startsWith(w, n.groupEnd))) {
    return stop(i, n.groupEnd + 1, "metric-veto/time", "the minutes of a clock time");
  }
  // 三级医院, 二级以上, 乡村两级, 三甲: grades and tiers
  const g = ex.grade_after.find((w) => text.startsWith(w, n.groupEnd));
  if (g) return stop(i, n.groupEnd + g.length, "metric-veto/grade", "a grade or tier, not an amount");
  // 十九届二中全会: a session, not a count
  ex.nameAfterRe.lastIndex = n.groupEnd;
  const nr = ex.nameAfterRe.exec(text);
  if (nr) return stop(i, n.groupEnd + nr[0].length, "metric-veto/name", "an ordinal session or congress");
  // 2型糖尿病: part of a disease or product name
  const na = ex.name_after.find((w) => text.startsWith(w, n.groupEnd));
  if (na) return stop(i, n.groupEnd + na.length, "metric-veto/name", "part of a disease or product name");
  return null;
}

interface TailLike {
  unit: { word: string; unit?: string } | null;
  scaled: boolean;
  inside: boolean;
  end: number;
}

/** Rules that need the unit: years, ordinals, quoted names, article-like 一. */
export function candidateVeto(sc: ScanContext, n1: NumeralRead, n2: NumeralRead | null, tail: TailLike): Stop | null {
  const { text, p } = sc;
  const ex = p.ex;
  const i = n1.start;
  const counted = tail.unit !== null || tail.scaled || tail.inside || n1.groupMultiplier !== 1;
  if (!counted) {
    if (n1.script === "arabic" && n1.plain && ex.hotlineNumbers.has(text.slice(i, n1.end))) {
      return stop(i, n1.end, "metric-veto/hotline", "an emergency, hotline or service number");
    }
    return null;
  }
  const end = tail.end;

  // 2014年, 2010-2014年, 二〇一八年: a year is a date, never a metric (SPEC §3).
  const unitName = tail.unit ? (tail.unit.unit ?? tail.unit.word) : "";
  if (ex.yearUnits.has(unitName) && !tail.scaled && (isYearNumeral(sc, n1) || (n2 !== null && isYearNumeral(sc, n2)))) {
    return stop(i, end, "metric-veto/year", "a year is a date, not a metric");
  }
  // 下午三点, 上午9时
  if (ex.timeBefore.test(text.slice(Math.max(0, i - 4), i))) {
    return stop(i, end, "metric-veto/time", "a clock time");
  }
  // 第23期, 第一所, 第五次
  if (ex.ordinalBefore.test(text.slice(Math.max(0, i - 3), i)) || ex.ordinalListBefore.test(text.slice(Math.max(0, i - 12), i))) {
    return stop(i, end, "metric-veto/ordinal", "an ordinal number");
  }
  // “两个允许”, “六大中心”: a numeral opening a short quoted phrase names a slogan.
  const q = text[i - 1];
  if (q !== undefined && ex.quoteOpen.has(q)) {
    const limit = Math.min(text.length, i + ex.quote_max + 1);
    for (let k = end; k < limit; k++) {
      const ch = text[k]!;
      if (ex.quoteClose.has(ch)) return stop(i, end, "metric-veto/quoted-name", "a numeral opening a quoted name or slogan");
      if ("，。；、,;\n".includes(ch)) break;
    }
  }
  // 一所, 一个, 一项: article-like 一 + counter may be reported or not (SPEC §3);
  // it is dropped because it is mostly an article ("深化医改是一项…工程", "一批").
  if (n1.script === "chinese" && n2 === null && n1.max === null && n1.groupMultiplier === 1 && !tail.scaled &&
    ex.articleNumerals.has(text.slice(i, n1.end))) {
    return { veto: null, next: end };
  }
  return null;
}

function isAsciiDigitOrChinese(sc: ScanContext, ch: string | undefined): boolean {
  return isAsciiDigit(ch) || sc.p.reader.isChineseChar(ch);
}

function isYearNumeral(sc: ScanContext, n: NumeralRead): boolean {
  const s = sc.text.slice(n.start, n.end);
  if (n.script === "arabic") return n.plain && s.length === 4 && n.value >= 1000 && n.value <= 2999;
  // Written digit by digit: 二〇一八, 一九九八
  const digits = sc.p.reader.tables.digits;
  return s.length >= 3 && [...s].every((c) => digits.has(c));
}
