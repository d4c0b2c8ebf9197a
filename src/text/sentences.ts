// Sentence boundaries on the normalised view (SPEC §6b): after 。！？ and any
// closing quotes or brackets, never at a 。 between digits ("78。5万人次"), never
// inside brackets or quotes, and at every line break left in the view (the view
// has already removed line breaks made by page layout). ；does not end a sentence.

import * as chars from "./chars.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call, which costs more
// than these small helpers themselves in the per-character loops below.
const { codeAt, isDigitCode, isSpaceCode } = chars;

export interface Span {
  start: number;
  end: number;
}

// Character classes by UTF-16 code unit: the loop below visits every character
// of the document, so it compares numbers, never one-character strings. Every
// marked character is ASCII, general punctuation (‘’“”), CJK punctuation
// (U+3000-U+3011) or a full-width form (U+FF01-U+FF5E); CJK ideographs, most of
// any report, are answered by one range check, and the tables stay small.
const ENDER = 1;
const CLOSER = 2;
const OPEN = 4;
const CLOSE = 8;
/** Classes of U+0000-U+3011. */
const LOW_KIND = new Uint8Array(0x3012);
/** Classes of U+FF00-U+FFFF. */
const FULL_KIND = new Uint8Array(0x100);
const mark = (list: string, kind: number) => {
  for (const ch of list) {
    const c = ch.charCodeAt(0);
    if (c < LOW_KIND.length) LOW_KIND[c] |= kind;
    else if (c >= 0xff00) FULL_KIND[c - 0xff00] |= kind;
    else throw new Error(`sentence punctuation outside the tables: ${ch}`);
  }
};
mark("。！？!?", ENDER);
mark("”’」』)）】》\"'", CLOSER);
mark("(（“《【「『", OPEN);
mark(")）”》】」』", CLOSE);

/** The classes of a code unit (0 for none; -1, outside the text, has none). */
function kindOf(c: number): number {
  if (c < LOW_KIND.length) return c >= 0 ? LOW_KIND[c]! : 0;
  return c >= 0xff00 ? FULL_KIND[c - 0xff00]! : 0;
}
const NEWLINE = 10;
const FULL_STOP = 0x3002; // 。
/** An unclosed bracket stops protecting 。 after this many characters. */
const MAX_BRACKET_SPAN = 300;

export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  const n = text.length;
  let start = 0;
  let depth = 0;
  let openedAt = -1;
  const push = (s: number, e: number) => {
    while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
    while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x3011 && c < 0xff00) continue; // CJK ideographs, most of a report: nothing to decide
    if (c === NEWLINE) {
      push(start, i);
      start = i + 1;
      depth = 0;
      continue;
    }
    const kind = kindOf(c);
    if (kind === 0) continue; // most characters: nothing to decide
    if (kind & OPEN) {
      if (depth === 0) openedAt = i;
      depth++;
      continue;
    }
    if (kind & CLOSE && depth > 0) {
      depth--;
      if (depth > 0 || !(kindOf(codeAt(text, i - 1)) & ENDER)) continue;
      // "…。”" closes the quote and the sentence together: fall through.
    } else if (!(kind & ENDER)) {
      continue;
    }
    if (c === FULL_STOP && isDigitCode(codeAt(text, i - 1)) && isDigitCode(codeAt(text, i + 1))) continue;
    if (depth > 0 && i - openedAt < MAX_BRACKET_SPAN) continue;
    depth = 0;
    let end = i + 1;
    while (end < n && kindOf(text.charCodeAt(end)) & (CLOSER | ENDER)) end++;
    push(start, end);
    start = end;
    i = end - 1;
  }
  push(start, n);
  return spans;
}

/** Index of the sentence containing view position `pos` (binary search). */
export function sentenceAt(spans: readonly Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
