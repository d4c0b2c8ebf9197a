// The task a note belongs to (SPEC §5 `task`): the numbered item the note closes
// — its marker number (1. / 2、 / (一) …) and its heading text up to the first 。
// ("1. 推进紧密型医疗联合体建设。…(责任单位:…)" → {1, 推进紧密型医疗联合体建设}).
// A note on a line of its own belongs to the paragraph above it; an unnumbered
// paragraph takes the heading above it when it is that heading's only task, else
// its own text up to the first 。.
import { headingMarker } from "../../text/headings.js";
import { lowerBound } from "../../text/line-index.js";
import type { DocumentContext } from "../types.js";

export interface Task {
  number: string | null;
  title: string | null;
}

interface Anchor {
  start: number;
  end: number;
}

const TITLE_STOP = /[。!?！？]/u;

/** Original text of view[s, e) as a one-line label: breaks and their indentation removed. */
function titleText(ctx: DocumentContext, s: number, e: number): string | null {
  const { view } = ctx;
  if (e <= s) return null;
  const raw = view.original.slice(view.toOriginalStart(s), view.toOriginalEnd(e));
  const t = raw.replace(/[ \t\u3000]*[\r\n]+[ \t\u3000]*/gu, "").trim().replace(/[,，;；:：、\s]+$/u, "");
  return t || null;
}

/** Task of text that opens with a heading marker at `s`, its title ending before `limit`. */
function numbered(ctx: DocumentContext, s: number, limit: number): Task | null {
  const text = ctx.view.text;
  const para = text.slice(s, limit);
  const m = headingMarker(para);
  if (!m) return null;
  const body = s + m.markerLength;
  const stop = text.slice(body, limit).search(TITLE_STOP);
  const e = stop >= 0 ? body + stop : limit;
  return { number: m.number, title: titleText(ctx, body, e) };
}

