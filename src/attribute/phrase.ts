// What a figure measures and whose it is (SPEC §3 `indicator`, `subject`), read
// from its clause: the phrase before the figure with cue words and function
// words trimmed ("参保人数已达到698.1万人" → 参保人数), or the counted noun after it
// ("为6.3万名农村户籍孕产妇" → 农村户籍孕产妇); an entity at the head of the phrase
// is the subject ("新农合筹资标准520元" → 新农合 / 筹资标准). Word lists do the work,
// on the word edges they vouch for: segmenter tags are too noisy for these
// decisions and too slow to ask about every figure.
import type { AttributionCues, HeadKind } from "./cues.js";
import { WordList } from "./cues.js";

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
  if (from === "place") return to !== "agent";
  if (from === "population") return to === "scheme" || to === "population";
  if (from === "institution") return to === "institution";
  if (from === "agent") return to === "agent"; // "财政" + "部门"
  return false;
}

const PUNCT = /[\s，,。；;：:、()（）“”"'‘’《》!！?？]/u;
/** Characters no name holds: punctuation and the particle 的 (U+7684). */
const NOT_IN_NAME = /[\s，,。；;：:、《》!！?？\u7684%‰]/u;
const DE = "\u7684";
const LE = "\u4e86";
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
  ) {
    this.trailing = trailingWords(cues);
    this.enders = enderWords(cues);
  }

  /** A cut at `pos` keeps words whole ("累计" is not 累 + 计). */
  boundary(pos: number): boolean {
    return !this.cues.stop.protected.crosses(this.text, pos);
  }

  /** Trim cue and function words off both ends of [a, b). */
  trim(a: number, b: number): Span {
    const { text } = this;
    const lead = this.cues.stop.leading;
    for (let changed = true; changed && a < b; ) {
      changed = false;
      while (a < b && PUNCT.test(text[b - 1]!) && text[b - 1] !== "”" && text[b - 1] !== ")" && text[b - 1] !== "）") {
        b--;
        changed = true;
      }
      while (a < b && PUNCT.test(text[a]!) && text[a] !== "“" && text[a] !== "(" && text[a] !== "（") {
        a++;
        changed = true;
      }
      const t = this.trailing.suffixOf(text, b, a);
      if (t && this.boundary(b - t.length)) {
        b -= t.length;
        changed = true;
        continue;
      }
      const l = lead.prefixOf(text, a, b);
      if (l && this.boundary(a + l.length)) {
        a += l.length;
        changed = true;
        continue;
      }
      // "每千人口注册护士": the denominator is the figure's `per`.
      const per = text.charCodeAt(a) === EVERY ? this.cues.stop.perPrefix.exec(text.slice(a, Math.min(b, a + 16))) : null;
      if (per && a + per[0].length < b) {
        a += per[0].length;
        changed = true;
      }
    }
    return { start: a, end: b };
  }

  /** A verb, cue or predicate word starting at `pos`. */
  private verbAt(pos: number, limit: number): boolean {
    const { text, cues } = this;
    const w = cues.stop.verbs.prefixOf(text, pos, limit) ?? cues.stop.objectVerbs.prefixOf(text, pos, limit) ??
      cues.role.future.prefixOf(text, pos, limit) ?? cues.stop.afterStop.prefixOf(text, pos, limit);
    return !!w && !cues.stop.protected.crosses(text, pos + w.length) && !cues.subjects.terms.prefixOf(text, pos, limit);
  }

  /**
   * Where a name starting at `a` must end at the latest: the first 的, punctuation,
   * predicate or function word in [a, b), or b.
   */
  private nameLimit(a: number, b: number): number {
    const { text } = this;
    const stop = this.cues.stop;
    for (let i = a; i < b; i++) {
      if (NOT_IN_NAME.test(text[i]!)) return i;
      const w = stop.afterStop.prefixOf(text, i, b);
      if (w && !stop.protected.crosses(text, i) && !stop.protected.crosses(text, i + w.length)) return i;
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
        // A bare modifier sharing the next member's head: "三级、二级医院".
        let c = pos;
        while (c < b && c - pos <= 5 && !NOT_IN_NAME.test(text[c]!) && !subj.coordinators.prefixOf(text, c, b)) c++;
        if (c === pos || c - pos > 5 || !subj.coordinators.prefixOf(text, c, b)) break;
        items.push({ start: pos, end: c, head: "", kind: null });
        pos = c;
      }
      const coord = subj.coordinators.prefixOf(text, pos, b);
      if (!coord) break;
      pos += coord.length;
    }
    while (items.length && items[items.length - 1]!.kind === null) items.pop();
    if (!items.length) return null;
    const last = items[items.length - 1]!;
    const names = items.map((it) => {
      const name = this.clean(it.start, it.end);
      // "三级、二级医院" → 三级医院; "职工和居民医保" → 职工医保; never "高血压患者".
      if (it === last || !last.head || (last.kind !== "institution" && last.kind !== "scheme")) return name;
      if (it.kind === null || (last.kind === "scheme" && it.kind === "population")) return name + last.head;
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

  /** Whether [a, b) ends in a measure word ("累计数", "覆盖率", "总金额"). */
  endsWithMeasure(a: number, b: number): boolean {
    return !!this.cues.stop.measures.suffixOf(this.text, b, a);
  }

  /** Whether a known name (term or entity head) ends at `pos`: a word edge the lists vouch for. */
  nameEndsAt(pos: number, floor: number): boolean {
    const subj = this.cues.subjects;
    return !!(subj.headList.suffixOf(this.text, pos, floor) || subj.terms.suffixOf(this.text, pos, floor));
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
      if (PUNCT.test(ch)) break;
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
      if (stop.protected.crosses(text, i + 1) || stop.protected.crosses(text, i)) return null;
      return edge || !stop.edgeOnly.has(w) ? w : null;
    }
    return stop.protected.crosses(text, i) ? null : w;
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

  /** Whether a predicate starts at `pos` ("来自三级医院", "完成转岗培训", "在二级以下…"). */
  predicateAt(pos: number, limit: number): boolean {
    const { text, cues } = this;
    return !!(cues.stop.verbs.prefixOf(text, pos, limit) || cues.stop.afterStop.prefixOf(text, pos, limit));
  }

  /**
   * Split an object-verb off the front: "新建社区卫生服务中心" → 社区卫生服务中心; a
   * generic object keeps its verb ("投入经费").
   */
  objectOf(a: number, b: number): { verb: string; start: number } | null {
    const { text, cues } = this;
    const stop = cues.stop;
    let s = a;
    let verb = "";
    // "累计派出专家出诊": 累计 before an object verb goes with it.
    const acc = stop.accumulators.prefixOf(text, s, b);
    if (acc && stop.objectVerbs.prefixOf(text, s + acc.length, b)) s += acc.length;
    // "配备使用基本药物品规": verbs may chain.
    for (let v = stop.objectVerbs.prefixOf(text, s, b); v; v = stop.objectVerbs.prefixOf(text, s, b)) {
      const next = s + v.length;
      // "规范化电子建档": a bound ending means the verb was part of a longer word.
      if (stop.boundEndings.prefixOf(text, next, b) || stop.protected.crosses(text, next)) break;
      verb += v;
      s = next;
      while (s < b && text[s] === LE) s++;
    }
    if (!verb) return null;
    s = this.trim(s, b).start;
    const rest = text.slice(s, b);
    if (rest.length < 2 || stop.genericObjects.has(rest)) return null;
    return { verb, start: s };
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
    const v = cues.stop.objectVerbs.prefixOf(text, a, b) ?? cues.stop.verbs.prefixOf(text, a, b);
    return !!v && this.boundary(a + v.length);
  }
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
