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
  // The organisation ending first: it is asked of most lines, and most lack one.
  if (t.length < 2 || t.length > 40 || dp.orgSuffix.endingAt(t, t.length) === null) return false;
  if (CLAUSE_PUNCT.test(t) || headingMarker(t) || dp.closingPrefix.at(t, 0)) return false;
  return !/^[(（【\[]/u.test(t);
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

/**
 * Whether the line could be "organisation, blanks, date": some stretch at its
 * start that ends before a blank reads as an organisation (readDateLine's test
 * of the text before the date).
 */
function mayOpenWithOrg(text: string, dp: DocumentPatterns): boolean {
  // The line is trimmed, so each run of blanks follows a character that is not
  // one; an organisation has at most 40 characters, so later runs cannot end one.
  const head = text.slice(0, 41);
  BLANKS.lastIndex = 0;
  for (let m = BLANKS.exec(head); m; m = BLANKS.exec(head)) {
    if (isOrgLine(head.slice(0, m.index), dp)) {
      BLANKS.lastIndex = 0;
      return true;
    }
  }
  return false;
}

const BLANKS = /\s+/gu;

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
  // Only a date line that could be picked below is read (reading dates is the dear
  // part): one near the end, one after an organisation's line or naming one
  // itself, or one ending in 印发. A date line that is none of these is never picked,
  // so leaving it unread changes nothing.
  const mayBePicked = (l: Line, idx: number) =>
    idx >= lines.length - 6 || (idx > 0 && isOrgLine(lines[idx - 1]!.text, dp)) ||
    dp.printedSuffix.endingAt(l.text, l.text.length) !== null || mayOpenWithOrg(l.text, dp);
  lines.forEach((l, idx) => {
    if (l.text.length > MAX_DATE_LINE || !mayBePicked(l, idx)) return;
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