/** Unnumbered text from `s`: its words up to the first 。 before `limit`. */
function plain(ctx: DocumentContext, s: number, limit: number): Task | null {
  const text = ctx.view.text;
  while (s < limit && /[\s\p{P}]/u.test(text[s]!) && !/[“"《(]/u.test(text[s]!)) s++;
  const stop = text.slice(s, limit).search(TITLE_STOP);
  const title = titleText(ctx, s, stop >= 0 ? s + stop : limit);
  return title ? { number: null, title } : null;
}

/** Where the text a note closes begins, and whether that is its paragraph start. */
interface Owner {
  /** View offset of the paragraph (or of the text after the previous note in it). */
  start: number;
  limit: number;
  paragraph: number;
}

/**
 * Tasks for notes in text order. `anchors` are the notes' view spans, sorted by
 * start; notes that sit alone on their line belong to the nearest paragraph
 * above that is not itself only notes.
 */
export function tasksFor(ctx: DocumentContext, anchors: readonly Anchor[], enumeration: RegExp): Array<Task | null> {
  const text = ctx.view.text;
  const lines = ctx.view.lines;
  const owners: Array<Owner | null> = [];
  // The anchors inside [ls, le], in order: a search, not a pass over every note of the report.
  const starts = anchors.map((a) => a.start);
  const within = (ls: number, le: number) => {
    const out: Anchor[] = [];
    for (let k = lowerBound(starts, ls); k < anchors.length && anchors[k]!.start <= le; k++) {
      if (anchors[k]!.end <= le) out.push(anchors[k]!);
    }
    return out;
  };
  const isNoteOnly = (ls: number, le: number) => {
    const inside = within(ls, le);
    if (!inside.length) return false;
    let rest = text.slice(ls, le);
    for (const a of [...inside].reverse()) rest = rest.slice(0, a.start - ls) + rest.slice(a.end - ls);
    return !/[^\s\p{P}]/u.test(rest);
  };
  /** Line end → the owner found by walking up from it (null: none). */
  const ownerAbove = new Map<number, Owner | null>();
  anchors.forEach((a, idx) => {
    const ls = lines.lineStart(a.start);
    const prev = idx > 0 ? anchors[idx - 1]! : null;
    const from = prev && prev.end > ls && prev.end <= a.start ? prev.end : ls;
    const seg = text.slice(from, a.start);
    if (/[^\s\p{P}]/u.test(seg)) {
      owners.push({ start: from, limit: a.start, paragraph: skipBlank(text, ls) });
      return;
    }
    if (from > ls) {
      owners.push(owners[idx - 1] ?? null); // "(牵头单位:A)(配合单位:B)": same task as the note before
      return;
    }
    // A note on its own line: walk up to the paragraph it closes. Notes on the
    // lines below it walk through the same lines to the same paragraph, so every
    // line end passed is remembered with the answer: a column of N note-only lines
    // costs N steps, not N²/2.
    let le = ls - 1;
    const passed: number[] = [];
    const settle = (o: Owner | null) => {
      for (const x of passed) ownerAbove.set(x, o);
      owners.push(o);
    };
    while (le > 0) {
      const known = ownerAbove.get(le);
      if (known !== undefined) return settle(known);
      passed.push(le);
      const s = lines.lineStart(le);
      const line = text.slice(s, le);
      if (line.trim() && !isNoteOnly(s, le)) {
        const ps = skipBlank(text, s);
        // The last stretch of that line that is not a note is the task's text.
        let segStart = ps;
        let segEnd = le;
        let cursor = ps;
        for (const x of within(ps, le)) {
          if (/[^\s\p{P}]/u.test(text.slice(cursor, x.start))) {
            segStart = cursor;
            segEnd = x.start;
          }
          cursor = x.end;
        }
        if (/[^\s\p{P}]/u.test(text.slice(cursor, le))) {
          segStart = cursor;
          segEnd = le;
        }
        return settle({ start: segStart, limit: segEnd, paragraph: ps });
      }
      if (!line.trim() && s === 0) break;
      le = s - 1;
    }
    settle(null);
  });

  // An unnumbered paragraph that holds the only note under its heading takes the heading.
  const ownersByHeading = new Map<number, Set<number>>();
  owners.forEach((o) => {
    if (!o) return;
    const h = ctx.sections.headingAt(o.paragraph);
    if (!h) return;
    const set = ownersByHeading.get(h.start) ?? new Set<number>();
    set.add(o.start);
    ownersByHeading.set(h.start, set);
  });

  return owners.map((o) => {
    if (!o) return null;
    // "…(责任单位:A)\n3. 加强宣传。(责任单位:B)" joined by the view: the text after a
    // note can open the next numbered item.
    const own = numbered(ctx, skipSpace(text, o.start), o.limit) ?? enumerated(ctx, o.start, o.limit, enumeration);
    if (own) return own;
    const para = numbered(ctx, o.paragraph, lines.lineEnd(o.paragraph));
    if (para) return para; // a later note in a numbered item still belongs to it
    const h = ctx.sections.headingAt(o.paragraph);
    if (h && h.start !== o.paragraph && ownersByHeading.get(h.start)?.size === 1) {
      const heading = numbered(ctx, h.start, lines.lineEnd(h.start));
      if (heading) return heading;
    }
    return plain(ctx, o.start, o.limit);
  });
}

function skipBlank(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === " " || text[pos] === "\t")) pos++;
  return pos;
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && /[\s,;。]/u.test(text[pos]!)) pos++;
  return pos;
}

/** "二是做好异地就医结算(责任单位:…)": an enumeration inside a paragraph numbers its task. */
function enumerated(ctx: DocumentContext, s: number, limit: number, re: RegExp): Task | null {
  const text = ctx.view.text;
  const from = skipSpace(text, s);
  const m = re.exec(text.slice(from, limit));
  if (!m) return null;
  const body = from + m[0].length;
  const stop = text.slice(body, limit).search(TITLE_STOP);
  return { number: m[1]!, title: titleText(ctx, body, stop >= 0 ? body + stop : limit) };
}
