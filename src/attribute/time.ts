// Time expressions of one sentence, as attribution needs them (SPEC §3 `year`,
// `time`): each date record widened by its cue words ("到2014年底", "2010年以来",
// "与2009年相比", "“十三五”期间"), lists of years joined ("2009、2011、2013年"),
// plus what is never a date record but still a time: redacted and relative years
// ("201x年", "今年3月"), periods ("六年来") and event clauses ("集团组建以来").
import type { DateCandidate } from "../extract/types.js";
import type { AttributionCues } from "./cues.js";

export type TimeKind = "point" | "range" | "since" | "comparison" | "list" | "undated";

export interface TimeExpr {
  /** View offsets of the whole expression, cue words included. */
  start: number;
  end: number;
  kind: TimeKind;
  /** The year a figure governed by it refers to (SPEC §3), or null. */
  year: number | null;
  /** First year of a range, for the from-value of "2009年-2014年…由A提高到B". */
  startYear: number | null;
  /** Text of an event clause ("新农合开展大病保险") that may name a subject. */
  event: { start: number; end: number } | null;
  /** "到2020年", "2015年底前": a deadline, a goal when later than the document's present. */
  deadline: boolean;
  /**
   * "2018年、2019年…分别为A和B", "2016—2018年分别救治A、B和C": the years of a list or a
   * short range followed by 分别, to pair with the values of a list in order
   * (SPEC §3 Lists). Such a time gives no year to any other figure.
   */
  years: number[] | null;
}

/** Characters that end a clause inside a sentence, as a table by UTF-16 code. */
const CLAUSE_END_CHARS = new Uint8Array(65536);
for (const ch of "，,；;。！？!?：:\n") CLAUSE_END_CHARS[ch.charCodeAt(0)] = 1;

const isDigit = (c: number) => c >= 48 && c <= 57;

function yearOf(iso: string | null | undefined): number | null {
  const m = iso ? /^(\d{4})/u.exec(iso) : null;
  return m ? Number(m[1]) : null;
}

/** View ranges of 《…》 titles inside [from, to): dates there belong to a title, not to a figure. */
function titleRanges(text: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let open = -1;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === "《" && open < 0) open = i;
    else if (ch === "》" && open >= 0) {
      out.push([open, i + 1]);
      open = -1;
    }
  }
  return out;
}

const inside = (ranges: Array<[number, number]>, a: number, b: number) => ranges.some(([s, e]) => a >= s && b <= e);

interface Raw {
  start: number;
  end: number;
  year: number | null;
  startYear: number | null;
  kind: TimeKind;
  /** The years of a list ("2009、2011、2013年"). */
  list?: number[];
}

/** The longest range whose years 分别 may hand out one by one. */
const MAX_SPREAD = 12;
/** Characters that end the part of a sentence a time inside it governs. */
const isPartEnd = (c: number) => c === 0xff1b || c === 0x3b;

/** Clause end at or after `pos` (exclusive bound `limit`). */
/** Whether a clause ends at `i` ("78。5万人次": 。 between digits does not). */
export function endsClause(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!CLAUSE_END_CHARS[c]) return false;
  if (!isDigit(text.charCodeAt(i - 1)) || !isDigit(text.charCodeAt(i + 1))) return true;
  if (c === 0x3002) return false;
  // "1,532万": a comma before a group of exactly three digits separates thousands (SPEC §3).
  return !(c === 0x2c && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3)) && !isDigit(text.charCodeAt(i + 4)));
}

function clauseEndFrom(text: string, pos: number, limit: number): number {
  for (let i = pos; i < limit; i++) if (endsClause(text, i)) return i;
  return limit;
}

function clauseStartBefore(text: string, pos: number, floor: number): number {
  for (let i = pos - 1; i >= floor; i--) if (endsClause(text, i)) return i + 1;
  return floor;
}

/**
 * Widen a bare time span by its cue words and classify it. A comparison keeps
 * its base year out of `year` ("比2008年增加" → null); so does a since-expression.
 */
