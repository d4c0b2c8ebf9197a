// Finds the notes that name responsible units in running text (SPEC §5), on the
// normalised view: keyword notes "(责任单位:A、B)" / "牵头单位:A;配合单位:B" (in
// brackets, or opening a line or a sentence), bracketed verb phrasings
// "(A牵头,B、C配合)", and a sentence "由A牵头,B配合。" that closes a task item.
import type { DocumentContext } from "../types.js";
import { headingMarker } from "../../text/headings.js";
import { lowerBound, SpanSet, type LineIndex } from "../../text/line-index.js";
import { fresh, type UnitPatterns } from "./patterns.js";
import { deletedSpaces, parseUnitList, type ParsedUnit } from "./unit-list.js";

/** "排在第一位的为牵头单位": the first unit leads; `rest` when "其他为配合单位" follows. */
export interface LeadFirst {
  rest: boolean;
}

export interface Cue extends LeadFirst {
  start: number;
  end: number;
}

export type NoteKind = "keyword-note" | "phrase-note" | "phrase-sentence";

export interface Note {
  /** View span of the whole note (brackets included). */
  start: number;
  end: number;
  kind: NoteKind;
  units: ParsedUnit[];
  /** A "排在第一位的为牵头部门" cue inside the note; `onward` when it adds 下同. */
  leadFirst: (LeadFirst & { onward: boolean }) | null;
}

const OPEN = "([【";
const CLOSE = ")]】";
/** Characters after which a keyword label opens a note outside brackets. */
const NOTE_CONTEXT = /[\p{P}\s]/u;

type Sentence = DocumentContext["sentences"][number];

/** Spans a note must keep out of (a SpanSet, or nothing when there are none). */
interface Spans {
  overlaps(start: number, end: number): boolean;
}
const NO_SPANS: Spans = { overlaps: () => false };
/** Most reports have no table and few notes: no index is built for no spans. */
function spansOf(list: ReadonlyArray<{ start: number; end: number }>): Spans {
  return list.length ? new SpanSet(list) : NO_SPANS;
}

/** Any character of OPEN or CLOSE: one native scan finds them, not a test per character. */
const BRACKET = /[(\[【)\]】]/gu;
const OPEN_CODES = new Set([...OPEN].map((ch) => ch.charCodeAt(0)));

/**
 * Brackets of the view, paired once for the whole text so that no question about
 * them rescans a line: on a report written as one line, every label would
 * otherwise scan back to the line start and every bracket ahead to its close.
 * Any opening bracket pairs with any closing one, as a depth count does.
 */
