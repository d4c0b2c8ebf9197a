// The cue words that make a figure a change, a from/to pair or a target (SPEC §3
// `role`), and whether a stretch of text is forward-looking (a plan or task) or
// backward-looking (an account of what was done).
import type { DocumentContext, Genre } from "../extract/types.js";
import type { AttributionCues } from "./cues.js";
import { ClauseWords, isVerbTag, splitClauses } from "./clause.js";
import { headingMarker } from "../text/headings.js";
import { endsClause, reaches } from "./time.js";

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
  // "人口自然增长率为4.59‰": a name that ends in a cue word states a level.
  if (role.notChange.suffixOf(text, b, start)) return null;
  const inc = role.increase.suffixOf(text, b, start);
  const dec = role.decrease.suffixOf(text, b, start);
  if (inc && (!dec || inc.length >= dec.length)) return "increase";
  if (dec) return "decrease";
  // "低于国家规定的30%": a share of the base, not a gap.
  let e = end;
  while (e > start && text.charCodeAt(e - 1) <= 32) e--;
  return text[e - 1] === "的" ? null : gapCue(text, start, b, cues);
}

/** The longest base a gap may name ("全省平均水平", "未签约居民", "上年同期"). */
const MAX_BASE = 12;
/**
 * What a base never holds: a figure, a clause break, a verb that starts a new
 * predicate, or 的/有 ("超过全市平均水平的县有5个" counts counties, it is no gap).
 */
const NOT_BASE = new Uint8Array(65536);
for (const ch of "，,；;：:。、（）()达为到是在的有") NOT_BASE[ch.charCodeAt(0)] = 1;
/** Bits of `gapChars` (cues.ts): a character that starts a gap word, or ends a comparative. */
const GAP_START = 1;
const COMPARATIVE_END = 2;

/**
 * A gap against a base ending at `b`: "高于全省平均水平|1.8个百分点" → increase,
 * "低于全市平均水平|0.8人" → decrease, "比上年同期多|41个" → increase,
 * "较未签约居民低|186元" → decrease. Without a base between the word and the
 * figure ("低于50%") the word is a qualifier, not a change.
 */
function gapCue(text: string, start: number, b: number, cues: AttributionCues): Change {
  const { role } = cues;
  const cls = role.gapChars;
  // "比上年同期多", "较未签约居民低": a comparative word after a 比/较 base.
  if (b > start && cls[text.charCodeAt(b - 1)]! & COMPARATIVE_END) {
    const not = role.comparativeNot.suffixOf(text, b, start);
    const up = not ? null : role.comparativeUp.suffixOf(text, b, start);
    const down = up || not ? null : role.comparativeDown.suffixOf(text, b, start);
    const word = up ?? down;
    if (word) {
      const at = b - word.length;
      for (let i = at - 2; i >= Math.max(start, at - 1 - MAX_BASE); i--) {
        // "比2015年高": a comparison base may hold a year.
        if (NOT_BASE[text.charCodeAt(i + 1)]) break;
        const open = role.comparativeOpen.prefixOf(text, i, at);
        if (open && !role.comparativeNotOpen.prefixOf(text, i, at) && !role.comparativeNotOpen.suffixOf(text, i + 1, start)) {
          return up ? "increase" : "decrease";
        }
      }
    }
  }
  // "高于全省平均水平", "超过全省平均水平": a gap word, then the base.
  for (let i = b - 2; i >= Math.max(start, b - MAX_BASE - 3); i--) {
    const c = text.charCodeAt(i + 1);
    if (NOT_BASE[c] || (c >= 48 && c <= 57)) break;
    if (!(cls[text.charCodeAt(i)]! & GAP_START)) continue;
    const g = role.gaps.prefixOf(text, i, b - 1);
    if (g && i + g.length < b) return role.gapUp.has(g) ? "increase" : "decrease";
  }
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
    if (prot.crosses(text, hit.at) || prot.crosses(text, hit.at + hit.word.length)) continue;
    // "还将签约服务与慢病管理相结合": 还 + the object marker.
    const aux = role.futureAux.suffixOf(hit.word);
    const lead = aux ? hit.word.slice(0, hit.word.length - aux.length) : "";
    if (aux && role.objectMarkerLeads.has(lead) && !role.futureAuxNext.prefixOf(text, hit.at + hit.word.length, end) &&
        disposalAfter(text, hit.at + hit.word.length, end, cues)) continue;
    out.push(hit.at);
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
    if (disposalAfter(text, i + aux.length, end, cues)) continue;
    // Unknown next word: ask the segmenter about this clause only.
    const clause = splitClauses(text, start, end).find((c) => c.start <= i && i < c.end);
    if (!clause) continue;
    const words = new ClauseWords(text, clause);
    const tok = words.at(i);
    if (!tok || tok.word !== aux) continue;
    const next = words.tokens.find((t) => t.start >= tok.end);
    // A verbal noun ("将培训…") counts too: a disposal ("将医疗资源下沉到…") was ruled out above.
    if (next && (isVerbTag(next.tag) || next.tag === "d" || next.tag === "vn" || role.futureAuxNext.has(next.word))) out.push(i);
  }
  return out.sort((x, y) => x - y);
}

