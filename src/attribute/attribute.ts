// Attribution of metrics (SPEC §3 indicator, subject, year, time, role): for each
// sentence holding figures, read its time expressions, its clauses and the words
// around each figure, and fill the candidates' fields in place. Work is per
// sentence and mostly lexical; the segmenter is asked only where word lists
// cannot decide, so the stage costs little beside extraction.
import { attributeTableCells, splitTableCells } from "./table-cell.js";
import type { DateCandidate, DocumentContext, Genre, MetricCandidate } from "../extract/types.js";
import { sentenceAt } from "../text/sentences.js";
import { addWords, segment } from "../text/segment.js";
import { splitClauses, type Clause } from "./clause.js";
import { attributionCues, type AttributionCues } from "./cues.js";
import { PhraseReader, indicatorExtras, type Span, type SubjectParse } from "./phrase.js";
import { changeCue, endsWithFrom, futureCues, futureGoverns, hasPastCue, sectionMode, type Change } from "./role.js";
import { dueAfter, figureYear, governingTime, presentYear, timesInSentence, type TimeExpr } from "./time.js";

/** Categories whose figure counts the entity named next to it ("乡镇卫生院77个"). */
const COUNTING = new Set(["count", "people", "visits"]);
/** The particle 的: "80%以上的医务性收入", "由2009年的人均15元". */
const DE = "\u7684";
/** 每, which opens a denominator ("每月", "每个中心"). */
const EVERY = 0x6bcf;
const CJK = /[\u4e00-\u9fff]/u;

const registered = new WeakSet<AttributionCues>();

interface Attributed {
  m: MetricCandidate;
  clause: number;
  /** End of what this figure took (itself and the noun it counts). */
  consumed: number;
  indicator: string | null;
  subject: string | null;
  subjectParse: SubjectParse | null;
  /** How the indicator was found: read before or after the figure, or taken over. */
  source: "before" | "after" | "inherited" | "predicate" | null;
  /** Whether the phrase before it ended in 由/从. */
  from: boolean;
  change: Change;
  /** Set when "由A提高到B" pairs this figure with its neighbour. */
  pair: "from" | "to" | null;
  leader: Attributed | null;
  members: Attributed[];
  /** "11类43项…项目": takes the indicator of the figure right after it. */
  sharesNext: boolean;
  /** "4家县级分院总门诊人次增长15.8%": what the next figure's subject is. */
  subjectForNext: string | null;
  /** The clause says 其中: a part of the whole, not the topic's own figure. */
  part: boolean;
  /** How the subject was read: owner of an attribute, actor of a verb, taken over, or one of a list. */
  subjectHow: "owner" | "actor" | "carried" | "listed" | null;
  /** The phrase read before the figure, if any. */
  phrase: Span | null;
  /** Nothing in its own clause names it: it took over the figure before it. */
  unnamed: boolean;
  /** "营业收入超过100亿元的企业": a threshold defining a group named after it, and where the group's name starts. */
  threshold: boolean;
  groupStart: number;
}

export function attributeMetrics(ctx: DocumentContext, metrics: MetricCandidate[], dates: DateCandidate[]): void {
  if (!metrics.length) return;
  const cues = attributionCues(ctx.patterns);
  if (!registered.has(cues)) {
    // Terms the segmenter must keep whole ("新农合" is otherwise 新农/合).
    addWords(cues.subjects.terms.words, "nz");
    registered.add(cues);
  }
  const sortedDates = [...dates].sort((a, b) => a.start - b.start);
  // Cells of indicator tables take their row label and column heading, not sentence rules.
  const { cells: tableCells, rest } = splitTableCells(ctx, metrics);
  if (tableCells.length) attributeTableCells(ctx, tableCells, sortedDates);
  const ordered = rest.sort((a, b) => a.start - b.start);
  const modes = new Map<readonly string[], Genre>();
  const now = presentYear(sortedDates);
  const reader = documentReader(ctx, cues);
  let i = 0;
  let prior: SentenceAttribution | null = null;
  while (i < ordered.length) {
    const sent = ctx.sentences[sentenceAt(ctx.sentences, ordered[i]!.start)] ?? { start: 0, end: ctx.view.text.length };
    let j = i + 1;
    while (j < ordered.length && ordered[j]!.start < sent.end) j++;
    const s: SentenceAttribution = new SentenceAttribution(ctx, cues, reader, sent, ordered.slice(i, j), sortedDates, modes, now, prior);
    s.run();
    prior = s;
    i = j;
  }
}

/** The phrase reader of a document: its text, cues, and phrase text as the original writes it. */
function documentReader(ctx: DocumentContext, cues: AttributionCues): PhraseReader {
  const view = ctx.view;
  const extras = indicatorExtras(ctx.patterns);
  // "医疗服务收入（不含药品、耗材收入）占医疗收入的比例": an aside is no part of a name.
  const clean = (a: number, b: number): string => {
    let s = view.original.slice(view.toOriginalStart(a), view.toOriginalEnd(b));
    // One look at the characters decides which of the rewrites below apply.
    let breaks = false;
    let brackets = false;
    let drop = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a || c === 0x0d) breaks = true;
      else if (c === 0x28 || c === 0xff08) brackets = true;
      else if (extras.innerDropFirst[c]) drop = true;
    }
    if (breaks) s = s.replace(/\s*[\r\n]+\s*/gu, "");
    s = s.trim();
    if (brackets) s = s.replace(extras.asides, "");
    return drop ? s.replace(extras.innerDrop, "") : s;
  };
  return new PhraseReader(view.text, cues, clean, extras);
}

