// What a figure measures and whose it is (SPEC §3 `indicator`, `subject`), read
// from its clause: the phrase before the figure with cue words and function
// words trimmed ("参保人数已达到698.1万人" → 参保人数), or the counted noun after it
// ("为6.3万名农村户籍孕产妇" → 农村户籍孕产妇); an entity at the head of the phrase
// is the subject ("新农合筹资标准520元" → 新农合 / 筹资标准). Word lists do the work,
// on the word edges they vouch for: segmenter tags are too noisy for these
// decisions and too slow to ask about every figure.
import { z } from "zod";
import type { PatternSet } from "../patterns/load.js";
import type { AttributionCues, HeadKind } from "./cues.js";
import { WordList } from "./cues.js";
import { isVerbTag } from "./clause.js";
import { segment } from "../text/segment.js";

const Words = z.array(z.string().min(1)).default([]);
/** Keys of indicator-stopwords.yaml read here only (cues.ts reads the others). */
const ExtraStopSchema = z.object({
  list_marker: z.string().default("^$^"),
  keep_verbs: Words,
  light_verbs: Words,
  comparison_heads: Words,
  aside_openers: Words,
  dative_preps: Words,
  count_measures: Words,
  share_marks: Words,
  population_rates: Words,
  coverage_rates: Words,
  rate_ends: Words,
  per_capita: Words,
  inner_drop: Words,
  per_units: Words,
  per_counters: Words,
  funding_verbs: Words,
  bare_shares: Words,
  breakdown_units: Words,
  change_nouns: Words,
  norm_words: Words,
  norm_preps: Words,
});

export interface IndicatorExtras {
  /** An item marker opening a clause: "二是", "（三）", "2\t", "【云岭县】". */
  listMarker: RegExp;
  /** Verbs whose object alone would misname the figure ("节约药品耗材费用"). */
  keepVerbs: WordList;
  /** Light verbs dropped only before an object of three characters or more. */
  lightVerbs: WordList;
  /** Words opening a comparison with a standard ("高于全省平均水平"). */
  comparisonHeads: WordList;
  /** First characters of those words and of the dative prepositions, as lookup tables. */
  comparisonFirst: Uint8Array;
  dativeFirst: Uint8Array;
  /** Words opening a bracketed aside inside a phrase ("（不含药品收入）"). */
  asideOpeners: WordList;
  /** Bracketed asides, to be dropped from phrase text. */
  asides: RegExp;
  /** Prepositions naming the receiver of an action ("向乡镇卫生院下派医师"). */
  dativePreps: WordList;
  /** Measures of how many there are of the entity before them ("卫生人员总数"). */
  countMeasures: WordList;
  /** Marks of a share of a total ("诊疗量占比", "占总诊疗量的比例"). */
  shareMarks: WordList;
  shareFirst: Uint8Array;
  /** Rates defined on a population ("5岁以下儿童死亡率"). */
  populationRates: WordList;
  /** Rates of how far the entity before them reaches ("DRG付费医疗机构覆盖率"). */
  coverageRates: WordList;
  /** Ends of a rate or count of an action, which keeps its verb ("规范管理率"). */
  rateEnds: WordList;
  /** Per-capita words: a generic population before them is their base ("居民人均"). */
  perCapita: WordList;
  perCapitaFirst: Uint8Array;
  /** Nouns of change, part of a name after what changes ("地区生产总值增速"). */
  changeNouns: WordList;
  /** A standard set by a figure ("120元的标准收取"), and the prepositions that open one ("按"). */
  normWords: WordList;
  normPreps: WordList;
  /** Adverbs dropped from inside a phrase ("统筹基金分别支出" → 统筹基金支出). */
  innerDrop: RegExp;
  innerDropFirst: Uint8Array;
  /** After 每, units that close a denominator alone ("每月", "每户", "每人每年"). */
  perUnits: WordList;
  /** After 每, counters that a noun follows ("每个中心", "每所卫生院", "每千名老年人"). */
  perCounters: WordList;
  /** Verbs by which an agent funds something it then owns as a figure ("市财政安排"). */
  fundingVerbs: WordList;
  /** A share verb standing alone before a figure ("（占83.2%）"). */
  bareShares: WordList;
  /** Units that count no entities: an entity before them owns its part ("医院2.91万张"). */
  breakdownUnits: WordList;
}

const escapeRe = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");

const extrasMemo = new WeakMap<PatternSet, IndicatorExtras>();

