// Signature blocks: a line that is one date (成文日期), with the issuing
// organisation on the line above or before the date on the same line
// ("辽宁省…办公室     2016年5月17日"); a date followed by 印发 is the printing date
// of the 版记, not the issue date.
import { headingMarker } from "../../text/headings.js";
import type { PatternSet } from "../../patterns/load.js";
import { findDates } from "../date/date.js";
import type { Line } from "./lines.js";
import type { DocumentPatterns } from "./patterns.js";

export interface DateLine {
  line: number;
  date: string;
  printed: boolean;
  /** View offsets of the organisation, when one signs the date. */
  org: { start: number; end: number } | null;
}

const CLAUSE_PUNCT = /[。,;:!?，；：！？]/u;
/** An organisation (up to 40 characters), spaces and a date fit in this. */
const MAX_DATE_LINE = 80;

/** A short line that names an organisation and nothing else. */
export function isOrgLine(text: string, dp: DocumentPatterns): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 40 || CLAUSE_PUNCT.test(t)) return false;
  if (headingMarker(t) || dp.closingPrefix.at(t, 0)) return false;
  if (/^[(（【\[]/u.test(t)) return false;
  return dp.orgSuffix.endingAt(t, t.length) !== null;
}

/** The line as a date line, or null. The date needs at least a year and a month. */
export function readDateLine(l: Line, idx: number, patterns: PatternSet, dp: DocumentPatterns): DateLine | null {
  if (l.text.length > MAX_DATE_LINE) return null;
  const dates = findDates(l.text, patterns);
  if (dates.length !== 1) return null;
  const d = dates[0]!;
  if (d.date.startsWith("-") || !d.date.includes("-")) return null;
  const rest = l.text.slice(d.end).trim();
  let printed = false;
  if (rest) {
    const w = dp.printedSuffix.at(rest, 0);
    if (!w || w.length !== rest.length) return null;
    printed = true;
  }
  const before = l.text.slice(0, d.start);
  let org: DateLine["org"] = null;
  if (before.trim()) {
    // Organisation and date on one line are set apart by spaces.
    if (!/\s$/u.test(before) || !isOrgLine(before, dp)) return null;
    org = { start: l.start, end: l.start + before.trimEnd().length };
  }
  return { line: idx, date: d.date, printed, org };
}

export interface Signature {
  issuer: { start: number; end: number } | null;
  issued: string | null;
  printed: string | null;
}

/**
 * The 成文 date is the first date line signed by an organisation (or standing alone
 * near the end of the text); the printing date is the last "…印发" date line.
 */
export function findSignature(lines: readonly Line[], patterns: PatternSet, dp: DocumentPatterns): Signature {
  const out: Signature = { issuer: null, issued: null, printed: null };
  const dateLines: DateLine[] = [];
  lines.forEach((l, idx) => {
    const d = readDateLine(l, idx, patterns, dp);
    if (!d) return;
    if (!d.org && idx > 0 && isOrgLine(lines[idx - 1]!.text, dp)) {
      const prev = lines[idx - 1]!;
      d.org = { start: prev.start, end: prev.end };
    }
    dateLines.push(d);
  });
  const issued = dateLines.find((d) => !d.printed && (d.org || d.line >= lines.length - 6));
  if (issued) {
    out.issued = issued.date;
    out.issuer = issued.org;
  }
  const printed = dateLines.filter((d) => d.printed).pop();
  if (printed) out.printed = printed.date;
  return out;
}