class Brackets {
  /** Position of the bracket that closes the one opened at each key. */
  private readonly closeOf = new Map<number, number>();
  /** Positions of every bracket, ascending, and whether each opens. */
  private readonly at: number[] = [];
  private readonly opens: boolean[] = [];
  /** Positions of the opening brackets, ascending. */
  readonly openings: number[] = [];
  /**
   * Where the 。 are, ascending: found by indexOf (a native skip, not a test per
   * character) when first asked, as most reports have no note that needs them.
   */
  private stopAt: number[] | null = null;
  /** The state of `openAt`: brackets open in [lineFrom, scanned); `next` indexes `at`. */
  private lineFrom = -1;
  private scanned = -1;
  private next = 0;
  private open: number[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {
    const open: number[] = [];
    BRACKET.lastIndex = 0;
    for (let m = BRACKET.exec(text); m; m = BRACKET.exec(text)) {
      const i = m.index;
      const opens = OPEN_CODES.has(text.charCodeAt(i));
      this.at.push(i);
      this.opens.push(opens);
      if (opens) {
        open.push(i);
        this.openings.push(i);
      } else if (open.length) this.closeOf.set(open.pop()!, i);
    }
  }

  /** Whether a 。 stands in [from, to). */
  private hasStop(from: number, to: number): boolean {
    if (!this.stopAt) {
      this.stopAt = [];
      for (let i = this.text.indexOf("。"); i >= 0; i = this.text.indexOf("。", i + 1)) this.stopAt.push(i);
    }
    const k = lowerBound(this.stopAt, from);
    return k < this.stopAt.length && this.stopAt[k]! < to;
  }

  /** The innermost bracket still open at `pos`, counted from its line start; asked at growing `pos`. */
  openAt(pos: number): number {
    const from = this.lines.lineStart(pos);
    if (from !== this.lineFrom || pos < this.scanned) {
      this.lineFrom = from;
      this.scanned = from;
      this.next = lowerBound(this.at, from);
      this.open = [];
    }
    // The brackets in [scanned, pos), in order.
    for (; this.next < this.at.length && this.at[this.next]! < pos; this.next++) {
      if (this.opens[this.next]) this.open.push(this.at[this.next]!);
      else if (this.open.length) this.open.pop();
    }
    this.scanned = pos;
    return this.open.length ? this.open[this.open.length - 1]! : -1;
  }

  /**
   * Index of the bracket closing the one at `open`, or -1. It is looked for on the
   * bracket's line, or up to `lines` lines further when nothing but a list can sit
   * between ("(责任单位:\n市卫生健康委)": a line ending in ":" stays broken in the
   * view); a list running on over lines holds no 。 and no numbered line.
   */
  closeAt(open: number, lines = 0): number {
    const close = this.closeOf.get(open) ?? -1;
    if (close < 0) return -1;
    if (lines > 0 && this.hasStop(open + 1, close)) return -1;
    let left = lines;
    const breaks = this.lines.breaks;
    for (let nl = breaks.next(open + 1); nl >= 0 && nl < close; nl = breaks.next(nl + 1)) {
      if (left-- <= 0 || headingMarker(this.text.slice(nl + 1, nl + 13).trimStart() + "…")) return -1;
    }
    return close;
  }
}

interface Label {
  start: number;
  end: number;
  /** Role label (its keyword) or a stop label such as "完成时限:" (null). */
  keyword: string | null;
}

/**
 * The global regexes of this file, compiled once per pattern set rather than per
 * document or per note. Each has one user that is never re-entered (`labelsIn`'s
 * three; `keywordNotes` walks its own `noteLabel` while calling `labelsIn`), so
 * one instance each can carry `lastIndex`; users start it at the offset they need.
 */
interface NoteRegexes {
  label: RegExp;
  stop: RegExp;
  any: RegExp;
  noteLabel: RegExp;
  leadFirst: RegExp;
}
const noteRegexes = new WeakMap<UnitPatterns, NoteRegexes>();
function regexesOf(p: UnitPatterns): NoteRegexes {
  let r = noteRegexes.get(p);
  if (!r) {
    r = { label: fresh(p.label), stop: fresh(p.stopLabel), any: fresh(p.anyLabel), noteLabel: fresh(p.label), leadFirst: fresh(p.leadFirst) };
    noteRegexes.set(p, r);
  }
  return r;
}

function labelsIn(text: string, from: number, to: number, p: UnitPatterns): Label[] {
  const res = regexesOf(p);
  // Lookbehinds need the character before `from`, so the slice starts one earlier.
  const base = Math.max(0, from - 1);
  const slice = text.slice(base, to);
  const found = (r: RegExp, keyword: (m: RegExpExecArray) => string | null): Label[] => {
    const out: Label[] = [];
    r.lastIndex = from - base;
    for (let m = r.exec(slice); m; m = r.exec(slice)) {
      out.push({ start: base + m.index, end: base + m.index + m[0].length, keyword: keyword(m) });
    }
    return out;
  };
  const overlaps = (a: Label, list: Label[]) => list.some((b) => b.start < a.end && a.start < b.end);
  const roles = found(res.label, (m) => m[1] ?? m[2] ?? m[3]!);
  // "…市财政局完成时限:" where the view joined two lines: a known label cuts where it begins.
  const stops = found(res.stop, () => null).filter((l) => !overlaps(l, roles));
  const generic = found(res.any, () => null).filter((l) => !overlaps(l, stops));
  // "A;主要配合单位:B": a word or two before a role label belongs to the label, not to A.
  for (const r of roles) {
    const g = generic.find((l) => l.start < r.start && l.end >= r.end);
    if (g && r.start - g.start <= 2) r.start = g.start;
  }
  return [...roles, ...stops, ...generic.filter((l) => !overlaps(l, roles))].sort((a, b) => a.start - b.start);
}

/** Masks "排在第一位的为牵头部门" cues with separators so lists skip them; returns the cues. */
export function maskCues(text: string, p: UnitPatterns): { masked: string; cues: Cue[] } {
  const cues: Cue[] = [];
  // A global regex given to replace starts at 0 and ends reset to 0.
  const masked = text.replace(regexesOf(p).leadFirst, (m: string, ...args: unknown[]) => {
    const at = args[args.length - 2] as number;
    cues.push({ start: at, end: at + m.length, rest: p.restCooperating.test(m) });
    return "、".repeat(m.length);
  });
  return { masked, cues };
}

/** The cues of a document in text order. */
class CueList {
  private readonly starts: number[];

