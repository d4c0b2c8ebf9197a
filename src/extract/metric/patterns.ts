// The metric extractor's pattern data (patterns/units.yaml, qualifiers.yaml,
// metric-exclusions.yaml, metric-cues.yaml), validated with zod and compiled into
// lookup tables and a few regexes once per pattern set, never per document.
import { z } from "zod";
import { alternation, escapeRe, numberReader, type NumberReader } from "../../numbers/index.js";
import { BLANKS, firstUnits, lastUnits, NO_UNITS, regexFirstUnits, SPACE_UNITS, UnitSet, WordList } from "../../numbers/code-units.js";
import { MetricCategory, Qualifier } from "../../records.js";
import { compiledSection, type PatternSet } from "../../patterns/load.js";

const Words = z.array(z.string().min(1)).default([]);

function compilable(source: string): boolean {
  try {
    new RegExp(source, "y");
    return true;
  } catch {
    return false;
  }
}

const UnitSpec = z.object({
  word: z.string().min(1),
  category: MetricCategory,
  unit: z.string().optional(),
  qualifier: Qualifier.optional(),
  arabic_only: z.boolean().optional(),
  chinese_only: z.boolean().optional(),
  not_after: Words,
  trailing_over: z.boolean().optional(),
  not_before: Words,
});
export type UnitSpec = z.infer<typeof UnitSpec>;

const UnitsSection = z.object({
  units: z.array(UnitSpec).min(1),
  per_units: Words,
});

const BeforeCue = z.object({
  cue: z.string().min(1),
  qualifier: Qualifier,
  not_after: Words,
  not_for: z.array(MetricCategory).default([]),
});
const AfterCue = z.object({
  cue: z.string().min(1),
  qualifier: Qualifier,
  not_before: Words,
  only_for: z.array(MetricCategory).optional(),
});
const QualifiersSection = z.object({
  before: z.array(BeforeCue).default([]),
  bridges: Words,
  wide_bridge_max: z.number().int().min(0).default(0),
  after: z.array(AfterCue).default([]),
  inside: Qualifier.default("over"),
  list_connectors: Words,
});

const ExclusionsSection = z.object({
  year_units: Words,
  ordinal_before: Words,
  vague_before: Words,
  vague_after: Words,
  grade_after: Words,
  names: Words,
  name_after: Words,
  name_after_patterns: z
    .array(z.string().min(1))
    .default([])
    .refine((list) => list.every(compilable), { message: "every name_after_patterns entry must be a valid regular expression" }),
  time_before: Words,
  hour_marks: Words,
  minute_marks: Words,
  hotline_after: Words,
  hotline_before: Words,
  hotline_numbers: Words,
  doc_number_open: Words,
  doc_number_close: Words,
  doc_number_suffix: Words,
  quote_open: Words,
  quote_close: Words,
  quote_max: z.number().int().positive().default(8),
  article_numerals: Words,
});

const CategoryWords = z.partialRecord(MetricCategory, z.array(z.string().min(1)));
const CuesSection = z.object({
  no_counter: z.object({ after: CategoryWords.default({}), after_stops: Words, before: CategoryWords.default({}) }),
  per: z.object({
    marker: z.string().min(1),
    time_words: Words,
    scale_counters: Words,
    scale_nouns: Words,
    stops: Words,
    max_length: z.number().int().positive().default(12),
    bare: Words,
  }),
});

export type MetricCategory = z.infer<typeof MetricCategory>;
export type QualifierName = z.infer<typeof Qualifier>;

export interface CueMatch {
  qualifier: QualifierName;
  /** View offsets of the cue (for the before cue: including its bridge). */
  start: number;
  end: number;
}

/**
 * Code-unit tables beside the regexes of MetricPatterns (see code-units.ts): the
 * first or last unit a match must have. The scanner asks them first and runs the
 * regex only where it can match, which is rarely; a null table means "cannot
 * tell" and the regex always runs.
 */
