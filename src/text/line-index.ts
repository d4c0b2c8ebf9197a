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
  private readonly at: Int32Array;

  constructor(text: string, ch: string) {
    const code = ch.charCodeAt(0);
    let n = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
    this.at = new Int32Array(n);
    for (let i = 0, k = 0; k < n; i++) if (text.charCodeAt(i) === code) this.at[k++] = i;
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

  constructor(readonly text: string) {
    this.breaks = new CharPositions(text, "\n");
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
  private readonly starts: Float64Array;
  /** maxEnd[k]: the largest end among the k + 1 spans that start first. */
  private readonly maxEnd: Float64Array;

  constructor(spans: Iterable<{ readonly start: number; readonly end: number }>) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = new Float64Array(sorted.length);
    this.maxEnd = new Float64Array(sorted.length);
    let max = -Infinity;
    sorted.forEach((s, k) => {
      this.starts[k] = s.start;
      max = Math.max(max, s.end);
      this.maxEnd[k] = max;
    });
  }

  /** Whether [start, end) overlaps a span of the set: one starts before `end` and ends after `start`. */
  overlaps(start: number, end: number): boolean {
    const k = lowerBound(this.starts, end); // the spans that start before `end`
    return k > 0 && this.maxEnd[k - 1]! > start;
  }
}
