// Qualifier cues around a metric span (SPEC §3): 约/近/超过/不低于… right before
// the number (possibly through one linking word: "约为", "至少与"), 以上/以下/
// 左右/以内… right after it. The cues stay outside `text`.
import type { CueMatch, MetricCategory, MetricPatterns } from "./patterns.js";

/** How far before a number a cue with its linking word may start. */
const BEFORE_WINDOW = 8;

export function cueBefore(text: string, p: MetricPatterns, start: number, category: MetricCategory): CueMatch | null {
  const from = Math.max(0, start - BEFORE_WINDOW);
  // Most numbers have no cue: the word lists tell whether either regex matches
  // before any slice is made; "达到", "为" end a bridge often, a cue rarely.
  const words = p.pre.cueWords;
  // Where the trailing blanks of text[from, start) begin: both regexes end there.
  const k = p.pre.blanks.skipBackward(text, from, start);
  const near = words ? endsWithCue(text, from, k, words) : (p.pre.beforeLast?.endsBefore(text, from, start, p.pre.blanks) ?? true);
  const wide = words ? endsWithBound(text, from, k, p.pre.wideBridgeMax, words.bounds) : mayEndWithBound(text, from, k, p);
  if (!near && !wide) return null;
  const slice = text.slice(from, start);
  const m = (near ? p.beforeRe.exec(slice) : null) ?? (wide ? p.beforeWideRe.exec(slice) : null);
  if (!m) return null;
  const spec = p.beforeCues.get(m[1]!);
  if (!spec) return null;
  const cueStart = from + m.index;
  if (spec.not_after.some((w) => text.slice(cueStart - w.length, cueStart) === w)) return null;
  if (spec.not_for.includes(category)) return null;
  return { qualifier: spec.qualifier, start: cueStart, end: start };
}

type CueWords = NonNullable<MetricPatterns["pre"]["cueWords"]>;

/**
 * Whether beforeRe, `(cue)(bridge)?[ \t]*$`, matches in text[from, start): a cue
 * ends where the trailing blanks begin (k), or a bridge does with a cue right
 * before it. Exact when no word holds a blank (cueWords is null otherwise).
 */
function endsWithCue(text: string, from: number, k: number, words: CueWords): boolean {
  if (words.cues.anyEndingWithin(text, from, k)) return true;
  const bridges = words.bridges.lastUnitBefore(text, k);
  for (let b = 0; b < bridges.length; b++) {
    const w = bridges[b]!;
    if (w.length <= k - from && text.startsWith(w, k - w.length) && words.cues.anyEndingWithin(text, from, k - w.length)) return true;
  }
  return false;
}

/** Whether beforeWideRe, `(bound)[\u3400-\u9fff]{1,max}[ \t]*$`, matches in text[from, start) (see endsWithCue). */
function endsWithBound(text: string, from: number, k: number, max: number, bounds: CueWords["bounds"]): boolean {
  for (let j = 1; j <= max && k - j > from; j++) {
    const c = text.charCodeAt(k - j);
    if (c < 0x3400 || c > 0x9fff) return false;
    if (bounds.anyEndingWithin(text, from, k - j)) return true;
  }
  return false;
}

/**
 * Whether beforeWideRe, `(bound)[\u3400-\u9fff]{1,max}[ \t]*$`, can match in
 * text[from, start): a bound's last unit just before a run of 1..max CJK
 * characters that ends at the trailing blanks (k).
 */
function mayEndWithBound(text: string, from: number, k: number, p: MetricPatterns): boolean {
  const last = p.pre.boundLast;
  if (last === null) return true;
  for (let j = 1; j <= p.pre.wideBridgeMax && k - j - 1 >= from; j++) {
    const c = text.charCodeAt(k - j);
    if (c < 0x3400 || c > 0x9fff) return false;
    if (last.has(text.charCodeAt(k - j - 1))) return true;
  }
  return false;
}

export function cueAfter(text: string, p: MetricPatterns, end: number, category: MetricCategory): CueMatch | null {
  const first = p.pre.afterFirst;
  if (first !== null && !first.at(text, p.pre.blanks.skipForward(text, end))) return null; // afterRe cannot match here
  p.afterRe.lastIndex = end;
  const m = p.afterRe.exec(text);
  if (!m) return null;
  const spec = p.afterCues.get(m[1]!);
  if (!spec) return null;
  const cueEnd = end + m[0].length;
  if (spec.not_before.some((w) => text.startsWith(w, cueEnd))) return null;
  if (spec.only_for && !spec.only_for.includes(category)) return null;
  return { qualifier: spec.qualifier, start: end, end: cueEnd };
}
