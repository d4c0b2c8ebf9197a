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

/** Numbering at the start of a line, if any. */
export function headingMarker(line: string): HeadingMarker | null {
  for (const { rank, re } of MARKERS) {
    const m = re.exec(line);
    if (m && m[0].length < line.length) return { rank, markerLength: m[0].length, number: m[1]! };
  }
  return null;
}

/** A line that is a heading on its own: numbered, short, and not a sentence. */
export function isHeadingLine(trimmed: string): boolean {
  const m = headingMarker(trimmed);
  if (!m) return false;
  return trimmed.length <= 60 && !/[。；;！？]/u.test(trimmed.slice(m.markerLength));
}

/**
 * The heading text of a paragraph that starts with a marker: the whole line when
 * it is a heading line, else the inline heading up to its first 。 (SPEC §6b:
 * "1. 推进紧密型医疗联合体建设。继续抓好…" → "1. 推进紧密型医疗联合体建设").
 */
export function headingText(paragraph: string): string | null {
  const m = headingMarker(paragraph);
  if (!m) return null;
  const stop = paragraph.search(/[。！？!?]/u);
  const text = (stop >= 0 ? paragraph.slice(0, stop) : paragraph).trim();
  // A "heading" that runs on for a whole paragraph without a full stop is a list item.
  if (stop < 0 && text.length > 80) return null;
  return text;
}