  constructor(private readonly cues: readonly Cue[]) {
    this.starts = cues.map((c) => c.start);
  }

  /** The first cue inside [s, e): matches of one pattern never overlap, so the first to start after `s` ends first. */
  inside(s: number, e: number): Cue | null {
    const cue = this.cues[lowerBound(this.starts, s)];
    return cue && cue.end <= e ? cue : null;
  }
}

function cueIn(cues: CueList, text: string, s: number, e: number, onward: RegExp): Note["leadFirst"] {
  const cue = cues.inside(s, e);
  if (!cue) return null;
  return { rest: cue.rest, onward: onward.test(text.slice(s, e)) };
}

/**
 * Where an unclosed note must stop: a unit list holds no 。, and a line break the
 * view deleted before a numbered item ("(责任单位:市财政局\n3. 加强宣传。") ends it.
 */
function runOn(ctx: DocumentContext, from: number, end: number): number {
  const { view } = ctx;
  const text = view.text;
  for (let i = from + 1; i < end; i++) {
    if (text[i] === "。") return i;
    const a = view.toOriginalEnd(i);
    const b = view.toOriginalStart(i);
    if (b > a && /\n/u.test(view.original.slice(a, b)) && headingMarker(text.slice(i, i + 12) + "…")) return i;
  }
  return end;
}

/** "(责任单位:…)", "牵头单位:A;配合单位:B" — notes opened by a role label. */
function keywordNotes(ctx: DocumentContext, masked: string, cues: CueList, brackets: Brackets, p: UnitPatterns): Note[] {
  const text = ctx.view.text;
  const lines = ctx.view.lines;
  const notes: Note[] = [];
  const re = regexesOf(p).noteLabel;
  re.lastIndex = 0;
  let consumed = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const k = m.index;
    if (k < consumed) continue;
    const open = brackets.openAt(k);
    let start: number;
    let end: number;
    if (open >= 0) {
      start = open;
      const close = brackets.closeAt(open, 2);
      end = close >= 0 ? close + 1 : lines.lineEnd(k);
    } else {
      let j = k - 1;
      while (j >= 0 && (text[j] === " " || text[j] === "\t")) j--;
      if (j >= 0 && !NOTE_CONTEXT.test(text[j]!)) continue;
      // Outside brackets only an explicit label opens a note: "责任单位:", "【责任单位】".
      if (!/[:】\]]/u.test(m[0])) continue;
      start = k;
      end = lines.lineEnd(k);
      const stop = text.slice(k, end).search(/[。!?]/u);
      if (stop >= 0) end = k + stop + 1;
    }
    end = Math.min(end, runOn(ctx, k, end));
    const bodyEnd = open >= 0 && text[end - 1] && CLOSE.includes(text[end - 1]!) ? end - 1 : end;
    const labels = labelsIn(text, k, bodyEnd, p);
    const units: ParsedUnit[] = [];
    labels.forEach((l, i) => {
      if (l.keyword === null) return;
      const role = p.keywordRole.get(l.keyword)!;
      const segEnd = i + 1 < labels.length ? labels[i + 1]!.start : bodyEnd;
      const list = parseUnitList(masked, l.end, segEnd, p, { role, strict: false, gapBefore: deletedSpaces(ctx.view) });
      if (list) units.push(...list);
    });
    consumed = end;
    if (units.length) notes.push({ start, end, kind: "keyword-note", units, leadFirst: cueIn(cues, text, start, end, p.onward) });
  }
  return notes;
}

/**
 * Whether masked[s, e) holds a role verb. A verb phrasing names each unit's role
 * with a verb, so a bracket or sentence without one cannot be one (parseUnitList
 * would return null): it is skipped before the list parse, the dearest step here,
 * which most prose would otherwise go through. Only short spans are asked.
 */
function hasVerb(masked: string, s: number, e: number, p: UnitPatterns): boolean {
  return p.verbAnywhere.test(masked.slice(s, e));
}

/** "(市卫生健康委牵头,市财政局、市人社局配合)", "(各区市县政府负责)". */
function phraseNotes(ctx: DocumentContext, masked: string, cues: CueList, brackets: Brackets, p: UnitPatterns, taken: Spans): Note[] {
  const text = ctx.view.text;
  const notes: Note[] = [];
  let from = 0; // a note found ends the search inside it
  for (const i of brackets.openings) {
    if (i < from || (text[i] !== "(" && text[i] !== "【")) continue;
    const close = brackets.closeAt(i);
    if (close < 0) continue;
    if (close - i > 200 || taken.overlaps(i, close + 1) || !hasVerb(masked, i + 1, close, p)) continue;
    let bodyEnd = close;
    const stop = labelsIn(text, i + 1, close, p)[0];
    if (stop) bodyEnd = stop.start;
    const units = parseUnitList(masked, i + 1, bodyEnd, p, { role: null, strict: true, gapBefore: deletedSpaces(ctx.view) });
    if (units && units.length) {
      notes.push({ start: i, end: close + 1, kind: "phrase-note", units, leadFirst: cueIn(cues, text, i, close + 1, p.onward) });
      from = close + 1;
    }
  }
  return notes;
}

