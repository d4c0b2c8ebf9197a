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

export function attributeTableCells(ctx: DocumentContext, cells: MetricCandidate[], _dates: readonly DateCandidate[]): void {
  const text = ctx.view.text;
  const targetWords = tableWords(ctx.patterns).target_headers;
  const isTarget = (heading: string) => targetWords.some((w) => heading.includes(w));
  for (const m of cells) {
    const [ls, le] = lineAround(text, m.start);
    const row = cellsOf(text, ls, le);
    const label = row.find((c) => HAN.test(c.text) && c.end <= m.start);
    // Read from the original: the view has turned "（助理）" into "(助理)".
    const labelText = label ? ctx.view.original.slice(ctx.view.toOriginalStart(label.start), ctx.view.toOriginalEnd(label.end)).trim() : "";
    m.fields.indicator = labelText.replace(LABEL_UNIT, "") || null;
    m.fields.role = "level";
    const col = row.findIndex((c) => c.start <= m.start && m.end <= c.end);
    const header = headerCells(text, ls, isTarget);
    if (!header || col < 0) continue;
    // Rows may carry a leading number the header lacks: align from the right.
    const h = header[header.length - (row.length - col)];
    if (!h) continue;
    const year = YEAR.exec(h.text);
    if (year) {
      m.fields.year = Number(year[1]);
      m.fields.time = ctx.view.original.slice(ctx.view.toOriginalStart(h.start), ctx.view.toOriginalEnd(h.end)).trim();
      const years = header.map((c) => YEAR.exec(c.text)).filter((x) => x).map((x) => Number(x![1]));
      if (years.length >= 2 && m.fields.year === Math.max(...years) && ctx.genre === "plan") m.fields.role = "target";
    }
    if (isTarget(h.text)) m.fields.role = "target";
  }
}
