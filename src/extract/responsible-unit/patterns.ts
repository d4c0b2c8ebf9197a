// The pattern section `responsible-units` (patterns/responsible-units.yaml),
// validated and compiled once per pattern set: note labels, role verbs, the
// "first one leads" cue, and the word shapes that make a fragment an organisation.
import { z } from "zod";
import { compiledSection, type PatternSet } from "../../patterns/load.js";

export type UnitRole = "responsible" | "lead" | "cooperating";

const Role = z.enum(["responsible", "lead", "cooperating"]);
const RegexList = z.array(z.string()).default([]);

const Section = z.object({
  keywords: z.record(z.string(), Role).default({}),
  verbs: z.record(z.string(), Role).default({}),
  stop_labels: z.array(z.string()).default([]),
  prefixes: z.array(z.string()).default([]),
  suffixes: z.array(z.string()).default([]),
  lead_first: RegexList,
  rest_cooperating: z.string().default(""),
  onward: z.string().default("(?!)"),
  conjunctions: z.array(z.string()).default([]),
  filler: RegexList,
  non_unit: RegexList,
  org_suffixes: z.array(z.string()).default([]),
  place_suffixes: z.array(z.string()).default([]),
  collectives: RegexList,
  not_org: RegexList,
  enumeration: z.string().default("(?!)"),
  table: z.object({ number: RegexList, number_cell: z.string().default("(?!)"), task: RegexList })
    .default({ number: [], number_cell: "(?!)", task: [] }),
});

export interface UnitPatterns {
  /** Label → role, for exact lookups of a matched label. */
  keywordRole: ReadonlyMap<string, UnitRole>;
  /** A role label opening a note segment: "责任单位:", "【牵头单位】", "牵头单位(部门):". Group 1 = label. */
  label: RegexSource;
  /** Any short label ending in a colon ("工作要求:"), which ends the unit list before it. */
  anyLabel: RegexSource;
  /** Known labels that are not roles ("完成时限:", "责任领导:"), found even inside a run of text. */
  stopLabel: RegexSource;
  /** Role verb at the end of a fragment; group 1 = verb. */
  verbAtEnd: AtEnd;
  /** Any role verb, anywhere (not global: no state). */
  verbAnywhere: RegExp;
  /** Any role verb, for one pass over a text (global: use with matchAll). */
  verbs: RegExp;
  verbRole: ReadonlyMap<string, UnitRole>;
  prefixRe: RegExp;
  suffixRe: AtEnd;
  leadFirst: RegexSource;
  /** Inside a lead-first cue: "其他为配合单位" makes the other units cooperating. */
  restCooperating: RegExp;
  /** "下同": a cue inside a note speaks for the notes after it too. */
  onward: RegExp;
  /** Conjunctions that may join two organisations in one fragment (global). */
  conjunction: RegExp;
  filler: Matcher;
  nonUnit: Matcher;
  orgEnd: AtEnd;
  placeEnd: AtEnd;
  collectives: Matcher;
  notOrg: Matcher;
  /** "二是…" inside a paragraph; group 1 = the number. */
  enumeration: RegExp;
  tableNumber: readonly RegExp[];
  /** A cell holding a row number; group 1 = the number. */
  tableNumberCell: RegExp;
  tableTask: readonly RegExp[];
}

/**
 * A regex that can only match at the end of a text, where the text ends in one of
 * `words` ("(牵头|配合)$"). Such a regex is tried from every position of the text,
 * so the last character is looked up first: most names end in none of the words.
 */
export class AtEnd {
  private readonly lasts: ReadonlySet<number> | null;

  constructor(
    private readonly re: RegExp,
    words: Iterable<string>,
  ) {
    const list = [...words];
    // An empty word would match anywhere: then every text goes to the regex.
    this.lasts = list.some((w) => !w) ? null : new Set(list.map((w) => w.charCodeAt(w.length - 1)));
  }

  private possible(text: string): boolean {
    return this.lasts === null || this.lasts.has(text.charCodeAt(text.length - 1));
  }

  exec(text: string): RegExpExecArray | null {
    return this.possible(text) ? this.re.exec(text) : null;
  }

  test(text: string): boolean {
    return this.possible(text) && this.re.test(text);
  }
}

/** Whether a text matches any regex of a pattern list. */
export interface Matcher {
  test(text: string): boolean;
}

