// Lines of the view with their offsets, and the original characters behind a view
// span: metadata values read as the document prints them (full-width brackets
// and commas kept), without the layout line breaks and lone spaces the view dropped.
import type { TextView } from "../../text/view.js";

export interface Line {
  /** View offsets of the trimmed content. */
  start: number;
  end: number;
  /** Trimmed view text. */
  text: string;
}

/**
 * Whether a UTF-16 code is a blank as /\s/ reads it (white space and line
 * terminators): asked for the ends of every line, so compared, not matched.
 */
function isBlankCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Non-empty lines of the view, trimmed. */
export function contentLines(view: TextView): Line[] {
  const out: Line[] = [];
  const t = view.text;
  let pos = 0;
  while (pos <= t.length) {
    let nl = t.indexOf("\n", pos);
    if (nl < 0) nl = t.length;
    let s = pos;
    let e = nl;
    while (s < e && isBlankCode(t.charCodeAt(s))) s++;
    while (e > s && isBlankCode(t.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e, text: t.slice(s, e) });
    pos = nl + 1;
  }
  return out;
}

/**
 * The original text of view offsets [start, end) as printed, spaces included
 * ("国家卫生健康委 国家中医药局关于…"), with line breaks and their indentation
 * removed: what a cited title reads like when a page break split it.
 */
export function originalTextWithSpaces(view: TextView, start: number, end: number): string {
  if (end <= start) return "";
  const raw = view.original.slice(view.toOriginalStart(start), view.toOriginalEnd(end));
  return raw.replace(/[ \t\u3000]*[\r\n]+[ \t\u3000]*/gu, "").replace(/^[\s\u3000]+|[\s\u3000]+$/gu, "");
}

/** The original characters behind view offsets [start, end), trimmed. */
export function originalText(view: TextView, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += view.original[view.toOriginalStart(i)]!;
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, "");
}

/**
 * The line cut at the first place where the original had a line break that the
 * view removed as page layout, or null. "兴政发〔2016〕40号 签发人：王某" and the title
 * under it can be joined by the view; the head reader takes them apart again.
 */
export function splitAtLayoutBreak(view: TextView, l: Line): [Line, Line] | null {
  for (let k = l.start + 1; k < l.end; k++) {
    const gap = view.original.slice(view.toOriginalEnd(k), view.toOriginalStart(k));
    if (!/[\r\n]/u.test(gap)) continue;
    const first = trimLine(view.text, l.start, k);
    const rest = trimLine(view.text, k, l.end);
    if (first && rest) return [first, rest];
    return null;
  }
  return null;
}

function trimLine(t: string, s: number, e: number): Line | null {
  while (s < e && /\s/u.test(t[s]!)) s++;
  while (e > s && /\s/u.test(t[e - 1]!)) e--;
  return e > s ? { start: s, end: e, text: t.slice(s, e) } : null;
}
