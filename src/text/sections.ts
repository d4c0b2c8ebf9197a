// The heading path of every position (SPEC §2 `section`, §6b). Headings are found
// on the paragraphs of the view; their text is taken from the original so that a
// path reads exactly as the document prints it.
import * as chars from "./chars.js";
import * as headings from "./headings.js";
import * as lineIndex from "./line-index.js";
import type { TextView } from "./view.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call, which costs more
// than these small helpers themselves in the loops over lines below.
const { isSpaceCode } = chars;
const { headingMarker, markedHeadingText, mayStartMarker } = headings;
const { lastAtOrBefore, lowerBound } = lineIndex;

export interface Heading {
  /** View offset where the heading's paragraph starts. */
  start: number;
  rank: number;
  number: string;
  text: string;
}

/** Closing matter: copy lists and the like end the body, so the path resets there. */
const CLOSING = /^(抄送|送[:：]|主送|附件[:：]?\s*$|(?:[^\s，。]{2,30})(?:人民政府|办公室|委员会|领导小组)(?:办公室)?$)/u;
const DATE_LINE = /^[\d〇零一二三四五六七八九十]{4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日(?:印发)?$/u;

/**
 * What resets the path, asked of most paragraphs: CLOSING or DATE_LINE. CLOSING's
 * last branch backtracks over up to 30 characters of every paragraph, so it is
 * tried only on a paragraph that ends like a signing office (as it must); the
 * other branches and DATE_LINE go in one pattern, one call.
 */
const CLOSING_OPENING_OR_DATE = new RegExp(`^(?:抄送|送[:：]|主送|附件[:：]?\\s*$)|${DATE_LINE.source}`, "u");
const CLOSING_OFFICES = ["人民政府", "办公室", "委员会", "领导小组"];

function resetsPath(para: string): boolean {
  if (CLOSING_OPENING_OR_DATE.test(para)) return true;
  return CLOSING_OFFICES.some((w) => para.endsWith(w)) && CLOSING.test(para);
}

/** How many white-space characters open the line [pos, end). */
function leadingSpaces(text: string, pos: number, end: number): number {
  let i = pos;
  while (i < end && isSpaceCode(text.charCodeAt(i))) i++;
  return i - pos;
}

export class SectionIndex {
  /** Each entry: the view offset from which `path` holds. */
  private readonly starts: number[] = [];
  private readonly paths: string[][] = [];
  readonly headings: Heading[] = [];
  /** Start of each heading, ascending (headings are found in text order). */
  private readonly headingStarts: number[] = [];

  constructor(view: TextView) {
    const text = view.text;
    let path: Heading[] = [];
    // Lines come from the view's table of line breaks (noted while the view was
    // built).
    const breaks = view.lines.breaks;
    const lineCount = breaks.length + 1;
    const lineStart = (k: number) => (k === 0 ? 0 : breaks.get(k - 1) + 1);
    const lineEnd = (k: number) => (k < breaks.length ? breaks.get(k) : text.length);
    // In a compilation whose paragraphs are flush left, an indented paragraph that
    // is not a heading starts a new piece ("at each new piece of a compilation").
    let paragraphs = 0;
    let indented = 0;
    for (let k = 0; k < lineCount; k++) {
      const pos = lineStart(k);
      const nl = lineEnd(k);
      const lead = leadingSpaces(text, pos, nl);
      if (pos + lead < nl) {
        paragraphs++;
        if (lead > 0) indented++;
      }
    }
    const indentStartsPiece = paragraphs >= 10 && indented > 0 && indented / paragraphs < 0.2;
    const record = (at: number) => {
      this.starts.push(at);
      this.paths.push(path.map((h) => h.text));
    };
    record(0);
    for (let k = 0; k < lineCount; k++) {
      const pos = lineStart(k);
      const nl = lineEnd(k);
      const lead = leadingSpaces(text, pos, nl);
      if (pos + lead < nl) {
        // A paragraph that cannot be a heading matters only when it may close the open path.
        if (path.length === 0 && !mayStartMarker(text.charCodeAt(pos + lead))) continue;
        let end = nl;
        while (isSpaceCode(text.charCodeAt(end - 1))) end--;
        const para = text.slice(pos + lead, end);
        const marker = headingMarker(para);
        const htext = marker ? markedHeadingText(para) : null;
        if (marker && htext) {
          const s = pos + lead;
          const e = s + htext.length;
          const original = view.original.slice(view.toOriginalStart(s), view.toOriginalEnd(e)).trim();
          const heading: Heading = { start: s, rank: marker.rank, number: marker.number, text: original };
          path = path.filter((h) => h.rank < marker.rank);
          path.push(heading);
          this.headings.push(heading);
          this.headingStarts.push(s);
          record(s);
        } else if (path.length > 0 && ((indentStartsPiece && lead > 0) || resetsPath(para))) {
          path = [];
          record(pos + lead);
        }
      }
    }
  }

  /** Heading path at view offset `pos`. */
  pathAt(pos: number): string[] {
    return this.paths[lastAtOrBefore(this.starts, pos)]!;
  }

  /**
   * The innermost open heading at `pos` whose rank is at least `minRank`. A
   * heading closes every open one of equal or greater rank, so the open ones
   * rank strictly deeper inward and the innermost is the last heading before
   * `pos`: it answers if it is deep enough, and then none outside it can.
   */
  headingAt(pos: number, minRank = 0): Heading | null {
    const k = lowerBound(this.headingStarts, pos + 1) - 1; // the last heading starting at or before `pos`
    const h = k >= 0 ? this.headings[k]! : null;
    return h && h.rank >= minRank ? h : null;
  }
}
