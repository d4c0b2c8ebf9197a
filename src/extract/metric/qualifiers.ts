// Qualifier cues around a metric span (SPEC §3): 约/近/超过/不低于… right before
// the number (possibly through one linking word: "约为", "至少与"), 以上/以下/
// 左右/以内… right after it. The cues stay outside `text`.
import type { CueMatch, MetricCategory, MetricPatterns } from "./patterns.js";

/** How far before a number a cue with its linking word may start. */
const BEFORE_WINDOW = 8;

export function cueBefore(text: string, p: MetricPatterns, start: number, category: MetricCategory): CueMatch | null {
  const from = Math.max(0, start - BEFORE_WINDOW);
  const slice = text.slice(from, start);
  const m = p.beforeRe.exec(slice) ?? p.beforeWideRe.exec(slice);
  if (!m) return null;
  const spec = p.beforeCues.get(m[1]!);
  if (!spec) return null;
  const cueStart = from + m.index;
  if (spec.not_after.some((w) => text.slice(cueStart - w.length, cueStart) === w)) return null;
  if (spec.not_for.includes(category)) return null;
  return { qualifier: spec.qualifier, start: cueStart, end: start };
}

export function cueAfter(text: string, p: MetricPatterns, end: number, category: MetricCategory): CueMatch | null {
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
