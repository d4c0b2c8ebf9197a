// Character classes asked once per character of a document, answered from the
// UTF-16 code unit: no one-character string is made (every CJK character read as
// text[i] is a fresh string) and no regular expression runs per character.

/** Whether the code unit is white space as the regular expression `\s` reads it. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * The code unit at text[i], or -1 outside the text. charCodeAt would give NaN
 * there, but optimised code that reads past the end of a string is thrown away
 * and compiled again, and the scanners read one character before and after.
 */
export function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

/** An ASCII digit 0-9 (what `\d` reads). */
export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * A small set of UTF-16 code units, asked once per character by the scanners:
 * an open-addressing table of a few dozen slots, read without making a
 * one-character string or hashing one. (A table with a slot for every code unit
 * would take 64 KB per set, and the date patterns alone hold dozens of sets.)
 */
export class CodeSet {
  private slots = new Int32Array(8).fill(EMPTY);
  private shift = 29; // 32 - log2(slots.length)
  private count = 0;

  /** Each string adds its first code unit (empty strings add nothing). */
  constructor(firstsOf: Iterable<string> = []) {
    for (const s of firstsOf) if (s.length > 0) this.add(s.charCodeAt(0));
  }

  add(code: number): this {
    if (this.has(code)) return this;
    // At most a quarter full: a lookup seldom probes past its first slot.
    if (4 * (this.count + 1) > this.slots.length) this.grow();
    this.insert(code);
    this.count++;
    return this;
  }

  /** Whether the code unit is in the set; false for -1 and NaN (outside the text). */
  has(code: number): boolean {
    if (!(code >= 0)) return false;
    const mask = this.slots.length - 1;
    for (let i = Math.imul(code, HASH) >>> this.shift; ; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s === code) return true;
      if (s === EMPTY) return false;
    }
  }

  private insert(code: number): void {
    const mask = this.slots.length - 1;
    let i = Math.imul(code, HASH) >>> this.shift;
    while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
    this.slots[i] = code;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length).fill(EMPTY);
    this.shift--;
    for (const c of old) if (c !== EMPTY) this.insert(c);
  }
}

const EMPTY = -1;
/** Fibonacci hashing: the top bits of code × 2^32/φ spread neighbouring code units apart. */
const HASH = 0x9e3779b1 | 0;