/** The extra indicator cues of a pattern set, validated and compiled once. */
export function indicatorExtras(set: PatternSet): IndicatorExtras {
  const hit = extrasMemo.get(set);
  if (hit) return hit;
  const d = ExtraStopSchema.parse(set.sections.get("indicator-stopwords") ?? {});
  const extras: IndicatorExtras = {
    listMarker: new RegExp(d.list_marker, "u"),
    keepVerbs: new WordList(d.keep_verbs),
    lightVerbs: new WordList(d.light_verbs),
    comparisonHeads: new WordList(d.comparison_heads),
    comparisonFirst: charTable(d.comparison_heads.map((w) => w[0]).join("")),
    dativeFirst: charTable(d.dative_preps.map((w) => w[0]).join("")),
    asideOpeners: new WordList(d.aside_openers),
    dativePreps: new WordList(d.dative_preps),
    countMeasures: new WordList(d.count_measures),
    shareMarks: new WordList(d.share_marks),
    shareFirst: charTable(d.share_marks.map((w) => w[0]).join("")),
    populationRates: new WordList(d.population_rates),
    coverageRates: new WordList(d.coverage_rates),
    rateEnds: new WordList(d.rate_ends),
    perCapita: new WordList(d.per_capita),
    perCapitaFirst: charTable(d.per_capita.map((w) => w[0]).join("")),
    changeNouns: new WordList(d.change_nouns),
    normWords: new WordList(d.norm_words),
    normPreps: new WordList(d.norm_preps),
    perUnits: new WordList(d.per_units),
    perCounters: new WordList(d.per_counters),
    fundingVerbs: new WordList(d.funding_verbs),
    bareShares: new WordList(d.bare_shares),
    breakdownUnits: new WordList(d.breakdown_units),
    innerDropFirst: charTable(d.inner_drop.map((w) => w[0]).join("")),
    innerDrop: d.inner_drop.length ? new RegExp(d.inner_drop.map(escapeRe).join("|"), "gu") : /$^/gu,
    asides: d.aside_openers.length
      ? new RegExp(`[(（](?:${d.aside_openers.map(escapeRe).join("|")})[^()（）]*[)）]`, "gu")
      : /$^/gu,
  };
  extrasMemo.set(set, extras);
  return extras;
}

export interface Span {
  start: number;
  end: number;
}

type EntityKind = HeadKind | "place";

/** A subject as found: the whole phrase and, for a coordination, each member. */
export interface SubjectParse {
  start: number;
  end: number;
  /** Members with a shared head distributed: "三级、二级医院" → 三级医院, 二级医院. */
  items: string[];
  kind: EntityKind;
}

interface Entity {
  end: number;
  head: string;
  kind: EntityKind;
}

/** Which entity may stand before which in one compound ("城镇居民" + "医保"). */
function canExtend(from: EntityKind, to: EntityKind): boolean {
  if (from === "place") return true; // "鹤鸣市财政", "庄河市中心医院"
  if (from === "population") return to === "scheme" || to === "population";
  if (from === "institution") return to === "institution";
  if (from === "agent") return to === "agent"; // "财政" + "部门"
  return false;
}

