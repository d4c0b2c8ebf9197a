// The cue words that make a figure a change, a from/to pair or a target (SPEC §3
// `role`), and whether a stretch of text is forward-looking (a plan or task) or
// backward-looking (an account of what was done).
import type { DocumentContext, Genre } from "../extract/types.js";
import type { AttributionCues } from "./cues.js";
import { ClauseWords, isVerbTag, splitClauses } from "./clause.js";

export type Change = "increase" | "decrease" | "to" | null;

/**
 * The change cue standing right before a figure, fillers allowed between:
 * "增加了156.4万人" → increase, "增幅约29%" → increase, "提高到580元" → to.
 */
export function changeCue(text: string, start: number, end: number, cues: AttributionCues): Change {
  const { role } = cues;
  let b = end;
  for (;;) {
    while (b > start && /\s/u.test(text[b - 1]!)) b--;
    const f = role.fillers.suffixOf(text, b, start);
    if (!f) break;
    // "提高到" must not lose its 到; fillers never include it, but 为 in "增幅为" may go.
    b -= f.length;
  }
  if (role.to.suffixOf(text, b, start)) return "to";
  if (role.increaseOverBase.suffixOf(text, b, start)) return "increase";
  const inc = role.increase.suffixOf(text, b, start);
  const dec = role.decrease.suffixOf(text, b, start);
  if (inc && (!dec || inc.length >= dec.length)) return "increase";
  if (dec) return "decrease";
  return null;
}

/** Whether [start, end) ends with a from-cue once fillers are gone ("由", "从"). */
export function endsWithFrom(text: string, start: number, end: number, cues: AttributionCues): boolean {
  let b = end;
  for (;;) {
    const f = cues.role.fillers.suffixOf(text, b, start);
    if (!f) break;
    b -= f.length;
  }
  return !!cues.role.from.suffixOf(text, b, start);
}

/**
 * Offsets of forward-looking cues in the sentence: 力争, 预计, 还将 …, and 将 when
 * a verb or 以 follows it ("将增加", "将以…为依托") — not the object marker of
 * "将22种重大疾病纳入" or "将医改办划转到".
 */
export function futureCues(text: string, start: number, end: number, cues: AttributionCues): number[] {
  const { role } = cues;
  const out: number[] = [];
  const prot = cues.stop.protected;
  for (let hit = role.future.find(text, start, end); hit; hit = role.future.find(text, hit.at + hit.word.length, end)) {
    // "模拟培训" holds 拟 but says nothing about the future.
    if (!prot.crosses(text, hit.at) && !prot.crosses(text, hit.at + hit.word.length)) out.push(hit.at);
  }
  for (let hit = role.futureAux.find(text, start, end); hit; hit = role.futureAux.find(text, hit.at + hit.word.length, end)) {
    const i = hit.at;
    const aux = hit.word;
    // Inside 还将 / 将要 (already counted) or a word such as 将近 / 将来.
    if (role.future.find(text, Math.max(start, i - 1), i + aux.length + 1) || prot.crosses(text, i + aux.length)) continue;
    if (role.futureAuxNext.prefixOf(text, i + aux.length, end)) {
      out.push(i);
      continue;
    }
    // Unknown next word: ask the segmenter about this clause only.
    const clause = splitClauses(text, start, end).find((c) => c.start <= i && i < c.end);
    if (!clause) continue;
    const words = new ClauseWords(text, clause);
    const tok = words.at(i);
    if (!tok || tok.word !== aux) continue;
    const next = words.tokens.find((t) => t.start >= tok.end);
    if (next && (isVerbTag(next.tag) || next.tag === "d" || role.futureAuxNext.has(next.word))) out.push(i);
  }
  return out.sort((x, y) => x - y);
}

/** Whether the sentence says what has been done ("截至2015年底", "已经", "以来"). */
export function hasPastCue(text: string, start: number, end: number, cues: AttributionCues): boolean {
  return !!cues.role.past.find(text, start, end);
}

/**
 * The mode of the section holding `pos`: the innermost heading with a cue word
 * decides ("规划背景" → report, "下一步工作打算" → plan), else the genre.
 */
export function sectionMode(ctx: DocumentContext, pos: number, cues: AttributionCues, memo: Map<readonly string[], Genre>): Genre {
  // The section index hands out one array per section, so the array is the key.
  const path = ctx.sections.pathAt(pos);
  const key = path;
  const hit = memo.get(key);
  if (hit) return hit;
  let mode: Genre = ctx.genre;
  for (let i = path.length - 1; i >= 0; i--) {
    const h = path[i]!;
    const report = cues.genre.sectionReport.words.some((w) => h.includes(w));
    const plan = cues.genre.sectionPlan.words.some((w) => h.includes(w));
    if (report !== plan) {
      mode = report ? "report" : "plan";
      break;
    }
  }
  memo.set(key, mode);
  return mode;
}
