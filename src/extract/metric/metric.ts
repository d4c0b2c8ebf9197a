// The metric extractor (SPEC §3): one pass of the number reader over the view
// (nextStart) finds every numeral; scan.ts reads each into a span with value,
// unit and category or a veto; then qualifier cues, coordinated lists, the
// category of counter-less numbers and `per` are settled. Indicator, subject,
// year, time and role are left to the attribution stage.
import type { DocumentContext, ExtractResult, MetricCandidate, Veto } from "../types.js";
import { lastIndexWithin, noCounterCategory, perBefore, UNATTRIBUTED } from "./context.js";
import { UnitSet } from "../../numbers/code-units.js";
import { distributeLists, type Cued } from "./lists.js";
import { metricPatterns, type MetricPatterns } from "./patterns.js";
import { cueAfter, cueBefore } from "./qualifiers.js";
import { scanAt, scanContext, type BareRead, type MetricRead, type ScanContext } from "./scan.js";
import { extractTableCells, lastStartBefore } from "./table.js";

export function extractMetrics(ctx: DocumentContext): ExtractResult<"metric"> {
  const p = metricPatterns(ctx.patterns);
  const view = ctx.view;
  const text = view.text;
  const sc = scanContext(view, p);
  // Each step below is a function of its own: the loops are what gets hot, and
  // small functions are optimised sooner and at less cost than one large one.
  const { items, vetoes } = scanDocument(sc);
  const lent = distributeLists(text, p, items, view);
  const metrics = items.filter((c) => !c.bare);
  cueListMembers(text, p, lent);
  const candidates = finish(sc, metrics);
  // Bare numbers in indicator-table cells take their unit from the row label;
  // cells the scan above already reports stay with it. A unit written in a label
  // ("孕产妇死亡率(/10万)") is not a figure itself.
  const table = extractTableCells(sc, ctx.patterns, candidates);
  // Without tables the candidates are final: the scan made them in text order.
  if (table.units.length === 0 && table.cells.length === 0) return { candidates, vetoes };
  const inUnit = (c: MetricCandidate) => {
    const k = lastStartBefore(table.units, c.start + 1);
    return k >= 0 && c.end <= table.units[k]!.end;
  };
  for (const c of candidates) {
    if (inUnit(c)) vetoes.push({ start: c.start, end: c.end, rule: "metric-veto/table-unit", why: "the unit of a table row, not a figure" });
  }
  const all = [...candidates.filter((c) => !inUnit(c)), ...table.cells].sort((a, b) => a.start - b.start);
  return { candidates: all, vetoes };
}

/** Every numeral of the view read in text order: metrics with their cues, bare numbers, vetoes. */
function scanDocument(sc: ScanContext): { items: Cued[]; vetoes: Veto[] } {
  const { text, p } = sc;
  const vetoes: Veto[] = [];
  const items: Cued[] = [];
  // Every place a number may start (the reader's startRe), found by a code-unit pass.
  for (let at = p.reader.nextStart(text, 0); at >= 0;) {
    const step = scanAt(sc, at);
    if (step.kind === "metric") {
      const read = step.read!;
      if (read.noCounter) read.category = noCounterCategory(text, p, read);
      items.push({
        read,
        before: cueBefore(text, p, read.start, read.category),
        after: cueAfter(text, p, read.end, read.category),
        lent: null,
        bare: false,
      });
    } else if (step.kind === "bare") {
      items.push({ read: bareRead(step.bare!), before: null, after: null, lent: null, bare: true });
    } else if (step.kind === "veto") {
      vetoes.push(step.veto!);
    }
    at = p.reader.nextStart(text, Math.max(step.next, at + 1));
  }
  return { items, vetoes };
}

/**
 * Lent units give lent members their cues now that their category is known
 * (`lent`: the members distributeLists lent a unit to, the only ones whose rule
 * is "metric/list-unit"; a few, so no loop over every metric).
 */
function cueListMembers(text: string, p: MetricPatterns, lent: Cued[]): void {
  // (Indexed loops throughout: for-of is slower until the code is optimised.)
  for (let k = 0; k < lent.length; k++) {
    const c = lent[k]!;
    if (!c.before && !c.after) {
      c.before = cueBefore(text, p, c.read.start, c.read.category);
      c.after = cueAfter(text, p, c.read.end, c.read.category);
    }
  }
}