/**
 * Whether 将 at `from` is the object marker of a disposal: an object of two
 * characters or more, then in the same clause a disposal verb ("纳入", "相结合")
 * or a change verb ("扩大到", "提高").
 */
function disposalAfter(text: string, from: number, end: number, cues: AttributionCues): boolean {
  const list = cues.role.disposalOrChange;
  for (let i = from + 2; i < end && !endsClause(text, i); i++) {
    if (list.startsWithChar(text.charCodeAt(i)) && list.prefixOf(text, i, end)) return true;
  }
  return false;
}

/**
 * Whether a forward-looking cue governs a figure at `pos`: a cue before the
 * sentence's first figure (`head`) frames the whole sentence ("力争到2020年，…；…");
 * one after a figure speaks only for its own part, up to the next ；
 * ("…挑战：…低于全省平均水平0.3人；…预计到2020年…将超过21%；…占总死亡人数的85%以上").
 */
export function futureGoverns(text: string, future: readonly number[], head: number, pos: number): boolean {
  for (const p of future) {
    if (p >= pos) break;
    if (p < head || reaches(text, p, pos)) return true;
  }
  return false;
}

/** Whether the sentence says what has been done ("截至2015年底", "已经", "以来"). */
export function hasPastCue(text: string, start: number, end: number, cues: AttributionCues): boolean {
  return !!cues.role.past.find(text, start, end);
}

/**
 * View offsets of the lines that open a new piece of a compilation or bulletin
 * without heading numbers ("鹤鸣市：“1+1+1”家庭医生签约服务让群众少跑腿", "各地动态"):
 * a short unnumbered line with no sentence punctuation, followed by more text. A
 * heading above such a line ("四、下一步打算" of the previous piece) no longer
 * speaks for what follows it.
 */
const pieceMemo = new WeakMap<DocumentContext, number[]>();
function pieceTitles(ctx: DocumentContext, cues: AttributionCues): number[] {
  const hit = pieceMemo.get(ctx);
  if (hit) return hit;
  const openers = cues.genre.subtitleOpeners;
  const text = ctx.view.text;
  const out: number[] = [];
  let pos = 0;
  let first = true;
  while (pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    let s = pos;
    let e = nl;
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    // The document's own title is no piece of it.
    if (first && e > s) first = false;
    else if (e - s >= 4 && e - s <= 40 && nl < text.length && looksLikeTitle(text, s, e) && !openers.prefixOf(text, s, e)) out.push(s);
    pos = nl + 1;
  }
  // One such line may be a subtitle inside a section; a compilation has several pieces.
  if (out.length < 2) out.length = 0;
  pieceMemo.set(ctx, out);
  return out;
}

/** No sentence punctuation or cell gaps, no long Latin or digit runs, four Han characters or more, no heading number. */
function looksLikeTitle(text: string, s: number, e: number): boolean {
  let han = 0;
  let latin = 0;
  let digits = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (TITLE_STOP[c]) return false;
    if (c === 32 && text.charCodeAt(i + 1) === 32) return false;
    latin = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? latin + 1 : 0;
    digits = c >= 48 && c <= 57 ? digits + 1 : 0;
    if (latin >= 3 || digits >= 4) return false;
    if (c >= 0x3400 && c <= 0x9fff) han++;
  }
  const last = text.charCodeAt(e - 1);
  if (last === 0x3a || last === 0xff1a) return false;
  return han >= 4 && !headingMarker(text.slice(s, e));
}
const TITLE_STOP = new Uint8Array(65536);
for (const ch of "。！？；;!?,，、\t") TITLE_STOP[ch.charCodeAt(0)] = 1;

/**
 * The mode of the section holding `pos`: the innermost heading with a cue word
 * decides ("规划背景" → report, "下一步工作打算" → plan), else the genre. Headings
 * above the start of the current piece (see pieceTitles) do not count.
 */
export function sectionMode(ctx: DocumentContext, pos: number, cues: AttributionCues, memo: Map<readonly string[], Genre>): Genre {
  // The section index hands out one array per section, so the array is the key.
  const path = ctx.sections.pathAt(pos);
  let mode = memo.get(path);
  if (!mode) {
    mode = ctx.genre;
    for (let i = path.length - 1; i >= 0; i--) {
      const h = path[i]!;
      const report = cues.genre.sectionReport.words.some((w) => h.includes(w));
      const plan = cues.genre.sectionPlan.words.some((w) => h.includes(w));
      if (report !== plan) {
        mode = report ? "report" : "plan";
        break;
      }
    }
    memo.set(path, mode);
  }
  if (mode === ctx.genre) return mode;
  // A heading decided: it holds only if no new piece has begun since the innermost heading.
  const inner = ctx.sections.headingAt(pos);
  if (inner) {
    const titles = pieceTitles(ctx, cues);
    let lo = 0;
    let hi = titles.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (titles[mid]! <= pos) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && titles[lo - 1]! > inner.start) return ctx.genre;
  }
  return mode;
}
