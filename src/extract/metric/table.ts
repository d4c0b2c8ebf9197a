// Figures in indicator tables written as text, common in five-year plans:
// "人均预期寿命(岁)	78.9	79.8	预期性". A row is a line of two or more cells
// split by tabs or runs of two or more spaces; a cell holding a bare number (with
// ≤/≥/以上… around it) is a metric whose unit is the row label's bracketed unit
// or the row's cell in a 单位 column. The normal scanner has no unit to read
// there, so these cells are found here; cells it already reports are left to it.
import { z } from "zod";
import { PatternError, type PatternSet } from "../../patterns/load.js";
import type { MetricCandidate } from "../types.js";
import { perBefore, UNATTRIBUTED } from "./context.js";
import type { MetricCategory, MetricPatterns, QualifierName } from "./patterns.js";
import { originalOf, type ScanContext } from "./scan.js";
import { tidy } from "../../numbers/index.js";
import type { UnitSet } from "../../numbers/code-units.js";

const Words = z.array(z.string().min(1)).default([]);
const TableSection = z.object({
  table: z
    .object({
      unit_columns: Words,
      skip_columns: Words,
      value_headers: Words,
      year_labels: Words,
      leaders: Words,
      target_headers: Words,
    })
    .default({ unit_columns: [], skip_columns: [], value_headers: [], year_labels: [], leaders: [], target_headers: [] }),
});
type TableWords = z.infer<typeof TableSection>["table"];

