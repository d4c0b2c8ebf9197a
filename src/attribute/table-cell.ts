// Attribution of figures read from indicator tables written as text
// ("人均预期寿命（岁）\t78.9\t79.8\t预期性"): a cell's indicator is its row label,
// its year the year heading its column, and a cell under the later of two year
// columns (or under a 目标 heading) is a target. Sentence rules do not apply:
// a table row is no sentence, and its neighbours are other cells.
import { splitRow, tableWords, type Cell } from "../extract/metric/table.js";
import type { DateCandidate, DocumentContext, MetricCandidate } from "../extract/types.js";

const HAN = /\p{Script=Han}/u;
const YEAR = /^(\d{4})\s*年?/u;
/** A bracketed unit at the end of a row label: "人均预期寿命（岁）" → "人均预期寿命". */
const LABEL_UNIT = /\s*[(（][^()（）]*[)）]\s*$/u;

function cellsOf(text: string, start: number, end: number): Cell[] {
  return splitRow(text, start, end)?.cells ?? [];
}

function lineAround(text: string, pos: number): [number, number] {
  const s = text.lastIndexOf("\n", pos - 1) + 1;
  const e = text.indexOf("\n", pos);
  return [s, e < 0 ? text.length : e];
}

/** The nearest line above `lineStart` (within a few lines) whose cells are headings. */
function headerCells(text: string, lineStart: number, isTarget: (heading: string) => boolean): Cell[] | null {
  let end = lineStart - 1;
  for (let hops = 0; end > 0 && hops < 60; hops++) {
    const s = text.lastIndexOf("\n", end - 1) + 1;
    const cells = cellsOf(text, s, end);
    if (cells.length >= 2 && cells.some((c) => YEAR.test(c.text) || isTarget(c.text))) return cells;
    if (!text.slice(s, end).trim() || cells.length < 2) return null;
    end = s - 1;
  }
  return null;
}

/**
 * The figures of `metrics` that stand in a cell of an indicator table (a row of
 * cells under a heading row naming years or goals: "县域内就诊率  86.5%  90%以上"
 * under "主要指标  2019年基数  2020年目标"), whatever rule found them, and the
 * rest. A figure inside a longer cell of prose (a task table's "任务" column) is
 * not a cell value and stays with the sentence rules.
 */
export function splitTableCells(ctx: DocumentContext, metrics: readonly MetricCandidate[]): { cells: MetricCandidate[]; rest: MetricCandidate[] } {
  const cells: MetricCandidate[] = [];
  const rest: MetricCandidate[] = [];
  const text = ctx.view.text;
  let targetWords: readonly string[] | null = null;
  // Figures in text order, so that each line is looked at once however long it is.
  const sorted = [...metrics].sort((a, b) => a.start - b.start);
  let ls = -1;
  let le = -1;
  let tabular = false;
  let header: boolean | null = null;
  let row: Cell[] = [];
  for (const m of sorted) {
    if (m.rule === "metric/table-cell") {
      cells.push(m);
      continue;
    }
    // A value cell is short: a cell gap (or the line's end) lies close on both sides.
    if (!gapNear(text, m.start, -1) || !gapNear(text, m.end, 1)) {
      rest.push(m);
      continue;
    }
    if (m.start >= le || m.start < ls) {
      [ls, le] = lineAround(text, m.start);
      tabular = hasCellGap(text, ls, le);
      header = null;
      row = tabular ? cellsOf(text, ls, le) : [];
    }
    if (!tabular) {
      rest.push(m);
      continue;
    }
    const cell = row.find((c) => c.start <= m.start && m.end <= c.end);
    let ok = !!cell && row.length >= 2 && cell !== row[0] && isValueCell(cell, m);
    if (ok) {
      if (header === null) {
        const words = (targetWords ??= tableWords(ctx.patterns).target_headers);
        header = !!headerCells(text, ls, (h) => words.some((w) => h.includes(w)));
      }
      ok = header;
    }
    (ok ? cells : rest).push(m);
  }
  return { cells, rest };
}

