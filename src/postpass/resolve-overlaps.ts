// Overlap resolution between candidates of the metric and date extractors: a year
// is a date, not a metric; otherwise the longer span wins, and on a tie the
// earlier one. Responsible units never compete with the others (they sit inside
// notes whose numbers are not metrics anyway).
import type { Candidate } from "../extract/types.js";
import { lowerBound } from "../text/line-index.js";

export function resolveOverlaps<C extends Candidate>(candidates: C[]): C[] {
  const competing = candidates.filter((c) => c.type !== "responsible_unit");
  const others = candidates.filter((c) => c.type === "responsible_unit");
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
  return [...kept, ...others].sort((a, b) => a.start - b.start || a.end - b.end);
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