function candidateOf(sc: ScanContext, c: Cued, per: string | null): MetricCandidate {
  const r = c.read;
  // An explicit cue after the number is the closest to it, then one before,
  // then one lent by a list neighbour, then 余/多 inside the span.
  const qualifier = c.after?.qualifier ?? c.before?.qualifier ?? c.lent ?? r.inside;
  return {
    type: "metric",
    start: r.start,
    end: r.end,
    rule: r.rule,
    fields: {
      value: r.value,
      value_max: r.valueMax,
      number: numberText(sc, r),
      multiplier: r.multiplier,
      unit: r.unit,
      category: r.category,
      qualifier: qualifier ?? null,
      ...UNATTRIBUTED,
      per,
    },
  };
}

/** The number as written in the original, white space removed ("1 285" → "1285"). */
function numberText(sc: ScanContext, r: MetricRead): string {
  const written = r.gapStart < 0
    ? original(sc, r.numberStart, r.numberEnd)
    : original(sc, r.numberStart, r.gapStart) + original(sc, r.gapEnd, r.numberEnd);
  return HAS_SPACE.test(written) ? written.replace(/\s+/gu, "") : written;
}

const HAS_SPACE = /\s/u;

/** The original text of view offsets [start, end) (scan.ts originalOf; kept local as it runs per metric). */
function original(sc: ScanContext, start: number, end: number): string {
  return sc.view.original.slice(sc.view.toOriginalStart(start), sc.view.toOriginalEnd(end));
}

function bareRead(b: BareRead): MetricRead {
  return {
    start: b.start,
    end: b.end,
    numberStart: b.start,
    numberEnd: b.end,
    gapStart: -1,
    gapEnd: -1,
    value: b.value, // already tidy: scanAt valued it with valueTimes
    valueMax: null,
    multiplier: 1,
    unit: "",
    category: "other",
    inside: null,
    per: null,
    rule: "metric/list-unit",
    noCounter: false,
  };
}

// Code-unit sets, tested over the text between consecutive metrics without slicing it.
const SENTENCE_END = new UnitSet(["。", "！", "？", "!", "?", "\n"]);
/** A population denominator covers the figures after it up to the end of its sentence or clause group. */
const CARRY_END = new UnitSet(["。", "！", "？", "!", "?", "\n", "；", ";"]);

/** Categories a population denominator does not carry over to: shares and rates have their own base. */
const OWN_BASE = new Set(["percent", "permille", "percentage_point", "rate"]);

/**
 * One pass over the metrics in text order settles what depends on the metrics
 * before them, then makes each candidate (one loop, not one per step: each
 * loop is a function V8 optimises on its own).
 * - A number without a counter and without a cue takes the category of the last
 *   such number before it in the sentence: "过10亿的…有12家，过5亿的有31家".
 * - `per`: the denominator in its own clause; else a population denominator
 *   stated earlier in the sentence carries over to the figures that follow
 *   ("每千常住人口床位数6.12张，执业医师2.86人，注册护士3.31人"), except to
 *   shares and rates (so after the category is settled).
 */
function finish(sc: ScanContext, metrics: Cued[]): MetricCandidate[] {
  const { text, p } = sc;
  const out: MetricCandidate[] = [];
  let prevNoCounter: MetricRead | null = null;
  let carry: { text: string; at: number; end: number } | null = null;
  for (let k = 0; k < metrics.length; k++) {
    const c = metrics[k]!;
    const r = c.read;
    if (r.noCounter) {
      const prev = prevNoCounter;
      if (r.category === "other" && prev && prev.category !== "other" && prev.multiplier === r.multiplier &&
        !SENTENCE_END.anyWithin(text, prev.end, r.start)) {
        r.category = prev.category;
      }
      prevNoCounter = r;
    }

    if (carry && (CARRY_END.anyWithin(text, carry.end, r.start) || lastIndexWithin(text, p.perMarker, carry.at + 1, r.start) >= 0)) {
      carry = null;
    }
    let per: string | null;
    if (r.per) {
      per = r.per;
    } else {
      const found = perBefore(sc, r.start);
      if (found) {
        per = found.text;
        carry = found.population ? { text: found.text, at: found.at, end: r.end } : null;
      } else {
        per = carry && !OWN_BASE.has(r.category) ? carry.text : null;
        if (carry) carry.end = r.end;
      }
    }
    out.push(candidateOf(sc, c, per));
  }
  return out;
}
