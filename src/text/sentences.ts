// Sentence boundaries on the normalised view (SPEC §6b): after 。！？ and any
// closing quotes or brackets, never at a 。 between digits ("78。5万人次"), never
// inside brackets or quotes, and at every line break left in the view (the view
// has already removed line breaks made by page layout). ；does not end a sentence.

export interface Span {
  start: number;
  end: number;
}

const ENDERS = new Set(["。", "！", "？", "!", "?"]);
const CLOSERS = new Set(["”", "’", "」", "』", ")", "）", "】", "》", '"', "'"]);
const OPEN = new Set(["(", "（", "“", "《", "【", "「", "『"]);
const CLOSE = new Set([")", "）", "”", "》", "】", "」", "』"]);
/** An unclosed bracket stops protecting 。 after this many characters. */
const MAX_BRACKET_SPAN = 300;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let depth = 0;
  let openedAt = -1;
  const push = (s: number, e: number) => {
    while (s < e && /\s/u.test(text[s]!)) s++;
    while (e > s && /\s/u.test(text[e - 1]!)) e--;
    if (e > s) spans.push({ start: s, end: e });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\n") {
      push(start, i);
      start = i + 1;
      depth = 0;
      continue;
    }
    if (OPEN.has(ch)) {
      if (depth === 0) openedAt = i;
      depth++;
      continue;
    }
    if (CLOSE.has(ch) && depth > 0) {
      depth--;
      if (depth > 0 || !ENDERS.has(text[i - 1] ?? "")) continue;
      // "…。”" closes the quote and the sentence together: fall through.
    } else if (!ENDERS.has(ch)) {
      continue;
    }
    if (ch === "。" && isDigit(text[i - 1]) && isDigit(text[i + 1])) continue;
    if (depth > 0 && i - openedAt < MAX_BRACKET_SPAN) continue;
    depth = 0;
    let end = i + 1;
    while (end < text.length && (CLOSERS.has(text[end]!) || ENDERS.has(text[end]!))) end++;
    push(start, end);
    start = end;
    i = end - 1;
  }
  push(start, text.length);
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