export interface MetricPrechecks {
  /** The sets the scanners skip (code-units.ts), reached from here rather than imported where used. */
  blanks: UnitSet;
  noUnits: UnitSet;
  spaces: UnitSet;
  hotlineSkip: UnitSet;
  /** First units of unit words. */
  unitFirst: UnitSet;
  /** First units of the before cues. */
  beforeFirst: UnitSet;
  /** Last units of the before cues and bridges (beforeRe), and of the bounds (beforeWideRe). */
  beforeLast: UnitSet | null;
  boundLast: UnitSet | null;
  /** Most CJK characters between a bound and the number (qualifiers.yaml wide_bridge_max). */
  wideBridgeMax: number;
  /**
   * The before cues, bridges and bounds as word lists, for an exact test of
   * whether beforeRe / beforeWideRe match (qualifiers.ts); null when a word holds
   * a space or tab, where that test would not be exact (the regexes then always run).
   */
  cueWords: { cues: WordList; bridges: WordList; bounds: WordList } | null;
  afterFirst: UnitSet | null;
  namesFirst: UnitSet;
  /** First units of name_after_patterns, when regexFirstUnits can tell them. */
  nameAfterFirst: UnitSet | null;
  /** The one-character brackets and quotes (the checks compare single characters). */
  docOpen: UnitSet;
  docClose: UnitSet;
  quoteOpen: UnitSet;
  quoteClose: UnitSet;
  /** Longest hotline_numbers entry: a longer number is not one of them. */
  hotlineMaxLength: number;
  /**
   * First units of every word tokenVeto's last rules need right after a numeral
   * (minute marks, grades, session names, name suffixes); null when the session
   * patterns' first units are unknown (then every rule runs).
   */
  wordAfterNumeral: UnitSet | null;
  /** The word lists of metric-exclusions.yaml looked up at every numeral. */
  gradeAfter: WordList;
  nameAfter: WordList;
  hotlineAfter: WordList;
  vagueAfter: WordList;
  hourMarks: WordList;
  minuteMarks: WordList;
  docNumberSuffix: WordList;
  timeBeforeLast: UnitSet | null;
  ordinalBeforeLast: UnitSet | null;
  /** Last units of the joins of an ordinal list (ordinalListBefore ends with one). */
  ordinalJoinLast: UnitSet | null;
  vagueBeforeLast: UnitSet | null;
  hotlineBeforeLast: UnitSet | null;
  listGapFirst: UnitSet | null;
  /** First units of per stops, with the characters of its class (digits, clause marks, \s). */
  perStopFirst: UnitSet;
  /** The denominators written without the marker (perBareRe's words). */
  perBareWords: WordList;
}

export interface MetricPatterns {
  reader: NumberReader;
  /** Units by the code unit they start with, longest first. */
  unitsByFirst: ReadonlyMap<number, readonly UnitSpec[]>;
  pre: MetricPrechecks;
  perUnitRe: RegExp;
  beforeRe: RegExp;
  /** Bounds (至少, 不超过) a short verb away from the number. */
  beforeWideRe: RegExp;
  beforeCues: ReadonlyMap<string, z.infer<typeof BeforeCue>>;
  afterRe: RegExp;
  afterCues: ReadonlyMap<string, z.infer<typeof AfterCue>>;
  insideQualifier: QualifierName;
  listGapRe: RegExp;
  ex: z.infer<typeof ExclusionsSection> & {
    namesRe: RegExp;
    nameAfterRe: RegExp;
    timeBefore: RegExp;
    ordinalBefore: RegExp;
    /** "第1、2批", "第一、二批": later members of an ordinal list. */
    ordinalListBefore: RegExp;
    vagueBefore: RegExp;
    hotlineBefore: RegExp;
    hotlineNumbers: ReadonlySet<string>;
    docOpen: ReadonlySet<string>;
    docClose: ReadonlySet<string>;
    quoteOpen: ReadonlySet<string>;
    quoteClose: ReadonlySet<string>;
    articleNumerals: ReadonlySet<string>;
    yearUnits: ReadonlySet<string>;
  };
  noCounterAfterRe: RegExp;
  noCounterAfter: ReadonlyMap<string, MetricCategory>;
  noCounterAfterStops: readonly string[];
  noCounterBeforeRe: RegExp;
  noCounterBefore: ReadonlyMap<string, MetricCategory>;
  perMarker: string;
  /** Sticky after the marker: a frequency word (年, 半年, 季度, 次). */
  perTimeRe: RegExp;
  /** Sticky at the marker: a population denominator ("每千常住人口", "每10万人口"). */
  perScaleRe: RegExp;
  /** Sticky: a word or character that ends a denominator. */
  perStopRe: RegExp;
  perMaxLength: number;
  /** Global: denominators written without the marker ("百元医疗收入"). */
  perBareRe: RegExp | null;
}

function byCategory(words: Partial<Record<MetricCategory, string[]>>): Map<string, MetricCategory> {
  const out = new Map<string, MetricCategory>();
  for (const [cat, list] of Object.entries(words) as Array<[MetricCategory, string[]]>) {
    for (const w of list) if (!out.has(w)) out.set(w, cat);
  }
  return out;
}

/**
 * The unit with every key present, in one order. Zod leaves absent optional keys
 * out, so the units came in five shapes (hidden classes), and the property reads
 * at every numeral went megamorphic; one shape keeps them monomorphic.
 */
