// Task-division tables (分工表) that arrive as text: a heading row whose cells,
// separated by tabs or runs of two or more spaces, include 责任单位 / 牵头单位 /
// 配合单位 …, then one row per task. Rows are read on the original lines (the view
// may have joined a row with the next as if page layout had broken it) and their
// cells located in the view, where the unit lists are parsed like notes.
import type { TextView } from "../../text/view.js";
import type { DocumentContext } from "../types.js";
import type { UnitPatterns, UnitRole } from "./patterns.js";
import type { LeadFirst } from "./notes.js";
import { cleanName, deletedSpaces, parseUnitList, type ParsedUnit } from "./unit-list.js";

export interface TableRow {
  /** View span of the row. */
  start: number;
  end: number;
  units: ParsedUnit[];
  number: string | null;
  /** View span of the task cell's title, if the table has a task column. */
  title: { start: number; end: number } | null;
  leadFirst: LeadFirst | null;
}

interface Cell {
  /** Original offsets, trimmed. */
  start: number;
  end: number;
  text: string;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

/**
 * The line of `original` that starts at `s`, without its line break, and where
 * the next line starts (-1 after the last). Lines are taken one at a time by
 * indexOf: a table is looked for only where a tab or double space stands.
 */
function lineAt(original: string, s: number): { line: Line; next: number } {
  let nl = original.indexOf("\n", s);
  if (nl < 0) nl = original.length;
  let e = nl;
  if (e > s && original[e - 1] === "\r") e--;
  return { line: { start: s, end: e, text: original.slice(s, e) }, next: nl < original.length ? nl + 1 : -1 };
}

/**
 * Cells split on `sep` (one of the global regexes below, whose `lastIndex` this
 * leaves at 0), trimmed, with original offsets; empty cells kept.
 */
function cells(line: Line, re: RegExp): Cell[] {
  const out: Cell[] = [];
  re.lastIndex = 0;
  let from = 0;
  const push = (a: number, b: number) => {
    const raw = line.text.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    out.push({ start: line.start + a + lead, end: line.start + a + lead + t.length, text: t });
  };
  for (let m = re.exec(line.text); m; m = re.exec(line.text)) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, line.text.length);
  // Leading and trailing separators (indentation) make no cells.
  while (out.length && !out[0]!.text) out.shift();
  while (out.length && !out[out.length - 1]!.text) out.pop();
  return out;
}

// Separators, compiled once: cells() is asked for every line of a report.
const RUNS = /\t+|[ \u3000]{2,}/gu;
const TABS = /\t/gu;
/**
 * A tab or two spaces after something written on the same line: where a cell
 * break (RUNS) can be. The lookbehind keeps indentation out, so the scan stops
 * only inside lines, not at the start of every indented paragraph.
 */
const BREAK = /(?<=\S[^\S\n]*)(?:\t|[ \u3000]{2})/gu;
const BLANK = /\s/u;

/**
 * Whether some line of `t` has a RUNS separator between two non-blank characters,
 * that is whether it splits into two cells: a line without one cannot head a
 * table. Asked of the whole text first, then of each line, so it looks only
 * where tabs and double spaces are, not at every character as a regex would.
 */
function hasCellBreak(t: string): boolean {
  const blank = (i: number) => BLANK.test(t[i]!) && t[i] !== "\n";
  BREAK.lastIndex = 0;
  for (let m = BREAK.exec(t); m; m = BREAK.exec(t)) {
    // Something stands before the break on its line; is there something after it?
    let b = m.index + m[0].length;
    while (b < t.length && blank(b)) b++;
    if (b < t.length && t[b] !== "\n") {
      BREAK.lastIndex = 0;
      return true;
    }
    BREAK.lastIndex = b;
  }
  return false;
}

/** Original index → view index (or -1 where the view deleted the character). */
function inverse(view: TextView): Int32Array {
  const inv = new Int32Array(view.original.length + 1).fill(-1);
  for (let i = 0; i < view.text.length; i++) inv[view.toOriginalStart(i)] = i;
  inv[view.original.length] = view.text.length;
  return inv;
}

function toView(inv: Int32Array, s: number, e: number): { start: number; end: number } | null {
  let a = s;
  while (a < e && inv[a]! < 0) a++;
  let b = e - 1;
  while (b >= a && inv[b]! < 0) b--;
  if (a > b) return null;
  return { start: inv[a]!, end: inv[b]! + 1 };
}

interface Header {
  count: number;
  roles: Map<number, UnitRole>;
  number: number;
  task: number;
  leadFirst: LeadFirst | null;
  /** Display column where each heading cell starts, to align rows with empty cells. */
  columns: number[];
}

/** Display column of `line.text[idx]`: CJK and full-width characters are two wide, tabs stop every 8. */
function displayColumn(line: Line, idx: number): number {
  let col = 0;
  for (let i = 0; i < idx; i++) {
    const c = line.text.charCodeAt(i);
    if (c === 9) col = (Math.floor(col / 8) + 1) * 8;
    else if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)) col += 2;
    else col += 1;
  }
  return col;
}

/**
 * "1   推进医联体建设   市卫生健康委            2019年底": a space-aligned row whose
 * empty cells vanished. Each cell goes to the heading column nearest its start.
 */