/** Whitespace as \s matches it, for the lookup tables below. */
const SPACES = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
/** A lookup table over the BMP of the characters of `chars`. */
function charTable(chars: string): Uint8Array {
  const t = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const PUNCT = /[\s，,。；;：:、()（）“”"'‘’《》!！?？]/u;
/** Punctuation, and the characters no name holds (punctuation and the particle 的),
 * as lookup tables: these tests run on every character of a phrase. */
const IS_PUNCT = charTable(`${SPACES}，,。；;：:、()（）“”"'‘’《》!！?？`);
const IS_NOT_IN_NAME = charTable(`${SPACES}，,。；;：:、《》!！?？\u7684%‰`);
const DE = "\u7684";
const LE = "\u4e86";
/** Characters an item marker may open with ("二是", "（三）", "2\t", "【…】"): the marker pattern is tried only there. */
/** Digits and numerals a denominator may hold ("每千名", "每3名"). */
const NUMERAL_CHARS = charTable("0123456789〇零一二两三四五六七八九十百千万.");
const MARK_START = charTable("0123456789一二三四五六七八九十(（【");
/** 每, which opens every denominator ("每千人口"): the per-prefix pattern is tried only there. */
const EVERY = 0x6bcf;
/** Longest entity phrase looked at, in characters. */
const MAX_ENTITY = 20;
const MAX_AFTER = 20;

export class PhraseReader {
  private readonly trailing: WordList;
  /** Words that end a noun phrase anywhere: predicate words and role cues. */
  private readonly enders: WordList;

  constructor(
    readonly text: string,
    private readonly cues: AttributionCues,
    /** Phrase text as the original writes it, line breaks of the layout removed. */
    readonly clean: (a: number, b: number) => string,
    readonly extras: IndicatorExtras,
  ) {
    this.trailing = trailingWords(cues);
    this.enders = enderWords(cues);
    this.tables = charTables(cues);
  }

  /** First and last characters of hot word lists, to skip positions no word can match. */
  private readonly tables: CharTables;

  /** Whether a bracket's inner text is an aside inside a phrase ("不含药品、耗材收入"). */
  readonly isAside = (inner: string): boolean => !!this.extras.asideOpeners.prefixOf(inner);

  /** A cut at `pos` keeps words whole ("累计" is not 累 + 计). */
  boundary(pos: number): boolean {
    return !this.crosses(pos);
  }

  /** Whether a cut at `pos` falls inside a protected word (stop.protected.crosses, with a quick skip). */
  private crosses(pos: number): boolean {
    const { text } = this;
    const t = this.tables;
    for (let k = 1; k < t.protectedMax && k <= pos; k++) {
      const list = t.protectedByFirst.get(text.charCodeAt(pos - k));
      if (!list) continue;
      for (const w of list) if (w.length > k && text.startsWith(w, pos - k)) return true;
    }
    return false;
  }

  /** Trim cue and function words off both ends of [a, b). */
  trim(a: number, b: number): Span {
    const { text } = this;
    const lead = this.cues.stop.leading;
    for (let changed = true; changed && a < b; ) {
      changed = false;
      while (a < b && IS_PUNCT[text.charCodeAt(b - 1)] && text[b - 1] !== "”" && text[b - 1] !== ")" && text[b - 1] !== "）") {
        b--;
        changed = true;
      }
      while (a < b && IS_PUNCT[text.charCodeAt(a)] && text[a] !== "“" && text[a] !== "(" && text[a] !== "（") {
        a++;
        changed = true;
      }
      const t = this.trailing.suffixOf(text, b, a);
      // "地区生产总值增速≥7%": a change noun after what changes is part of the name;
      // alone ("增幅约29%") it only marks the figure as a change.
      if (t && b - t.length > a && this.extras.changeNouns.has(t)) break;
      if (t && this.boundary(b - t.length)) {
        b -= t.length;
        changed = true;
        continue;
      }
      // "其中医院": a leading word of two characters is a word whatever it
      // overlaps ("中医"); a single character must not cut a word ("对口").
      const l = lead.prefixOf(text, a, b);
      if (l && (l.length > 1 || this.boundary(a + l.length))) {
        a += l.length;
        changed = true;
        continue;
      }
      // "基本生活标准提高到每人每年": a denominator before the figure is its `per`.
      const den = this.trailingDenominator(a, b);
      if (den !== null) {
        b = den;
        changed = true;
        continue;
      }
      // "二是力争…", "（三）新增…", "【云岭县】云岭县投入…": an item marker names nothing.
      const mark = MARK_START[text.charCodeAt(a)] ? this.extras.listMarker.exec(text.slice(a, Math.min(b, a + 14))) : null;
      if (mark && mark[0].length && a + mark[0].length < b) {
        a += mark[0].length;
        changed = true;
        continue;
      }
      // "每千人口注册护士": the denominator is the figure's `per`.
      // "每个家庭医生团队签约人数", "每月预留号源比例": any other denominator too;
      // "每千名老年人拥有…": the longer reading wins.
      if (text.charCodeAt(a) === EVERY) {
        const per = this.cues.stop.perPrefix.exec(text.slice(a, Math.min(b, a + 16)));
        const den = Math.max(per && a + per[0].length < b ? a + per[0].length : a, this.denominatorEnd(a, b) ?? a);
        if (den > a) {
          a = den;
          changed = true;
        }
      }
    }
    return { start: a, end: b };
  }

  /**
   * End of a denominator opening at `a` (at 每): "每月", "每人每年", "每户"; or a
   * counter and its noun up to the verb or the end of the name after it:
   * "每个中心|设置床位", "每所卫生院|配备执业医师", "每千名老年人|拥有养老床位".
   * Null when none is found.
   */
  private denominatorEnd(a: number, b: number): number | null {
    const { text, extras } = this;
    let p = a + 1;
    while (p < b && NUMERAL_CHARS[text.charCodeAt(p)]) p++;
    const unit = extras.perUnits.prefixOf(text, p, b);
    if (unit) return p + unit.length;
    const counter = extras.perCounters.prefixOf(text, p, b);
    if (!counter) return null;
    const nounStart = p + counter.length;
    const max = Math.min(b, nounStart + 10);
    for (let i = nounStart + 1; i < max; i++) {
      if (IS_NOT_IN_NAME[text.charCodeAt(i)]) return null;
      if (this.verbAt(i, b)) return i;
      if (this.nameEndsAt(i, nounStart) && this.boundary(i) && !this.cues.subjects.headList.prefixOf(text, i, b)) {
        const rest = this.trim(i, b);
        if (rest.end - rest.start >= 2) return i;
      }
    }
    return null;
  }

  /** Where a run of denominators ending at `b` starts ("每人每年"), or null. */
  private trailingDenominator(a: number, b: number): number | null {
    const { text } = this;
    for (let j = Math.max(a, b - 10); j < b; j++) {
      if (text.charCodeAt(j) !== EVERY) continue;
      let p = j;
      while (p < b && text.charCodeAt(p) === EVERY) {
        const e = this.extras.perUnits.prefixOf(text, this.skipNumerals(p + 1, b), b);
        if (!e) break;
        p = this.skipNumerals(p + 1, b) + e.length;
      }
      if (p === b) return j;
    }
    return null;
  }

  private skipNumerals(p: number, b: number): number {
    while (p < b && NUMERAL_CHARS[this.text.charCodeAt(p)]) p++;
    return p;
  }

  /** Whether a word of `list` stands in [a, b) ("其中" before a figure). */
  mentions(list: WordList, a: number, b: number): boolean {
    for (let i = a; i < b; i++) if (list.prefixOf(this.text, i, b)) return true;
    return false;
  }

  /** Whether a per-capita word ("人均") stands in [a, b). */
  mentionsPerCapita(a: number, b: number): boolean {
    const list = this.extras.perCapita;
    const first = this.extras.perCapitaFirst;
    for (let i = a; i < b; i++) if (first[this.text.charCodeAt(i)] && list.prefixOf(this.text, i, b)) return true;
    return false;
  }

  /** Whether a denominator at `a` (at 每) counts things ("每种药品", "每个中心"), not time ("每年"). */
  perCounterAt(a: number, b: number): boolean {
    let p = a + 1;
    while (p < b && NUMERAL_CHARS[this.text.charCodeAt(p)]) p++;
    return !!this.extras.perCounters.prefixOf(this.text, p, b);
  }

  /** A verb, cue or predicate word starting at `pos`. */
  private verbAt(pos: number, limit: number): boolean {
    const { text, cues } = this;
    const w = cues.stop.verbs.prefixOf(text, pos, limit) ?? cues.stop.objectVerbs.prefixOf(text, pos, limit) ??
      cues.role.future.prefixOf(text, pos, limit) ?? cues.stop.afterStop.prefixOf(text, pos, limit);
    return !!w && !this.crosses(pos + w.length) && !cues.subjects.terms.prefixOf(text, pos, limit);
  }

  /**
   * Where a name starting at `a` must end at the latest: the first 的, punctuation,
   * predicate or function word in [a, b), or b.
   */
  private nameLimit(a: number, b: number): number {
    const { text } = this;
    const stop = this.cues.stop;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (IS_NOT_IN_NAME[c]) return i;
      if (!this.tables.afterStopFirst[c]) continue;
      const w = stop.afterStop.prefixOf(text, i, b);
      if (w && !this.crosses(i) && !this.crosses(i + w.length)) return i;
    }
    return b;
  }

  /** A proper place name at `pos` ("庄河市", "三明市"), never 全市 / 市级. */
  private placeAt(pos: number, limit: number): Entity | null {
    const { text } = this;
    const subj = this.cues.subjects;
    for (let len = 3; len <= 5 && pos + len <= limit; len++) {
      const name = text.slice(pos, pos + len);
      if (!subj.placeSuffixes.suffixOf(name) || subj.placeSuffixes.suffixOf(name)!.length !== 1) continue;
      if (subj.notPlaces.suffixOf(name) || subj.notPlaces.has(name)) continue;
      if (this.nameLimit(pos, pos + len) < pos + len) return null;
      if (subj.notPlaceFollowers.prefixOf(text, pos + len)) continue;
      return { end: pos + len, head: "", kind: "place" };
    }
    return null;
  }

  /** An entity phrase starting at `pos`: a term, a phrase ending in a head, or a place. */
  private entityAt(pos: number, limit: number): Entity | null {
    const { text, cues } = this;
    const subj = cues.subjects;
    const max = Math.min(limit, pos + MAX_ENTITY);
    // "启动大连市…", "明确基层医疗机构…": a phrase opening with a verb names no entity.
    if (this.verbAt(pos, max)) return null;
    let best: Entity | null = null;
    const term = subj.terms.prefixOf(text, pos, max);
    if (term) {
      const head = subj.headList.suffixOf(term);
      best = { end: pos + term.length, head: head ?? term, kind: head ? subj.heads.get(head)! : "institution" };
    }
    let first: Entity | null = this.placeAt(pos, max);
    const stopAt = this.nameLimit(pos, max);
    for (let e = (first?.end ?? pos) + 1; e <= stopAt; e++) {
      if (!this.tables.headLast[text.charCodeAt(e - 1)]) continue;
      const h = subj.headList.suffixOf(text, e);
      if (!h || e - h.length < pos || !this.boundary(e)) continue;
      const cand: Entity = { end: e, head: h, kind: subj.heads.get(h)! };
      if (!first) {
        first = cand;
        continue;
      }
      // A second head extends the first only as a compound: adjacent, or after a place.
      const gap = e - h.length - first.end;
      if (!canExtend(first.kind, cand.kind) || (first.kind !== "place" && gap > 2)) break;
      first = cand;
    }
    if (first && (!best || first.end > best.end)) best = first;
    // "社区卫生服务中心（站）", "诊所（医务室）": a short bracket after a name is part of it.
    if (best && (text[best.end] === "(" || text[best.end] === "\uff08")) {
      for (let k = best.end + 1; k < Math.min(limit, best.end + 7); k++) {
        const ch = text[k];
        if (ch === ")" || ch === "\uff09") {
          best = { ...best, end: k + 1 };
          break;
        }
        if (IS_PUNCT[text.charCodeAt(k)]) break;
      }
    }
    return best;
  }

  /**
   * A subject at the start of [a, b): one entity or a coordination of them
   * ("职工医保和城镇居民医保", "三级、二级医院"). Short members without a head of
   * their own take the last member's head.
   */
  subjectAt(a: number, b: number, allowBare = false): SubjectParse | null {
    const { text, cues } = this;
    const subj = cues.subjects;
    // "每万名城市居民拥有…": a denominator, not an owner.
    if (text.charCodeAt(a) === EVERY && cues.stop.perPrefix.test(text.slice(a, Math.min(b, a + 16)))) return null;
    const det = subj.determiners.prefixOf(text, a, b);
    if (det) a += det.length;
    type Item = { start: number; end: number; head: string; kind: EntityKind | null };
    const items: Item[] = [];
    let pos = a;
    while (pos < b) {
      const e = this.entityAt(pos, b);
      if (e) {
        items.push({ start: pos, end: e.end, head: e.head, kind: e.kind });
        pos = e.end;
      } else {
        // A bare modifier sharing the next member's head: "三级、二级医院"; or a last
        // example before 等 ("老年人、残疾人等重点人群").
        let c = pos;
        const ends = (k: number): boolean => !!subj.coordinators.prefixOf(text, k, b) || (items.length > 0 && !!cues.stop.enumerationEnds.prefixOf(text, k, b));
        while (c < b && c - pos <= 5 && !IS_NOT_IN_NAME[text.charCodeAt(c)] && !ends(c)) c++;
        if (c === pos || c - pos > 5 || !ends(c)) break;
        items.push({ start: pos, end: c, head: "", kind: null });
        pos = c;
      }
      const coord = subj.coordinators.prefixOf(text, pos, b);
      if (!coord) break;
      pos += coord.length;
    }
    // "老年人、慢性病患者等重点人群": the class after 等 is the subject, its examples are not.
    const etc = items.length ? cues.stop.enumerationEnds.prefixOf(text, pos, b) : null;
    const cls = etc ? this.entityAt(pos + etc.length, b) : null;
    if (cls) return { start: pos + etc!.length, end: cls.end, items: [this.clean(pos + etc!.length, cls.end)], kind: cls.kind };
    while (items.length && items[items.length - 1]!.kind === null) items.pop();
    if (!items.length) return null;
    const last = items[items.length - 1]!;
    const lastName = this.clean(last.start, last.end);
    const names = items.map((it) => {
      const name = this.clean(it.start, it.end);
      // "三级、二级医院" → 三级医院; "职工和居民医保" → 职工医保; "高血压、糖尿病患者" →
      // 高血压患者; "城市、农村特困人员" → 城市特困人员; "小学、初中适龄儿童" → 小学适龄儿童.
      if (it === last || !last.head || last.kind === "agent" || last.kind === "place") return name;
      if (it.kind === null || (last.kind === "scheme" && it.kind === "population")) return name + sharedTail(name, lastName, last.head);
      return name;
    });
    if (!allowBare && items.length === 1) {
      // "孕产妇系统管理率": a population word alone names the indicator's population, not a subject.
      const only = items[0]!;
      if (subj.bare.has(names[0]!)) return null;
      if (only.kind === "population" && names[0] === only.head && !subj.terms.has(names[0]!)) return null;
    }
    return { start: items[0]!.start, end: last.end, items: names, kind: last.kind! };
  }

  /**
   * Whether what follows an entity, [a, b), makes the entity part of the
   * indicator's name: a count of it ("总数"), a share of a total ("诊疗量占比",
   * "占总诊疗量的比例", "覆盖率"), or a rate defined on a population ("死亡率").
   */
  namesWhole(kind: EntityKind, a: number, b: number): boolean {
    const { text, extras } = this;
    if (b <= a) return false;
    if (b - a <= (extras.countMeasures.words[0]?.length ?? 0) && extras.countMeasures.has(text.slice(a, b))) return true;
    // "二三级医院药占比": a share within the entity ("药占比" is one word) keeps it whose.
    for (let i = a + 2; i < b; i++) if (extras.shareFirst[text.charCodeAt(i)] && extras.shareMarks.prefixOf(text, i, b)) return true;
    if (extras.coverageRates.suffixOf(text, b, a)) return true;
    return kind === "population" && extras.populationRates.suffixOf(text, b, a) !== null;
  }

  /** Whether [a, b) ends in a measure word ("累计数", "覆盖率", "总金额"). */
  endsWithMeasure(a: number, b: number): boolean {
    return !!this.cues.stop.measures.suffixOf(this.text, b, a);
  }

  /** Whether a known name (term or entity head) ends at `pos`: a word edge the lists vouch for. */
  nameEndsAt(pos: number, floor: number): boolean {
    const subj = this.cues.subjects;
    return !!(subj.headList.suffixOf(this.text, pos, floor) || subj.terms.suffixOf(this.text, pos, floor));
  }

  /** Whether a phrase names entities (ends in a term or an entity head): "医疗卫生机构". */
  namesEntity(phrase: string): boolean {
    const subj = this.cues.subjects;
    return !!(subj.headList.suffixOf(phrase) || subj.terms.suffixOf(phrase));
  }

  /** Whether a phrase names institutions ("乡镇卫生院", "社区卫生服务中心（站）"). */
  namesInstitution(phrase: string): boolean {
    const subj = this.cues.subjects;
    const last = phrase.charCodeAt(phrase.length - 1);
    const name = last === 0x29 || last === 0xff09 ? phrase.replace(/[(（][^()（）]{1,5}[)）]$/u, "") : phrase;
    const head = subj.headList.suffixOf(name);
    return head ? subj.heads.get(head) === "institution" : !!subj.terms.suffixOf(name);
  }

  skipSpaces(pos: number): number {
    while (pos < this.text.length && /\s/u.test(this.text[pos]!)) pos++;
    return pos;
  }

  /** Skip spaces and qualifiers after a figure ("以上", "左右", "余"). */
  skipQualifiers(pos: number, limit: number): number {
    const { text, cues } = this;
    for (;;) {
      while (pos < limit && /\s/u.test(text[pos]!)) pos++;
      const q = cues.stop.afterQualifiers.prefixOf(text, pos, limit);
      if (!q) return pos;
      pos += q.length;
    }
  }

  /**
   * The noun phrase right after a figure ("7个涉农地区", "543万城乡居民",
   * "30%的二级公立医院"), up to the word that ends it. A one-character stop word
   * counts only where a word surely starts (right after the figure or after a
   * known name), and so does any verb of the list after a known name
   * ("3所县医院购置医疗设备"); a verb followed soon by 的 opens a relative clause inside the
   * phrase ("社会力量举办的非营利性医院"), but 的 after a complete name ends it
   * ("93所乡镇卫生院的新改扩建").
   */
  after(pos: number, limit: number): { span: Span | null; de: boolean; start: number } {
    const { text, cues } = this;
    const stop = cues.stop;
    pos = this.skipQualifiers(pos, limit);
    let de = false;
    if (text[pos] === DE) {
      de = true;
      pos++;
    }
    const start = pos;
    let end = pos;
    // "80至89周岁每人每月100元": a denominator is never the counted noun.
    if (text.charCodeAt(pos) === EVERY) return { span: null, de, start };
    for (let i = pos; i < limit && i - pos <= MAX_AFTER; ) {
      const ch = text[i]!;
      // "按病种收费（支付）项目", "省（区、市）": a short bracket stays inside the phrase.
      if ((ch === "(" || ch === "（") && i > pos) {
        const close = text.slice(i + 1, Math.min(limit, i + 8)).search(/[)）]/u);
        if (close >= 0) {
          i += close + 2;
          end = i;
          continue;
        }
      }
      if (IS_PUNCT[text.charCodeAt(i)]) break;
      if (ch === DE) {
        if (i === pos || this.nameEndsAt(i, pos)) break;
        i++;
        continue;
      }
      const named = i > pos && this.nameEndsAt(i, pos);
      const w = this.stopAt(i, limit, i === pos || named, named);
      if (w) {
        // A verb ends the phrase unless a 的 soon turns it into a modifier ("取得执业资格的医护人员").
        const de2 = text.slice(i, Math.min(limit, i + 8)).indexOf(DE);
        if (w.length > 1 && de2 > 0 && !PUNCT.test(text.slice(i, i + de2)) && !this.nameEndsAt(i, pos)) {
          i += de2 + 1;
          continue;
        }
        break;
      }
      i++;
      end = i;
    }
    for (let changed = true; changed && end > start; ) {
      changed = false;
      const tail = cues.subjects.coordinators.suffixOf(text, end, start) ??
        (end - start > 2 ? cues.stop.locativeEndings.suffixOf(text, end, start) : null) ?? (text[end - 1] === DE ? DE : null);
      if (tail) {
        end -= tail.length;
        changed = true;
      }
    }
    // "政府办的标准化社区卫生服务中心": the counted noun is the head after the last 的.
    // Looked for inside the phrase only: lastIndexOf would run back through a
    // whole line without 的.
    let s = start;
    let lastDe = end - 1;
    while (lastDe >= start && text[lastDe] !== DE) lastDe--;
    if (lastDe >= start && end - lastDe > 2) s = lastDe + 1;
    return { span: end > s ? { start: s, end } : null, de, start };
  }

  /**
   * A word at `i` that ends a noun phrase: a predicate word or a role cue
   * anywhere; a one-character stop word only where a word surely starts
   * (`edge`), any listed verb only right after a known name (`named`).
   */
  private stopAt(i: number, limit: number, edge: boolean, named: boolean): string | null {
    const { text, cues } = this;
    const stop = cues.stop;
    const role = cues.role;
    void role;
    const w = this.enders.prefixOf(text, i, limit) ?? (named ? stop.verbs.prefixOf(text, i, limit) : null);
    if (!w) return null;
    if (w.length === 1) {
      if (this.crosses(i + 1) || this.crosses(i)) return null;
      return edge || !stop.edgeOnly.has(w) ? w : null;
    }
    return this.crosses(i) ? null : w;
  }

  /**
   * In "X达到Y的<figure>", where X ends (the verb's position), or null: the
   * figure is a share or multiple of Y.
   */
  ratioBase(a: number, b: number): number | null {
    const { text, cues } = this;
    if (text[b - 1] !== DE) return null;
    for (let i = a + 2; i < b - 2; i++) {
      const v = cues.stop.ratioVerbs.prefixOf(text, i, b);
      if (v && this.boundary(i)) return i;
    }
    return null;
  }

  /**
   * Where a comparison with a standard opens in [a, b), if one does and names
   * its base: "高于全省平均水平", "较签约前", "涨幅比上半年". The figure is the
   * gap, and what stands before the comparison word is what is compared.
   */
  comparisonAt(a: number, b: number): number | null {
    const { text } = this;
    const heads = this.extras.comparisonHeads;
    const first = this.extras.comparisonFirst;
    for (let i = a; i < b - 1; i++) {
      if (!first[text.charCodeAt(i)]) continue;
      const w = heads.prefixOf(text, i, b);
      if (!w || i + w.length >= b) continue;
      if (this.crosses(i) || this.crosses(i + w.length)) continue;
      return i;
    }
    return null;
  }

  /** Whether a predicate starts at `pos` ("来自三级医院", "完成转岗培训", "在二级以下…"). */
  predicateAt(pos: number, limit: number): boolean {
    const { text, cues } = this;
    return !!(cues.stop.verbs.prefixOf(text, pos, limit) || cues.stop.afterStop.prefixOf(text, pos, limit));
  }

  /**
   * "牵头医院向乡镇卫生院下派医师": a preposition naming the receiver, then the
   * verb whose object is counted. Where the preposition and the verb stand, or
   * null. The receiver is not what is counted, and the actor before it is whose.
   */
  dative(a: number, b: number): { prep: number; verb: number } | null {
    const { text, cues } = this;
    const stop = cues.stop;
    const first = this.extras.dativeFirst;
    for (let i = a; i < b - 2; i++) {
      if (!first[text.charCodeAt(i)]) continue;
      const w = this.extras.dativePreps.prefixOf(text, i, b);
      if (!w || this.crosses(i) || this.crosses(i + w.length)) continue;
      for (let j = i + w.length + 1; j < b - 1 && j <= i + w.length + 12; j++) {
        if (IS_NOT_IN_NAME[text.charCodeAt(j - 1)]) return null;
        const v = this.extras.keepVerbs.prefixOf(text, j, b) ?? stop.objectVerbs.prefixOf(text, j, b) ?? stop.verbs.prefixOf(text, j, b);
        if (v && v.length > 1 && j + v.length < b && !this.crosses(j)) return { prep: i, verb: j };
      }
      return null;
    }
    return null;
  }

  /** A light verb ("完成", "实施") whose object is long enough to name the figure alone. */
  private lightVerbAt(s: number, b: number): string | null {
    const v = this.extras.lightVerbs.prefixOf(this.text, s, b);
    if (!v) return null;
    // "实现传染病网络直报的各级医疗机构总数": the verb belongs to a relative clause.
    const rest = this.trim(s + v.length, b);
    return rest.end - rest.start >= 3 && !this.text.slice(rest.start, rest.end).includes(DE) ? v : null;
  }

  /**
   * Split an object-verb off the front: "新建社区卫生服务中心" → 社区卫生服务中心; a
   * generic object keeps its verb ("投入经费"). A light verb goes only before a
   * long object ("完成村卫生室标准化改造", but "完成投资"); a verb listed to keep
   * stays ("累计节约药品耗材费用" → 节约药品耗材费用).
   */
  objectOf(a: number, b: number): { verb: string; start: number } | null {
    const { text, cues } = this;
    const stop = cues.stop;
    let s = a;
    let verb = "";
    // "累计派出专家出诊": 累计 before an object verb goes with it.
    const acc = stop.accumulators.prefixOf(text, s, b);
    if (acc) {
      const after = s + acc.length;
      // "累计节约药品耗材费用": before a verb listed to keep, with its object, 累计
      // goes and the verb stays; before an object verb both go ("累计派出专家" → 专家).
      const keep = this.extras.keepVerbs.prefixOf(text, after, b);
      if (keep && b - after - keep.length >= 2) return { verb: acc, start: after };
      if (stop.objectVerbs.prefixOf(text, after, b) || this.lightVerbAt(after, b)) s = after;
    }
    // "配备使用基本药物品规": verbs may chain; "新建、改扩建公办幼儿园": so may a list of them.
    for (;;) {
      const v = stop.objectVerbs.prefixOf(text, s, b) ?? this.lightVerbAt(s, b);
      if (!v) break;
      const after = s + v.length;
      // "规范化电子建档": a bound ending means the verb was part of a longer word.
      if (stop.boundEndings.prefixOf(text, after, b) || this.crosses(after)) break;
      verb += v;
      s = after;
      while (s < b && text[s] === LE) s++;
      const coord = verb ? this.cues.subjects.coordinators.prefixOf(text, s, b) : null;
      if (coord && stop.objectVerbs.prefixOf(text, s + coord.length, b)) s += coord.length;
    }
    if (!verb) return null;
    s = this.trim(s, b).start;
    const rest = text.slice(s, b);
    if (rest.length < 2 || stop.genericObjects.has(rest)) return null;
    // "规范管理率", "报告发病数": a rate or count of the action keeps its verb (but
    // "实现乡镇卫生院…达标率": a verb before an entity is still no part of the name).
    if (this.extras.rateEnds.suffixOf(text, b, s) && !this.subjectAt(s, b)) return null;
    return { verb, start: s };
  }

  /**
   * Whether [a, b) opens with a verb acting on what follows ("改造乡镇卫生院业务
   * 用房"), not a noun that merely starts like one ("服务项目"). A listed verb is
   * required; unless it is one that takes an object, the segmenter, asked only
   * then, must read it as a verb.
   */
  opensWithAction(a: number, b: number): boolean {
    if (!this.startsWithVerb(a, b)) return false;
    // "建设县域医共体信息平台": a verb that takes an object needs no second opinion.
    const v = this.cues.stop.objectVerbs.prefixOf(this.text, a, b);
    if (v && a + v.length < b && this.boundary(a + v.length)) return true;
    const head = segment(this.text.slice(a, Math.min(b, a + 12)))[0];
    return !!head && isVerbTag(head.tag) && head.end < b - a;
  }

  /** Whether [a, b) ends in a verb of action ("标准化改造"), never in a noun-like one ("人员编制"). */
  endsWithAction(a: number, b: number): boolean {
    const v = this.cues.stop.verbs.suffixOf(this.text, b, a);
    return !!v && b - v.length > a && this.boundary(b - v.length) && !this.cues.stop.objectVerbs.has(v);
  }

  /** Whether [a, b) ends in a listed verb ("建设了", "选派", "拥有"). */
  endsWithVerb(a: number, b: number): boolean {
    const { text, cues } = this;
    let p = b;
    while (p > a && text[p - 1] === LE) p--;
    const v = cues.stop.objectVerbs.suffixOf(text, p, a) ?? cues.stop.verbs.suffixOf(text, p, a);
    return !!v && this.boundary(p - v.length);
  }

  /** The last place in [a, b) where a known name ends ("县级分院|总门诊人次"), or a. */
  lastNameEnd(a: number, b: number): number {
    for (let e = b - 1; e > a; e--) if (this.nameEndsAt(e, a)) return e;
    return a;
  }

  /** Whether [a, b) is one verb and nothing else ("投资", "设立", "承担"). */
  isBareVerb(a: number, b: number): boolean {
    const { text, cues } = this;
    while (b > a && text[b - 1] === LE) b--;
    const v = cues.stop.objectVerbs.prefixOf(text, a, b) ?? cues.stop.verbs.prefixOf(text, a, b);
    return !!v && a + v.length === b;
  }

  startsWithVerb(a: number, b: number): boolean {
    const { text, cues } = this;
    const acc = cues.stop.accumulators.prefixOf(text, a, b);
    if (acc && a + acc.length < b) a += acc.length;
    const v = cues.stop.objectVerbs.prefixOf(text, a, b) ?? cues.stop.verbs.prefixOf(text, a, b) ?? this.extras.lightVerbs.prefixOf(text, a, b);
    return !!v && this.boundary(a + v.length);
  }
}

