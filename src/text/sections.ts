// The heading path of every position (SPEC §2 `section`, §6b). Headings are found
// on the paragraphs of the view; their text is taken from the original so that a
// path reads exactly as the document prints it.
import { headingMarker, headingText } from "./headings.js";
import { lowerBound } from "./line-index.js";
import { lastAtOrBefore } from "./line-index.js";
import type { TextView } from "./view.js";

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
    let pos = 0;
    // In a compilation whose paragraphs are flush left, an indented paragraph that
    // is not a heading starts a new piece ("at each new piece of a compilation").
    const paragraphs = text.split("\n").filter((l) => l.trim());
    const indented = paragraphs.filter((l) => /^\s/u.test(l)).length;
    const indentStartsPiece = paragraphs.length >= 10 && indented > 0 && indented / paragraphs.length < 0.2;
    const record = (at: number) => {
      this.starts.push(at);
      this.paths.push(path.map((h) => h.text));
    };
    record(0);
    while (pos <= text.length) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0) nl = text.length;
      const raw = text.slice(pos, nl);
      const lead = raw.length - raw.trimStart().length;
      const para = raw.trim();
      if (para) {
        const marker = headingMarker(para);
        const htext = marker ? headingText(para) : null;
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
        } else if (path.length > 0 && (CLOSING.test(para) || DATE_LINE.test(para) || (indentStartsPiece && lead > 0))) {
          path = [];
          record(pos + lead);
        }
      }
      pos = nl + 1;
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
