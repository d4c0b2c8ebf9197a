// The normalised view of a document: what extractors read. It differs from the
// original only by 1:1 substitutions (full-width → half-width, CR → LF) and by
// deletions (CR of CRLF, line breaks left by page layout, watermark lines, a lone
// space between CJK characters or digits). Every view index maps back to exactly
// one original index, so records are located in the original text exactly once.
import * as chars from "./chars.js";
import * as headings from "./headings.js";
import { LineIndex } from "./line-index.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call, which costs more
// than these small helpers themselves in the loops over lines below.
const { isSpaceCode } = chars;
const { headingMarker, isHeadingLine } = headings;

export interface ViewOptions {
  /** Lines (trimmed) that are page furniture and never content, e.g. a site name. */
  watermarks?: readonly RegExp[];
}

export class TextView {
  /** For each view UTF-16 index, the original UTF-16 index it came from. */
  private readonly origin: Int32Array;
  private lineIndex: LineIndex | null = null;

  /** View offsets of every "\n", ascending, when the builder knows them. */
  private readonly breaks: readonly number[] | undefined;

  constructor(
    readonly original: string,
    readonly text: string,
    origin: Int32Array,
    breaks?: readonly number[],
  ) {
    this.origin = origin;
    this.breaks = breaks;
  }

  /** Where the view's lines start and end, built on first use (from the breaks buildView noted while copying). */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text, this.breaks));
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

// What closes a line that ends a paragraph: [。！？!?；;：:）)】」』] last, or
// [。！？!?] followed by a closing quote [”’"']. Looked up by code unit in a Map of
// a dozen entries: it is asked a few times per document, not per character.
const STOP = 1;
const TERMINAL = 2;
const QUOTE = 4;
const LINE_END_KIND = new Map<number, number>();
const markLineEnd = (chars: string, kind: number) => {
  for (const ch of chars) LINE_END_KIND.set(ch.charCodeAt(0), (LINE_END_KIND.get(ch.charCodeAt(0)) ?? 0) | kind);
};
markLineEnd("。！？!?", STOP | TERMINAL);
markLineEnd("；;：:）)】」』", TERMINAL);
markLineEnd("”’\"'", QUOTE);

const SENTENCE_PUNCT = /[，。、,；;：:]/u;
const CLOSING_MATTER = /^(抄送|送[:：]|主送|附件|联系人)/u;
const LABEL_START = /^[^\s，。,:：、]{2,8}[:：]/u;
const TABLE_ROW = /\S(?:\t| {2,}|\u3000{2,})\S/u;
const URL_LIKE = /^(?:https?:\/\/|www\.)\S+$/iu;
const PAGE_NUMBER = /^\d{1,3}$/u;
const SIGNER = /签发人[:：]/u;

