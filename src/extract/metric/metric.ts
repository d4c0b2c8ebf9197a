// The metric extractor (SPEC §3): one pass of the number reader's start regex
// over the view finds every numeral; scan.ts reads each into a span with value,
// unit and category or a veto; then qualifier cues, coordinated lists, the
// category of counter-less numbers and `per` are settled. Indicator, subject,
// year, time and role are left to the attribution stage.
import type { DocumentContext, ExtractResult, MetricCandidate, Veto } from "../types.js";
import { lastIndexWithin, noCounterCategory, perBefore } from "./context.js";
import { tidy } from "../../numbers/index.js";
import { distributeLists, type Cued } from "./lists.js";
import { metricPatterns } from "./patterns.js";
import { cueAfter, cueBefore } from "./qualifiers.js";
import { originalOf, scanAt, type BareRead, type MetricRead, type ScanContext } from "./scan.js";
import { extractTableCells, lastStartBefore } from "./table.js";

export function extractMetrics(ctx: DocumentContext): ExtractResult<"metric"> {
  const p = metricPatterns(ctx.patterns);
  const view = ctx.view;
  const text = view.text;
  const sc: ScanContext = {
    text,
    view,
    p,
    joined: (i) => i > 0 && i < text.length && view.toOriginalStart(i) === view.toOriginalStart(i - 1) + 1,
  };

  const vetoes: Veto[] = [];
  const items: Cued[] = [];
  const re = new RegExp(p.reader.startRe.source, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const step = scanAt(sc, m.index);
    if (step.kind === "metric") {
      const read = step.read;
      if (read.noCounter) read.category = noCounterCategory(text, p, read);
      items.push({
        read,
        before: cueBefore(text, p, read.start, read.category),
        after: cueAfter(text, p, read.end, read.category),
        lent: null,
        bare: false,
      });
    } else if (step.kind === "bare") {
      items.push({ read: bareRead(step.bare), before: null, after: null, lent: null, bare: true });
    } else if (step.kind === "veto") {
      vetoes.push(step.veto);
    }
    re.lastIndex = Math.max(step.next, m.index + 1);
  }

  distributeLists(text, p, items, (i) => view.original[view.toOriginalStart(i)] === ",");
  const metrics = items.filter((c) => !c.bare);
  // Lent units give lent members their cues now that their category is known.
  for (const c of metrics) {
    if (c.read.rule === "metric/list-unit" && !c.before && !c.after) {
      c.before = cueBefore(text, p, c.read.start, c.read.category);
      c.after = cueAfter(text, p, c.read.end, c.read.category);
    }
  }
  inheritNoCounterCategories(text, metrics);
  const pers = assignPer(sc, metrics);

  const candidates: MetricCandidate[] = metrics.map((c, k) => {
    const r = c.read;
    // An explicit cue after the number is the closest to it, then one before,
    // then one lent by a list neighbour, then 余/多 inside the span.
    const qualifier = c.after?.qualifier ?? c.before?.qualifier ?? c.lent ?? r.inside;
    const number = r.numberParts.map(([s, e]) => originalOf(sc, s, e)).join("").replace(/\s+/gu, "");
    return {
      type: "metric",
      start: r.start,
      end: r.end,
      rule: r.rule,
      fields: {
        value: r.value,
        value_max: r.valueMax,
        number,
        multiplier: r.multiplier,
        unit: r.unit,
        category: r.category,
        qualifier: qualifier ?? null,
        indicator: null,
        subject: null,
        year: null,
        time: null,
        role: "level",
        per: pers[k] ?? null,
      },
    };
  });
  // Bare numbers in indicator-table cells take their unit from the row label;
  // cells the scan above already reports stay with it. A unit written in a label
  // ("孕产妇死亡率(/10万)") is not a figure itself.
  const table = extractTableCells(sc, ctx.patterns, candidates);
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

function bareRead(b: BareRead): MetricRead {
  return {
    start: b.start,
    end: b.end,
    numberParts: [[b.start, b.end]],
    value: tidy(b.value),
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

const SENTENCE_END = /[。！？!?\n]/u;
/** A population denominator covers the figures after it up to the end of its sentence or clause group. */
const CARRY_END = /[。！？!?\n；;]/u;

/**
 * A number without a counter and without a cue takes the category of the last
 * such number before it in the sentence: "过10亿的…有12家，过5亿的有31家".
 */
function inheritNoCounterCategories(text: string, metrics: Cued[]): void {
  let prev: MetricRead | null = null;
  for (const c of metrics) {
    const r = c.read;
    if (!r.noCounter) continue;
    if (r.category === "other" && prev && prev.category !== "other" && prev.multiplier === r.multiplier &&
      !SENTENCE_END.test(text.slice(prev.end, r.start))) {
      r.category = prev.category;
    }
    prev = r;
  }
}

/** Categories a population denominator does not carry over to: shares and rates have their own base. */
const OWN_BASE = new Set(["percent", "permille", "percentage_point", "rate"]);

/**
 * `per` of each metric: the denominator in its own clause; else a population
 * denominator stated earlier in the sentence carries over to the figures that
 * follow ("每千常住人口床位数6.12张，执业医师2.86人，注册护士3.31人").
 */
function assignPer(sc: ScanContext, metrics: Cued[]): Array<string | null> {
  const { text, p } = sc;
  const out: Array<string | null> = [];
  let carry: { text: string; at: number; end: number } | null = null;
  for (const c of metrics) {
    const r = c.read;
    if (carry && (CARRY_END.test(text.slice(carry.end, r.start)) || lastIndexWithin(text, p.perMarker, carry.at + 1, r.start) >= 0)) {
      carry = null;
    }
    if (r.per) {
      out.push(r.per);
      continue;
    }
    const found = perBefore(sc, r.start);
    if (found) {
      out.push(found.text);
      carry = found.population ? { text: found.text, at: found.at, end: r.end } : null;
      continue;
    }
    out.push(carry && !OWN_BASE.has(r.category) ? carry.text : null);
    if (carry) carry.end = r.end;
  }
  return out;
}
