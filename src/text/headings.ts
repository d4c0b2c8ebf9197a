// Heading numbering of Chinese official documents, outermost first:
// 第一章 > 一、 > （一） > 1. / 1、 > （1） > ①. "一是…" is an enumeration inside a
// paragraph, never a heading (SPEC §6b).

export interface HeadingMarker {
  /** Nesting rank: a heading closes every open heading of equal or greater rank. */
  rank: number;
  /** Length of the numbering prefix in UTF-16 units (including its punctuation). */
  markerLength: number;
  /** The number as written, without brackets or punctuation: "一", "12". */
  number: string;
}

const CN = "一二三四五六七八九十百零〇两";
const MARKERS: Array<{ rank: number; re: RegExp }> = [
  { rank: 0, re: new RegExp(`^第([${CN}\\d]+)[章节篇部分]\\s*`, "u") },
  { rank: 1, re: new RegExp(`^([${CN}]+)[、.．]\\s*`, "u") },
  { rank: 2, re: new RegExp(`^[(（]([${CN}]+)[)）]\\s*`, "u") },
  // "1. 推进…", "12、…" — not "1.5万", not "2018年".
  { rank: 3, re: /^(\d{1,3})(?:[、．]|\.(?!\d))\s*/u },
  { rank: 4, re: /^[(（](\d{1,3})[)）]\s*/u },
  { rank: 5, re: /^([①-⑳])\s*/u },
];

/**
 * By the code unit a line starts with, the markers (in rank order) whose pattern
 * can match there. Every pattern is anchored at ^ and their first characters do
 * not overlap, so a line is tried only against its own few patterns (most lines
 * against none), with the same answer as trying all of them in rank order.
 */
const MARKERS_BY_FIRST = new Map<number, Array<{ rank: number; re: RegExp }>>();
function markersStartingWith(chars: Iterable<string>, ranks: number[]): void {
  for (const ch of chars) MARKERS_BY_FIRST.set(ch.charCodeAt(0), MARKERS.filter((m) => ranks.includes(m.rank)));
}
markersStartingWith("第", [0]);
markersStartingWith(CN, [1]);
markersStartingWith("(（", [2, 4]);
markersStartingWith("0123456789", [3]);
markersStartingWith(Array.from({ length: 20 }, (_, k) => String.fromCharCode(0x2460 + k)), [5]); // ①-⑳

/** Whether a line starting with this code unit may open with a marker (NaN: no). */
export function mayStartMarker(code: number): boolean {
  return MARKERS_BY_FIRST.has(code);
}

/** Numbering at the start of a line, if any. */
export function headingMarker(line: string): HeadingMarker | null {
  const candidates = MARKERS_BY_FIRST.get(line.charCodeAt(0));
  if (!candidates) return null;
  for (const { rank, re } of candidates) {
    const m = re.exec(line);
    if (m && m[0].length < line.length) return { rank, markerLength: m[0].length, number: m[1]! };
  }
  return null;
}

/** What makes a numbered line a sentence rather than a heading. */
const SENTENCE_MARK = /[。；;！？]/u;
/** Where an inline heading stops. */
const HEADING_STOP = /[。！？!?]/u;

/** A line that is a heading on its own: numbered, short, and not a sentence. */
export function isHeadingLine(trimmed: string): boolean {
  const m = headingMarker(trimmed);
  if (!m) return false;
  return trimmed.length <= 60 && !SENTENCE_MARK.test(trimmed.slice(m.markerLength));
}

/**
 * The heading text of a paragraph that starts with a marker: the whole line when
 * it is a heading line, else the inline heading up to its first 。 (SPEC §6b:
 * "1. 推进紧密型医疗联合体建设。继续抓好…" → "1. 推进紧密型医疗联合体建设").
 */
export function headingText(paragraph: string): string | null {
  return headingMarker(paragraph) ? markedHeadingText(paragraph) : null;
}

/** headingText of a paragraph already known to start with a marker. */
export function markedHeadingText(paragraph: string): string | null {
  const stop = paragraph.search(HEADING_STOP);
  const text = (stop >= 0 ? paragraph.slice(0, stop) : paragraph).trim();
  // A "heading" that runs on for a whole paragraph without a full stop is a list item.
  if (stop < 0 && text.length > 80) return null;
  return text;
}