function widen(text: string, raw: Raw, sStart: number, sEnd: number, cues: AttributionCues): TimeExpr {
  const { role } = cues;
  let { start, end, kind } = raw;
  let comparison = false;
  let since = kind === "since";
  let event: TimeExpr["event"] = null;
  let deadline = false;
  const standalone = role.comparisonPrefix.suffixOf(text, start);
  const pre = standalone ?? role.comparisonOpen.suffixOf(text, start);
  const clauseEnd = clauseEndFrom(text, end, sEnd);
  if (pre && start - pre.length >= sStart) {
    // "与2009年相比", "与2024年集团组建前相比": the base runs to its closing word.
    const rest = text.slice(end, clauseEnd);
    let close = -1;
    let closeWord = "";
    for (const w of role.comparisonSuffix.words) {
      const at = rest.indexOf(w);
      if (at >= 0 && (close < 0 || at < close)) {
        close = at;
        closeWord = w;
      }
    }
    if (standalone || close >= 0) {
      comparison = true;
      start -= pre.length;
      if (close >= 0 && close <= 12) end += close + closeWord.length;
    }
  }
  if (!comparison) {
    const p = role.timePrefix.suffixOf(text, start);
    // "提高到2014年的人均40元": 到 belongs to the verb, not to the time.
    if (p && start - p.length >= sStart && !role.to.suffixOf(text, start, sStart)) {
      start -= p.length;
      if (role.deadlinePrefix.has(p)) deadline = true;
      if (role.sincePrefix.has(p)) since = true;
    }
    const s = role.timeSuffix.prefixOf(text, end, clauseEnd);
    const cmp = role.comparisonSuffix.prefixOf(text, end, clauseEnd);
    if (cmp) {
      comparison = true;
      end += cmp.length;
    } else if (s) {
      end += s.length;
      if (role.deadlineSuffix.has(s)) deadline = true;
      if (role.sinceSuffix.has(s)) since = true;
    } else {
      // "2013年12月新农合开展大病保险以来": an event clause closed by 以来.
      const close = role.sinceSuffix.suffixOf(text, clauseEnd, end);
      if (close && clauseEnd - end - close.length <= 30) {
        event = { start: end, end: clauseEnd - close.length };
        end = clauseEnd;
        since = true;
      }
    }
  }
  if (comparison) kind = "comparison";
  else if (since) kind = "since";
  let year = kind === "point" || kind === "range" ? raw.year : null;
  let years: number[] | null = null;
  if (kind === "list" || kind === "range") {
    // "2016—2018年分别救治…": 分别 later in the same part spreads the years over a list.
    if (fenbieAfter(text, end, sEnd, cues)) {
      const spread = kind === "list" ? raw.list ?? null : spreadOf(raw.startYear, raw.year);
      if (spread && spread.every((y) => Number.isFinite(y))) {
        years = spread;
        year = null;
      }
    }
  }
  return { start, end, kind, year, startYear: kind === "range" ? raw.startYear : null, event, deadline: deadline && kind === "point", years };
}

function spreadOf(from: number | null, to: number | null): number[] | null {
  if (from === null || to === null || to <= from || to - from >= MAX_SPREAD) return null;
  const out: number[] = [];
  for (let y = from; y <= to; y++) out.push(y);
  return out;
}

/** Whether 分别 follows `pos` before the end of its part of the sentence. */
function fenbieAfter(text: string, pos: number, sEnd: number, cues: AttributionCues): boolean {
  const list = cues.role.distributive;
  // Within its own clause series: up to ；, a line break or 200 characters (a table may be one long "sentence").
  const stop = Math.min(sEnd, pos + 200);
  for (let i = pos; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (isPartEnd(c) || c === 10) return false;
    if (list.startsWithChar(c) && list.prefixOf(text, i, stop)) return true;
  }
  return false;
}

/**
 * The time that governs a figure at [pos, …) with nothing bound to it: the
 * nearest before it in the sentence, a comparison base only as a last resort.
 * A time before the sentence's first figure (`head`) frames the whole sentence
 * ("截至2015年底，…；…"); one that comes after a figure speaks only for its own
 * part, up to the next ；("…低于国家提出的到2020年达到50%的要求；二是…54%").
 */
export function governingTime(text: string, times: readonly TimeExpr[], pos: number, skip: ReadonlySet<TimeExpr>, head: number): TimeExpr | null {
  // The last ；before the figure, looked for once and only when a time after the head asks.
  let semi = -2;
  let base: TimeExpr | null = null;
  for (let j = times.length - 1; j >= 0; j--) {
    const x = times[j]!;
    if (x.end > pos || skip.has(x)) continue;
    if (x.start >= head) {
      if (semi === -2) {
        semi = -1;
        for (let i = pos - 1; i >= head; i--) {
          if (isPartEnd(text.charCodeAt(i))) {
            semi = i;
            break;
          }
        }
      }
      if (x.end <= semi) continue;
    }
    if (x.kind === "comparison") base ??= x;
    else return x;
  }
  return base;
}

/** Whether a scope opened at `from` (-1: the whole sentence) reaches `pos`. */
export function reaches(text: string, from: number, pos: number): boolean {
  if (from < 0) return true;
  for (let i = from; i < pos; i++) if (isPartEnd(text.charCodeAt(i))) return false;
  return true;
}

/**
 * For a target with no time before it, the deadline or period that follows it in
 * its part of the sentence: a plan names the amount, then the date it is due by
 * ("计划投入资金1.2亿元，到2020年底新增…", "对违规支出的46.25万元，责令于2020年4月30日前
 * 收回", "争取建设1-2所…，“十三五”期间…"). A plain point in time is no due date.
 */
