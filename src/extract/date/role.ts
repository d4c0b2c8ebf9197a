// The role of a date from the words around it (SPEC §4): deadline (到…, 截至…,
// …前), since (自…, …以来, …至今, …起, and a clause "2013年12月…开展…以来"),
// range for ranges and periods, point otherwise. The cue words stay outside `text`.
import * as lineIndex from "../../text/line-index.js";
import type { DatePatterns } from "./patterns.js";
import type { DateMatch } from "./scan.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call; this one runs per date.
const { lowerBound } = lineIndex;

export type DateRole = "point" | "range" | "deadline" | "since";

/** Skip spaces backwards from `pos`; the index just after the previous non-space. */
function backSpaces(t: string, pos: number): number {
  while (pos > 0 && isBlank(t.charCodeAt(pos - 1))) pos--;
  return pos;
}

function foreSpaces(t: string, pos: number): number {
  while (pos < t.length && isBlank(t.charCodeAt(pos))) pos++;
  return pos;
}

/** A space or a tab. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * The role of date `m`. `starts`: where every date of the text starts,
 * ascending (to see whether another date stands in the clause of this one).
 */
export function dateRole(t: string, p: DatePatterns, m: DateMatch, starts: ArrayLike<number>): DateRole {
  if (m.kind === "range") return "range";
  if (m.kind === "list") return "point";
  const b = backSpaces(t, m.start);
  const a = foreSpaces(t, m.end);
  // "“十三五”以来": a period is a range unless a since-cue opens it.
  if (m.kind === "period") return sinceCue(t, p, b, a) ? "since" : "range";

  if (p.deadline.before.endingAt(t, b)) return "deadline";
  if (p.since.beforeWithAfter.endingAt(t, b) && p.since.afterWithBefore.at(t, a)) return "since";

  if (sinceCue(t, p, b, a)) return "since";
  const before = p.deadline.after.at(t, a);
  if (before && !p.deadline.afterNotBefore.at(t, a + before.length)) return "deadline";

  const to = p.deadline.beforeTo.endingAt(t, b);
  if (to) {
    const verb = p.deadline.toNotAfter.endingAt(t, backSpaces(t, b - to.length));
    if (!verb && !p.deadline.toNotBefore.at(t, a)) return "deadline";
  }

  if (sinceClause(t, p, m, starts)) return "since";
  return "point";
}

/** 自 before the date, or 以来/至今/起 just after it ("2018年起", not "2018年起草"). */
function sinceCue(t: string, p: DatePatterns, b: number, a: number): boolean {
  if (p.since.before.endingAt(t, b)) return true;
  const since = p.since.after.at(t, a);
  return since !== null && !p.since.afterNotBefore.get(since)?.at(t, a + since.length);
}

/**
 * "2012年启动大连市快速提升医疗软实力建设以来，…": the clause of the date closes
 * with 以来, with no other date in between.
 */
function sinceClause(t: string, p: DatePatterns, m: DateMatch, starts: ArrayLike<number>): boolean {
  let e = m.end;
  while (e < t.length && !p.clauseBreakCodes.has(t.charCodeAt(e)) && e - m.end <= 60) e++;
  if (e >= t.length || !p.clauseBreakCodes.has(t.charCodeAt(e))) return false;
  if (!p.since.clauseEnd.endingAt(t, backSpaces(t, e))) return false;
  // No other date starts in [m.end, e) (m itself starts before its end): the
  // first start at or after m.end, found by binary search, not by a pass over all dates.
  const k = lowerBound(starts, m.end);
  return k === starts.length || starts[k]! >= e;
}
