// The normalised view of a document: what extractors read. It differs from the
// original only by 1:1 substitutions (full-width → half-width, CR → LF) and by
// deletions (CR of CRLF, line breaks left by page layout, watermark lines, a lone
// space between CJK characters or digits). Every view index maps back to exactly
// one original index, so records are located in the original text exactly once.
import { headingMarker, isHeadingLine } from "./headings.js";
import { LineIndex } from "./line-index.js";

export interface ViewOptions {
  /** Lines (trimmed) that are page furniture and never content, e.g. a site name. */
  watermarks?: readonly RegExp[];
}

export class TextView {
  /** For each view UTF-16 index, the original UTF-16 index it came from. */
  private readonly origin: Int32Array;
  private lineIndex: LineIndex | null = null;

  constructor(
    readonly original: string,
    readonly text: string,
    origin: Int32Array,
  ) {
    this.origin = origin;
  }

  /** Where the view's lines start and end, built on first use. */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** Original UTF-16 index of the character at view index `i` (start of a span). */
  toOriginalStart(i: number): number {
    if (i >= this.text.length) return this.original.length;
    return this.origin[i]!;
  }

  /** Original UTF-16 index just after the character before view index `i` (end of a span). */
  toOriginalEnd(i: number): number {
    if (i <= 0) return 0;
    return this.origin[i - 1]! + 1;
  }
}

const TERMINAL_END = /[。！？!?；;：:）)】」』]$|[。！？!?][”’"']$/u;
const SENTENCE_PUNCT = /[，。、,；;：:]/u;
const CLOSING_MATTER = /^(抄送|送[:：]|主送|附件|联系人)/u;
const LABEL_START = /^[^\s，。,:：、]{2,8}[:：]/u;
const TABLE_ROW = /\S(?:\t| {2,}|\u3000{2,})\S/u;
const URL_LIKE = /^(?:https?:\/\/|www\.)\S+$/iu;

function isCjkOrDigit(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x30 && c <= 0x39) || // 0-9
    (c >= 0x3400 && c <= 0x9fff) || // CJK ideographs
    (c >= 0xff10 && c <= 0xff19) || // full-width digits
    (c >= 0x3001 && c <= 0x303f) || // CJK punctuation
    (c >= 0xff01 && c <= 0xff0f) || // full-width punctuation before the digits
    c === 0x25 || c === 0x2030 || c === 0x2f || c === 0x2e // % ‰ / .
  );
}

/** Full-width ASCII forms and the ideographic space become their half-width twins. */
export function halfWidth(ch: string): string {
  const c = ch.charCodeAt(0);
  const h = halfWidthCode(c);
  return h === c ? ch : String.fromCharCode(h);
}

function halfWidthCode(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000) return 0x20;
  return c;
}

/** Code units of the view gathered before they become a string (a call's arguments: keep it small). */
const CHUNK = 8192;

interface RawLine {
  /** UTF-16 offsets in the original: content [start, contentEnd), terminator up to next. */
  start: number;
  contentEnd: number;
  next: number;
  trimmed: string;
}

function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const ch = text.charCodeAt(i);
    if (i === n || ch === 10 || ch === 13) {
      let next = i;
      if (i < n) next = ch === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, contentEnd: i, next, trimmed: text.slice(start, i).trim() });
      if (i === n) break;
      start = next;
      i = next - 1;
    }
  }
  return lines;
}

/** A line repeated on many pages, or a bare URL line, is page furniture. */
function findWatermarks(lines: RawLine[], extra: readonly RegExp[]): Set<number> {
  const counts = new Map<string, number>();
  for (const l of lines) {
    if (l.trimmed.length > 0 && l.trimmed.length <= 40) counts.set(l.trimmed, (counts.get(l.trimmed) ?? 0) + 1);
  }
  const out = new Set<number>();
  lines.forEach((l, idx) => {
    const t = l.trimmed;
    if (!t) return;
    const repeated = (counts.get(t) ?? 0) >= 3 && !SENTENCE_PUNCT.test(t) && !isHeadingLine(t) && !/^\d+$/.test(t);
    if (repeated || URL_LIKE.test(t) || extra.some((re) => re.test(t))) out.add(idx);
  });
  return out;
}