class SentenceAttribution {
  private readonly text: string;
  private readonly times: TimeExpr[];
  private readonly clauses: Clause[];
  /** A time right before "的" and a figure belongs to that figure alone. */
  private readonly bound = new Map<MetricCandidate, TimeExpr>();
  readonly done: Attributed[] = [];
  private readonly boundTimes: Set<TimeExpr>;
  /** Figures inside a name or a time expression ("5 岁以下…", "六年来"). */
  private readonly inner: Set<MetricCandidate>;
  private future: number[] = [];
  /** Start of the sentence's first figure: times and cues before it frame the whole sentence. */
  private head = 0;

  constructor(
    private readonly ctx: DocumentContext,
    private readonly cues: AttributionCues,
    private readonly reader: PhraseReader,
    readonly sent: { start: number; end: number },
    private readonly metrics: MetricCandidate[],
    dates: readonly DateCandidate[],
    private readonly modes: Map<readonly string[], Genre>,
    /** The document's present year (see presentYear). */
    private readonly now: number | null,
    /** The sentence attributed before this one, which a sentence opening with 其中 breaks down. */
    private readonly prior: SentenceAttribution | null = null,
  ) {
    this.text = ctx.view.text;
    this.times = timesInSentence(this.text, sent.start, sent.end, dates, cues);
    this.clauses = splitClauses(this.text, sent.start, sent.end, reader.isAside);
    for (const m of metrics) {
      const t = this.times.find((x) => x.end <= m.start && m.start - x.end <= 3 && cues.role.boundGap.has(this.text.slice(x.end, m.start)));
      if (t) this.bound.set(m, t);
    }
    this.boundTimes = new Set(this.bound.values());
    this.inner = new Set(metrics.filter((m) => this.isEmbedded(m)));
  }

  /** Whether figures without a cue of their own are targets here. */
  private planMode = false;

  run(): void {
    this.future = futureCues(this.text, this.sent.start, this.sent.end, this.cues);
    this.head = this.metrics.find((m) => !this.inner.has(m))?.start ?? this.sent.end;
    // A sentence saying what has been done ("截至2015年底") is no plan, whatever its section.
    this.planMode = !hasPastCue(this.text, this.sent.start, this.sent.end, this.cues) &&
      sectionMode(this.ctx, this.sent.start, this.cues, this.modes) === "plan";
    this.metrics.forEach((m, k) => this.phrase(m, k));
    this.pairLists();
    this.pairFromTo();
    this.shareNext();
    this.carryTopic();
    for (const a of this.done) this.finish(a);
  }

  /** Whether a clause stands inside brackets ("（国家目录860个品规、…）"). */
  private bracketed(ci: number): boolean {
    if (!this.inBrackets) {
      // Bracket depth at each clause's start, in one pass over the sentence.
      this.inBrackets = [];
      let depth = 0;
      let i = this.sent.start;
      for (const c of this.clauses) {
        for (; i < c.start; i++) {
          const ch = this.text.charCodeAt(i);
          if (ch === 0x28 || ch === 0xff08) depth++;
          else if ((ch === 0x29 || ch === 0xff09) && depth > 0) depth--;
        }
        this.inBrackets.push(depth > 0);
      }
    }
    return this.inBrackets[ci] ?? false;
  }

  private inBrackets: boolean[] | null = null;

  /** In the clause before `ci`, when it holds no figure, the phrase before its change cue. */
  private namedByPreviousClause(ci: number): Span | null {
    const c = this.clauses[ci - 1];
    if (!c || this.metrics.some((m) => m.start >= c.start && m.start < c.end)) return null;
    const { role } = this.cues;
    for (let i = c.start + 1; i < c.end; i++) {
      const w = role.increase.prefixOf(this.text, i, c.end) ?? role.decrease.prefixOf(this.text, i, c.end);
      if (!w) continue;
      const t = this.reader.trim(c.start, i);
      return t.end - t.start >= 2 && !this.reader.startsWithVerb(t.start, t.end) ? t : null;
    }
    return null;
  }

  /**
   * The first cell of the table row holding clause `ci`, when cells are cut by
   * tabs or runs of spaces and that cell holds no figure: the row's name.
   */
  private rowHeader(ci: number): Span | null {
    const cellGap = (k: number): boolean => {
      const prev = this.clauses[k - 1];
      const cur = this.clauses[k];
      if (!prev || !cur) return false;
      if (cur.start <= prev.end) return false;
      for (let i = prev.end; i < cur.start; i++) {
        const c = this.text.charCodeAt(i);
        if (c !== 0x20 && c !== 0x09) return false;
      }
      return true;
    };
    if (!cellGap(ci)) return null;
    let k = ci;
    while (k > 0 && cellGap(k)) k--;
    const c = this.clauses[k]!;
    if (this.metrics.some((m) => m.start >= c.start && m.start < c.end)) return null;
    const t = this.reader.trim(c.start, c.end);
    return t.end - t.start >= 2 ? t : null;
  }

  /** Between two figures of one list: "80%和70%", "75%、45%", "12.5%和5%以上". */
  private listGap(a: number, b: number): boolean {
    const pos = this.reader.skipQualifiers(a, b);
    const rest = this.text.slice(pos, b).trim();
    return rest === "," || this.cues.subjects.coordinators.has(rest);
  }