function align(line: Line, cs: Cell[], h: Header): Cell[] | null {
  if (cs.length < 2 || cs.length >= h.count) return null;
  const out: Cell[] = h.columns.map(() => ({ start: 0, end: 0, text: "" }));
  let last = -1;
  for (const c of cs) {
    const col = displayColumn(line, c.start - line.start);
    let best = -1;
    for (let k = 0; k < h.columns.length; k++) {
      if (best < 0 || Math.abs(h.columns[k]! - col) < Math.abs(h.columns[best]! - col)) best = k;
    }
    if (best <= last) return null;
    out[best] = c;
    last = best;
  }
  return out;
}

/** The lead-first cue regex for one test per heading cell; not global, so it keeps no state. */
const leadFirstOnce = new WeakMap<UnitPatterns, RegExp>();

function readHeader(line: Line, p: UnitPatterns): Header | null {
  // Most lines are prose: without a separator between two cells they cannot head a table.
  if (!hasCellBreak(line.text)) return null;
  const cs = cells(line, RUNS);
  if (cs.length < 2) return null;
  const names = cs.map((c) => cleanName(c.text));
  if (cs.some((c, i) => !c.text || names[i]!.length > 30)) return null;
  const roles = new Map<number, UnitRole>();
  let number = -1;
  let task = -1;
  let leadFirst: LeadFirst | null = null;
  cs.forEach((c, i) => {
    // "责任单位(排在第一位的为牵头单位)": a heading is the label alone, remarks in brackets.
    const role = p.keywordRole.get(cleanName(c.text.replace(/[(（][^)）]*[)）]/gu, "")));
    if (!role) return;
    roles.set(i, role);
    let re = leadFirstOnce.get(p);
    if (!re) leadFirstOnce.set(p, (re = new RegExp(p.leadFirst.source, "u")));
    const cue = re.exec(names[i]!);
    if (cue) leadFirst = { rest: p.restCooperating.test(cue[0]) };
  });
  // Most candidate lines are prose with wide gaps: no unit column, no table.
  if (!roles.size) return null;
  names.forEach((name, i) => {
    if (roles.has(i)) return;
    if (number < 0 && p.tableNumber.some((r) => r.test(name))) number = i;
    else if (task < 0 && p.tableTask.some((r) => r.test(name))) task = i;
  });
  const columns = cs.map((c) => displayColumn(line, c.start - line.start));
  return { count: cs.length, roles, number, task, leadFirst, columns };
}

export function findTables(ctx: DocumentContext, p: UnitPatterns): TableRow[] {
  const { view } = ctx;
  const original = view.original;
  if (!hasCellBreak(original)) return [];
  const rows: TableRow[] = [];
  let inv: Int32Array | null = null;
  // Lines are read in order from `from`; only a line holding a tab or double space
  // can head a table, so the search jumps from one such line to the next.
  for (let from = 0; from >= 0;) {
    BREAK.lastIndex = from;
    const m = BREAK.exec(original);
    if (!m) break;
    const { line: first, next } = lineAt(original, original.lastIndexOf("\n", m.index) + 1);
    from = next;
    const header = readHeader(first, p);
    if (!header) continue;
    inv ??= inverse(view);
    let misses = 0;
    for (let j = next; j >= 0 && misses < 3; j = from) {
      const { line, next: after } = lineAt(original, j);
      from = after;
      if (!line.text.trim()) continue;
      let cs = cells(line, TABS);
      if (cs.length !== header.count) cs = cells(line, RUNS);
      if (cs.length !== header.count && !/\t/u.test(line.text)) cs = align(line, cs, header) ?? cs;
      if (cs.length !== header.count) {
        // A wrapped cell leaves a short fragment line; prose or a heading ends the
        // table, and may head the next one: the search resumes on it.
        if (line.text.trim().length > 30 || /[。]/u.test(line.text) || readHeader(line, p)) {
          from = j;
          break;
        }
        misses++;
        continue;
      }
      misses = 0;
      const row = readRow(view, inv, cs, header, p);
      if (row) rows.push(row);
    }
  }
  BREAK.lastIndex = 0;
  return rows;
}

function readRow(view: TextView, inv: Int32Array, cs: Cell[], h: Header, p: UnitPatterns): TableRow | null {
  const units: ParsedUnit[] = [];
  for (const [col, role] of h.roles) {
    const c = cs[col]!;
    const span = c.text ? toView(inv, c.start, c.end) : null;
    if (!span) continue;
    const list = parseUnitList(view.text, span.start, span.end, p, { role, strict: false, gapBefore: deletedSpaces(view) });
    if (list) units.push(...list);
  }
  if (!units.length) return null;
  const filled = cs.filter((c) => c.text);
  const rowSpan = toView(inv, filled[0]!.start, filled[filled.length - 1]!.end);
  if (!rowSpan) return null;
  // No 序号 heading: a first cell that is a bare number still numbers the row.
  const numCol = h.number >= 0 ? h.number : p.tableNumberCell.test(cs[0]!.text) && !h.roles.has(0) ? 0 : -1;
  const numCell = numCol >= 0 ? cs[numCol]! : null;
  const number = numCell ? p.tableNumberCell.exec(numCell.text)?.[1] ?? null : null;
  let taskCol = h.task;
  if (taskCol < 0) taskCol = cs.findIndex((_, i) => i !== numCol && !h.roles.has(i));
  const taskCell = taskCol >= 0 ? cs[taskCol]! : null;
  let title: TableRow["title"] = null;
  if (taskCell && taskCell.text) {
    const stop = taskCell.text.search(/[。！？!?]/u);
    const e = stop >= 0 ? taskCell.start + stop : taskCell.end;
    title = toView(inv, taskCell.start, e);
  }
  return { start: rowSpan.start, end: rowSpan.end, units, number, title, leadFirst: h.leadFirst };
}
