// Offsets in the original text: UTF-16 indices (what JavaScript strings use) are
// converted to Unicode code points (what records carry, SPEC §2) in one place,
// and lines are found from a line-start table that knows CR, LF and CRLF.
import * as lineIndex from "./line-index.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call; this one runs per record.
const { lastAtOrBefore } = lineIndex;

/** CRLF, CR or LF: each ends one line. (No u flag: it only slows the scan for these ASCII characters.) */
const LINE_BREAK = /\r\n?|\n/g;
/**
 * A high surrogate: the text has characters outside the BMP. No u flag on
 * purpose: with it, the class would skip the halves of a well-formed pair.
 */
const HIGH_SURROGATE = /[\ud800-\udbff]/;

export class Positions {
  private readonly lineStarts: number[] = [0];
  /** cpBefore[i] = number of code points in original[0, i); null when all BMP. */
  private readonly cpBefore: Int32Array | null;

  constructor(readonly original: string) {
    // Native regular-expression scans: a loop over every character costs more on
    // a long document than everything else this class does.
    // test(), not exec(): no match object per line.
    LINE_BREAK.lastIndex = 0;
    while (LINE_BREAK.test(original)) this.lineStarts.push(LINE_BREAK.lastIndex);
    if (!HIGH_SURROGATE.test(original)) {
      this.cpBefore = null;
    } else {
      const table = new Int32Array(original.length + 1);
      let cp = 0;
      for (let i = 0; i < original.length; i++) {
        table[i] = cp;
        const c = original.charCodeAt(i);
        const low = original.charCodeAt(i + 1);
        if (c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          table[i + 1] = cp; // inside a pair: same code point
          i++;
        }
        cp++;
      }
      table[original.length] = cp;
      this.cpBefore = table;
    }
  }

  /** Code point offset of a UTF-16 offset. */
  codePoint(utf16: number): number {
    return this.cpBefore ? this.cpBefore[utf16]! : utf16;
  }

  /** Total length in code points. */
  get codePointLength(): number {
    return this.codePoint(this.original.length);
  }

  /** 1-based line of a UTF-16 offset. */
  lineOf(utf16: number): number {
    return lastAtOrBefore(this.lineStarts, utf16) + 1;
  }
}

/** Slice a string by code point offsets (the offset property of SPEC §2). */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}
