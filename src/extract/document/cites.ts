// Documents cited as 《…》, each with the 文号 that follows it in brackets
// ("《…实施意见》（大政发﹝2015﹞36号）") or directly. One entry per distinct
// title and 文号, in order of first mention; titles keep inner brackets such as
// （2009-2011年） as printed.
import type { TextView } from "../../text/view.js";
import { docNumberSpans } from "../date/exclusions.js";
import type { DatePatterns } from "../date/patterns.js";
import { originalText, originalTextWithSpaces } from "./lines.js";
import type { DocumentPatterns } from "./patterns.js";

export interface Cite {
  title: string;
  doc_number: string | null;
}

/** A cited title longer than this has lost its closing quote. */
const MAX_TITLE = 200;
/** How far after the closing quote its bracketed 文号 may end. */
const MAX_NOTE = 40;

export function findCites(view: TextView, dp: DocumentPatterns, p: DatePatterns): Cite[] {
  const t = view.text;
  const out: Cite[] = [];
  const seen = new Set<string>();
  // Only where an opening quote stands: one regex scan jumps there, rather than a
  // test of every quote at every character. `i` is where the search goes on.
  const opens = dp.citeOpen;
  for (let i = 0; i < t.length; i++) {
    opens.lastIndex = i;
    const m = opens.exec(t);
    if (!m || m.index >= t.length) break;
    i = m.index;
    const q = dp.citeQuotes.find(([o]) => t.startsWith(o, i));
    if (!q) continue;
    const [open, close] = q;
    // The matching close, counting nested quotes of the same kind.
    let depth = 0;
    let j = i;
    for (; j < t.length && j - i <= MAX_TITLE; j++) {
      if (t.startsWith(open, j)) depth++;
      else if (t.startsWith(close, j) && --depth === 0) break;
      else if (t[j] === "\n") { j = t.length; break; }
    }
    if (j >= t.length || j - i > MAX_TITLE) continue;
    const title = originalTextWithSpaces(view, i + open.length, j);
    if (!title) continue;
    const after = j + close.length;
    const doc_number = docNumberAfter(view, after, p);
    const key = `${title}\u0000${doc_number ?? ""}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ title, doc_number });
    }
    i = j;
  }
  return out;
}

/** "（国办发〔2018〕83号）" or "国发〔2016〕78号" right after a cited title. */
function docNumberAfter(view: TextView, pos: number, p: DatePatterns): string | null {
  const t = view.text;
  let s = pos;
  while (s < t.length && t[s] === " ") s++;
  const bracketed = /^[(（]/u.test(t[s] ?? "");
  const from = bracketed ? s + 1 : s;
  let end = from;
  if (bracketed) {
    while (end < t.length && end - from <= MAX_NOTE && !/[)）\n]/u.test(t[end]!)) end++;
    if (!/[)）]/u.test(t[end] ?? "")) return null;
  } else {
    end = Math.min(t.length, from + MAX_NOTE);
  }
  const spans = docNumberSpans(t.slice(from, end), p);
  const first = spans[0];
  // Unbracketed, the number must follow the title directly.
  if (!first || (!bracketed && first.start !== 0)) return null;
  return originalText(view, from + first.start, from + first.end);
}