/** How far a cell gap may be from the figure in a value cell ("≤", "90%以上", "12/10万以下"). */
const NEAR = 8;

/** Whether a tab, two spaces or a line end lies within NEAR characters of `pos`, looking in direction `dir`. */
function gapNear(text: string, pos: number, dir: 1 | -1): boolean {
  for (let k = 0; k < NEAR; k++) {
    const i = dir > 0 ? pos + k : pos - 1 - k;
    if (i < 0 || i >= text.length) return true;
    const c = text.charCodeAt(i);
    if (c === 10 || c === 9) return true;
    if (c === 32 && text.charCodeAt(i + dir) === 32) return true;
  }
  return false;
}

/**
 * Whether text[s, e) holds a tab or two spaces in a row between two cells: the
 * indentation of a paragraph and trailing blanks do not count.
 */
function hasCellGap(text: string, s: number, e: number): boolean {
  while (s < e && text.charCodeAt(s) <= 32) s++;
  while (e > s && text.charCodeAt(e - 1) <= 32) e--;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 9 || (c === 32 && text.charCodeAt(i + 1) === 32)) return true;
  }
  return false;
}

/** A cell that holds the figure and little else: "86.5%", "90%以上", "≤9", "约12/10万", "不低于60%". */
function isValueCell(cell: Cell, m: MetricCandidate): boolean {
  return m.start - cell.start <= 3 && cell.end - m.end <= 4;
}

export function attributeTableCells(ctx: DocumentContext, cells: MetricCandidate[], _dates: readonly DateCandidate[]): void {
  const text = ctx.view.text;
  const targetWords = tableWords(ctx.patterns).target_headers;
  const isTarget = (heading: string) => targetWords.some((w) => heading.includes(w));
  const headers = new Map<number, Cell[] | null>();
  for (const m of cells) {
    const [ls, le] = lineAround(text, m.start);
    const row = cellsOf(text, ls, le);
    const label = row.find((c) => HAN.test(c.text) && c.end <= m.start);
    // Read from the original: the view has turned "（助理）" into "(助理)".
    const labelText = label ? ctx.view.original.slice(ctx.view.toOriginalStart(label.start), ctx.view.toOriginalEnd(label.end)).trim() : "";
    let indicator = labelText.replace(LABEL_UNIT, "");
    // "每千人口执业（助理）医师数": the denominator is `per`, not part of what is measured.
    const per = m.fields.per;
    if (per && indicator.startsWith(per) && indicator.length > per.length) indicator = indicator.slice(per.length);
    else if (per && indicator.startsWith("每" + per)) indicator = indicator.slice(per.length + 1);
    m.fields.indicator = indicator || null;
    m.fields.subject = null;
    m.fields.role = "level";
    const col = row.findIndex((c) => c.start <= m.start && m.end <= c.end);
    // Cells of one row, and rows of one table, share their heading row: look it up once per line.
    let header = headers.get(ls);
    if (header === undefined) {
      header = headerCells(text, ls, isTarget);
      headers.set(ls, header);
    }
    if (!header || col < 0) continue;
    // Rows may carry a leading number the header lacks: align from the right.
    const h = header[header.length - (row.length - col)];
    if (!h) continue;
    const year = YEAR.exec(h.text);
    if (year) {
      m.fields.year = Number(year[1]);
      // "2019年基数": the time is the year, not the rest of the heading.
      const ys = h.start + (year.index ?? 0);
      m.fields.time = ctx.view.original.slice(ctx.view.toOriginalStart(ys), ctx.view.toOriginalEnd(ys + year[0].length)).trim();
      const years = header.map((c) => YEAR.exec(c.text)).filter((x) => x).map((x) => Number(x![1]));
      if (years.length >= 2 && m.fields.year === Math.max(...years) && ctx.genre === "plan") m.fields.role = "target";
    }
    if (isTarget(h.text)) m.fields.role = "target";
  }
}
