// The date extractor's pattern data (patterns/date-forms.yaml, date-cues.yaml,
// date-exclusions.yaml), validated with zod and compiled once per pattern set
// into word lists and lookup tables.
import { z } from "zod";
import { compiledSection, type PatternSet } from "../../patterns/load.js";
import { CodeSet } from "../../text/chars.js";
import { NumeralReader } from "./numerals.js";
import { START_DATE, START_DOC_BRACKET, START_RELATIVE } from "./scan.js";
import { WordList, WordMap } from "./words.js";

export type Part = "start" | "end" | "first_half" | "second_half";

const Words = z.array(z.coerce.string()).default([]);
const Pair = z.tuple([z.string(), z.string()]);

const FormsSchema = z.object({
  numerals: z.record(z.string(), z.number().int().nonnegative()),
  years: z.object({ min: z.number().int(), max: z.number().int() }),
  units: z.object({
    year: Words,
    month: Words,
    day: Words,
    year_tail: Words,
    month_tail: Words,
  }),
  parts: z.record(z.string(), z.enum(["start", "end"])),
  part_not_before: z.record(z.string(), Words).default({}),
  halves: z.record(z.string(), z.enum(["first_half", "second_half"])),
  quarters: z.object({ prefix: Words, suffix: Words, letter: Words }),
  range_separators: Words,
  list_separators: Words,
  range_brackets: z.array(Pair).default([]),
  month_not_after: Words,
  month_not_before: Words,
  periods: z.array(z.object({
    name: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    needs_context: z.boolean().default(false),
  })),
  period_context: Words,
  period_not_after: Words,
  quotes: z.array(Pair).default([]),
});

const CuesSchema = z.object({
  deadline: z.object({
    before: Words,
    before_to: Words,
    to_not_after: Words,
    to_not_before: Words,
    after: Words,
    after_not_before: Words,
  }),
  since: z.object({
    before: Words,
    before_with_after: Words,
    after_with_before: Words,
    after: Words,
    after_not_before: z.record(z.string(), Words).default({}),
    clause_end: Words,
  }),
  clause_breaks: Words,
});

const ExclusionsSchema = z.object({
  relative_years: Words,
  relative_tails: Words,
  relative_words: Words,
  redacted_marks: Words,
  doc_number: z.object({
    brackets: z.array(Pair),
    serial_prefix: Words,
    suffix: Words,
  }),
});

export interface Period {
  start: number;
  end: number;
  needsContext: boolean;
}

export interface DatePatterns {
  numerals: NumeralReader;
  yearMin: number;
  yearMax: number;
  year: WordList;
  month: WordList;
  day: WordList;
  yearTail: WordList;
  monthTail: WordList;
  parts: WordMap<"start" | "end">;
  partNotBefore: Map<string, WordList>;
  halves: WordMap<"first_half" | "second_half">;
  quarterPrefix: WordList;
  quarterSuffix: WordList;
  quarterLetter: WordList;
  rangeSep: WordList;
  listSep: WordList;
  rangeBrackets: Array<[string, string]>;
  monthNotAfter: WordList;
  monthNotBefore: WordList;
  periods: WordMap<Period>;
  periodContext: WordList;
  periodNotAfter: WordList;
  quotes: Array<[string, string]>;
  deadline: {
    before: WordList;
    beforeTo: WordList;
    toNotAfter: WordList;
    toNotBefore: WordList;
    after: WordList;
    afterNotBefore: WordList;
  };
  since: {
    before: WordList;
    beforeWithAfter: WordList;
    afterWithBefore: WordList;
    after: WordList;
    afterNotBefore: Map<string, WordList>;
    clauseEnd: WordList;
  };
  clauseBreaks: Set<string>;
  /** The one-character clause breaks, by code unit (what a character of the text can equal). */
  clauseBreakCodes: CodeSet;
  relativeYears: WordList;
  relativeTails: WordList;
  relativeWords: WordList;
  redactedMarks: WordList;
  docBrackets: Array<[string, string]>;
  docSerialPrefix: WordList;
  docSuffix: WordList;
  /** Code units where a date, a redacted year or a period may start. */
  dateStart: CodeSet;
  /** Code units where a relative date word may start. */
  relativeStart: CodeSet;
  /** First code units of the opening quotes of a period name. */
  quoteStart: CodeSet;
  /** First code units of the opening brackets of a document number. */
  docBracketStart: CodeSet;
  /** Code units where anything of the three above may start: the one set asked per character of a document. */
  anyStart: CodeSet;
  /** For each code unit of anyStart, the kinds of start it may be (bits START_DATE, START_RELATIVE, START_DOC_BRACKET of scan.ts). */
  startKind: Map<number, number>;
}

