// One-to-one matching of expected and actual records of one type by overlapping
// span. Pairs are taken greedily, best first: an exact span beats any overlap, a
// larger overlap beats a smaller one, a required expected record beats an
// optional one, agreeing key values break the remaining ties ("分别约为70万、32万份"
// must pair each value with its own record), then the nearer start.

export interface Spanned {
  start: number;
  end: number;
}

export interface MatchInput<E extends Spanned, A extends Spanned> {
  expected: readonly E[];
  actual: readonly A[];
  /** Optional expected records yield to required ones on equal overlap. */
  isOptional?: (e: E) => boolean;
  /** Whether the pair agrees on its key values (a tie-breaker only). */
  agree?: (e: E, a: A) => boolean;
}

export interface Matching {
  /** [expected index, actual index] */
  pairs: Array<[number, number]>;
  unmatchedExpected: number[];
  unmatchedActual: number[];
}

interface Candidate {
  e: number;
  a: number;
  exact: boolean;
  overlap: number;
  optional: boolean;
  agree: boolean;
  distance: number;
}

export function matchOneToOne<E extends Spanned, A extends Spanned>(input: MatchInput<E, A>): Matching {
  const { expected, actual } = input;
  const candidates: Candidate[] = [];
  // Actual records sorted by start, so each expected record scans only those that can overlap.
  const byStart = actual.map((_, i) => i).sort((x, y) => actual[x]!.start - actual[y]!.start);
  expected.forEach((e, ei) => {
    for (const ai of byStart) {
      const a = actual[ai]!;
      if (a.start >= e.end) break;
      const overlap = Math.min(e.end, a.end) - Math.max(e.start, a.start);
      if (overlap <= 0) continue;
      candidates.push({
        e: ei,
        a: ai,
        exact: e.start === a.start && e.end === a.end,
        overlap,
        optional: input.isOptional?.(e) ?? false,
        agree: input.agree?.(e, a) ?? false,
        distance: Math.abs(e.start - a.start),
      });
    }
  });
  candidates.sort(
    (x, y) =>
      Number(y.exact) - Number(x.exact) ||
      y.overlap - x.overlap ||
      Number(x.optional) - Number(y.optional) ||
      Number(y.agree) - Number(x.agree) ||
      x.distance - y.distance ||
      x.e - y.e ||
      x.a - y.a,
  );
  const usedE = new Set<number>();
  const usedA = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const c of candidates) {
    if (usedE.has(c.e) || usedA.has(c.a)) continue;
    usedE.add(c.e);
    usedA.add(c.a);
    pairs.push([c.e, c.a]);
  }
  pairs.sort((x, y) => x[0] - y[0]);
  return {
    pairs,
    unmatchedExpected: expected.map((_, i) => i).filter((i) => !usedE.has(i)),
    unmatchedActual: actual.map((_, i) => i).filter((i) => !usedA.has(i)),
  };
}