/**
 * One matcher for a list of regexes: a single alternation, so a name is tested
 * once rather than once per entry (the lists are asked of every unit). Entries
 * with backreferences keep their own regex, as joining them would renumber groups.
 */
function anyOf(list: readonly string[]): Matcher {
  const each = list.map((s) => new RegExp(s, "u")); // also reports a bad entry on its own
  if (list.some((s) => /\\[1-9]|\\k</u.test(s))) return { test: (t) => each.some((r) => r.test(t)) };
  return new RegExp(list.map((s) => `(?:${s})`).join("|") || "(?!)", "u");
}

/** A regex source to instantiate per use (global regexes carry state). */
export interface RegexSource {
  source: string;
  flags: string;
}

export function fresh(r: RegexSource, extraFlags = ""): RegExp {
  return new RegExp(r.source, [...new Set(r.flags + extraFlags)].join(""));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).map(escape).join("|");
}

function compile(data: z.infer<typeof Section>): UnitPatterns {
  const kw = alternation(Object.keys(data.keywords)) || "(?!)";
  const verbs = alternation(Object.keys(data.verbs)) || "(?!)";
  const re = (list: string[]) => list.map((s) => new RegExp(s, "u"));
  return {
    keywordRole: new Map(Object.entries(data.keywords)),
    // "牵头单位(部门):" / "责任单位 :" / "【责任单位】"; a bare label before a space only inside brackets.
    label: {
      source: `【(${kw})】\\s*[:]?|\\[(${kw})\\]\\s*[:]?|(${kw})(?:\\([^()\\n]{1,8}\\))?\\s*(?::|(?=\\s))`,
      flags: "gu",
    },
    anyLabel: { source: "【[^】\\n]{1,10}】|(?<![\\p{Script=Han}])[\\p{Script=Han}]{2,8}(?:\\([^()\\n]{1,8}\\))?\\s*:", flags: "gu" },
    stopLabel: { source: `(?:${alternation(data.stop_labels) || "(?!)"})(?:\\([^()\\n]{1,8}\\))?\\s*:`, flags: "gu" },
    verbAtEnd: new AtEnd(new RegExp(`(${verbs})$`, "u"), Object.keys(data.verbs)),
    verbAnywhere: new RegExp(verbs, "u"),
    verbs: new RegExp(verbs, "gu"),
    verbRole: new Map(Object.entries(data.verbs)),
    prefixRe: new RegExp(`^(?:${alternation(data.prefixes) || "(?!)"})`, "u"),
    suffixRe: new AtEnd(new RegExp(`(?:${alternation(data.suffixes) || "(?!)"})$`, "u"), data.suffixes),
    leadFirst: {
      source: `(?:${data.lead_first.map((s) => `(?:${s})`).join("|") || "(?!)"})(?:[,，;；]?(?:${data.rest_cooperating || "(?!)"}))?`,
      flags: "gu",
    },
    restCooperating: new RegExp(data.rest_cooperating || "(?!)", "u"),
    onward: new RegExp(data.onward, "u"),
    conjunction: new RegExp(alternation(data.conjunctions) || "(?!)", "gu"),
    filler: anyOf(data.filler),
    nonUnit: anyOf(data.non_unit),
    orgEnd: new AtEnd(new RegExp(`(?:${alternation(data.org_suffixes) || "(?!)"})$`, "u"), data.org_suffixes),
    placeEnd: new AtEnd(new RegExp(`^.{2,}(?:${alternation(data.place_suffixes) || "(?!)"})$`, "u"), data.place_suffixes),
    collectives: anyOf(data.collectives),
    notOrg: anyOf(data.not_org),
    enumeration: new RegExp(`^(?:${data.enumeration})`, "u"),
    tableNumber: re(data.table.number),
    tableNumberCell: new RegExp(`^(?:${data.table.number_cell})$`, "u"),
    tableTask: re(data.table.task),
  };
}

export function unitPatterns(set: PatternSet): UnitPatterns {
  return compiledSection(set, "responsible-units", Section, compile);
}

/** Whether a cleaned name reads as an organisation (or a collective of them). */
export function isOrgName(p: UnitPatterns, name: string): boolean {
  if (name.length < 2 || name.length > 40) return false;
  if (p.notOrg.test(name)) return false;
  if (p.collectives.test(name)) return true;
  return p.orgEnd.test(name) || p.placeEnd.test(name);
}
