// The pattern sections attribution reads (role cues, indicator stopwords,
// subjects, lexical time expressions, genre words), validated and compiled once
// per pattern set. Word lists become longest-first matchers on string ends.
import { z } from "zod";
import { compiledSection, type PatternSet } from "../patterns/load.js";

const Words = z.array(z.string().min(1)).default([]);

/**
 * A word list matched longest first at either end of a position, without
 * allocating: words are indexed by their first and last character, and a bit
 * per character code answers the common "no word starts/ends here" at once.
 */
export class WordList {
  readonly words: readonly string[];
  private readonly set: ReadonlySet<string>;
  private readonly byFirst = new Map<number, string[]>();
  private readonly byLast = new Map<number, string[]>();
  private readonly firstBits = new Uint32Array(2048);
  private readonly lastBits = new Uint32Array(2048);
  private readonly maxLen: number;
  private re: RegExp | null = null;

  constructor(words: readonly string[]) {
    this.words = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
    this.set = new Set(this.words);
    this.maxLen = this.words[0]?.length ?? 0;
    for (const w of this.words) {
      const f = w.charCodeAt(0);
      const l = w.charCodeAt(w.length - 1);
      (this.byFirst.get(f) ?? this.byFirst.set(f, []).get(f)!).push(w);
      (this.byLast.get(l) ?? this.byLast.set(l, []).get(l)!).push(w);
      this.firstBits[f >>> 5]! |= 1 << (f & 31);
      this.lastBits[l >>> 5]! |= 1 << (l & 31);
    }
  }

  has(w: string): boolean {
    return this.set.has(w);
  }

  /** Whether some word starts with the character of UTF-16 code `c`: a cheap test before prefixOf. */
  startsWithChar(c: number): boolean {
    return (this.firstBits[c >>> 5]! & (1 << (c & 31))) !== 0;
  }

  /** The longest word that s[0, end) ends with, or null. */
  suffixOf(s: string, end = s.length, floor = 0): string | null {
    if (end <= floor) return null;
    const c = s.charCodeAt(end - 1);
    if ((this.lastBits[c >>> 5]! & (1 << (c & 31))) === 0) return null;
    for (const w of this.byLast.get(c)!) if (end - w.length >= floor && s.startsWith(w, end - w.length)) return w;
    return null;
  }

  /** The longest word that s[start, limit) starts with, or null. */
  prefixOf(s: string, start = 0, limit = s.length): string | null {
    if (start >= limit) return null;
    const c = s.charCodeAt(start);
    if ((this.firstBits[c >>> 5]! & (1 << (c & 31))) === 0) return null;
    for (const w of this.byFirst.get(c)!) if (start + w.length <= limit && s.startsWith(w, start)) return w;
    return null;
  }

  /** Whether a cut at `pos` would fall strictly inside an occurrence of a listed word. */
  crosses(s: string, pos: number): boolean {
    for (let k = 1; k < this.maxLen && k <= pos; k++) {
      const c = s.charCodeAt(pos - k);
      if ((this.firstBits[c >>> 5]! & (1 << (c & 31))) === 0) continue;
      for (const w of this.byFirst.get(c)!) if (w.length > k && s.startsWith(w, pos - k)) return true;
    }
    return false;
  }