function sameShapeUnit(u: UnitSpec): UnitSpec {
  return {
    word: u.word,
    category: u.category,
    unit: u.unit,
    qualifier: u.qualifier,
    arabic_only: u.arabic_only,
    chinese_only: u.chinese_only,
    not_after: u.not_after,
    trailing_over: u.trailing_over,
    not_before: u.not_before,
  };
}

const cache = new WeakMap<PatternSet, MetricPatterns>();

/** What hotlineBefore skips between its word and the number: blanks and colons ("电话：12345"). */
const HOTLINE_SKIP = new UnitSet([" ", "\t", ":", "："]);

export function metricPatterns(set: PatternSet): MetricPatterns {
  const hit = cache.get(set);
  if (hit) return hit;
  const reader = numberReader(set);
  const units = compiledSection(set, "units", UnitsSection, (d) => d);
  const quals = compiledSection(set, "qualifiers", QualifiersSection, (d) => d);
  const ex = compiledSection(set, "metric-exclusions", ExclusionsSection, (d) => d);
  const cues = compiledSection(set, "metric-cues", CuesSection, (d) => d);

  const unitsByFirst = new Map<number, UnitSpec[]>();
  for (const u of units.units.map(sameShapeUnit)) {
    const list = unitsByFirst.get(u.word.charCodeAt(0)) ?? [];
    list.push(u);
    unitsByFirst.set(u.word.charCodeAt(0), list);
  }
  for (const list of unitsByFirst.values()) list.sort((a, b) => b.word.length - a.word.length);

  const beforeCues = new Map(quals.before.map((c) => [c.cue, c]));
  // Every key present, in one order: one hidden class for all cues (see sameShapeUnit).
  const afterCues = new Map(quals.after.map((c) => [c.cue, { cue: c.cue, qualifier: c.qualifier, not_before: c.not_before, only_for: c.only_for }]));
  const bridges = quals.bridges.length ? `(?:${alternation(quals.bridges)})?` : "";
  const noAfter = byCategory(cues.no_counter.after);
  const noBefore = byCategory(cues.no_counter.before);
  const scaleWords = [...reader.tables.scales.keys()];
  const stop = "\\d，。；、,;:：\\s";

  const bounds = quals.before.filter((c) => c.cue.length >= 2 && (c.qualifier === "at_least" || c.qualifier === "at_most"));
  const perStops = [...cues.per.stops, ...quals.before.map((c) => c.cue).filter((c) => c.length > 1), cues.per.marker];
  // perStopRe is `(?:words)|[\d，。；、,;:：\s]`: the words' first units and that class.
  const stopClass = new UnitSet([...perStops, ..."，。；、,;:："]).addRange(0x30, 0x39).addSet(SPACE_UNITS);
  const sessionFirst = ex.name_after_patterns.length ? regexFirstUnits(ex.name_after_patterns.join("|")) : new UnitSet();

  const compiled: MetricPatterns = {
    reader,
    unitsByFirst,
    pre: {
      blanks: BLANKS,
      noUnits: NO_UNITS,
      spaces: SPACE_UNITS,
      hotlineSkip: HOTLINE_SKIP,
      unitFirst: new UnitSet(units.units.map((u) => u.word)),
      beforeFirst: new UnitSet(beforeCues.keys()),
      beforeLast: lastUnits([...beforeCues.keys(), ...quals.bridges]),
      // A bound is followed by CJK characters, not blanks: its literal last unit.
      boundLast: lastUnits(bounds.map((c) => c.cue), NO_UNITS),
      wideBridgeMax: bounds.length ? quals.wide_bridge_max : 0,
      cueWords: [...beforeCues.keys(), ...quals.bridges].some((w) => /[ \t]/u.test(w))
        ? null
        : { cues: new WordList([...beforeCues.keys()]), bridges: new WordList(quals.bridges), bounds: new WordList(bounds.map((c) => c.cue)) },
      afterFirst: firstUnits(afterCues.keys()),
      namesFirst: new UnitSet(ex.names),
      nameAfterFirst: sessionFirst,
      docOpen: new UnitSet(ex.doc_number_open.filter((w) => w.length === 1)),
      docClose: new UnitSet(ex.doc_number_close.filter((w) => w.length === 1)),
      quoteOpen: new UnitSet(ex.quote_open.filter((w) => w.length === 1)),
      quoteClose: new UnitSet(ex.quote_close.filter((w) => w.length === 1)),
      hotlineMaxLength: Math.max(0, ...ex.hotline_numbers.map((w) => w.length)),
      wordAfterNumeral: sessionFirst && new UnitSet([...ex.minute_marks, ...ex.grade_after, ...ex.name_after]).addSet(sessionFirst),
      gradeAfter: new WordList(ex.grade_after),
      nameAfter: new WordList(ex.name_after),
      hotlineAfter: new WordList(ex.hotline_after),
      vagueAfter: new WordList(ex.vague_after),
      hourMarks: new WordList(ex.hour_marks),
      minuteMarks: new WordList(ex.minute_marks),
      docNumberSuffix: new WordList(ex.doc_number_suffix),
      timeBeforeLast: lastUnits(ex.time_before),
      ordinalBeforeLast: lastUnits(ex.ordinal_before),
      ordinalJoinLast: lastUnits([...quals.list_connectors, ...reader.tables.rangeWords, ","]),
      vagueBeforeLast: lastUnits(ex.vague_before, NO_UNITS),
      hotlineBeforeLast: lastUnits(ex.hotline_before, HOTLINE_SKIP),
      listGapFirst: firstUnits(quals.list_connectors),
      perStopFirst: stopClass,
      perBareWords: new WordList(cues.per.bare),
    },
    perUnitRe: new RegExp(`/[ \\t]*(${alternation(units.per_units)})`, "y"),
    beforeRe: new RegExp(`(${alternation(beforeCues.keys())})${bridges}[ \\t]*$`),
    beforeWideRe: (() => {
      if (!bounds.length || quals.wide_bridge_max === 0) return /(?!)/u;
      return new RegExp(`(${alternation(bounds.map((c) => c.cue))})[\\u3400-\\u9fff]{1,${quals.wide_bridge_max}}[ \\t]*$`);
    })(),
    beforeCues,
    afterRe: new RegExp(`[ \\t]*(${alternation(afterCues.keys())})`, "y"),
    afterCues,
    insideQualifier: quals.inside,
    listGapRe: new RegExp(`^[ \\t]*(?:${alternation(quals.list_connectors)})[ \\t]*$`),
    ex: {
      ...ex,
      namesRe: new RegExp(alternation(ex.names), "y"),
      nameAfterRe: new RegExp(ex.name_after_patterns.length ? ex.name_after_patterns.join("|") : "(?!)", "y"),
      timeBefore: new RegExp(`(?:${alternation(ex.time_before)})[ \\t]*$`),
      ordinalBefore: new RegExp(`(?:${alternation(ex.ordinal_before)})[ \\t]*$`),
      ordinalListBefore: (() => {
        const digit = `[0-9${[...reader.tables.chineseChars].map((c) => c.replace(/[\]\\^-]/gu, "\\$&")).join("")}]+`;
        const join = `(?:${alternation([...quals.list_connectors, ...reader.tables.rangeWords, ","])})`;
        return new RegExp(`(?:${alternation(ex.ordinal_before)})[ \\t]*${digit}(?:${join}${digit})*${join}[ \\t]*$`);
      })(),
      vagueBefore: new RegExp(`(?:${alternation(ex.vague_before)})$`),
      hotlineBefore: new RegExp(`(?:${alternation(ex.hotline_before)})[ \\t:：]*$`),
      hotlineNumbers: new Set(ex.hotline_numbers),
      docOpen: new Set(ex.doc_number_open),
      docClose: new Set(ex.doc_number_close),
      quoteOpen: new Set(ex.quote_open),
      quoteClose: new Set(ex.quote_close),
      articleNumerals: new Set(ex.article_numerals),
      yearUnits: new Set(ex.year_units),
    },
    noCounterAfterRe: new RegExp(alternation(noAfter.keys()), "g"),
    noCounterAfter: noAfter,
    noCounterAfterStops: cues.no_counter.after_stops,
    noCounterBeforeRe: new RegExp(alternation(noBefore.keys()), "g"),
    noCounterBefore: noBefore,
    perMarker: cues.per.marker,
    perTimeRe: new RegExp(`[ \\t]*(?:${alternation(cues.per.time_words)})`, "y"),
    perScaleRe: new RegExp(
      `${escapeRe(cues.per.marker)}[ \\t]*(?:\\d+(?:\\.\\d+)?[ \\t]*)?(?:${alternation(scaleWords)})` +
        `(?:${alternation(cues.per.scale_counters)})?[^${stop}]{0,6}?(?:${alternation(cues.per.scale_nouns)})`,
      "y",
    ),
    perStopRe: new RegExp(
      // One-character qualifier cues (约, 近) are too common inside nouns ("签约居民") to end one.
      `(?:${alternation([...cues.per.stops, ...quals.before.map((c) => c.cue).filter((c) => c.length > 1), cues.per.marker])})|[${stop}]`,
      "y",
    ),
    perMaxLength: cues.per.max_length,
    perBareRe: cues.per.bare.length ? new RegExp(alternation(cues.per.bare), "g") : null,
  };
  cache.set(set, compiled);
  return compiled;
}
