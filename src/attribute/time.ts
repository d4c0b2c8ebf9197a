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
}

/** Clause end at or after `pos` (exclusive bound `limit`). */
/** Whether a clause ends at `i` ("78。5万人次": 。 between digits does not). */
export function endsClause(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!CLAUSE_END_CHARS[c]) return false;
  return !(c === 0x3002 && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)));
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
  const year = kind === "point" || kind === "range" ? raw.year : null;
  return { start, end, kind, year, startYear: kind === "range" ? raw.startYear : null, event, deadline: deadline && kind === "point" };
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
      raws.push({ start: d.start, end: inSentence[j]!.end, year: null, startYear: null, kind: "list" });
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
      out.push({ start: cs, end: ce, kind: "since", year: null, startYear: null, event: { start: cs, end: ce - close.length }, deadline: false });
    }
    pos = ce + 1;
  }
  return out.sort((x, y) => x.start - y.start);
}
