// The date extractor (SPEC §4): scan the view for time expressions, drop any that
// sit inside a document number, set each one's role from its cue words, and keep
// vetoes for what looks like a date but must not be one (文号 years, relative and
// redacted dates) so the review page can say why.
import type { DateCandidate, DocumentContext, ExtractResult, Veto } from "../types.js";
import { docNumberSpans, relativeVetoes } from "./exclusions.js";
import { datePatterns } from "./patterns.js";
import * as roles from "./role.js";
import type { PatternSet } from "../../patterns/load.js";
import { SpanSet } from "../../text/line-index.js";
import { candidateStarts, DateScanner, type DateMatch } from "./scan.js";

// Bound once: under the module runner of the tests and of the stage bench
// (vite-node) every use of an imported name is a getter call; this one runs per date.
const { dateRole } = roles;

export function extractDates(ctx: DocumentContext): ExtractResult<"date"> {
  const t = ctx.view.text;
  const p = datePatterns(ctx.patterns);
  const scanner = new DateScanner(t, p);
  // One pass finds where anything below may start; each reader then visits only those positions.
  const starts = candidateStarts(t, p);
  const { matches, redacted } = scanner.scan(starts);
  const vetoes: Veto[] = [];
  // Arrays below are filled by push and read by index: built the same way for
  // every document, they keep one shape, and the optimised code reading them is
  // not thrown away when a report brings its first 文号 or redacted year.
  const docCores: Span[] = [];
  for (const d of docNumberSpans(t, p, starts)) {
    // "根据大医改办〔2018〕5号": where the issuer abbreviation starts is unknown, so the veto starts at the bracket.
    vetoes.push({ start: d.yearStart, end: d.end, rule: "date/doc-number", why: "the year of a document number (文号) is not a date" });
    // Only the bracketed part is sure to belong to the 文号: "2016年国办发〔2016〕26号" keeps its date.
    docCores.push({ start: d.yearStart, end: d.end });
  }
  const inDocNumber = new SpanSet(docCores);
  // "今年1至8月", "去年1-6月": a yearless month range right after a relative year
  // belongs to that year, so it is relative too (SPEC §4: never resolved).
  const kept: DateMatch[] = [];
  for (let k = 0; k < matches.length; k++) {
    const m = matches[k]!;
    if (inDocNumber.overlaps(m.start, m.end)) continue;
    if (m.date.startsWith("--") && followsRelativeYear(t, p, m.start)) {
      vetoes.push({ start: m.start, end: m.end, rule: "date/relative", why: "a month of a relative year (今年1至8月) is never resolved" });
    } else kept.push(m);
  }
  for (let k = 0; k < redacted.length; k++) {
    const r = redacted[k]!;
    vetoes.push({ start: r.start, end: r.end, rule: "date/redacted", why: "a redacted year (201x年) is never guessed" });
  }
  // Spans of one shape ({start, end}) only, for the same reason.
  const taken: Span[] = [];
  for (let k = 0; k < kept.length; k++) taken.push({ start: kept[k]!.start, end: kept[k]!.end });
  for (let k = 0; k < redacted.length; k++) taken.push(redacted[k]!);
  for (let k = 0; k < docCores.length; k++) taken.push(docCores[k]!);
  // A loop, not push(...list): spread arguments overflow the stack on a huge report.
  const relative = relativeVetoes(t, p, scanner, taken, starts);
  for (let k = 0; k < relative.length; k++) vetoes.push(relative[k]!);
  return { candidates: candidatesOf(t, p, kept), vetoes };
}

interface Span {
  start: number;
  end: number;
}

function candidatesOf(t: string, p: ReturnType<typeof datePatterns>, kept: readonly DateMatch[]): DateCandidate[] {
  // Where each kept date starts, ascending (the scan finds them in text order), for
  // the roles to look for another date in a clause.
  const keptStarts: number[] = [];
  let ascending = true;
  for (let k = 0; k < kept.length; k++) {
    keptStarts.push(kept[k]!.start);
    if (k > 0 && keptStarts[k]! < keptStarts[k - 1]!) ascending = false;
  }
  if (!ascending) keptStarts.sort((a, b) => a - b);
  const candidates: DateCandidate[] = [];
  for (let k = 0; k < kept.length; k++) {
    const m = kept[k]!;
    candidates.push({
      type: "date",
      start: m.start,
      end: m.end,
      rule: m.rule,
      fields: {
        date: m.date,
        date_end: m.dateEnd,
        granularity: m.granularity,
        part: m.part,
        role: dateRole(t, p, m, keptStarts),
      },
    });
  }
  return candidates;
}

const RANGE_HEAD = /[\d月日号\-—–~～至到、]/u;

/** Whether a relative year word (今年, 去年…) stands just before `pos`, past a month-range head such as "1至", "1-". */
function followsRelativeYear(t: string, p: ReturnType<typeof datePatterns>, pos: number): boolean {
  let i = pos;
  // Walk back over the range head: digits, Chinese numerals, 月/日 and range connectors, at most 6 characters.
  while (i > 0 && pos - i < 6 && (RANGE_HEAD.test(t[i - 1]!) || p.numerals.isChineseCode(t.charCodeAt(i - 1)))) i--;
  for (let k = Math.max(0, i - 4); k < i; k++) {
    const w = p.relativeYears.at(t, k);
    if (w && k + w.length === i) return true;
  }
  return false;
}

/** A date found in a piece of text, with its ISO value. */
export interface FoundDate {
  date: string;
  /** Offsets of the date inside the text given. */
  start: number;
  end: number;
}

/**
 * Every single date written in `text` (no ranges, lists or periods), for readers
 * of other records: the document extractor reads issue dates with it.
 */
export function findDates(text: string, patterns: PatternSet): FoundDate[] {
  const p = datePatterns(patterns);
  return new DateScanner(text, p).scan().matches
    .filter((m) => m.kind === "single" && m.part === null)
    .map((m) => ({ date: m.date, start: m.start, end: m.end }));
}