  /** The first occurrence of any word in s[from, to), or null. */
  find(s: string, from = 0, to = s.length): { at: number; word: string } | null {
    if (!this.words.length) return null;
    this.re ??= new RegExp(this.words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")).join("|"), "gu");
    // Search only the window: a regex left to run would scan the rest of the document.
    this.re.lastIndex = 0;
    const m = this.re.exec(s.slice(from, to));
    return m ? { at: from + m.index, word: m[0] } : null;
  }
}

const RoleCuesSchema = z.object({
  increase: Words,
  decrease: Words,
  increase_over_base: Words,
  to: Words,
  from: Words,
  fillers: Words,
  future: Words,
  future_aux: Words,
  future_aux_next: Words,
  past: Words,
  time_prefix: Words,
  time_suffix: Words,
  deadline_prefix: Words,
  deadline_suffix: Words,
  since_suffix: Words,
  since_prefix: Words,
  comparison_prefix: Words,
  bound_gap: Words,
  year_list_joiners: Words,
  comparison_open: Words,
  comparison_suffix: Words,
  not_change: Words,
  distributive: Words,
  disposal_verbs: Words,
  object_marker_leads: Words,
  gap_up: Words,
  gap_down: Words,
  comparative_open: Words,
  comparative_up: Words,
  comparative_down: Words,
  comparative_not_open: Words,
  comparative_not: Words,
});

const StopwordsSchema = z.object({
  trailing: Words,
  leading: Words,
  object_verbs: Words,
  generic_objects: Words,
  after_stop: Words,
  after_qualifiers: Words,
  verbs: Words,
  protected: Words,
  bound_endings: Words,
  accumulators: Words,
  measures: Words,
  prepositions: Words,
  locatives: Words,
  ratio_verbs: Words,
  edge_only: Words,
  per_prefix: z.string().default("^$^"),
  part_markers: Words,
  enumeration_ends: Words,
  age_in_name: Words,
  locative_endings: Words,
});

const SubjectsSchema = z.object({
  terms: Words,
  heads: z.object({
    scheme: Words,
    institution: Words,
    population: Words,
    agent: Words,
  }),
  bare: Words,
  place_suffixes: Words,
  not_places: Words,
  determiners: Words,
  coordinators: Words,
  scopes: Words,
  funds: Words,
  not_place_followers: Words,
});

const TimeSchema = z.object({
  relative: z.string(),
  redacted: z.string(),
  period: z.string(),
  yearless: z.string(),
  clause_since: Words,
  recurring: Words,
  relative_not_after: Words,
});

const GenreSchema = z.object({
  title_report: Words,
  title_plan: Words,
  section_plan: Words,
  section_report: Words,
  plan_words: Words,
  report_words: Words,
  subtitle_openers: Words,
});

const wl = (words: readonly string[]) => new WordList(words);

/** A table by UTF-16 code: 1 where a gap word starts, 2 where a comparative ends (see role.ts gapCue). */
function charClasses(starts: readonly string[], ends: readonly string[]): Uint8Array {
  const t = new Uint8Array(65536);
  for (const w of starts) t[w.charCodeAt(0)]! |= 1;
  for (const w of ends) t[w.charCodeAt(w.length - 1)]! |= 2;
  return t;
}

export type RoleCues = ReturnType<typeof compileRole>;
function compileRole(d: z.infer<typeof RoleCuesSchema>) {
  return {
    increase: wl(d.increase),
    decrease: wl(d.decrease),
    increaseOverBase: wl(d.increase_over_base),
    to: wl(d.to),
    from: wl(d.from),
    fillers: wl(d.fillers),
    future: wl(d.future),
    futureAux: wl(d.future_aux),
    futureAuxNext: wl(d.future_aux_next),
    past: wl(d.past),
    timePrefix: wl(d.time_prefix),
    timeSuffix: wl(d.time_suffix),
    deadlinePrefix: wl(d.deadline_prefix),
    deadlineSuffix: wl(d.deadline_suffix),
    sinceSuffix: wl(d.since_suffix),
    sincePrefix: wl(d.since_prefix),
    comparisonPrefix: wl(d.comparison_prefix),
    boundGap: wl(d.bound_gap),
    yearListJoiners: wl(d.year_list_joiners),
    comparisonOpen: wl(d.comparison_open),
    comparisonSuffix: wl(d.comparison_suffix),
    notChange: wl(d.not_change),
    distributive: wl(d.distributive),
    disposalVerbs: wl(d.disposal_verbs),
    objectMarkerLeads: wl(d.object_marker_leads),
    /** Disposal, to- and change verbs in one list: what makes 将 the object marker. */
    disposalOrChange: wl([...d.disposal_verbs, ...d.to, ...d.increase, ...d.decrease]),
    gapUp: wl(d.gap_up),
    gapDown: wl(d.gap_down),
    comparativeOpen: wl(d.comparative_open),
    comparativeUp: wl(d.comparative_up),
    comparativeDown: wl(d.comparative_down),
    comparativeNotOpen: wl(d.comparative_not_open),
    comparativeNot: wl(d.comparative_not),
    gaps: wl([...d.gap_up, ...d.gap_down]),
    gapChars: charClasses([...d.gap_up, ...d.gap_down], [...d.comparative_up, ...d.comparative_down]),
  };
}

export type Stopwords = ReturnType<typeof compileStop>;
function compileStop(d: z.infer<typeof StopwordsSchema>) {
  return {
    trailing: wl(d.trailing),
    leading: wl(d.leading),
    objectVerbs: wl(d.object_verbs),
    genericObjects: wl(d.generic_objects),
    afterStop: wl(d.after_stop),
    afterQualifiers: wl(d.after_qualifiers),
    verbs: wl(d.verbs),
    protected: wl(d.protected),
    boundEndings: wl(d.bound_endings),
    accumulators: wl(d.accumulators),
    measures: wl(d.measures),
    prepositions: wl(d.prepositions),
    locatives: wl(d.locatives),
    ratioVerbs: wl(d.ratio_verbs),
    edgeOnly: wl(d.edge_only),
    perPrefix: new RegExp(d.per_prefix, "u"),
    partMarkers: wl(d.part_markers),
    enumerationEnds: wl(d.enumeration_ends),
    ageInName: wl(d.age_in_name),
    locativeEndings: wl(d.locative_endings),
  };
}

export type HeadKind = "scheme" | "institution" | "population" | "agent";
export type Subjects = ReturnType<typeof compileSubjects>;
function compileSubjects(d: z.infer<typeof SubjectsSchema>) {
  const heads = new Map<string, HeadKind>();
  for (const kind of ["agent", "population", "institution", "scheme"] as const) {
    for (const w of d.heads[kind]) heads.set(w, kind);
  }
  return {
    terms: wl(d.terms),
    heads,
    headList: wl([...heads.keys()]),
    bare: wl(d.bare),
    placeSuffixes: wl(d.place_suffixes),
    notPlaces: wl(d.not_places),
    determiners: wl(d.determiners),
    coordinators: wl(d.coordinators),
    scopes: wl(d.scopes),
    funds: wl(d.funds),
    notPlaceFollowers: wl(d.not_place_followers),
  };
}

export type TimeCues = ReturnType<typeof compileTime>;
function compileTime(d: z.infer<typeof TimeSchema>) {
  const alt = [d.relative, d.redacted, d.period, d.yearless].map((s) => `(${s})`).join("|");
  return {
    /** Groups: 1 relative, 2 redacted, 3 period ("六年来"), 4 yearless ("年底前"). */
    lexical: new RegExp(alt, "gu"),
    clauseSince: wl(d.clause_since),
    recurring: wl(d.recurring),
    relativeNotAfter: wl(d.relative_not_after),
  };
}

export type GenreCues = ReturnType<typeof compileGenre>;
function compileGenre(d: z.infer<typeof GenreSchema>) {
  return {
    titleReport: wl(d.title_report),
    titlePlan: wl(d.title_plan),
    sectionPlan: wl(d.section_plan),
    sectionReport: wl(d.section_report),
    planWords: d.plan_words,
    reportWords: d.report_words,
    subtitleOpeners: wl(d.subtitle_openers),
  };
}

export interface AttributionCues {
  role: RoleCues;
  stop: Stopwords;
  subjects: Subjects;
  time: TimeCues;
  genre: GenreCues;
}

const memo = new WeakMap<PatternSet, AttributionCues>();

export function attributionCues(set: PatternSet): AttributionCues {
  const hit = memo.get(set);
  if (hit) return hit;
  const cues: AttributionCues = {
    role: compiledSection(set, "role-cues", RoleCuesSchema, compileRole),
    stop: compiledSection(set, "indicator-stopwords", StopwordsSchema, compileStop),
    subjects: compiledSection(set, "subjects", SubjectsSchema, compileSubjects),
    time: compiledSection(set, "attribution-time", TimeSchema, compileTime),
    genre: compiledSection(set, "attribution-genre", GenreSchema, compileGenre),
  };
  memo.set(set, cues);
  return cues;
}