/**
 * What a list member without a head of its own shares with the last member: the
 * last member after a modifier as long as its own ("初中|适龄儿童" after 小学), when
 * both modifiers are plain words of Chinese characters, else only the head
 * ("高血压、2型糖尿病患者": the modifiers differ in length, 患者 is shared).
 */
function sharedTail(member: string, last: string, head: string): string {
  const cut = member.length;
  if (cut >= last.length - head.length || !last.endsWith(head)) return head;
  return HAN_ONLY.test(member) && HAN_ONLY.test(last.slice(0, cut)) ? last.slice(cut) : head;
}

const HAN_ONLY = /^[\u4e00-\u9fff]+$/u;

interface CharTables {
  afterStopFirst: Uint8Array;
  headLast: Uint8Array;
  protectedByFirst: Map<number, string[]>;
  protectedMax: number;
}

const tableCache = new WeakMap<AttributionCues, CharTables>();
function charTables(cues: AttributionCues): CharTables {
  let t = tableCache.get(cues);
  if (!t) {
    t = {
      afterStopFirst: charTable(cues.stop.afterStop.words.map((w) => w[0]).join("")),
      headLast: charTable([...cues.subjects.heads.keys()].map((w) => w[w.length - 1]).join("")),
      protectedByFirst: new Map(),
      protectedMax: 0,
    };
    for (const w of cues.stop.protected.words) {
      const c = w.charCodeAt(0);
      (t.protectedByFirst.get(c) ?? t.protectedByFirst.set(c, []).get(c)!).push(w);
      t.protectedMax = Math.max(t.protectedMax, w.length);
    }
    tableCache.set(cues, t);
  }
  return t;
}

const enderCache = new WeakMap<AttributionCues, WordList>();
function enderWords(cues: AttributionCues): WordList {
  let w = enderCache.get(cues);
  if (!w) {
    const { role, stop } = cues;
    w = new WordList([...stop.afterStop.words, ...role.increase.words, ...role.decrease.words, ...role.to.words]);
    enderCache.set(cues, w);
  }
  return w;
}

const trailingCache = new WeakMap<AttributionCues, WordList>();
function trailingWords(cues: AttributionCues): WordList {
  let w = trailingCache.get(cues);
  if (!w) {
    const { role, stop } = cues;
    w = new WordList([
      ...stop.trailing.words, ...role.increase.words, ...role.decrease.words, ...role.to.words,
      ...role.fillers.words, ...role.from.words, ...role.increaseOverBase.words,
    ]);
    trailingCache.set(cues, w);
  }
  return w;
}
