// Sets of UTF-16 code units, asked "is text[i] one of these?" in one bit read,
// and word lists looked up at a position. The scanners ask such questions at
// every numeral and around every metric; a bit read costs a fraction of a Set
// lookup of a one-character string (text[i] of a CJK character even allocates
// that string) or of a sticky regex exec, and allocates nothing; nor do the
// loops here, unlike `list.some((w) => …)` closures or `slice`. Loops are
// indexed: for-of costs twice as much before the code is optimised, which is
// where the first megabytes of a run are spent. Tables also serve as
// prechecks: a word regex cannot match at i when text[i] is not the first unit
// of one of its words, so the regex runs only where it can.
//
// The scanning helpers are methods of UnitSet, and the sets the scanners skip
// (blanks, white space) are reached through the compiled pattern objects: under
// the module loader the benchmarks and tests run with (vite-node), every use of
// an imported name is a getter call, which at every numeral adds up; methods and
// module-local helpers are plain calls there too.

export class UnitSet {
  /** One bit per code unit: 8 KB, small enough to stay in cache beside the text. */
  private readonly bits = new Uint32Array(0x800);

  /** Each string contributes its first code unit. */
  constructor(units: Iterable<string> = []) {
    for (const u of units) if (u.length) this.add(u.charCodeAt(0));
  }

  add(code: number): this {
    this.bits[code >>> 5]! |= 1 << (code & 31);
    return this;
  }

  /** Add every unit of `other`. */
  addSet(other: UnitSet): this {
    for (let k = 0; k < this.bits.length; k++) this.bits[k]! |= other.bits[k]!;
    return this;
  }

  /** Add the code units [from, to] (inclusive). */
  addRange(from: number, to: number): this {
    for (let c = from; c <= to; c++) this.add(c);
    return this;
  }

  /** Whether the code unit is in the set; false for -1 and NaN (charCodeAt outside the text). */
  has(code: number): boolean {
    return code >= 0 && ((this.bits[code >>> 5]! >>> (code & 31)) & 1) === 1;
  }

  /** Whether text[i] is in the set (false outside the text). */
  at(text: string, i: number): boolean {
    return i >= 0 && i < text.length && this.has(text.charCodeAt(i));
  }

  /** The first index >= i whose unit is not in the set. */
  skipForward(text: string, i: number): number {
    while (i < text.length && this.has(text.charCodeAt(i))) i++;
    return i;
  }

  /** The smallest index k in [lo, i] such that every unit of text[k, i) is in the set. */
  skipBackward(text: string, lo: number, i: number): number {
    while (i > lo && this.has(text.charCodeAt(i - 1))) i--;
    return i;
  }

  /** Whether a unit of the set occurs in text[from, to) (so also: whether a word starting with one may). */
  anyWithin(text: string, from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (this.has(text.charCodeAt(k))) return true;
    return false;
  }

  /** Whether every unit of text[from, to) is in the set. */
  allWithin(text: string, from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (!this.has(text.charCodeAt(k))) return false;
    return true;
  }

  /**
   * Whether the unit before the trailing `skip` units of text[lo, i) is in the
   * set. With the set = lastUnits(words, skip), a necessary condition for a regex
   * `(?:words)[skip]*$` to match in text[lo, i): callers still run the regex
   * when it holds.
   */
  endsBefore(text: string, lo: number, i: number, skip: UnitSet): boolean {
    const k = skip.skipBackward(text, lo, i);
    return k > lo && this.has(text.charCodeAt(k - 1));
  }
}

/**
 * Words in list order, indexed by their first and by their last code unit, so
 * that a position is ruled out by one bit read and otherwise only the few words
 * sharing that unit are compared.
 */
export class WordList {
  private readonly first = new UnitSet();
  private readonly last = new UnitSet();
  private readonly byFirst = new Map<number, string[]>();
  private readonly byLast = new Map<number, string[]>();

  constructor(readonly words: readonly string[]) {
    for (const w of words) {
      if (!w.length) continue;
      this.first.add(w.charCodeAt(0));
      this.last.add(w.charCodeAt(w.length - 1));
      push(this.byFirst, w.charCodeAt(0), w);
      push(this.byLast, w.charCodeAt(w.length - 1), w);
    }
  }

  /** The first word (in list order) that starts at `at`, or undefined: `words.find((w) => text.startsWith(w, at))`. */
  startingAt(text: string, at: number): string | undefined {
    if (!this.first.at(text, at)) return undefined;
    return firstStartingAt(text, this.byFirst.get(text.charCodeAt(at))!, at);
  }

  /** The first word (in list order) that ends at `end`, or undefined. */
  endingAt(text: string, end: number): string | undefined {
    if (!this.last.at(text, end - 1)) return undefined;
    return firstEndingAt(text, this.byLast.get(text.charCodeAt(end - 1))!, end);
  }

