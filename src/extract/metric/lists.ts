// Coordinated lists (SPEC §3 Lists): metrics joined only by 、/和/及… share a
// trailing unit and qualifier ("分别约为70万、32万份" → both 份, both approx;
// "分别达到80%和70%以上" → both at_least; "分别提高1.2和2.1个百分点" → the bare
// 1.2 takes 个百分点). A unit is lent only to a member that has none and the same
// scale word, so "过10亿、2-3家" stays two kinds of thing.
import { tidy } from "../../numbers/index.js";
import type { TextView } from "../../text/view.js";
import type { CueMatch, MetricPatterns } from "./patterns.js";
import type { MetricRead } from "./scan.js";

export interface Cued {
  read: MetricRead;
  before: CueMatch | null;
  after: CueMatch | null;
  /** Qualifier lent by a list neighbour. */
  lent: CueMatch["qualifier"] | null;
  /** A bare number: it becomes a metric only if a list lends it a unit. */
  bare: boolean;
}

export function outerStart(c: Cued): number {
  return c.before ? c.before.start : c.read.start;
}

export function outerEnd(c: Cued): number {
  return c.after ? c.after.end : c.read.end;
}

function ownQualifier(c: Cued): boolean {
  return c.before !== null || c.after !== null || c.read.inside !== null || c.lent !== null;
}

/**
 * Split `items` (in text order) into chains of list members and distribute over
 * each. A chain is a run items[from, k) of neighbours joined by their gaps; most
 * are one item long and need no array of their own. The view tells whether a ","
 * was an ASCII comma in the original, which joins bare numbers ("分别为12,30个").
 * Returns the members that were lent a unit (their rule is "metric/list-unit").
 */
export function distributeLists(text: string, p: MetricPatterns, items: Cued[], view: TextView): Cued[] {
  const lent: Cued[] = [];
  let from = 0;
  for (let k = 1; k <= items.length; k++) {
    if (k < items.length) {
      const prev = items[k - 1]!;
      const a = outerEnd(prev);
      const b = outerStart(items[k]!);
      if (b > a && joinedByGap(text, p, a, b, prev.bare, view)) continue;
    }
    if (k - from > 1) distribute(items.slice(from, k), lent);
    from = k;
  }
  return lent;
}

/**
 * Whether text[a, b) joins two list members: a connector between blanks
 * (listGapRe), or the ASCII comma after a bare number. Most gaps are whole
 * clauses: the first unit after the blanks rules those out without a slice.
 */
function joinedByGap(text: string, p: MetricPatterns, a: number, b: number, bare: boolean, view: TextView): boolean {
  if (bare && b === a + 1 && text.charCodeAt(a) === 0x2c && view.original[view.toOriginalStart(a)] === ",") return true;
  const first = p.pre.listGapFirst;
  if (first !== null && !first.at(text, p.pre.blanks.skipForward(text, a))) return false;
  return p.listGapRe.test(text.slice(a, b));
}

function lendUnit(a: Cued, b: MetricRead, rule: string, lent: Cued[]): void {
  lent.push(a);
  const r = a.read;
  r.unit = b.unit;
  r.category = b.category;
  r.noCounter = false;
  r.rule = rule;
  if (a.bare) {
    r.multiplier = b.multiplier;
    r.value = tidy(r.value * b.multiplier);
    a.bare = false;
  }
}

function distribute(chain: Cued[], lent: Cued[]): void {
  for (let k = chain.length - 2; k >= 0; k--) {
    const a = chain[k]!;
    const b = chain[k + 1]!;
    const ar = a.read;
    const br = b.read;
    if (b.bare) continue;
    if (a.bare) {
      // "1.2和2.1个百分点", "12,30个": a bare number takes the unit after it.
      if (!br.noCounter) lendUnit(a, br, "metric/list-unit", lent);
    } else if (ar.noCounter && !br.noCounter && br.unit !== "" && ar.multiplier === br.multiplier && br.multiplier !== 1) {
      // "70万、32万份": the scale matches, the unit travels back.
      lendUnit(a, br, "metric/list-unit", lent);
    } else if (ar.noCounter && br.noCounter && ar.category === "other" && ar.multiplier === br.multiplier) {
      ar.category = br.category;
    } else if (ar.category === "count" && (br.category === "percentage_point" || br.category === "duration") &&
      br.unit.startsWith(ar.unit) && br.unit.length > ar.unit.length && ar.multiplier === br.multiplier) {
      // "１．８个和２．１个百分点": the counter was the start of the shared unit.
      ar.unit = br.unit;
      ar.category = br.category;
    }
  }
  // A member without a counter takes the category of the one before it ("1,532万和1,628万").
  for (let k = 1; k < chain.length; k++) {
    const a = chain[k - 1]!.read;
    const b = chain[k]!.read;
    if (b.noCounter && a.noCounter && b.category === "other" && a.multiplier === b.multiplier) b.category = a.category;
  }
  const members = chain.filter((c) => !c.bare);
  if (members.length < 2) return;
  // A trailing qualifier covers the members before it that have none of their own.
  const last = members[members.length - 1]!;
  if (last.after) {
    for (let k = members.length - 2; k >= 0; k--) {
      const c = members[k]!;
      if (ownQualifier(c)) break;
      c.lent = last.after.qualifier;
    }
  }
  // A leading qualifier covers the members after it that count the same thing.
  const first = members[0]!;
  if (first.before) {
    for (let k = 1; k < members.length; k++) {
      const c = members[k]!;
      if (ownQualifier(c)) break;
      if (c.read.unit !== first.read.unit || c.read.category !== first.read.category) break;
      c.lent = first.before.qualifier;
    }
  }
}