/**
 * The sentences (in text order, as they come) that a role verb overlaps: the only
 * ones that can be verb phrasings. One pass of the verb regex over the text finds
 * them, instead of a test of every sentence. Matches of one pass never overlap,
 * but a verb written inside a sentence either is a match or lies within one, and
 * that match overlaps the sentence. Sentences come in text order and do not
 * overlap, so one cursor walks them alongside the matches.
 */
function sentencesWithVerbs(sentences: DocumentContext["sentences"], masked: string, p: UnitPatterns): Sentence[] {
  const out: Sentence[] = [];
  let k = 0; // sentences before k end before the current match
  let last = -1;
  for (const m of masked.matchAll(p.verbs)) {
    const a = m.index;
    const b = a + m[0].length;
    while (k < sentences.length && sentences[k]!.end <= a) k++;
    for (let j = Math.max(k, last + 1); j < sentences.length && sentences[j]!.start < b; j++) {
      out.push(sentences[j]!);
      last = j;
    }
  }
  return out;
}

/**
 * "…。由市卫生健康委牵头,市财政局配合。" — a sentence made only of units and role
 * verbs that ends a paragraph of a numbered task item (or stands as a line of
 * its own under a heading). Anything else that mentions departments is prose.
 */
function phraseSentences(ctx: DocumentContext, masked: string, cues: CueList, p: UnitPatterns, taken: Spans): Note[] {
  const text = ctx.view.text;
  const lines = ctx.view.lines;
  const notes: Note[] = [];
  for (const s of sentencesWithVerbs(ctx.sentences, masked, p)) {
    // The cheap tests first: too long, or no role verb inside.
    let bodyEnd = s.end;
    while (bodyEnd > s.start && /[。!?;\s]/u.test(text[bodyEnd - 1]!)) bodyEnd--;
    if (bodyEnd - s.start > 120 || !hasVerb(masked, s.start, bodyEnd, p)) continue;
    if (taken.overlaps(s.start, s.end)) continue;
    // Blanks are skipped in place, not sliced off: a line may run to the end of the report.
    const lineEnd = lines.lineEnd(s.end);
    let after = s.end;
    while (after < lineEnd && /\s/u.test(text[after]!)) after++;
    if (after < lineEnd) continue; // not the last sentence of its paragraph
    let para = lines.lineStart(s.start);
    while (para < s.end && /\s/u.test(text[para]!)) para++;
    const own = para === s.start; // the sentence is its paragraph
    if (own ? !ctx.sections.headingAt(s.start) : !headingMarker(text.slice(para, s.end))) continue;
    const units = parseUnitList(masked, s.start, bodyEnd, p, { role: null, strict: true, gapBefore: deletedSpaces(ctx.view) });
    if (units && units.length) {
      notes.push({ start: s.start, end: s.end, kind: "phrase-sentence", units, leadFirst: cueIn(cues, text, s.start, s.end, p.onward) });
    }
  }
  return notes;
}

export function findNotes(ctx: DocumentContext, p: UnitPatterns, excluded: ReadonlyArray<[number, number]> = []): { notes: Note[]; cues: Cue[] } {
  const { masked, cues } = maskCues(ctx.view.text, p);
  const cueList = new CueList(cues);
  const brackets = new Brackets(ctx.view.text, ctx.view.lines);
  // Each kind of note keeps out of the spans excluded and taken before it.
  const excludedSpans = excluded.map(([start, end]) => ({ start, end }));
  const inExcluded = spansOf(excludedSpans);
  const keyword = keywordNotes(ctx, masked, cueList, brackets, p).filter((n) => !inExcluded.overlaps(n.start, n.end));
  const phrase = phraseNotes(ctx, masked, cueList, brackets, p, spansOf([...excludedSpans, ...keyword]));
  const sentences = phraseSentences(ctx, masked, cueList, p, spansOf([...excludedSpans, ...keyword, ...phrase]));
  return { notes: [...keyword, ...phrase, ...sentences].sort((a, b) => a.start - b.start), cues };
}
