// The date extractor (SPEC §4): scan the view for time expressions, drop any that
// sit inside a document number, set each one's role from its cue words, and keep
// vetoes for what looks like a date but must not be one (文号 years, relative and
// redacted dates) so the review page can say why.
import type { DateCandidate, DocumentContext, ExtractResult, Veto } from "../types.js";
import { docNumberSpans, relativeVetoes } from "./exclusions.js";
import { datePatterns } from "./patterns.js";
import { dateRole } from "./role.js";
import type { PatternSet } from "../../patterns/load.js";
import { SpanSet } from "../../text/line-index.js";
import { DateScanner, type DateMatch } from "./scan.js";

export function extractDates(ctx: DocumentContext): ExtractResult<"date"> {
  const t = ctx.view.text;
  const p = datePatterns(ctx.patterns);
  const scanner = new DateScanner(t, p);
  const { matches, redacted } = scanner.scan();
  const vetoes: Veto[] = [];

  const docNumbers = docNumberSpans(t, p);
  for (const d of docNumbers) {
    // "根据大医改办〔2018〕5号": where the issuer abbreviation starts is unknown, so the veto starts at the bracket.
    vetoes.push({ start: d.yearStart, end: d.end, rule: "date/doc-number", why: "the year of a document number (文号) is not a date" });
  }
  // Only the bracketed part is sure to belong to the 文号: "2016年国办发〔2016〕26号" keeps its date.
  const docCores = docNumbers.map((d) => ({ start: d.yearStart, end: d.end }));
  const inDocNumber = new SpanSet(docCores);
  const notInDocNumber = matches.filter((m) => !inDocNumber.overlaps(m.start, m.end));
  // "今年1至8月", "去年1-6月": a yearless month range right after a relative year
  // belongs to that year, so it is relative too (SPEC §4: never resolved).
  const kept: DateMatch[] = [];
  for (const m of notInDocNumber) {
    if (m.date.startsWith("--") && followsRelativeYear(t, p, m.start)) {
      vetoes.push({ start: m.start, end: m.end, rule: "date/relative", why: "a month of a relative year (今年1至8月) is never resolved" });
    } else kept.push(m);
  }

  for (const r of redacted) {
    vetoes.push({ ...r, rule: "date/redacted", why: "a redacted year (201x年) is never guessed" });
  }
  // A loop, not push(...list): spread arguments overflow the stack on a huge report.
  for (const v of relativeVetoes(t, p, scanner, [...kept, ...redacted, ...docCores])) vetoes.push(v);

  const candidates: DateCandidate[] = kept.map((m) => ({
    type: "date",
    start: m.start,
    end: m.end,
    rule: m.rule,
    fields: {
      date: m.date,
      date_end: m.dateEnd,
      granularity: m.granularity,
      part: m.part,
      role: dateRole(t, p, m, kept),
    },
  }));
  return { candidates, vetoes };
}

/** Whether a relative year word (今年, 去年…) stands just before `pos`, past a month-range head such as "1至", "1-". */
function followsRelativeYear(t: string, p: ReturnType<typeof datePatterns>, pos: number): boolean {
  let i = pos;
  // Walk back over the range head: digits, Chinese numerals, 月/日 and range connectors, at most 6 characters.
  while (i > 0 && pos - i < 6 && (/[\d月日号\-—–~～至到、]/u.test(t[i - 1]!) || p.numerals.isChinese(t[i - 1]))) i--;
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
