// The numeral data of patterns/scales.yaml, validated and turned into lookup
// tables once per pattern set. Everything language-specific the number reader
// knows (digit characters, 十/百/千, 万/亿, scale words, 余/多, range connectors)
// comes from here, so a user pattern directory can extend it.
import { z } from "zod";
import { compiledSection, type PatternSet } from "../patterns/load.js";
import { BLANKS, firstUnits, UnitSet } from "./code-units.js";

export const ScalesSection = z.object({
  digits: z.record(z.string().length(1), z.number().int().min(0).max(9)),
  section_units: z.record(z.string().length(1), z.number().positive()),
  group_units: z.record(z.string().length(1), z.number().positive()),
  scales: z.record(z.string().min(1), z.number().positive()),
  decimal_point: z.array(z.string().length(1)).default([]),
  chinese_start: z.array(z.string().length(1)).min(1),
  over: z.array(z.string().min(1)).default([]),
  bare_scale_over: z.array(z.string().length(1)).default([]),
  range: z.array(z.string().min(1)).default([]),
  range_bare_only: z.array(z.string().min(1)).default([]),
  fraction_prefix: z.record(z.string().min(1), z.object({ unit: z.string(), category: z.string() })).default({}),
});
export type ScalesSection = z.infer<typeof ScalesSection>;

export interface NumeralTables {
  digits: ReadonlyMap<string, number>;
  sectionUnits: ReadonlyMap<string, number>;
  groupUnits: ReadonlyMap<string, number>;
  /** Any character of a Chinese numeral. */
  chineseChars: ReadonlySet<string>;
  chineseStart: ReadonlySet<string>;
  /** The decimal point of a Chinese numeral (点). */
  decimalPoint: ReadonlySet<string>;
  scales: ReadonlyMap<string, number>;
  /** Sticky: the longest scale word at lastIndex. */
  scaleRe: RegExp;
  /** Scale words that stand for their value when 余/多 follows ("千余名"). */
  bareScaleOver: ReadonlySet<string>;
  /** Sticky: a 余/多 mark at lastIndex. */
  overRe: RegExp;
  /** Sticky: optional spaces, a range connector, optional spaces. */
  rangeRe: RegExp;
  rangeBareOnly: ReadonlySet<string>;
  /** The range connectors as written in the section. */
  rangeWords: readonly string[];
  /** Sticky: 百分之 / 千分之 at lastIndex. */
  fractionRe: RegExp | null;
  fractionPrefix: ReadonlyMap<string, { unit: string; category: string }>;
  /** Global: every place a number may start (a digit, a Chinese numeral, 百分之). */
  startRe: RegExp;

  /**
   * The same data as code-unit tables, for the questions asked at every numeral
   * (see code-units.ts): Chinese numeral characters and starts, scale words
   * held as groups (万/亿), and the first units of the words the sticky regexes
   * above match, so that a regex runs only where it can match.
   */
  units: {
    /** digits, sectionUnits and groupUnits keyed by code unit (text[i] of a CJK character would allocate a string). */
    digitValue: ReadonlyMap<number, number>;
    sectionValue: ReadonlyMap<number, number>;
    groupValue: ReadonlyMap<number, number>;
    chineseChars: UnitSet;
    chineseStart: UnitSet;
    groupUnits: UnitSet;
    decimalPoint: UnitSet;
    bareScaleOver: UnitSet;
    scaleFirst: UnitSet;
    overFirst: UnitSet;
    /** Null when a connector is all blanks (then the regex always runs). */
    rangeFirst: UnitSet | null;
    fractionFirst: UnitSet;
    /** First units of every alternative of startRe (a superset of where it matches). */
    start: UnitSet;
    /** Spaces and tabs (code-units.ts BLANKS, reached from here). */
    blanks: UnitSet;
  };
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/gu, "\\$&");
}

/** An alternation of literal words, longest first so the regex prefers them. */
export function alternation(words: Iterable<string>): string {
  const list = [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return list.length ? list.map(escapeRe).join("|") : "(?!)";
}

function charClass(chars: Iterable<string>): string {
  return [...new Set(chars)].map((c) => c.replace(/[\]\\^-]/gu, "\\$&")).join("");
}

/** A map of one-character keys re-keyed by their code unit. */
function byCode(map: ReadonlyMap<string, number>): Map<number, number> {
  return new Map([...map].map(([k, v]) => [k.charCodeAt(0), v]));
}

export function compileTables(data: ScalesSection): NumeralTables {
  const digits = new Map(Object.entries(data.digits));
  const sectionUnits = new Map(Object.entries(data.section_units));
  const groupUnits = new Map(Object.entries(data.group_units));
  const chineseChars = new Set([...digits.keys(), ...sectionUnits.keys(), ...groupUnits.keys()]);
  const chineseStart = new Set(data.chinese_start);
  const fractionPrefix = new Map(Object.entries(data.fraction_prefix));
  const fractionAlt = fractionPrefix.size ? alternation(fractionPrefix.keys()) : null;
  const startAlts = [`[0-9${charClass(chineseStart)}]`];
  if (data.bare_scale_over.length && data.over.length) {
    startAlts.push(`[${charClass(data.bare_scale_over)}](?=${alternation(data.over)})`);
  }
  if (fractionAlt) startAlts.push(fractionAlt);
  return {
    digits,
    sectionUnits,
    groupUnits,
    chineseChars,
    chineseStart,
    decimalPoint: new Set(data.decimal_point),
    scales: new Map(Object.entries(data.scales)),
    bareScaleOver: new Set(data.bare_scale_over),
    scaleRe: new RegExp(alternation(Object.keys(data.scales)), "y"),
    overRe: new RegExp(alternation(data.over), "y"),
    rangeRe: new RegExp(`[ \\t]*(${alternation(data.range)})[ \\t]*`, "y"),
    rangeBareOnly: new Set(data.range_bare_only),
    rangeWords: data.range,
    fractionRe: fractionAlt ? new RegExp(fractionAlt, "y") : null,
    fractionPrefix,
    startRe: new RegExp(startAlts.join("|"), "g"),
    units: {
      digitValue: byCode(digits),
      sectionValue: byCode(sectionUnits),
      groupValue: byCode(groupUnits),
      chineseChars: new UnitSet(chineseChars),
      chineseStart: new UnitSet(chineseStart),
      groupUnits: new UnitSet(groupUnits.keys()),
      decimalPoint: new UnitSet(data.decimal_point),
      bareScaleOver: new UnitSet(data.bare_scale_over),
      scaleFirst: new UnitSet(Object.keys(data.scales)),
      overFirst: new UnitSet(data.over),
      rangeFirst: firstUnits(data.range),
      fractionFirst: new UnitSet(fractionPrefix.keys()),
      start: new UnitSet([...chineseStart, ...data.bare_scale_over, ...fractionPrefix.keys()]).addRange(0x30, 0x39),
      blanks: BLANKS,
    },
  };
}

/** The numeral tables of a pattern set (section `scales`), compiled once. */
export function numeralTables(set: PatternSet): NumeralTables {
  return compiledSection(set, "scales", ScalesSection, compileTables);
}
