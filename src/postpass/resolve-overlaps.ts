// Overlap resolution between candidates of the metric and date extractors: a year
// is a date, not a metric; otherwise the longer span wins, and on a tie the
// earlier one. Responsible units never compete with the others (they sit inside
// notes whose numbers are not metrics anyway).
import type { Candidate } from "../extract/types.js";
import { lowerBound } from "../text/line-index.js";

export function resolveOverlaps<C extends Candidate>(candidates: C[]): C[] {
  const competing: C[] = [];
  const others: C[] = [];
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    (c.type === "responsible_unit" ? others : competing).push(c);
  }
  // A span can only lose to a span it overlaps, directly or through a chain of
  // overlapping spans. So the spans are cut into such clusters in one sweep by
  // start, and ranking (which sorts, costing n log n comparisons per document)
  // is done only inside clusters of two or more: in reports nearly every span
  // stands alone. An empty span is outside this reasoning: then rank them all.
  const byStart = sortedByStart(competing);
  if (byStart === null) return finalOrder(rankAndKeep(competing), others);
  const kept: C[] = [];
  let order: Map<C, number> | null = null; // index in `competing`, built at the first cluster
  let from = 0;
  let maxEnd = -Infinity;
  for (let k = 0; k <= byStart.length; k++) {
    const c = byStart[k];
    if (c !== undefined && c.start < maxEnd) {
      maxEnd = Math.max(maxEnd, c.end);
      continue;
    }
    // byStart[from, k) is a cluster.
    if (k - from === 1) kept.push(byStart[from]!);
    else if (k - from > 1) {
      order ??= new Map(competing.map((s, i) => [s, i]));
      const index = order;
      // Ranking is a stable sort: give it the cluster in its order in `competing`.
      const cluster = byStart.slice(from, k).sort((a, b) => index.get(a)! - index.get(b)!);
      for (const w of rankAndKeep(cluster)) kept.push(w);
    }
    from = k;
    if (c !== undefined) maxEnd = c.end;
  }
  // Kept spans do not overlap, so their start order is their (start, end) order
  // whatever order ranking left them in.
  return mergeByStart(sortedKept(kept), others);
}

/**
 * The original ranking: dates before metrics, longer before shorter, earlier
 * before later (a stable sort, so equal ones stay in input order); each span is
 * kept unless it overlaps one kept before it. Returns the kept spans in rank order.
 */
function rankAndKeep<C extends Candidate>(competing: C[]): C[] {
  const ranked = [...competing].sort((a, b) => {
    if (a.type !== b.type) return a.type === "date" ? -1 : 1;
    return (b.end - b.start) - (a.end - a.start) || a.start - b.start;
  });
  // A kept span overlaps c when it starts before c ends and ends after c starts:
  // kept ends are held by start order in a prefix-maximum tree, so each question
  // costs log n instead of a pass over everything kept.
  const byStart = ranked.map((_, i) => i).sort((i, j) => ranked[i]!.start - ranked[j]!.start);
  const starts = byStart.map((i) => ranked[i]!.start);
  const slot = new Int32Array(ranked.length);
  byStart.forEach((i, k) => { slot[i] = k; });
  const keptEnds = new PrefixMax(ranked.length);
  const kept: C[] = [];
  ranked.forEach((c, i) => {
    // Same-type distributive lists may share nothing; different types never overlap.
    if (keptEnds.upTo(lowerBound(starts, c.end)) > c.start) return;
    kept.push(c);
    keptEnds.raise(slot[i]!, c.end);
  });
  return kept;
}

/** The output order: by start, then end; on a tie kept spans before responsible units, each group in its own order. */
function finalOrder<C extends Candidate>(kept: C[], others: C[]): C[] {
  return [...kept, ...others].sort(byStartThenEnd);
}

function byStartThenEnd(a: Candidate, b: Candidate): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * The competing spans sorted by start, or null when one is empty. The input is
 * a few runs already in text order (one per extractor): they are merged, with
 * no comparator calls; input in another order is sorted.
 */
function sortedByStart<C extends Candidate>(spans: C[]): C[] | null {
  const runs: number[] = [0];
  for (let k = 0; k < spans.length; k++) {
    const c = spans[k]!;
    if (c.end <= c.start) return null;
    if (k > 0 && c.start < spans[k - 1]!.start) runs.push(k);
  }
  if (runs.length > 4) return [...spans].sort((a, b) => a.start - b.start);
  let out: C[] = [];
  for (let r = 0; r < runs.length; r++) out = mergeRuns(out, spans, runs[r]!, r + 1 < runs.length ? runs[r + 1]! : spans.length);
  return out;
}

/** `left` (sorted by start) merged with spans[from, to) (sorted by start); on equal starts `left` first (stable). */
function mergeRuns<C extends Candidate>(left: C[], spans: C[], from: number, to: number): C[] {
  if (left.length === 0) return spans.slice(from, to);
  const out: C[] = [];
  let i = 0;
  let j = from;
  while (i < left.length && j < to) out.push(spans[j]!.start < left[i]!.start ? spans[j++]! : left[i++]!);
  while (i < left.length) out.push(left[i++]!);
  while (j < to) out.push(spans[j++]!);
  return out;
}

function sortedKept<C extends Candidate>(kept: C[]): C[] {
  for (let k = 1; k < kept.length; k++) if (kept[k]!.start < kept[k - 1]!.start) return kept.sort(byStartThenEnd);
  return kept;
}

/** finalOrder for kept spans already in (start, end) order: a merge instead of a sort. */
function mergeByStart<C extends Candidate>(kept: C[], others: C[]): C[] {
  const rest = others.length > 1 ? [...others].sort(byStartThenEnd) : others;
  if (rest.length === 0) return kept;
  const out: C[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length && j < rest.length) out.push(byStartThenEnd(rest[j]!, kept[i]!) < 0 ? rest[j++]! : kept[i++]!);
  while (i < kept.length) out.push(kept[i++]!);
  while (j < rest.length) out.push(rest[j++]!);
  return out;
}

/** Maxima of prefixes of an array whose entries only grow (a Fenwick tree). */
class PrefixMax {
  private readonly tree: Float64Array;

  constructor(n: number) {
    this.tree = new Float64Array(n + 1).fill(-Infinity);
  }

  /** Raise entry `k` (0-based) to at least `value`. */
  raise(k: number, value: number): void {
    for (let i = k + 1; i < this.tree.length; i += i & -i) if (this.tree[i]! < value) this.tree[i] = value;
  }

  /** The largest of the first `count` entries (-Infinity when none). */
  upTo(count: number): number {
    let max = -Infinity;
    for (let i = count; i > 0; i -= i & -i) if (this.tree[i]! > max) max = this.tree[i]!;
    return max;
  }
}
