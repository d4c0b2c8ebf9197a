// Exclusions (SPEC §3 "What is not a metric"): number-like spans that are codes,
// names, ordinals, grades, list markers or years. Each one that stops a span
// returns a veto for the review page. Token rules look at the numeral and its
// neighbours only; candidate rules also know the unit that was read.
import { UnitSet } from "../../numbers/code-units.js";
import type { NumeralRead } from "../../numbers/index.js";
import type { Veto } from "../types.js";
import type { ScanContext } from "./scan.js";

export interface Stop {
  /** Null when the span is dropped silently (article-like 一). */
  veto: Veto | null;
  next: number;
}

// The checks below read code units (codeAt), not characters: text[i] of a CJK
// character allocates a string, and they run at every numeral. The small
// helpers are module-local on purpose (see code-units.ts).
function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** text.charCodeAt(i), or -1 outside the text. */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

/**
 * Whether a regex `(?:words)[skip]*$` can match in text[lo, i), `last` being
 * lastUnits(words, skip) (null: cannot tell). The regex still runs when it can.
 */
function endsWith(last: UnitSet | null, text: string, lo: number, i: number, skip: UnitSet): boolean {
  return last === null || last.endsBefore(text, lo, i, skip);
}

function isLatin(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** A separator of a URL or code (one of "._/@-") with a Latin letter beyond it: "www.med126.com". */
function urlish(c: number, beyond: number): boolean {
  return (c === 0x2e || c === 0x5f || c === 0x2f || c === 0x40 || c === 0x2d) && isLatin(beyond);
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
  const prev = codeAt(text, i - 1);
  const next = codeAt(text, n.end);

  // Names start with their numeral: most numerals start none, and skip the regex.
  ex.namesRe.lastIndex = i;
  const name = p.pre.namesFirst.at(text, i) ? ex.namesRe.exec(text) : null;
  if (name) return stop(i, i + name[0].length, "metric-veto/name", "a name or slogan that begins with a numeral");

  if (n.script === "arabic") {
    // H7N9, 201x年, PM2.5, www.med126.com: digits inside a Latin code.
    if (isLatin(prev) || isLatin(next) || urlish(prev, codeAt(text, i - 2)) || urlish(next, codeAt(text, n.end + 1))) {
      const [s, e] = grow(text, i, n.end, CODE_CHAR);
      return stop(s, e, "metric-veto/code", "digits inside a Latin name, code or URL");
    }
    // “1+1+1”签约, “3+2”模式
    if (prev === 0x2b || next === 0x2b) {
      const [s, e] = grow(text, i, n.end, NAME_CHAR);
      return stop(s, e, "metric-veto/name", "a named model written with +");
    }
    const digits = n.end - i;
    if (n.plain) {
      // 8:30 — a time of day
      if (digits <= 2 && next === 0x3a && isDigitCode(codeAt(text, n.end + 1)) && isDigitCode(codeAt(text, n.end + 2)) &&
        !isDigitCode(codeAt(text, n.end + 3))) {
        return stop(i, n.end + 3, "metric-veto/time", "a time of day");
      }
      // 0411-84376543, 13812345678: phone numbers
      if (digits >= 7 || (n.leadingZero && digits >= 3)) {
        const [s, e] = grow(text, i, n.end, /[0-9-]/u);
        return stop(s, e, "metric-veto/phone", "a phone number or code");
      }
      // 2023-04574: an index number, not a range
      if (digits === 4 && next === 0x2d) {
        const m = /^\d+/u.exec(text.slice(n.end + 1, n.end + 12));
        if (m && (m[0].length >= 5 || (m[0].length >= 2 && m[0][0] === "0"))) {
          return stop(i, n.end + 1 + m[0].length, "metric-veto/index-number", "an index or serial number");
        }
      }
      // 1. 推进… / 2、… / (3): list and heading numbers
      if (digits <= 3 && (next === 0x2e || next === 0x3001) && atLineStart(text, i)) {
        return stop(i, n.end + 1, "metric-veto/list-number", "a list or heading number");
      }
      if (digits <= 2 && prev === 0x28 && next === 0x29) {
        return stop(i - 1, n.end + 1, "metric-veto/list-number", "a list number in brackets");
      }
      // 〔2018〕5号: the year and serial of a document number
      if (p.pre.docOpen.has(prev) && p.pre.docClose.has(next) && digits === 4) {
        return stop(i, n.end, "metric-veto/document-number", "the year of a document number");
      }
      if (p.pre.docClose.has(prev) && p.pre.docNumberSuffix.startingAt(text, n.end) !== undefined) {
        return stop(i, n.end, "metric-veto/document-number", "the serial of a document number");
      }
      // “120”: a number quoted on its own is a code or name
      if (p.pre.quoteOpen.has(prev) && p.pre.quoteClose.has(next)) {
        return stop(i, n.end, "metric-veto/quoted-name", "a quoted code or name");
      }
      // 120急救, 拨打12345
      if (digits >= 3) {
        const lo = Math.max(0, i - 8);
        if (p.pre.hotlineAfter.startingAt(text, n.end) !== undefined ||
          (endsWith(p.pre.hotlineBeforeLast, text, lo, i, p.pre.hotlineSkip) && ex.hotlineBefore.test(text.slice(lo, i)))) {
          return stop(i, n.end, "metric-veto/hotline", "an emergency, hotline or service number");
        }
      }
    }
  } else {
    // 数十次, 几十个, 十几个, 二十来岁: no definite value
    const lo = Math.max(0, i - 2);
    const vb = endsWith(p.pre.vagueBeforeLast, text, lo, i, p.pre.noUnits) ? ex.vagueBefore.exec(text.slice(lo, i)) : null;
    const va = p.pre.vagueAfter.startingAt(text, n.groupEnd);
    if (vb || va) {
      const s = vb ? i - vb[0].length : i;
      return stop(s, n.groupEnd + (va?.length ?? 0), "metric-veto/vague", "a vague quantity");
    }
  }

  // The rules below all need a word right after the numeral: most numerals are
  // followed by none of them, which one lookup tells.
  const wordsAfter = p.pre.wordAfterNumeral;
  if (wordsAfter !== null && !wordsAfter.at(text, n.groupEnd)) return null;
  // 8时30分: the minutes of a clock time
  const hour = p.pre.hourMarks.endingAt(text, i);
  if (hour && isAsciiDigitOrChinese(sc, i - hour.length - 1) && p.pre.minuteMarks.startingAt(text, n.groupEnd) !== undefined) {
    return stop(i, n.groupEnd + 1, "metric-veto/time", "the minutes of a clock time");
  }
  // 三级医院, 二级以上, 乡村两级, 三甲: grades and tiers
  const g = p.pre.gradeAfter.startingAt(text, n.groupEnd);
  if (g) return stop(i, n.groupEnd + g.length, "metric-veto/grade", "a grade or tier, not an amount");
  // 十九届二中全会: a session, not a count
  const nameAfter = p.pre.nameAfterFirst;
  ex.nameAfterRe.lastIndex = n.groupEnd;
  const nr = nameAfter === null || nameAfter.at(text, n.groupEnd) ? ex.nameAfterRe.exec(text) : null;
  if (nr) return stop(i, n.groupEnd + nr[0].length, "metric-veto/name", "an ordinal session or congress");
  // 2型糖尿病: part of a disease or product name
  const na = p.pre.nameAfter.startingAt(text, n.groupEnd);
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
    if (n1.script === "arabic" && n1.plain && n1.end - i <= p.pre.hotlineMaxLength && ex.hotlineNumbers.has(text.slice(i, n1.end))) {
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
  // 下午三点, 上午9时 (each regex runs only where the code-unit table says it can match)
  const lo4 = Math.max(0, i - 4);
  if (endsWith(p.pre.timeBeforeLast, text, lo4, i, p.pre.blanks) && ex.timeBefore.test(text.slice(lo4, i))) {
    return stop(i, end, "metric-veto/time", "a clock time");
  }
  // 第23期, 第一所, 第五次
  const lo3 = Math.max(0, i - 3);
  const lo12 = Math.max(0, i - 12);
  if ((endsWith(p.pre.ordinalBeforeLast, text, lo3, i, p.pre.blanks) && ex.ordinalBefore.test(text.slice(lo3, i))) ||
    (endsWith(p.pre.ordinalJoinLast, text, lo12, i, p.pre.blanks) && ex.ordinalListBefore.test(text.slice(lo12, i)))) {
    return stop(i, end, "metric-veto/ordinal", "an ordinal number");
  }
  // “两个允许”, “六大中心”: a numeral opening a short quoted phrase names a slogan.
  if (p.pre.quoteOpen.has(codeAt(text, i - 1))) {
    const limit = Math.min(text.length, i + ex.quote_max + 1);
    for (let k = end; k < limit; k++) {
      const c = text.charCodeAt(k);
      if (p.pre.quoteClose.has(c)) return stop(i, end, "metric-veto/quoted-name", "a numeral opening a quoted name or slogan");
      if (QUOTE_STOPS.has(c)) break;
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

function isAsciiDigitOrChinese(sc: ScanContext, k: number): boolean {
  return isDigitCode(codeAt(sc.text, k)) || sc.p.reader.tables.units.chineseChars.at(sc.text, k);
}

/** Clause marks that end the search for the closing quote of a slogan. */
const QUOTE_STOPS = new UnitSet(["，", "。", "；", "、", ",", ";", "\n"]);

function isYearNumeral(sc: ScanContext, n: NumeralRead): boolean {
  const length = n.end - n.start;
  if (n.script === "arabic") return n.plain && length === 4 && n.value >= 1000 && n.value <= 2999;
  // Written digit by digit: 二〇一八, 一九九八 (numeral characters are single code units)
  const digits = sc.p.reader.tables.units.digitValue;
  if (length < 3) return false;
  for (let k = n.start; k < n.end; k++) if (!digits.has(sc.text.charCodeAt(k))) return false;
  return true;
}
