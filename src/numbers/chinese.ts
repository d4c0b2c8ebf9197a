// Reading a Chinese numeral string: 十三, 一千二百, 三百, 两万五 (colloquial 25000),
// 一千零五, 二十万亿, 二〇三五 (digit by digit), and approximate pairs 两三 / 三四十
// / 十五六 (a range). Strict: anything that is not one well-formed numeral
// ("十三五", "一二三") reads as null, so a caller can tell names from numbers.
import type { NumeralTables } from "./tables.js";

export interface ChineseValue {
  value: number;
  /** Upper end of an approximate pair ("两三" → 3), else null. */
  max: number | null;
}

/** A numeral without approximate pairs; null when malformed. */
export function parseChineseExact(s: string, t: NumeralTables): number | null {
  return parseChineseExactRange(s, 0, s.length, t);
}

/**
 * parseChineseExact of text[start, end), read in place: numeral characters are
 * single code units (scales.yaml keys have length 1), so the range is walked by
 * code unit against code-keyed tables, without a substring, an array of
 * characters or a string per character.
 */
export function parseChineseExactRange(text: string, start: number, end: number, t: NumeralTables): number | null {
  if (end <= start) return null;
  const { digitValue, sectionValue, groupValue } = t.units;
  // Written digit by digit: "二〇三五", "一九九八" (years, codes). Two plain digits
  // ("九五", "两三") are not a positional number: a pair or a name.
  let allDigits = true;
  let hasZero = false;
  for (let k = start; k < end; k++) {
    const d = digitValue.get(text.charCodeAt(k));
    if (d === undefined) {
      allDigits = false;
      break;
    }
    if (d === 0) hasZero = true;
  }
  const length = end - start;
  if (allDigits) {
    if (length === 1) return digitValue.get(text.charCodeAt(start))!;
    if (length < 3 && !hasZero) return null;
    let v = 0;
    for (let k = start; k < end; k++) v = v * 10 + digitValue.get(text.charCodeAt(k))!;
    return v;
  }
  let total = 0; // groups of 亿 and above already closed
  let wan = 0; // the 万 group being built
  let section = 0; // below 万
  let digit: number | null = null;
  let lastSectionUnit = Infinity;
  let zeroSeen = false;
  let lastGroup = Infinity;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    const d = digitValue.get(c);
    if (d !== undefined) {
      if (d === 0) {
        if (digit !== null && digit !== 0) return null; // "三零"
        zeroSeen = true;
        digit = 0;
        continue;
      }
      if (digit !== null && digit !== 0) return null; // two digits in a row: "十三五"
      digit = d;
      continue;
    }
    const su = sectionValue.get(c);
    if (su !== undefined) {
      let n = digit;
      if (n === null || n === 0) {
        // A bare 十 at the start of a section is 一十 ("十三", "二百十"? no: only at the start).
        if (su === 10 && section === 0 && n === null) n = 1;
        else return null;
      }
      if (su >= lastSectionUnit) return null; // "三百四千"
      section += n * su;
      lastSectionUnit = su;
      digit = null;
      zeroSeen = false;
      continue;
    }
    const gu = groupValue.get(c);
    if (gu !== undefined) {
      const part = section + (digit ?? 0);
      if (gu >= 100000000) {
        // 亿 closes everything before it, including a 万 group: "二十万亿" = 二十万 × 亿.
        const base = total + wan + part;
        if (base === 0) return null;
        if (gu >= lastGroup && wan === 0 && part === 0) return null;
        total = base * gu;
        wan = 0;
      } else {
        if (part === 0 && wan === 0) return null;
        if (gu >= lastGroup) {
          // "万万" is not a number we read
          if (part !== 0) return null;
        }
        wan = (wan + part) * gu;
      }
      lastGroup = gu;
      section = 0;
      digit = null;
      lastSectionUnit = Infinity;
      zeroSeen = false;
      continue;
    }
    return null;
  }
  if (digit !== null && digit !== 0) {
    // "一千二" = 1200, "两万五" = 25000: a digit after a unit without 零 takes the next
    // lower unit; after 零 it is ones ("一千零五").
    if (!zeroSeen && lastSectionUnit !== Infinity && lastSectionUnit >= 100) section += (digit * lastSectionUnit) / 10;
    else if (!zeroSeen && lastSectionUnit === Infinity && lastGroup !== Infinity && section === 0) {
      return total + wan + (digit * lastGroup) / 10;
    } else section += digit;
  }
  return total + wan + section;
}

/** Where an approximate pair sits in `chars` ("两三", "三四十", "十五六"): index of its first digit. */
function pairAt(chars: string[], t: NumeralTables): number {
  let found = -1;
  for (let i = 0; i + 1 < chars.length; i++) {
    const a = t.digits.get(chars[i]!);
    const b = t.digits.get(chars[i + 1]!);
    if (a === undefined || b === undefined || a === 0 || b === 0) continue;
    if (b !== a + 1) return -1;
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

/** A Chinese numeral, with approximate pairs read as a range. */
export function parseChinese(s: string, t: NumeralTables): ChineseValue | null {
  return parseChineseRange(s, 0, s.length, t);
}

/** parseChinese of text[start, end); the rare pair reading works on the substring. */
export function parseChineseRange(text: string, start: number, end: number, t: NumeralTables): ChineseValue | null {
  const exact = parseChineseExactRange(text, start, end, t);
  if (exact !== null) return { value: exact, max: null };
  const chars = [...text.slice(start, end)];
  const at = pairAt(chars, t);
  if (at < 0) return null;
  // Positional strings never hold pairs ("一二" in a code); require a short numeral.
  const low = parseChineseExact([...chars.slice(0, at + 1), ...chars.slice(at + 2)].join(""), t);
  const high = parseChineseExact([...chars.slice(0, at), ...chars.slice(at + 1)].join(""), t);
  if (low === null || high === null || !(high > low)) return null;
  return { value: low, max: high };
}
