// Responsible units (SPEC §5): one record per organisation named in a
// 责任单位/牵头单位/配合单位 note, a "由A牵头,B配合" phrasing that closes a task item,
// or a unit column of a task-division table, with its role, its position in its
// list and the task it belongs to.
import { lowerBound } from "../../text/line-index.js";
import type { DocumentContext, ExtractResult, ResponsibleUnitCandidate } from "../types.js";
import { findNotes, type LeadFirst, type Note } from "./notes.js";
import { unitPatterns } from "./patterns.js";
import { findTables } from "./tables.js";
import { tasksFor, type Task } from "./task.js";

export function extractResponsibleUnits(ctx: DocumentContext): ExtractResult<"responsible_unit"> {
  const p = unitPatterns(ctx.patterns);
  const rows = findTables(ctx, p);
  const rowSpans = rows.map((r): [number, number] => [r.start, r.end]);
  const { notes, cues } = findNotes(ctx, p, rowSpans);

  // A cue outside every note ("注:排在第一位的为牵头单位") speaks for the whole
  // document; one inside a note speaks for that note, and onward when it says 下同.
  const inNote = insideOneOf(notes);
  const docWide = cues.find((c) => !inNote(c)) ?? null;
  let onward: { from: number; cue: LeadFirst } | null = null;
  for (const n of notes) if (n.leadFirst?.onward && !onward) onward = { from: n.start, cue: n.leadFirst };

  const tasks = tasksFor(ctx, notes, p.enumeration);
  const candidates: ResponsibleUnitCandidate[] = [];
  const emit = (units: Note["units"], task: Task | null, rule: string, cue: LeadFirst | null) => {
    units.forEach((u, i) => {
      // "(…负责,排在第一位的为牵头部门)": the first unit of the list leads, and with
      // "其他为配合单位" the others cooperate.
      let role = u.role;
      if (cue && role === "responsible") role = i === 0 ? "lead" : cue.rest ? "cooperating" : role;
      candidates.push({
        type: "responsible_unit",
        start: u.start,
        end: u.end,
        rule,
        fields: { name: u.name, role, task: task && (task.number || task.title) ? task : null, position: u.position },
      });
    });
  };
  notes.forEach((n, i) => {
    const cue = n.leadFirst ?? (onward && n.start >= onward.from ? onward.cue : null) ?? docWide;
    emit(n.units, tasks[i] ?? null, `responsible_unit/${n.kind}`, cue);
  });
  for (const r of rows) {
    const title = r.title ? titleOf(ctx, r.title.start, r.title.end) : null;
    const task = r.number || title ? { number: r.number, title } : null;
    emit(r.units, task, "responsible_unit/table", r.leadFirst ?? docWide);
  }
  candidates.sort((a, b) => a.start - b.start || a.end - b.end);
  return { candidates, vetoes: [] };
}

/**
 * A test of whether a span lies inside one of `spans` (sorted by start), by binary
 * search over their starts and a running maximum of their ends: not a pass over
 * every note for every cue.
 */
function insideOneOf(spans: ReadonlyArray<{ start: number; end: number }>): (s: { start: number; end: number }) => boolean {
  const starts = spans.map((n) => n.start);
  const maxEnd: number[] = [];
  for (const n of spans) maxEnd.push(Math.max(n.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  return (s) => {
    // Of the spans that start at or before `s`, the one reaching furthest decides.
    const k = lowerBound(starts, s.start + 1);
    return k > 0 && maxEnd[k - 1]! >= s.end;
  };
}

function titleOf(ctx: DocumentContext, s: number, e: number): string | null {
  const raw = ctx.view.original.slice(ctx.view.toOriginalStart(s), ctx.view.toOriginalEnd(e));
  const t = raw.replace(/\s*[\r\n]+\s*/gu, "").trim();
  return t || null;
}