/**
 * Whether the break between line `a` and the next content line `b` was made by
 * page layout inside a paragraph. "…比较规范的药品供应保障\n\n体系和综合监管体系。":
 * the first line stops without closing punctuation and is not a heading or a
 * short title, so the two are one paragraph.
 */
function isLayoutBreak(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (TERMINAL_END.test(a)) return false;
  // A numbered line after the break starts a new item even when it runs on
  // ("2. 加强资金保障。(责任单位:市财政局" must not swallow "3. 加强宣传。…").
  if (isHeadingLine(a) || headingMarker(b)) return false;
  // "配合单位：…" after "牵头单位：…": a labelled line starts a field of its own.
  if (LABEL_START.test(b)) return false;
  // Rows of a table written as text keep their line breaks.
  if (TABLE_ROW.test(a) || TABLE_ROW.test(b)) return false;
  if (CLOSING_MATTER.test(a) || CLOSING_MATTER.test(b)) return false;
  // "大医改办〔2018〕5号  签发人：…" or "联系人：…": a short labelled line stands alone.
  if (LABEL_START.test(a) && a.length < 30) return false;
  if (/签发人[:：]/u.test(a)) return false;
  // A short line without any clause punctuation is a title or a signature line.
  if (!SENTENCE_PUNCT.test(a) && a.length < 50) return false;
  if (/^\d{1,3}$/u.test(b)) return false; // a bare page number
  return true;
}

export function buildView(original: string, options: ViewOptions = {}): TextView {
  const lines = splitLines(original);
  const watermark = findWatermarks(lines, options.watermarks ?? []);
  // Original index ranges dropped from the view.
  const drop: Array<[number, number]> = [];
  let prevContent = -1; // index of last content line
  for (let idx = 0; idx < lines.length; idx++) {
    const l = lines[idx]!;
    if (watermark.has(idx)) {
      drop.push([l.start, l.next]);
      continue;
    }
    if (!l.trimmed) continue;
    if (prevContent >= 0) {
      const p = lines[prevContent]!;
      if (isLayoutBreak(p.trimmed, l.trimmed)) {
        // Drop trailing blanks of the previous line through the indentation of this one.
        let from = p.contentEnd;
        while (from > p.start && /\s/u.test(original[from - 1]!)) from--;
        let to = l.start;
        while (to < l.contentEnd && /\s/u.test(original[to]!)) to++;
        drop.push([from, to]);
      }
    }
    prevContent = idx;
  }
  drop.sort((x, y) => x[0] - y[0]);

  // The view and its origin map are written straight into typed buffers: one
  // JavaScript string or number per character would take gigabytes on a 100 MB report.
  const origin = new Int32Array(original.length);
  const chunks: string[] = [];
  const buf = new Uint16Array(CHUNK);
  let fill = 0;
  let n = 0;
  let d = 0;
  for (let i = 0; i < original.length; i++) {
    while (d < drop.length && drop[d]![1] <= i) d++;
    if (d < drop.length && drop[d]![0] <= i && i < drop[d]![1]) {
      i = drop[d]![1] - 1;
      continue;
    }
    const c = original.charCodeAt(i);
    let code: number;
    if (c === 13) {
      if (original.charCodeAt(i + 1) === 10) continue;
      code = 10;
    } else if ((c === 0x20 || c === 0x3000) && original[i - 1] !== " " && original[i + 1] !== " " &&
      original[i - 1] !== "\u3000" && original[i + 1] !== "\u3000" &&
      isCjkOrDigit(original[i - 1]) && isCjkOrDigit(original[i + 1])) {
      // "到 2020 年", "77.1 岁": a lone space inside a phrase carries no meaning.
      continue;
    } else {
      code = halfWidthCode(c);
    }
    buf[fill++] = code;
    origin[n++] = i;
    if (fill === CHUNK) {
      chunks.push(String.fromCharCode(...buf));
      fill = 0;
    }
  }
  chunks.push(String.fromCharCode(...buf.subarray(0, fill)));
  return new TextView(original, chunks.join(""), origin.subarray(0, n));
}