export function dueAfter(text: string, times: readonly TimeExpr[], start: number, end: number, cues: AttributionCues): TimeExpr | null {
  for (const x of times) {
    if (x.start < end) continue;
    if (!reaches(text, end, x.start)) return null;
    if ((x.deadline || (x.kind === "range" && !x.years)) && x.year !== null) {
      // "每年招聘…不少于五十名": a figure per period has no one due date.
      const recurring = cues.time.recurring;
      for (let i = clauseStartBefore(text, start, Math.max(0, start - 60)); i < start; i++) {
        if (recurring.startsWithChar(text.charCodeAt(i)) && recurring.prefixOf(text, i, start)) return null;
      }
      return x;
    }
  }
  return null;
}

/**
 * The year of a figure governed by `t`: a spread time (see `years`) pairs its
 * years with a list of as many values, in order; `member` is the figure's place
 * in its list and `size` the list's length (-1 / 0 when it is in none).
 */
export function figureYear(t: TimeExpr, member: number, size: number, from: boolean, own: boolean): number | null {
  if (t.years) return member >= 0 && size === t.years.length ? t.years[member]! : null;
  return from && t.kind === "range" && !own ? t.startYear : t.year;
}

/**
 * The document's present: the latest year it states as a point in time (a
 * dateline, "2014年…"), or null. Deadlines after it are goals.
 */
export function presentYear(dates: readonly DateCandidate[]): number | null {
  let max: number | null = null;
  for (const d of dates) {
    if (d.fields.role !== "point") continue;
    const y = yearOf(d.fields.date);
    if (y !== null && (max === null || y > max)) max = y;
  }
  return max;
}

/**
 * Every time expression of the sentence [sStart, sEnd), in text order. `dates`
 * are the date candidates of the document in view coordinates, sorted by start.
 */
export function timesInSentence(
  text: string,
  sStart: number,
  sEnd: number,
  dates: readonly DateCandidate[],
  cues: AttributionCues,
): TimeExpr[] {
  const titles = titleRanges(text, sStart, sEnd);
  const raws: Raw[] = [];
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid]!.start < sStart) lo = mid + 1;
    else hi = mid;
  }
  const inSentence: DateCandidate[] = [];
  for (let k = lo; k < dates.length && dates[k]!.start < sEnd; k++) {
    const d = dates[k]!;
    if (d.end <= sEnd && !inside(titles, d.start, d.end)) inSentence.push(d);
  }
  for (let i = 0; i < inSentence.length; i++) {
    const d = inSentence[i]!;
    // "2009、2011、2013年": a list of years governs as a whole, with no single year.
    let j = i;
    while (j + 1 < inSentence.length && cues.role.yearListJoiners.has(text.slice(inSentence[j]!.end, inSentence[j + 1]!.start))) j++;
    if (j > i) {
      const list: number[] = [];
      for (let k = i; k <= j; k++) list.push(yearOf(inSentence[k]!.fields.date) ?? NaN);
      raws.push({ start: d.start, end: inSentence[j]!.end, year: null, startYear: null, kind: "list", list });
      i = j;
      continue;
    }
    const f = d.fields;
    if (f.role === "range" || f.date_end) {
      raws.push({ start: d.start, end: d.end, year: yearOf(f.date_end ?? f.date), startYear: yearOf(f.date), kind: "range" });
    } else {
      raws.push({ start: d.start, end: d.end, year: yearOf(f.date), startYear: null, kind: f.role === "since" ? "since" : "point" });
    }
  }
  // Times that are not date records: 201x年, 今年3月, 六年来, 年底前.
  const sentence = text.slice(sStart, sEnd);
  const re = cues.time.lexical;
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const a = sStart + m.index;
    const b = a + m[0].length;
    if (!m[0]) {
      re.lastIndex++;
      continue;
    }
    if (/[0-9A-Za-z]/u.test(text[a - 1] ?? "")) continue;
    // "按当年价格": a price basis, not a time.
    if (m[1] && cues.time.relativeNotAfter.suffixOf(text, a, sStart)) continue;
    if (raws.some((r) => a < r.end && b > r.start) || inside(titles, a, b)) continue;
    raws.push({ start: a, end: b, year: null, startYear: null, kind: m[3] ? "since" : "undated" });
  }
  raws.sort((x, y) => x.start - y.start);
  const out = raws.map((r) => widen(text, r, sStart, sEnd, cues));
  // "集团组建以来": a clause closed by 以来 with no time in it is a since-expression.
  for (let pos = sStart; pos < sEnd; ) {
    const ce = clauseEndFrom(text, pos, sEnd);
    const close = cues.time.clauseSince.suffixOf(text, ce, pos);
    if (close && !out.some((t) => t.start < ce && t.end > pos)) {
      const cs = clauseStartBefore(text, ce, sStart);
      out.push({ start: cs, end: ce, kind: "since", year: null, startYear: null, event: { start: cs, end: ce - close.length }, deadline: false, years: null });
    }
    pos = ce + 1;
  }
  return out.sort((x, y) => x.start - y.start);
}