  /** Whether some word starts at `at` and ends by `end`. */
  anyStartingWithin(text: string, at: number, end: number): boolean {
    if (!this.first.at(text, at)) return false;
    const list = this.byFirst.get(text.charCodeAt(at))!;
    for (let k = 0; k < list.length; k++) {
      const w = list[k]!;
      if (at + w.length <= end && text.startsWith(w, at)) return true;
    }
    return false;
  }

  /** The words whose last unit is text[end - 1] (they may end at `end`; compare to know). */
  lastUnitBefore(text: string, end: number): readonly string[] {
    if (!this.last.at(text, end - 1)) return NO_WORDS;
    return this.byLast.get(text.charCodeAt(end - 1))!;
  }

  /** Whether some word lies in text[from, end) and ends at `end`. */
  anyEndingWithin(text: string, from: number, end: number): boolean {
    if (end <= from || !this.last.at(text, end - 1)) return false;
    const list = this.byLast.get(text.charCodeAt(end - 1));
    if (list === undefined) return false;
    for (let k = 0; k < list.length; k++) {
      const w = list[k]!;
      if (w.length <= end - from && text.startsWith(w, end - w.length)) return true;
    }
    return false;
  }
}

const NO_WORDS: readonly string[] = [];

function push(map: Map<number, string[]>, key: number, word: string): void {
  const list = map.get(key);
  if (list) list.push(word);
  else map.set(key, [word]);
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Spaces and tabs: what `[ \t]*` around a word in the scanners' regexes skips. */
export const BLANKS = new UnitSet([" ", "\t"]);
/** Nothing to skip: for a regex with no blanks between its word and its anchor. */
export const NO_UNITS = new UnitSet();

/**
 * First code unit of each word after any leading spaces or tabs: where a
 * `[ \t]*(?:words)` match must have its first non-blank unit. Null when a word is
 * all blanks, for then no precheck is sound.
 */
export function firstUnits(words: Iterable<string>): UnitSet | null {
  const set = new UnitSet();
  for (const w of words) {
    let k = 0;
    while (k < w.length && isBlank(w.charCodeAt(k))) k++;
    if (k === w.length) return null;
    set.add(w.charCodeAt(k));
  }
  return set;
}

/**
 * Last code unit of each word before any trailing units of `skip`: where a
 * `(?:words)[skip]*$` match has its last unit that is not in `skip`. Null when a
 * word is all `skip` units (see firstUnits).
 */
export function lastUnits(words: Iterable<string>, skip: UnitSet = BLANKS): UnitSet | null {
  const set = new UnitSet();
  for (const w of words) {
    let k = w.length - 1;
    while (k >= 0 && skip.has(w.charCodeAt(k))) k--;
    if (k < 0) return null;
    set.add(w.charCodeAt(k));
  }
  return set;
}

/** Whether `word` occurs in `text` ending exactly at `end` (no slice: this runs per numeral). */
function endsAt(text: string, word: string, end: number): boolean {
  return end >= word.length && text.startsWith(word, end - word.length);
}

/** The code units of JavaScript's `\s` (WhiteSpace and LineTerminator), which `trim` also removes. */
export const SPACE_UNITS = new UnitSet(["\t", "\n", "\v", "\f", "\r", " ", "\u00a0", "\u1680", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff"])
  .addRange(0x2000, 0x200a);

/** The first of `words` (in list order) that ends at `end`, or undefined. */
function firstEndingAt(text: string, words: readonly string[], end: number): string | undefined {
  for (let k = 0; k < words.length; k++) if (endsAt(text, words[k]!, end)) return words[k];
  return undefined;
}

/** The first of `words` (in list order) that starts at `at`, or undefined. */
function firstStartingAt(text: string, words: readonly string[], at: number): string | undefined {
  for (let k = 0; k < words.length; k++) if (text.startsWith(words[k]!, at)) return words[k];
  return undefined;
}

const REGEX_SPECIAL = new Set(["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]);

/**
 * The code units a match of the regex `source` (no flags that change matching:
 * no i, no u) can start with, when every top-level alternative opens with a
 * literal character that is not optional ("届[一二三]+中|届(?:全国|人大)" → {届});
 * else null. Pattern files may hold such regexes; this lets a sticky one be
 * skipped without an exec where its first unit is absent.
 */
export function regexFirstUnits(source: string): UnitSet | null {
  const set = new UnitSet();
  let depth = 0;
  let inClass = false;
  let altStart = 0;
  const takeAlternative = (from: number): boolean => {
    const ch = source[from];
    if (ch === undefined || ch === "|" || REGEX_SPECIAL.has(ch)) return false;
    const after = source[from + 1];
    if (after === "?" || after === "*" || after === "{") return false; // may match without it
    set.add(source.charCodeAt(from));
    return true;
  };
  for (let k = 0; k < source.length; k++) {
    const ch = source[k];
    if (ch === "\\") {
      k++;
      continue;
    }
    if (inClass) {
      if (ch === "]") inClass = false;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) {
      if (!takeAlternative(altStart)) return null;
      altStart = k + 1;
    }
  }
  return takeAlternative(altStart) ? set : null;
}
