// Overlap resolution between candidates of the metric and date extractors: a year
// is a date, not a metric; otherwise the longer span wins, and on a tie the
// earlier one. Responsible units never compete with the others (they sit inside
// notes whose numbers are not metrics anyway).
import type { Candidate } from "../extract/types.js";

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

export function resolveOverlaps<C extends Candidate>(candidates: C[]): C[] {
  const competing = candidates.filter((c) => c.type !== "responsible_unit");
  const others = candidates.filter((c) => c.type === "responsible_unit");
  const ranked = [...competing].sort((a, b) => {
    if (a.type !== b.type) return a.type === "date" ? -1 : 1;
    return (b.end - b.start) - (a.end - a.start) || a.start - b.start;
  });
  const kept: C[] = [];
  for (const c of ranked) {
    // Same-type distributive lists may share nothing; different types never overlap.
    if (!kept.some((k) => overlaps(k, c))) kept.push(c);
  }
  return [...kept, ...others].sort((a, b) => a.start - b.start || a.end - b.end);
}