// The `table` key of metric-cues.yaml; read here (not through compiledSection,
// which memoises the section under the scanner's schema) and cached per set.
const cache = new WeakMap<PatternSet, TableWords>();
export function tableWords(set: PatternSet): TableWords {
  const hit = cache.get(set);
  if (hit) return hit;
  const parsed = TableSection.safeParse(set.sections.get("metric-cues") ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PatternError("metric-cues.yaml", `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const words = parsed.data.table;
  cache.set(set, words);
  return words;
}

export interface Cell {
  start: number;
  end: number;
  text: string;
}

export interface Row {
  cells: Cell[];
}

/** Tabs, or two or more spaces (the view keeps these; a lone space it drops or keeps inside a cell). */
const CELL_GAP = /[ ]*\t[ \t]*| {2,}/gu;
const CJK = /[\u3400-\u9fff]/u;

/** The cells of the line text[start, end), or null when it is not a table row (fewer than two cells). */
export function splitRow(text: string, start: number, end: number): Row | null {
  const line = text.slice(start, end);
  const cells: Cell[] = [];
  let at = 0;
  const push = (s: number, e: number) => {
    let a = s;
    let b = e;
    while (a < b && /\s/u.test(line[a]!)) a++;
    while (b > a && /\s/u.test(line[b - 1]!)) b--;
    if (b > a) cells.push({ start: start + a, end: start + b, text: line.slice(a, b) });
  };
  CELL_GAP.lastIndex = 0;
  let m: RegExpExecArray | null;
  let gaps = 0;
  while ((m = CELL_GAP.exec(line))) {
    if (m.index === 0 || m.index + m[0].length === line.length) continue; // indentation, trailing blanks
    push(at, m.index);
    at = m.index + m[0].length;
    gaps++;
  }
  push(at, line.length);
  return gaps > 0 && cells.length >= 2 ? { cells } : null;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}


function indexOrInfinity(text: string, s: string, from: number): number {
  const k = text.indexOf(s, from);
  return k < 0 ? Infinity : k;
}

/** Blocks of consecutive table rows; one blank line may stand between rows. */
function tableBlocks(text: string, spaces: UnitSet): Row[][] {
  const blocks: Row[][] = [];
  let current: Row[] = [];
  let blanks = 0;
  let start = 0;
  // The next tab and the next double space at or after `start` (where CELL_GAP can
  // match), each found by a native indexOf and kept until the lines pass it: most
  // lines have neither, hence no cell gap, and are not split.
  let tabAt = -1;
  let pairAt = -1;
  while (start <= text.length) {
    if (tabAt < start) tabAt = indexOrInfinity(text, "\t", start);
    if (pairAt < start) pairAt = indexOrInfinity(text, "  ", start);
    const gapAt = Math.min(tabAt, pairAt);
    // Outside a block a line that is not a row changes nothing: go straight to
    // the line of the next gap (if any), instead of visiting every line.
    if (current.length === 0) {
      if (gapAt === Infinity) break;
      start = Math.max(start, text.lastIndexOf("\n", gapAt - 1) + 1);
    }
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    // All white space: what `trim()` removes.
    const blank = spaces.allWithin(text, start, end);
    const row = blank || gapAt >= end ? null : splitRow(text, start, end);
    if (row) {
      current.push(row);
      blanks = 0;
    } else if (blank && current.length && blanks === 0) {
      blanks++;
    } else if (current.length) {
      blocks.push(current);
      current = [];
      blanks = 0;
    }
    start = end + 1;
  }
  if (current.length) blocks.push(current);
  return blocks;
}

interface NumberCell {
  /** View offsets of the number alone. */
  start: number;
  end: number;
  value: number;
  plain: boolean;
  qualifier: QualifierName | null;
}

function longestPrefix<T>(s: string, map: ReadonlyMap<string, T>): [string, T] | null {
  let best: string | null = null;
  for (const k of map.keys()) if (s.startsWith(k) && (best === null || k.length > best.length)) best = k;
  return best === null ? null : [best, map.get(best)!];
}

const ARABIC = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?/u;

/** A cell that is one Arabic number, with a qualifier sign or word around it: "≤9", "60以上". */
function numberCell(p: MetricPatterns, cell: Cell): NumberCell | null {
  let s = cell.text;
  // Most cells are words: a number cell opens with a digit or a before cue.
  if (!isDigitCode(s.charCodeAt(0)) && !p.pre.beforeFirst.has(s.charCodeAt(0))) return null;
  let offset = 0;
  let qualifier: QualifierName | null = null;
  const before = longestPrefix(s, p.beforeCues);
  if (before) {
    qualifier = before[1].qualifier;
    const rest = s.slice(before[0].length);
    offset = before[0].length + (rest.length - rest.trimStart().length);
    s = rest.trimStart();
  }
  const m = ARABIC.exec(s);
  if (!m) return null;
  const digits = m[1]!;
  // "0851": a code, not a figure ("0.5" is fine).
  if (digits.length > 1 && digits[0] === "0") return null;
  const tail = s.slice(m[0].length).trim();
  if (tail) {
    const after = p.afterCues.get(tail);
    if (!after || qualifier) return null;
    qualifier = after.qualifier;
  }
  const value = Number(m[0].replace(/,/gu, ""));
  if (!Number.isFinite(value)) return null;
  const start = cell.start + offset;
  return { start, end: start + m[0].length, value, plain: !m[2] && !digits.includes(","), qualifier };
}

interface TableUnit {
  unit: string;
  multiplier: number;
  category: MetricCategory;
  per: string | null;
}

const RATE_UNIT = /^1?\/(\d+)/u;
const RATE_DENOMINATORS = new Set([100, 1000, 10000, 100000, 1000000]);

/** A unit as a table writes it: "岁", "%", "/10万", "1/10万", "万元", "元/人", "万人次". */
function parseUnit(p: MetricPatterns, raw: string): TableUnit | null {
  const u = raw.replace(/\s+/gu, "");
  if (!u) return null;
  const r = p.reader;
  // "/10万", "1/10万", "/1000": a rate per N population keeps its value (SPEC §3 Rates).
  const rm = RATE_UNIT.exec(u);
  if (rm) {
    const after = rm[0].length;
    const scale = after < u.length ? r.readScale(u, after) : null;
    if (scale ? scale.end !== u.length : after !== u.length) return null;
    if (!scale && !RATE_DENOMINATORS.has(Number(rm[1]))) return null;
    const per = u.slice(u.indexOf("/") + 1);
    return { unit: `1/${per}`, multiplier: 1, category: "rate", per };
  }
  const word = (at: number): TableUnit | null => {
    const list = p.unitsByFirst.get(u.charCodeAt(at)) ?? [];
    for (const spec of list) {
      if (!u.startsWith(spec.word, at)) continue;
      const rest = u.slice(at + spec.word.length);
      const name = spec.unit ?? spec.word;
      if (!rest) return { unit: name, multiplier: 1, category: spec.category, per: null };
      p.perUnitRe.lastIndex = 0;
      const m = p.perUnitRe.exec(rest);
      if (m && m[0].length === rest.length) return { unit: `${name}/${m[1]!}`, multiplier: 1, category: spec.category, per: m[1]! };
    }
    return null;
  };
  // A unit that starts like a scale word wins, as in the scanner: "千米", "百分点".
  const direct = word(0);
  if (direct) return direct;
  const scale = r.readScale(u, 0);
  if (!scale) return null;
  if (scale.end === u.length) return { unit: "", multiplier: scale.multiplier, category: "other", per: null };
  const scaled = word(scale.end);
  return scaled ? { ...scaled, multiplier: scale.multiplier } : null;
}

/** The bracketed unit that ends a row label: "孕产妇死亡率(/10万)" → "/10万", with its offsets in the label. */
function labelUnit(label: string): { text: string; start: number; end: number } | null {
  const m = /\(([^()]{1,8})\)\s*$/u.exec(label);
  return m ? { text: m[1]!, start: m.index + 1, end: m.index + 1 + m[1]!.length } : null;
}

function isYearLike(c: NumberCell): boolean {
  return c.plain && c.value >= 1000 && c.value <= 2999 && Number.isInteger(c.value);
}

function headerIndexOf(header: Row | null, words: readonly string[]): number {
  if (!header) return -1;
  return header.cells.findIndex((c) => words.includes(c.text));
}

/**
 * Metrics of the numeric cells of indicator tables in the view. `taken` holds the
 * spans the scanner already reports; a cell overlapping one is left to it.
 */
export interface TableCells {
  cells: MetricCandidate[];
  /** View spans of the units written in labels and unit columns ("(/10万)"): no figure is read there. */
  units: Array<{ start: number; end: number }>;
}

export function extractTableCells(
  sc: ScanContext,
  patterns: PatternSet,
  taken: ReadonlyArray<{ start: number; end: number }>,
): TableCells {
  const { text, p } = sc;
  const out: MetricCandidate[] = [];
  const units: TableCells["units"] = [];
  const blocks = tableBlocks(text, p.pre.spaces);
  if (blocks.length === 0) return { cells: out, units };
  const w = tableWords(patterns);
  // The scanner's spans come in text order and do not overlap: a binary search keeps long documents linear.
  // (Sorted already as they come from the scan: no copy then.)
  const spans = isSortedByStart(taken) ? taken : [...taken].sort((a, b) => a.start - b.start);
  const overlaps = (s: number, e: number) => {
    const k = lastStartBefore(spans, e);
    return k >= 0 && spans[k]!.end > s;
  };

  for (const block of blocks) {
    // The heading row: the first row when it holds no figure (its years are dates).
    const first = block[0]!;
    const firstNums = first.cells.map((c) => numberCell(p, c));
    const header = firstNums.every((n) => n === null || isYearLike(n)) ? first : null;
    const unitCol = headerIndexOf(header, w.unit_columns);

    for (const row of block) {
      if (row === header) continue;
      const labelAt = row.cells.findIndex((c) => CJK.test(c.text));
      if (labelAt < 0) continue;
      const label = row.cells[labelAt]!;
      // "一、总体要求……3": page numbers of a table of contents.
      if (w.leaders.some((l) => label.text.includes(l))) continue;
      const aligned = header !== null && header.cells.length === row.cells.length;
      const yearRow = w.year_labels.includes(label.text);

      let unit: TableUnit | null = null;
      if (unitCol >= 0 && aligned && unitCol !== labelAt) {
        const c = row.cells[unitCol]!;
        unit = parseUnit(p, c.text);
        if (unit) units.push({ start: c.start, end: c.end });
      }
      if (!unit) {
        const lu = labelUnit(label.text);
        if (lu) {
          unit = parseUnit(p, lu.text);
          if (unit) units.push({ start: label.start + lu.start, end: label.start + lu.end });
        }
      }

      // The label's denominator, read once per row (for the first cell that needs it).
      let labelPer: string | null | undefined;
      for (let k = labelAt + 1; k < row.cells.length; k++) {
        if (k === unitCol && aligned) continue;
        const heading = aligned ? header.cells[k]!.text : null;
        if (heading !== null && w.skip_columns.includes(heading)) continue;
        const n = numberCell(p, row.cells[k]!);
        if (!n) continue;
        // "年份	2016	2017": years in a row or column of their own are dates, not figures.
        if (yearRow || (isYearLike(n) && (!unit || unit.category === "duration"))) continue;
        // Without a unit, a bare number is a figure only under a heading that names a value or a year.
        if (!unit && !(heading !== null && (w.value_headers.some((v) => heading.includes(v)) || /\d{4}/u.test(heading)))) continue;
        if (overlaps(n.start, n.end)) continue;

        const u = unit ?? { unit: "", multiplier: 1, category: "other" as MetricCategory, per: null };
        // No counter ("(万)" or none): the category comes from the label's indicator words.
        const category = u.unit === "" ? noCounterCategoryOf(p, label.text) : u.category;
        const per = u.per ?? (labelPer === undefined ? (labelPer = perBefore(sc, label.end)?.text ?? null) : labelPer);
        out.push({
          type: "metric",
          start: n.start,
          end: n.end,
          rule: "metric/table-cell",
          fields: {
            value: tidy(n.value * u.multiplier),
            value_max: null,
            number: originalOf(sc, n.start, n.end).replace(/\s+/gu, ""),
            multiplier: u.multiplier,
            unit: u.unit,
            category,
            qualifier: n.qualifier,
            ...UNATTRIBUTED,
            per,
          },
        });
      }
    }
  }
  return { cells: out, units };
}

function isSortedByStart(spans: ReadonlyArray<{ start: number }>): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k - 1]!.start > spans[k]!.start) return false;
  return true;
}

/** Index of the last span (sorted by start) starting before `pos`, or -1. */
export function lastStartBefore(spans: ReadonlyArray<{ start: number }>, pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Category of a figure without a counter from the indicator words of its row label ("参保人数" → people). */
function noCounterCategoryOf(p: MetricPatterns, label: string): MetricCategory {
  p.noCounterBeforeRe.lastIndex = 0;
  let last: string | null = null;
  let m: RegExpExecArray | null;
  while ((m = p.noCounterBeforeRe.exec(label))) last = m[0];
  return last ? p.noCounterBefore.get(last)! : "other";
}
