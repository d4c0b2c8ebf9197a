// Whether a document states achievements ("report") or sets goals ("plan"): a
// 十三五 plan or a task notice turns "提高到580元" into a target, a work report
// keeps it a level (SPEC §3 role details). The title decides when it says; else
// the balance of forward- and backward-looking words over the whole text.
import type { DocumentContext, Genre } from "../extract/types.js";
import { isHeadingLine } from "../text/headings.js";
import { attributionCues, type WordList } from "./cues.js";

/** How many leading lines may hold the title block. */
const TITLE_LINES = 30;
const TITLE_MAX_CHARS = 80;

function contains(text: string, list: WordList): boolean {
  return list.words.some((w) => text.includes(w));
}

function count(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

export function detectGenre(ctx: DocumentContext): Genre {
  const cues = attributionCues(ctx.patterns).genre;
  const head = ctx.view.text.slice(0, 4000).split("\n");
  let seen = 0;
  for (const raw of head) {
    const line = raw.replace(/\s+/gu, "");
    if (!line) continue;
    if (++seen > TITLE_LINES) break;
    // A title is a short line without sentence punctuation, never a heading or an address line.
    if (line.length > TITLE_MAX_CHARS || /[。；;:：]$/u.test(line) || isHeadingLine(line)) continue;
    if (/[。！？]/u.test(line)) continue;
    // "关于印发《…规划》的通知": the document is what is being issued.
    const issued = /《([^》]+)》/u.exec(line)?.[1];
    const title = issued ?? line;
    if (contains(title, cues.titleReport)) return "report";
    if (contains(title, cues.titlePlan)) return "plan";
  }
  const text = ctx.view.text;
  const plan = cues.planWords.reduce((n, w) => n + count(text, w), 0);
  const report = cues.reportWords.reduce((n, w) => n + count(text, w), 0);
  return plan > report ? "plan" : "report";
}