  /** "孕产妇死亡率、婴儿死亡率和5岁以下儿童死亡率" → its members. */
  private splitList(s: string): string[] {
    const out: string[] = [];
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = this.cues.subjects.coordinators.prefixOf(s, i);
      if (!c) continue;
      out.push(s.slice(from, i).trim());
      from = i + c.length;
      i = from - 1;
    }
    out.push(s.slice(from).trim());
    return out;
  }

  /** Whether [a, b) holds nothing but cue and function words. */
  private onlyCues(a: number, b: number): boolean {
    const t = this.reader.trim(a, b);
    return t.start >= t.end;
  }

  private clauseOf(pos: number): number {
    const k = this.clauses.findIndex((c) => c.start <= pos && pos < c.end);
    return k >= 0 ? k : Math.max(0, this.clauses.findIndex((c) => c.start > pos) - 1);
  }

  /**
   * "5 岁以下儿童死亡率": an age inside a name, or "六年来": a period inside a time
   * expression, is no boundary for the phrases around it.
   */
  private embedded(m: MetricCandidate): boolean {
    return this.inner.has(m);
  }

  private isEmbedded(m: MetricCandidate): boolean {
    if (m.fields.category === "age") {
      const pos = this.reader.skipSpaces(m.end);
      const w = this.cues.stop.ageInName.prefixOf(this.text, pos);
      if (w && CJK.test(this.text[pos + w.length] ?? "")) return true;
    }
    return this.times.some((t) => t.start <= m.start && m.end <= t.end);
  }

  private phrase(m: MetricCandidate, k: number): void {
    const { text, cues, reader } = this;
    const ci = this.clauseOf(m.start);
    const clause: Clause = this.clauses[ci] ?? { start: this.sent.start, end: this.sent.end };
    let prev: Attributed | null = null;
    for (let j = this.done.length - 1; j >= 0 && !prev; j--) if (!this.embedded(this.done[j]!.m)) prev = this.done[j]!;
    const prevIn = prev && prev.clause === ci ? prev : null;
    let next = this.metrics[k + 1];
    if (next && this.embedded(next)) next = this.metrics[k + 2];
    const nextIn = next && next.start < clause.end ? next : null;
    const boundTimes = this.boundTimes;

    // The phrase before the figure starts after the previous figure (and what it
    // counted) and after any time expression of the clause.
    const base = Math.max(clause.start, prevIn ? prevIn.consumed : clause.start);
    let segStart = base;
    let cut: TimeExpr | null = null;
    for (const t of this.times) {
      if (t.end <= m.start && t.end > segStart && t.end > clause.start && !boundTimes.has(t)) {
        segStart = t.end;
        cut = t;
      }
    }
    let segEnd = m.start;
    const own = this.bound.get(m);
    if (own && own.start >= segStart) segEnd = own.start;

    const a: Attributed = {
      m, clause: ci, consumed: m.end, indicator: null, subject: null, subjectParse: null, source: null,
      from: false, change: null, pair: null, leader: null, members: [], sharesNext: false, subjectForNext: null,
      part: reader.mentions(cues.stop.partMarkers, clause.start, m.start), subjectHow: null, phrase: null, unnamed: false, threshold: false, groupStart: -1,
    };
    this.done.push(a);

    // Role cues read the raw window before the figure.
    const cueStart = Math.max(clause.start, prevIn ? prevIn.m.end : clause.start);
    a.change = changeCue(text, cueStart, segEnd, cues);
    a.from = endsWithFrom(text, segStart, segEnd, cues);

    // "80%和70%", "75%、45%": a bare list of figures shares one phrase.
    if (prevIn && prevIn.consumed === prevIn.m.end && this.listGap(prevIn.m.end, m.start)) {
      const leader = prevIn.leader ?? prevIn;
      a.leader = leader;
      leader.members.push(a);
      a.indicator = leader.indicator;
      a.subject = leader.subject;
      a.source = "inherited";
      if (!a.change) a.change = leader.change;
      return;
    }
    if (this.embedded(m)) {
      if (!this.times.some((t) => t.start <= m.start && m.end <= t.end)) {
        const after = reader.after(m.end, this.metrics[k + 1]?.start ?? clause.end);
        if (after.span) {
          // "5岁以下儿童死亡率": the age qualifies the population, not the rate.
          const who = reader.subjectAt(after.span.start, after.span.end, true);
          const cut = who && who.kind === "population" ? who.end : after.span.end;
          a.indicator = reader.clean(after.span.start, cut);
        }
      }
      a.source = "after";
      return;
    }

    let p = reader.trim(segStart, segEnd);
    // "新农合参合率自2010年以来一直保持在99%": the phrase stands before the time.
    if (p.start >= p.end && cut && cut.start > base) p = reader.trim(base, cut.start);
    // "床位数和服务量达到总量的25%", "薪酬水平达到社会平均工资的3－4倍": what follows the
    // verb is the base of the ratio; the indicator is what reaches it.
    const ratio = reader.ratioBase(p.start, segEnd);
    if (ratio) p = reader.trim(p.start, ratio);
    // "高于全省平均水平1.8个百分点", "老龄化程度高于全省平均水平2.1个百分点": the
    // base of a comparison is no indicator; what is compared stands before it.
    const cmp = reader.comparisonAt(p.start, p.end);
    if (cmp !== null) p = reader.trim(p.start, cmp);
    // "（占83.2%）": a share without its base is a share of the figure before it.
    const shares = reader.extras.bareShares;
    if (p.end - p.start <= (shares.words[0]?.length ?? 0) && shares.has(text.slice(p.start, p.end))) p = { start: p.end, end: p.end };
    const empty = p.start >= p.end;
    const limit = nextIn ? nextIn.start : clause.end;
    const afterPos = reader.skipQualifiers(m.end, clause.end);
    if (prev && prev.subjectForNext && prev.consumed >= base && prev.consumed <= p.start) a.subject = prev.subjectForNext;

    // "43%来自三级医院", "有3580人次完成转岗培训…", "91.7%的患者支持改革": nothing names the
    // figure before it, so the rest of the item says what is counted.
    const de = text[afterPos] === DE;
    // "1.8个和2.1个百分点": a coordinator before the next figure opens no predicate.
    const listed = !!nextIn && this.listGap(m.end, nextIn.start);
    if (empty && !listed && (reader.predicateAt(afterPos, clause.end) || (de && m.fields.category === "percent"))) {
      const from = de ? afterPos + 1 : afterPos;
      let end = from;
      while (end < limit && text[end] !== "、") end++;
      if (end > from) {
        a.indicator = reader.clean(from, end);
        a.consumed = end;
        a.source = "predicate";
        if (prev && COUNTING.has(prev.m.fields.category) && prev.source !== "predicate" && prev.indicator) {
          a.subject = prev.indicator;
        }
        return;
      }
    }

    // "11类43项国家基本公共卫生服务项目", "2期35人赴天津学习": figure after figure.
    if (nextIn && afterPos === nextIn.start && (empty || reader.endsWithVerb(p.start, p.end))) {
      a.sharesNext = true;
      a.source = "inherited";
      return;
    }

    // "按每人每年120元的标准收取", "按1.2万元/室的标准给予村卫生室运行补助": a figure
    // setting a standard for an action measures that action's object, or else
    // what the phrase before 按 names.
    const norm = this.normAction(afterPos, limit, base, m.start);
    if (norm) {
      a.indicator = reader.clean(norm.start, norm.end);
      a.phrase = norm;
      a.source = "before";
      return;
    }
    // The counted noun after the figure wins: "共有68个非政府办…机构", "国家目录860个品规".
    const after = reader.after(m.end, limit);
    // "营业收入超过100亿元的企业5家": a threshold on an amount defines a group; the
    // figure measures the amount, and the group is what the next figure counts.
    const q = m.fields.qualifier;
    if (m.fields.category === "money" && after.span && after.de && q && q !== "approx" && (empty || !reader.nameEndsAt(p.end, p.start))) {
      // "，超10亿元的企业突破40家": a threshold without its attribute repeats the one before.
      const earlier = empty ? this.done.findLast((d) => d.threshold && d !== a) : null;
      if (!empty || earlier) {
        a.threshold = true;
        // "培育年营业收入超10亿元的健康企业": a verb before the group is no part of it.
        const lead = empty ? null : reader.startsWithVerb(p.start, p.end) ? reader.objectOf(p.start, p.end) : null;
        a.groupStart = empty ? reader.trim(segStart, m.start).start : lead ? lead.start : p.start;
        if (earlier) {
          a.indicator = earlier.indicator;
          a.source = "inherited";
        } else this.readBefore(a, p, prev, segStart);
        return;
      }
    }
    if (prevIn?.threshold && text[reader.skipQualifiers(prevIn.m.end, m.start)] === DE && !empty) {
      a.indicator = reader.clean(prevIn.groupStart, p.end);
      a.phrase = { start: prevIn.groupStart, end: p.end };
      a.source = "before";
      return;
    }
    // "投入资金6,800万元建设县域医共体信息平台": a verb after a sum of money opens
    // its purpose; the phrase before it names the figure.
    const purpose = !empty && m.fields.category === "money" && !!after.span && !after.de && after.span.start === afterPos &&
      !reader.isBareVerb(p.start, p.end) && reader.opensWithAction(after.span.start, after.span.end);
    if (after.span && !purpose) {
      let span: Span = after.span;
      // "为提高3所县级公立医院的服务能力": the verb acts on a larger phrase, not on the figure.
      if (text[after.span.end] === DE && (a.change === "increase" || a.change === "decrease")) a.change = null;
      // "4家县级分院总门诊人次增长15.8%": the name ends where the next figure's phrase begins.
      if (nextIn && COUNTING.has(m.fields.category) && this.onlyCues(span.end, nextIn.start)) {
        const cutAt = reader.lastNameEnd(span.start, span.end);
        if (cutAt > span.start && cutAt < span.end) {
          span = { start: span.start, end: cutAt };
          a.subjectForNext = reader.clean(m.start, cutAt);
        }
      }
      a.indicator = reader.clean(span.start, span.end);
      a.consumed = span.end;
      a.source = "after";
      if (!empty) this.subjectBeforeCount(a, p, span);
      return;
    }
    if (empty) {
      // "县域内就诊率      86.5%      90%以上": a cell of a table row is named by the row's first cell.
      const header = this.rowHeader(ci);
      if (header) {
        a.indicator = reader.clean(header.start, header.end);
        a.phrase = header;
        a.source = "before";
        return;
      }
      // "药占比逐年降低，12年来下降近9%": the clause before, without a figure, names it.
      const named = this.namedByPreviousClause(ci);
      if (named) {
        a.indicator = reader.clean(named.start, named.end);
        a.source = "before";
        return;
      }
      a.indicator = prev?.indicator ?? null;
      if (!a.subject) a.subject = prev?.subject ?? null;
      a.source = "inherited";
      a.unnamed = true;
      return;
    }
    // "城市社区养老服务设施覆盖率达到100%，农村达到72.6%": a scope word alone names
    // whose figure it is, in parallel with the figure before.
    if (prev?.indicator && p.end - p.start <= 3 && p.end > p.start && this.cues.subjects.scopes.has(text.slice(p.start, p.end))) {
      a.subject = reader.clean(p.start, p.end);
      a.indicator = prev.indicator;
      a.source = "inherited";
      return;
    }
    this.readBefore(a, p, prev, segStart);
  }

  /**
   * Whose counted noun it is: "市政府设立200万元应急救助资金", "基层医疗机构80%以上的
   * 医务性收入". Not an enumeration ("市中心医院和市友谊医院等8家市属医院") nor an
   * apposition ("…庄河市中心医院3所试点医院"), nor an actor doing something else.
   */
  private subjectBeforeCount(a: Attributed, p: Span, counted: Span): void {
    const { reader, text } = this;
    if (this.cues.stop.enumerationEnds.suffixOf(text.slice(p.start, a.m.start).trimEnd())) return;
    const sub = reader.subjectAt(p.start, p.end);
    if (!sub) return;
    // "在社区卫生服务中心建立了90家…": a place where things are, not their owner.
    if (this.cues.stop.locatives.suffixOf(text.slice(Math.max(0, sub.start - 4), sub.start).trimEnd())) return;
    const between = text.slice(sub.end, a.m.start);
    // "所有社区卫生服务机构和乡镇卫生院以及75%的村卫生室": listed beside it, not its owner.
    if (this.cues.subjects.coordinators.has(between.trim())) return;
    // "市财政为全市985个行政村": a preposition hands the figure to someone else.
    for (let i = 0; i < between.length; i++) if (this.cues.stop.prepositions.prefixOf(between, i)) return;
    if (!between.trim()) {
      // "…庄河市中心医院3所试点医院": an apposition names the counted things themselves;
      // "国家目录860个品规", "三级医院4000余项服务项目": a name before other things owns them.
      if (!reader.nameEndsAt(counted.end, counted.start)) this.setSubject(a, sub, "owner");
      return;
    }
    const rest = reader.trim(sub.end, p.end);
    if (rest.end <= rest.start || reader.isBareVerb(rest.start, rest.end)) this.setSubject(a, sub, "actor");
  }

  /**
   * After a figure, "(的)标准" and a verb: the span that names what the standard
   * is for. The verb's object ("设置过渡病床" → 过渡病床, a receiver after 给予
   * dropped), or, for a verb without one ("标准收取"), the phrase before the
   * preposition of the standard ("签约服务费按…" → 签约服务费).
   */
  private normAction(pos: number, limit: number, from: number, figure: number): Span | null {
    const { text, reader } = this;
    if (text[pos] === DE) pos++;
    const norm = reader.extras.normWords.prefixOf(text, pos, limit);
    if (!norm) return null;
    const rest = reader.trim(pos + norm.length, limit);
    if (rest.start !== pos + norm.length || rest.end <= rest.start) return null;
    const obj = reader.startsWithVerb(rest.start, rest.end) ? reader.objectOf(rest.start, rest.end) : null;
    if (obj) {
      const recv = reader.subjectAt(obj.start, rest.end, true);
      const tail = recv ? reader.trim(recv.end, rest.end) : null;
      return tail && tail.end - tail.start >= 2 ? tail : { start: obj.start, end: rest.end };
    }
    // "标准收取": a verb alone, so the standard is for what the phrase before 按 names.
    const by = rest.end - rest.start <= 3 ? reader.extras.normPreps.find(text, from, figure) : null;
    if (!by) return null;
    const before = reader.trim(from, by.at);
    return before.end - before.start >= 2 ? before : null;
  }

  /** The last figure before `a` in the sentence with the same unit, if any. */
  private lastWithUnit(a: Attributed): Attributed | null {
    for (let k = this.done.indexOf(a) - 1; k >= 0; k--) {
      const d = this.done[k]!;
      if (!this.embedded(d.m) && d.m.fields.unit === a.m.fields.unit) return d;
    }
    // "…总诊疗人次4,386.2万人次。其中医院1,825.6万人次": a sentence opening with
    // 其中 breaks down a total of the sentence before.
    const first = this.clauses[0];
    const opens = first && this.cues.stop.partMarkers.prefixOf(this.text, this.reader.skipSpaces(first.start), first.end);
    if (!opens || !this.prior || this.prior.sent.end + 2 < this.sent.start) return null;
    const earlier = this.prior.done;
    for (let k = earlier.length - 1; k >= 0; k--) {
      const d = earlier[k]!;
      if (d.m.fields.unit === a.m.fields.unit) return d;
    }
    return null;
  }

  /** Indicator and subject from the phrase [s, e) before the figure. */
  private readBefore(a: Attributed, p: Span, prev: Attributed | null, raw = p.start): void {
    const { reader } = this;
    const f = a.m.fields;
    let { start: s } = p;
    const e = p.end;
    a.source = "before";
    // "牵头医院向乡镇卫生院下派医师52名": the receiver after 向/为 is not counted;
    // the actor before it is whose figure it is.
    const dat = reader.dative(Math.min(raw, s), e);
    if (dat) {
      const actor = reader.trim(Math.min(raw, s), dat.prep);
      const sub = actor.end > actor.start ? reader.subjectAt(actor.start, actor.end) : null;
      if (sub && reader.trim(sub.end, actor.end).end <= reader.trim(sub.end, actor.end).start) this.setSubject(a, sub, "actor");
      const obj = reader.objectOf(dat.verb, e);
      const from = obj ? obj.start : dat.verb;
      a.phrase = { start: from, end: e };
      a.indicator = reader.clean(from, e);
      return;
    }
    // "核定乡镇卫生院人员编制", "拨付新农合补助资金": the verb goes, its object stays;
    // "累计投入300余万元": an adverb of accumulation goes before a bare verb.
    const acc = this.cues.stop.accumulators.prefixOf(this.text, s, e);
    const lead = reader.startsWithVerb(s, e) || acc ? reader.objectOf(s, e) : null;
    if (lead) {
      s = lead.start;
      // "下拨至相关医疗机构疾病应急救助基金": a generic receiver is dropped, not named.
      const gen = reader.subjectAt(s, e, true);
      if (gen && gen.items.length === 1 && this.cues.subjects.bare.has(gen.items[0]!) && reader.trim(gen.end, e).end - reader.trim(gen.end, e).start >= 2) {
        s = reader.trim(gen.end, e).start;
      }
    }
    // "居民人均预期寿命": a generic population before 人均 is the per-capita base itself.
    const base = reader.mentionsPerCapita(s, e) ? reader.subjectAt(s, e, true) : null;
    if (base && base.items.length === 1 && this.cues.subjects.bare.has(base.items[0]!) &&
        reader.extras.perCapita.prefixOf(this.text, base.end, e)) s = base.end;
    a.phrase = { start: s, end: e };
    // "实有床位28,962张，其中医院24,108张": in a breakdown of a total whose unit
    // counts no entities (beds, visits), an entity alone owns its part of the total.
    const total = COUNTING.has(f.category) && reader.extras.breakdownUnits.has(f.unit) ? this.lastWithUnit(a) : null;
    if (total?.indicator && !reader.namesEntity(total.indicator)) {
      const only = reader.subjectAt(s, e);
      if (only && reader.trim(only.end, e).end <= reader.trim(only.end, e).start) {
        this.setSubject(a, only, "owner");
        a.indicator = total.indicator;
        return;
      }
    }
    // "辽宁省住院医师规范化培训基地133个": a phrase ending in a name is what is counted.
    const sub = COUNTING.has(f.category) && reader.nameEndsAt(e, s) ? null : reader.subjectAt(s, e);
    if (!sub) {
      a.indicator = reader.clean(s, e);
      return;
    }
    const rest = reader.trim(sub.end, e);
    // "医院每种药品采购的剂型": an entity before a denominator of things states a
    // rule for each of them, and owns no figure ("区疾控中心每年开展" is its own).
    if (this.text.charCodeAt(reader.skipSpaces(sub.end)) === EVERY && reader.perCounterAt(reader.skipSpaces(sub.end), e)) {
      a.indicator = rest.end > rest.start ? reader.clean(rest.start, rest.end) : null;
      return;
    }
    // "村卫生室标准化改造6个": an action named after the entity acts on it; the
    // whole is what is counted, and the entity is no owner.
    if (sub.kind !== "agent" && rest.end - rest.start >= 2 && reader.endsWithAction(rest.start, rest.end) && !reader.startsWithVerb(rest.start, rest.end)) {
      a.indicator = reader.clean(s, e);
      return;
    }
    // "卫生人员总数", "基层医疗卫生机构诊疗量占比", "5岁以下儿童死亡率": a count of the
    // entity, its share of a total, or a rate defined on a population names the
    // indicator whole; the entity is no owner.
    if (sub.kind !== "agent" && sub.items.length === 1 && reader.namesWhole(sub.kind, rest.start, rest.end)) {
      a.indicator = reader.clean(s, e);
      return;
    }
    // "乡镇卫生院77个": the entity is what is counted. "新农合提高了300元": it is whose.
    if (rest.end - rest.start < 2) {
      // "…疾病应急救助基金138.02万元": a fund is measured in money, not owned.
      const fund = f.category === "money" && this.cues.subjects.funds.suffixOf(this.text, sub.end, sub.start);
      if (COUNTING.has(f.category) || fund || !prev?.indicator) {
        a.indicator = reader.clean(s, e);
      } else {
        this.setSubject(a, sub, "owner");
        a.indicator = prev.indicator;
      }
      return;
    }
    // "报销比例", "配送率": a verb before a measure word is part of an attribute's name.
    // "各级财政对城镇居民医保参保累计补助": the entity after 对/为 is whose it is.
    if (sub.kind === "agent") {
      const lead = this.text.slice(sub.end, rest.start).trim();
      const prep = lead ? this.cues.stop.prepositions.suffixOf(lead) : null;
      const sub3 = prep ? reader.subjectAt(rest.start, rest.end) : null;
      const rest3 = sub3 ? reader.trim(sub3.end, rest.end) : null;
      if (sub3 && rest3 && rest3.end - rest3.start >= 2) {
        this.setSubject(a, sub3, "owner");
        a.indicator = reader.clean(rest3.start, rest3.end);
        return;
      }
    }
    if (reader.startsWithVerb(rest.start, rest.end) && (sub.kind === "agent" || !reader.endsWithMeasure(rest.start, rest.end))) {
      const obj = reader.objectOf(rest.start, rest.end);
      // "县财政安排公立医院改革补助资金", "市财政安排集团专项资金": who funds is whose
      // figure; an institution after the verb names the fund, a population is its receiver.
      const funding = sub.kind === "agent" && !!reader.extras.fundingVerbs.prefixOf(this.text, rest.start, rest.end);
      if (obj) {
        const sub2 = reader.subjectAt(obj.start, rest.end);
        const rest2 = sub2 ? reader.trim(sub2.end, rest.end) : null;
        if (funding && (!sub2 || sub2.kind !== "population")) {
          this.setSubject(a, sub, "actor");
          a.indicator = reader.clean(obj.start, rest.end);
          return;
        }
        if (sub2 && rest2 && rest2.end - rest2.start >= 2) {
          // "各级财政拨付基层医疗卫生机构补助资金": the receiving entity is the subject.
          this.setSubject(a, sub2, "owner");
          a.indicator = reader.clean(rest2.start, rest2.end);
          return;
        }
        // "下拨至相关医疗机构疾病应急救助基金": a generic receiver is dropped, not named.
        const gen = reader.subjectAt(obj.start, rest.end, true);
        const rest4 = gen ? reader.trim(gen.end, rest.end) : null;
        if (gen && rest4 && rest4.end - rest4.start >= 2) {
          a.indicator = reader.clean(rest4.start, rest4.end);
          return;
        }
        // "各级财政部门共投入医改资金", "基层医疗卫生机构配备使用基本药物品规": the figure
        // measures the object, not the actor.
        a.indicator = reader.clean(obj.start, rest.end);
        return;
      }
      // "医保基金跟进投入约8亿元", "市政府投资8100万元": the actor is the subject of a verb.
      a.indicator = reader.clean(rest.start, rest.end);
      if (sub.kind !== "agent" || reader.isBareVerb(rest.start, rest.end)) this.setSubject(a, sub, "actor");
      return;
    }
    this.setSubject(a, sub, "owner");
    // "签约居民在基层就诊比例": after its owner, a place phrase is part of the attribute.
    const loc = this.cues.stop.locatives.prefixOf(this.text, reader.skipSpaces(sub.end), rest.end);
    const from = loc && reader.skipSpaces(sub.end) + loc.length === rest.start ? rest.start - loc.length : rest.start;
    a.indicator = reader.clean(from, rest.end);
  }

  private setSubject(a: Attributed, sub: SubjectParse, how: Attributed["subjectHow"]): void {
    a.subjectParse = sub;
    a.subject = this.reader.clean(sub.start, sub.end);
    a.subjectHow = how;
  }

  /** 分别 and parallel lists: members pair with the subjects (or indicators) in order. */
  private pairLists(): void {
    for (const a of this.done) {
      if (!a.members.length) continue;
      const group = [a, ...a.members];
      // "门诊药费占门诊费用的38.6%，住院药费占住院费用的26.3%，分别比上年下降1.8个
      // 和2.1个百分点": a list naming nothing pairs with the figures before it.
      if (a.unnamed && this.pairWithEarlier(group)) continue;
      const items = a.subjectParse?.items;
      // "孕产妇死亡率、婴儿死亡率和5岁以下儿童死亡率分别降至…": the list is of indicators.
      const whole = a.phrase ? this.reader.clean(a.phrase.start, a.phrase.end) : null;
      const wparts = whole ? this.splitList(whole) : [];
      if (wparts.length === group.length && wparts.every((p) => p.length >= 2) &&
          wparts.every((p) => p.slice(-1) === wparts[0]!.slice(-1))) {
        group.forEach((g, k) => {
          g.indicator = wparts[k]!;
          g.subject = null;
        });
        continue;
      }
      // "化学需氧量、氨氮、二氧化硫、氮氧化物排放量分别下降…", "心脏支架、人工关节等
      // 高值医用耗材价格分别由…": the list names whose figures; the shared head is measured.
      const listed = !items && a.indicator && !a.subject && !this.sameEnds(a.indicator, group.length) ? this.listedOwners(a.indicator, group.length) : null;
      if (items && items.length === group.length) {
        group.forEach((g, k) => (g.subject = items[k]!));
      } else if (listed) {
        group.forEach((g, k) => {
          g.subject = listed.owners[k]!;
          g.indicator = listed.head;
          g.subjectHow = "listed";
        });
      } else if (a.indicator) {
        const parts = this.splitList(a.indicator);
        const last = parts.map((p) => p.slice(-1));
        if (parts.length === group.length && parts.every((p) => p.length >= 2) && last.every((c) => c === last[0])) {
          group.forEach((g, k) => (g.indicator = parts[k]!));
        }
      }
    }
  }

  /** Whether a phrase lists `n` members ending alike ("孕产妇死亡率和婴儿死亡率"): a list of indicators. */
  private sameEnds(phrase: string, n: number): boolean {
    const parts = this.splitList(phrase);
    return parts.length === n && parts.every((p) => p.length >= 2 && p.slice(-1) === parts[0]!.slice(-1));
  }

  /**
   * A phrase listing `n` owners of one measure: "A、B等C" (C measured, A and B
   * whose), or "A、B、C D" where the last member carries the shared head D (the
   * segmenter's last word of it). Null when the phrase is no such list.
   */
  private listedOwners(phrase: string, n: number): { owners: string[]; head: string } | null {
    const etc = this.cues.stop.enumerationEnds.find(phrase);
    if (etc) {
      const owners = this.splitList(phrase.slice(0, etc.at));
      const head = phrase.slice(etc.at + etc.word.length);
      return owners.length === n && head.length >= 2 && owners.every((o) => o.length >= 2) ? { owners, head } : null;
    }
    const parts = this.splitList(phrase);
    if (parts.length !== n || parts.some((p) => !p)) return null;
    const last = parts[n - 1]!;
    const words = segment(last);
    let cut = words.length - 1;
    while (cut > 0 && last.length - words[cut]!.start < 2) cut--;
    const at = words[cut]?.start ?? 0;
    if (at <= 0 || last.length - at < 2) return null;
    return { owners: [...parts.slice(0, -1), last.slice(0, at)], head: last.slice(at) };
  }

  /**
   * Pair an unnamed list with the last figures before it in earlier clauses,
   * one for one, when there are as many of them as list members.
   */
  private pairWithEarlier(group: Attributed[]): boolean {
    const first = this.done.indexOf(group[0]!);
    const earlier = this.done.slice(0, first).filter((d) => !this.embedded(d.m) && d.clause < group[0]!.clause);
    if (earlier.length < group.length) return false;
    const pick = earlier.slice(earlier.length - group.length);
    // The figures paired with must each be named, and not all alike (else plain inheritance serves).
    if (pick.some((d) => !d.indicator)) return false;
    const keys = new Set(pick.map((d) => `${d.indicator}\u0000${d.subject ?? ""}`));
    if (keys.size < 2) return false;
    group.forEach((g, k) => {
      g.indicator = pick[k]!.indicator;
      g.subject = pick[k]!.subject;
    });
    return true;
  }

  /** "由A提高到B": A is `from`, B is `to`, in one clause. */
  private pairFromTo(): void {
    const d = this.done;
    for (let k = 1; k < d.length; k++) {
      const to = d[k]!;
      if (to.change !== "to" || to.leader) continue;
      // "分别由2010年的A和B下降到2015年的C和D": a list of from-values, then as many to-values.
      const prev = d[k - 1]!;
      const fromLead = prev.leader ?? prev;
      if (!fromLead.from || fromLead.clause !== to.clause) continue;
      const froms = [fromLead, ...fromLead.members];
      const tos = [to, ...to.members];
      if (froms[froms.length - 1] !== prev || (froms.length !== tos.length && froms.length > 1)) continue;
      for (const f of froms) f.pair = "from";
      for (const t of tos) t.pair = "to";
    }
  }

  private shareNext(): void {
    for (let k = this.done.length - 2; k >= 0; k--) {
      const a = this.done[k]!;
      if (!a.sharesNext) continue;
      const b = this.done[k + 1]!;
      a.indicator = b.indicator;
      if (!a.subject) a.subject = b.subject;
    }
  }

  /**
   * A subject named once serves the clauses after it that name none of their own:
   * "居民医保已累计有85.3万人次…，基金累计支出3128万元" → 居民医保 for both. An event
   * since-clause names one too ("2013年12月新农合开展大病保险以来，…").
   */
  private carryTopic(): void {
    const { reader } = this;
    let topic: string | null = null;
    for (const t of this.times) {
      if (t.event && t.end <= (this.metrics[0]?.start ?? 0)) {
        const sub = reader.subjectAt(t.event.start, t.event.end);
        if (sub) topic = reader.clean(sub.start, sub.end);
      }
    }
    const eventTopic = topic;
    let lastEnd = -1;
    for (const a of this.done) {
      // "…基金支出3.82亿元，同比增长9.6%；政策范围内住院费用报销比例达到75%": a
      // semicolon closes a statement, and its topic with it.
      if (lastEnd >= 0 && this.hasSemicolon(lastEnd, a.m.start)) topic = eventTopic;
      lastEnd = a.m.end;
      if (a.subject) {
        // Only an owner carries over ("居民医保…，基金累计支出"), not an actor of one verb.
        const parse = (a.leader ?? a).subjectParse;
        // Nor does one of a list of owners paired with a list of figures.
        const how = (a.leader ?? a).subjectHow;
        const owner = how !== "actor" && how !== "listed" && !this.bracketed(a.clause);
        topic = !owner ? null : parse && parse.items.length > 1 ? reader.clean(parse.start, parse.end) : a.subject;
        continue;
      }
      // "个人住院平均医药费用", "农村常住人口参合率": the phrase names its own population.
      if (a.indicator && this.cues.subjects.scopes.find(a.indicator)) {
        topic = null;
        continue;
      }
      if (!topic || a.part) continue;
      // "社区卫生服务中心（站）318个，乡镇卫生院156个": counted entities have no owner in the topic.
      if (COUNTING.has(a.m.fields.category) && a.indicator && reader.namesInstitution(a.indicator)) continue;
      const nounPhrase = a.source === "before" && a.phrase && !reader.startsWithVerb(a.phrase.start, a.phrase.end);
      if (topic === eventTopic || nounPhrase || a.source === "predicate" || a.source === "inherited") {
        a.subject = topic;
        a.subjectHow = "carried";
      }
    }
  }

  private hasSemicolon(a: number, b: number): boolean {
    for (let i = a; i < b; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 0x3b || c === 0xff1b) return true;
    }
    return false;
  }

  private finish(a: Attributed): void {
    const { m } = a;
    const f = m.fields;
    const text = this.text;
    // Time: its own, else the nearest before it in the sentence (a comparison base only as a last resort).
    // "六年来": a figure inside a time expression is governed by that expression.
    // "由2010年的A和B": the members of a list share the time bound to its first value.
    const own = this.bound.get(m) ?? (a.leader ? this.bound.get(a.leader.m) : undefined);
    let t: TimeExpr | null = own ?? this.times.find((x) => x.start <= m.start && m.end <= x.end) ?? null;
    t ??= governingTime(text, this.times, m.start, this.boundTimes, this.head);
    // "到2020年…": a deadline after the document's present is a goal.
    const ahead = !!t && t.deadline && t.year !== null && this.now !== null && t.year > this.now;
    const future = ahead || futureGoverns(text, this.future, this.head, m.start);
    const plan = future || this.planMode;
    let role: MetricCandidate["fields"]["role"];
    if (a.pair) role = a.pair;
    else if (future) role = "target";
    else if (a.change === "increase" || a.change === "decrease") role = plan ? "target" : a.change;
    else role = plan ? "target" : "level";
    f.role = role;
    if (!t && role === "target") t = dueAfter(text, this.times, m.start, m.end, this.cues);
    f.time = t ? this.reader.clean(t.start, t.end) : null;
    const lead = a.leader ?? a;
    const size = lead.members.length ? lead.members.length + 1 : 0;
    f.year = t ? figureYear(t, size ? (a === lead ? 0 : lead.members.indexOf(a) + 1) : -1, size, role === "from", !!own) : null;
    // One character left of a phrase ("分三批") names nothing; a counted "86个县" does.
    f.indicator = a.indicator && (a.indicator.length > 1 || a.source === "after") ? a.indicator : null;
    f.subject = a.subject || null;
  }
}
