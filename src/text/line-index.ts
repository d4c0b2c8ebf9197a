// Sorted position tables for questions asked once per match: where a line starts
// or ends, where the next 。 is, whether a span touches one already taken. Built
// once per text and answered by binary search, so a report written as one line
// of 100 MB costs no more per match than one with short lines.

/** Index of the first element of the ascending `xs` that is >= `x` (`xs.length` if none). */
export function lowerBound(xs: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last element of the ascending `xs` that is <= `x`, or 0 when none is (tables start at 0). */
export function lastAtOrBefore(xs: ArrayLike<number>, x: number): number {
  return Math.max(0, lowerBound(xs, x + 1) - 1);
}

/** Ascending positions of one UTF-16 code unit in a text. */
export class CharPositions {
  private readonly at: ArrayLike<number>;

  /** `known`: the positions, ascending, when the caller has them already (they are not checked). */
  constructor(text: string, ch: string, known?: ArrayLike<number>) {
    this.at = known ?? CharPositions.find(text, ch);
  }

  private static find(text: string, ch: string): Int32Array {
    const code = ch.charCodeAt(0);
    let n = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
    const at = new Int32Array(n);
    for (let i = 0, k = 0; k < n; i++) if (text.charCodeAt(i) === code) at[k++] = i;
    return at;
  }

  /** How many positions there are. */
  get length(): number {
    return this.at.length;
  }

  /** The `k`-th position (ascending). */
  get(k: number): number {
    return this.at[k]!;
  }

  /** The first position >= `pos`, or -1. */
  next(pos: number): number {
    const k = lowerBound(this.at, pos);
    return k < this.at.length ? this.at[k]! : -1;
  }

  /** The last position < `pos`, or -1. */
  prev(pos: number): number {
    const k = lowerBound(this.at, pos);
    return k > 0 ? this.at[k - 1]! : -1;
  }

  /** How many positions fall in [from, to). */
  count(from: number, to: number): number {
    return to > from ? lowerBound(this.at, to) - lowerBound(this.at, from) : 0;
  }
}

/** Lines of a text split at "\n" (the view's only break). */
export class LineIndex {
  readonly breaks: CharPositions;

  /** `breaks`: the positions of every "\n" in `text`, ascending, when already known. */
  constructor(readonly text: string, breaks?: ArrayLike<number>) {
    this.breaks = new CharPositions(text, "\n", breaks);
  }

  /** Start of the line holding `pos`: `text.lastIndexOf("\n", pos - 1) + 1`, whose index clamps at 0. */
  lineStart(pos: number): number {
    return this.breaks.prev(Math.max(pos - 1, 0) + 1) + 1;
  }

  /** End of the line holding `pos` (its "\n", or the end of the text). */
  lineEnd(pos: number): number {
    const nl = this.breaks.next(pos);
    return nl < 0 ? this.text.length : nl;
  }
}

/** A fixed set of half-open spans, asked whether a span overlaps any of them. */
export class SpanSet {
  private readonly starts: number[] = [];
  /** maxEnd[k]: the largest end among the k + 1 spans that start first. */
  private readonly maxEnd: number[] = [];

  constructor(spans: Iterable<{ readonly start: number; readonly end: number }>) {
    let sorted = Array.isArray(spans) ? (spans as ReadonlyArray<{ readonly start: number; readonly end: number }>) : [...spans];
    // Callers mostly pass spans in text order already: copy and sort only when they are not.
    let inOrder = true;
    for (let k = 1; k < sorted.length && inOrder; k++) inOrder = sorted[k - 1]!.start <= sorted[k]!.start;
    if (!inOrder) sorted = [...sorted].sort((a, b) => a.start - b.start);
    // Plain arrays, not typed ones: a set is built per document and holds few spans,
    // and a typed array's own buffer costs more to make than these cost to fill.
    let max = -Infinity;
    for (let k = 0; k < sorted.length; k++) {
      const s = sorted[k]!;
      this.starts.push(s.start);
      max = Math.max(max, s.end);
      this.maxEnd.push(max);
    }
  }

  /** Whether [start, end) overlaps a span of the set: one starts before `end` and ends after `start`. */
  overlaps(start: number, end: number): boolean {
    const k = lowerBound(this.starts, end); // the spans that start before `end`
    return k > 0 && this.maxEnd[k - 1]! > start;
  }
}