const list = (w: readonly string[]) => new WordList(w);
const listMap = (r: Record<string, string[]>) => new Map(Object.entries(r).map(([k, v]) => [k, list(v)]));

/**
 * Compiled patterns per pattern set. Looked up on every call (several per
 * document), so a WeakMap lookup answers, not a compiledSection call that would
 * build a zod schema each time.
 */
const compiled = new WeakMap<PatternSet, DatePatterns>();

export function datePatterns(set: PatternSet): DatePatterns {
  let p = compiled.get(set);
  if (!p) {
    p = compile(set);
    compiled.set(set, p);
  }
  return p;
}

function compile(set: PatternSet): DatePatterns {
  const p = compileSections(set);
  for (let c = 0; c < 0x10000; c++) {
    const kind = (p.dateStart.has(c) ? START_DATE : 0) | (p.relativeStart.has(c) ? START_RELATIVE : 0) |
      (p.docBracketStart.has(c) ? START_DOC_BRACKET : 0);
    if (kind === 0) continue;
    p.anyStart.add(c);
    p.startKind.set(c, kind);
  }
  return p;
}

function compileSections(set: PatternSet): DatePatterns {
  const forms = compiledSection(set, "date-forms", FormsSchema, (d) => d);
  const cues = compiledSection(set, "date-cues", CuesSchema, (d) => d);
  const excl = compiledSection(set, "date-exclusions", ExclusionsSchema, (d) => d);
  // The three sections are compiled together, once per pattern set.
  return {
    numerals: new NumeralReader(forms.numerals),
    yearMin: forms.years.min,
    yearMax: forms.years.max,
    year: list(forms.units.year),
    month: list(forms.units.month),
    day: list(forms.units.day),
    yearTail: list(forms.units.year_tail),
    monthTail: list(forms.units.month_tail),
    parts: new WordMap(new Map(Object.entries(forms.parts))),
    partNotBefore: listMap(forms.part_not_before),
    halves: new WordMap(new Map(Object.entries(forms.halves))),
    quarterPrefix: list(forms.quarters.prefix),
    quarterSuffix: list(forms.quarters.suffix),
    quarterLetter: list(forms.quarters.letter),
    rangeSep: list(forms.range_separators),
    listSep: list(forms.list_separators),
    rangeBrackets: forms.range_brackets,
    monthNotAfter: list(forms.month_not_after),
    monthNotBefore: list(forms.month_not_before),
    periods: new WordMap(new Map(forms.periods.map((p) => [p.name, { start: p.start, end: p.end, needsContext: p.needs_context }]))),
    periodContext: list(forms.period_context),
    periodNotAfter: list(forms.period_not_after),
    quotes: forms.quotes,
    deadline: {
      before: list(cues.deadline.before),
      beforeTo: list(cues.deadline.before_to),
      toNotAfter: list(cues.deadline.to_not_after),
      toNotBefore: list(cues.deadline.to_not_before),
      after: list(cues.deadline.after),
      afterNotBefore: list(cues.deadline.after_not_before),
    },
    since: {
      before: list(cues.since.before),
      beforeWithAfter: list(cues.since.before_with_after),
      afterWithBefore: list(cues.since.after_with_before),
      after: list(cues.since.after),
      afterNotBefore: listMap(cues.since.after_not_before),
      clauseEnd: list(cues.since.clause_end),
    },
    clauseBreaks: new Set(cues.clause_breaks),
    clauseBreakCodes: new CodeSet(cues.clause_breaks.filter((w) => w.length === 1)),
    relativeYears: list(excl.relative_years),
    relativeTails: list(excl.relative_tails),
    relativeWords: list(excl.relative_words),
    redactedMarks: list(excl.redacted_marks),
    docBrackets: excl.doc_number.brackets,
    docSerialPrefix: list(excl.doc_number.serial_prefix),
    docSuffix: list(excl.doc_number.suffix),
    dateStart: new CodeSet([
      ..."0123456789",
      ...Object.keys(forms.numerals).filter((ch) => ch.length === 1),
      ...excl.redacted_marks,
      ...forms.periods.map((p) => p.name),
      ...forms.quotes.map(([o]) => o),
    ]),
    relativeStart: new CodeSet([...excl.relative_years, ...excl.relative_words]),
    quoteStart: new CodeSet(forms.quotes.map(([o]) => o)),
    docBracketStart: new CodeSet(excl.doc_number.brackets.map(([o]) => o)),
    anyStart: new CodeSet(), // filled in by compile()
    startKind: new Map(),
  };
}