function isCjkOrDigitCode(c: number): boolean {
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

/**
 * The lines of the original, noted while the view is copied (copyAll). Only
 * positions are kept: most lines are long paragraphs that no rule below reads
 * as a string, so a line's trimmed text is cut out only when asked for.
 */
class OriginalLines {
  /** Per line, UTF-16 offsets in the original: the line from start, its terminator up to next. */
  readonly start: number[] = [];
  readonly next: number[] = [];
  /** The content without white space at either side: [trimStart, trimEnd), empty when blank. */
  readonly trimStart: number[] = [];
  readonly trimEnd: number[] = [];
  private readonly trimmedText: Array<string | undefined> = [];

  constructor(readonly text: string) {}

  /** Add the line with content [start, end) and its terminator up to `next`. */
  add(start: number, end: number, next: number): void {
    let ts = start;
    let te = end;
    while (ts < te && isSpaceCode(this.text.charCodeAt(ts))) ts++;
    while (te > ts && isSpaceCode(this.text.charCodeAt(te - 1))) te--;
    this.start.push(start);
    this.next.push(next);
    this.trimStart.push(ts);
    this.trimEnd.push(te);
  }

  get count(): number {
    return this.start.length;
  }

  /** Length of line `k` without its white space. */
  trimmedLength(k: number): number {
    return this.trimEnd[k]! - this.trimStart[k]!;
  }

  /** Line `k` without white space at either side (what String.prototype.trim gives). */
  trimmed(k: number): string {
    return (this.trimmedText[k] ??= this.text.slice(this.trimStart[k], this.trimEnd[k]));
  }

  /** Whether line `k` ends like a paragraph, read on its last two code units. */
  endsTerminal(k: number): boolean {
    const ts = this.trimStart[k]!;
    const te = this.trimEnd[k]!;
    if (te === ts) return false;
    const last = LINE_END_KIND.get(this.text.charCodeAt(te - 1)) ?? 0;
    if (last & TERMINAL) return true;
    return (last & QUOTE) !== 0 && te - 2 >= ts && ((LINE_END_KIND.get(this.text.charCodeAt(te - 2)) ?? 0) & STOP) !== 0;
  }

  /**
   * For a line of 1 to WATERMARK_MAX characters (trimmed), a number made of its
   * length and first and last code units: equal lines have equal keys. -1 otherwise.
   */
  shortKey(k: number): number {
    const ts = this.trimStart[k]!;
    const te = this.trimEnd[k]!;
    const len = te - ts;
    if (len === 0 || len > WATERMARK_MAX) return -1;
    return (len * 0x10000 + this.text.charCodeAt(ts)) * 0x10000 + this.text.charCodeAt(te - 1);
  }

  /** First code unit of line `k`'s trimmed text (NaN when blank). */
  firstCode(k: number): number {
    return this.trimEnd[k]! > this.trimStart[k]! ? this.text.charCodeAt(this.trimStart[k]!) : NaN;
  }
}

/** What the watermark rule may read on a line: a repeated line is at most this long. */
const WATERMARK_MAX = 40;
/** First letters of a URL line (URL_LIKE is case-insensitive). */
const URL_FIRST = new Set(["h", "H", "w", "W"].map((ch) => ch.charCodeAt(0)));

/**
 * A line repeated on many pages, or a bare URL line, is page furniture. Returns
 * 1 per watermark line, or null when no line can be one (most documents).
 */
function findWatermarks(lines: OriginalLines, extra: readonly RegExp[]): Uint8Array | null {
  // Only short lines can repeat as furniture. They are first compared by a key
  // of length and end characters, which needs no string: a line whose key is
  // seen fewer than 3 times cannot be repeated 3 times, and is never cut out.
  const keys: number[] = [];
  let urlLike = false;
  for (let k = 0; k < lines.count; k++) {
    const key = lines.shortKey(k);
    if (key >= 0) keys.push(key);
    if (URL_FIRST.has(lines.firstCode(k))) urlLike = true;
  }
  const repeatedKeys = keysSeenThrice(keys);
  let counts: Map<string, number> | null = null;
  if (repeatedKeys) {
    for (let k = 0; k < lines.count; k++) {
      if (!repeatedKeys.has(lines.shortKey(k))) continue;
      const t = lines.trimmed(k);
      counts ??= new Map();
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  }
  if (!counts && !urlLike && extra.length === 0) return null;
  const out = new Uint8Array(lines.count);
  for (let k = 0; k < lines.count; k++) {
    if (lines.trimmedLength(k) === 0) continue;
    const mayRepeat = counts !== null && lines.trimmedLength(k) <= WATERMARK_MAX;
    const mayBeUrl = URL_FIRST.has(lines.firstCode(k));
    // A line no rule can take needs no string.
    if (!mayRepeat && !mayBeUrl && extra.length === 0) continue;
    const t = lines.trimmed(k);
    const repeated = (counts?.get(t) ?? 0) >= 3 && !SENTENCE_PUNCT.test(t) && !isHeadingLine(t) && !/^\d+$/.test(t);
    if (repeated || (mayBeUrl && URL_LIKE.test(t)) || (extra.length > 0 && extra.some((re) => re.test(t)))) out[k] = 1;
  }
  return out;
}

/** The keys that occur at least 3 times, or null when none does (sorted, not hashed: there are few). */
function keysSeenThrice(keys: number[]): Set<number> | null {
  keys.sort((a, b) => a - b);
  let out: Set<number> | null = null;
  for (let k = 2; k < keys.length; k++) {
    if (keys[k] === keys[k - 2]) (out ??= new Set()).add(keys[k]!);
  }
  return out;
}

/**
 * Whether the break between line `a` and the next content line `b` was made by
 * page layout inside a paragraph. "…比较规范的药品供应保障\n\n体系和综合监管体系。":
 * the first line stops without closing punctuation and is not a heading or a
 * short title, so the two are one paragraph.
 */
function isLayoutBreak(lines: OriginalLines, pk: number, k: number): boolean {
  // Most paragraphs end with 。: answered on code units, before either line is cut out.
  if (lines.endsTerminal(pk)) return false;
  const a = lines.trimmed(pk);
  const b = lines.trimmed(k);
  if (!a || !b) return false;
  // Every rule below can only say no, so the one that says it most often goes first.
  // A short line without any clause punctuation is a title or a signature line.
  if (a.length < 50 && !SENTENCE_PUNCT.test(a)) return false;
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
  if (SIGNER.test(a)) return false;
  if (PAGE_NUMBER.test(b)) return false; // a bare page number
  return true;
}

export function buildView(original: string, options: ViewOptions = {}): TextView {
  // The view and its origin map are written straight into typed buffers: one
  // JavaScript string or number per character would take gigabytes on a 100 MB report.
  // The whole text is copied first, noting its lines on the way; what page
  // layout added is then cut out of the copy (most documents have nothing to cut).
  const out: ViewBuffers = { codes: codeBuffer(original.length), origin: originWindow(original.length), breaks: [], n: 0 };
  const lines = new OriginalLines(original);
  copyAll(original, out, lines);
  const watermark = findWatermarks(lines, options.watermarks ?? []);
  // Original index ranges dropped from the view, as [from, to) pairs.
  const drop: Array<[number, number]> = [];
  let prevContent = -1; // index of last content line
  for (let k = 0; k < lines.count; k++) {
    if (watermark?.[k]) {
      drop.push([lines.start[k]!, lines.next[k]!]);
      continue;
    }
    if (lines.trimmedLength(k) === 0) continue;
    if (prevContent >= 0 && isLayoutBreak(lines, prevContent, k)) {
      // Drop trailing blanks of the previous line through the indentation of this one.
      drop.push([lines.trimEnd[prevContent]!, lines.trimStart[k]!]);
    }
    prevContent = k;
  }
  if (drop.length > 0) {
    drop.sort((x, y) => x[0] - y[0]);
    removeDropped(out, drop);
  }
  const text = viewString(out);
  if (out.origin.buffer === slab.buffer) slabUsed += out.n; // the window's tail is free again
  return new TextView(original, text, out.origin.subarray(0, out.n), out.breaks);
}

/** What a view is written into. */
interface ViewBuffers {
  /** Code units of the view: only a step towards its string. */
  codes: Uint16Array;
  /** Original index of each code unit: the view keeps the part it fills. */
  origin: Int32Array;
  /** View offsets of the line breaks written, ascending. */
  breaks: number[];
  /** Units written so far. */
  n: number;
}

/**
 * One code buffer serves every document up to SCRATCH_MAX units (allocating one
 * per document costs more than filling it); a longer document gets its own,
 * dropped once its view is built.
 */
const SCRATCH_MAX = 1 << 20;
let scratch = new Uint16Array(4096);

function codeBuffer(length: number): Uint16Array {
  if (length > SCRATCH_MAX) return new Uint16Array(length);
  if (scratch.length < length) scratch = new Uint16Array(Math.min(SCRATCH_MAX, Math.max(length, 2 * scratch.length)));
  return scratch;
}

/**
 * Origin maps are written into windows of a shared slab: a typed array of its
 * own per document means an allocation outside the heap each time, which costs
 * more than building the view's string. A view keeps its window (so the slab)
 * alive; the next document's window starts where this view's map ends. A map
 * too big for a slab gets a buffer of its own.
 */
const SLAB_SIZE = 1 << 20;
let slab = new Int32Array(SLAB_SIZE);
let slabUsed = 0;

function originWindow(length: number): Int32Array {
  if (length > SLAB_SIZE / 4) return new Int32Array(length);
  if (slabUsed + length > SLAB_SIZE) {
    slab = new Int32Array(SLAB_SIZE);
    slabUsed = 0;
  }
  return slab.subarray(slabUsed, slabUsed + length);
}

/**
 * Write the view of the whole original into `out`, with the origin of each unit,
 * and note every line of the original in `lines`. Each unit depends only on the
 * original around it, so cutting units out afterwards gives what skipping them
 * would have given.
 */
function copyAll(original: string, out: ViewBuffers, lines: OriginalLines): void {
  const { codes, origin, breaks } = out;
  const length = original.length;
  let n = 0;
  let lineStart = 0;
  for (let i = 0; i < length; i++) {
    const c = original.charCodeAt(i);
    if (c > 0x3000 && c < 0xff01) {
      // Most of a report: CJK punctuation and ideographs, copied as they are.
      codes[n] = c;
      origin[n++] = i;
      continue;
    }
    if (c === 10 || c === 13) {
      // A line ends. CRLF is one break, written as its LF (the CR has no unit).
      const crlf = c === 13 && i + 1 < length && original.charCodeAt(i + 1) === 10;
      lines.add(lineStart, i, crlf ? i + 2 : i + 1);
      if (crlf) i++;
      lineStart = i + 1;
      breaks.push(n);
      codes[n] = 10;
    } else if (c === 0x20 || c === 0x3000) {
      // "到 2020 年", "77.1 岁": a lone space inside a phrase carries no meaning.
      if (isLoneSpace(original, i)) continue;
      codes[n] = 0x20;
    } else {
      codes[n] = halfWidthCode(c);
    }
    origin[n++] = i;
  }
  lines.add(lineStart, length, length); // the last line, empty after a final break
  out.n = n;
}

/**
 * Cut out of `out` every unit whose origin lies in a dropped range. `drop` is
 * sorted by start and its ranges may overlap: what is dropped is their union.
 */
function removeDropped(out: ViewBuffers, drop: ReadonlyArray<readonly [number, number]>): void {
  const { codes, origin, breaks } = out;
  breaks.length = 0;
  let kept = 0;
  let d = 0;
  for (let k = 0; k < out.n; k++) {
    const o = origin[k]!;
    // Origins ascend: the ranges that end at or before this one are done with.
    while (d < drop.length && drop[d]![1] <= o) d++;
    if (d < drop.length && drop[d]![0] <= o) continue;
    codes[kept] = codes[k]!;
    origin[kept] = o;
    if (codes[kept] === 10) breaks.push(kept);
    kept++;
  }
  out.n = kept;
}

/** A space or ideographic space at `i` with no other space beside it, between CJK characters or digits. */
function isLoneSpace(original: string, i: number): boolean {
  const before = i > 0 ? original.charCodeAt(i - 1) : -1; // -1: no CJK, no digit
  const after = i + 1 < original.length ? original.charCodeAt(i + 1) : -1;
  if (before === 0x20 || after === 0x20 || before === 0x3000 || after === 0x3000) return false;
  return isCjkOrDigitCode(before) && isCjkOrDigitCode(after);
}

/** Code units per String.fromCharCode call (a call's arguments: keep it small). */
const CHUNK = 8192;

/**
 * The string of the units written, lone surrogates kept as they are (TextDecoder
 * would replace them: offsets would still match, the text would not).
 * fromCharCode.apply takes the typed array as its arguments; spreading it into
 * the call instead walks an iterator and costs several times more.
 */
function viewString(out: ViewBuffers): string {
  const parts: string[] = [];
  for (let k = 0; k < out.n; k += CHUNK) {
    parts.push(String.fromCharCode.apply(null, out.codes.subarray(k, Math.min(k + CHUNK, out.n)) as unknown as number[]));
  }
  return parts.length === 1 ? parts[0]! : parts.join("");
}
