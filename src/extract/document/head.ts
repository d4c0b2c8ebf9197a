// The head of a document: red header ("XX文件"), 文号, bulletin masthead and issue
// number, editor's note, then the title (joined when split over two lines) and
// the 主送 line under it. Only lines at the top are read; a document that opens
// with body text has no title.
import { headingMarker } from "../../text/headings.js";
import type { PatternSet } from "../../patterns/load.js";
import { docNumberSpans } from "../date/exclusions.js";
import { datePatterns, type DatePatterns } from "../date/patterns.js";
import type { TextView } from "../../text/view.js";
import { splitAtLayoutBreak, type Line } from "./lines.js";
import type { DocumentPatterns, MetadataField } from "./patterns.js";
import { isOrgLine, readDateLine } from "./signature.js";

type Span = { start: number; end: number };

export interface Head {
  title: Span[] | null;
  /** "——在全市卫生健康工作会议上的讲话": the dash line under the title. */
  subtitle: Span | null;
  /** Values of a website's metadata table ("发文字号：…"), by the field they may fill. */
  metadata: Partial<Record<MetadataField, Span>>;
  docNumber: Span | null;
  mastheadOrg: Span | null;
  issue: Span | null;
  addressees: Span | null;
}

/** How many content lines the head may take before the title. */
const MAX_HEAD_LINES = 15;
/** A second title line is short. */
const MAX_CONTINUATION = 40;

const SENTENCE_END = /[。!?;！？；]/u;
const SUBTITLE_DASH = /^[—–-]{1,2}/u;

/**
 * "第23期" on a masthead line: alone, with the year ("2016年第5期"), a running
 * total ("（总第121期）") or the bulletin's name, or set apart by spaces. Not
 * inside a title such as "第二期医改培训班总结".
 */
function findIssue(l: Line, dp: DocumentPatterns, p: DatePatterns): Span | null {
  const numeral = (ch: string) => p.numerals.isChinese(ch);
  if (l.text.length > 40 || SENTENCE_END.test(l.text)) return null;
  const found: Array<Span & { total: boolean }> = [];
  const t = l.text;
  for (let i = 0; i < t.length; i++) {
    const pre = dp.issuePrefix.at(t, i);
    if (!pre) continue;
    let j = i + pre.length;
    while (j < t.length && (/\d/u.test(t[j]!) || numeral(t[j]!))) j++;
    if (j === i + pre.length) continue;
    const suf = dp.issueSuffix.at(t, j);
    if (!suf) continue;
    const total = dp.issueTotalPrefix.endingAt(t, i);
    found.push({ start: l.start + i - (total?.length ?? 0), end: l.start + j + suf.length, total: total !== null });
  }
  const pick = found.find((f) => !f.total) ?? found[0];
  if (!pick) return null;
  let rest = t;
  for (const f of [...found].reverse()) rest = rest.slice(0, f.start - l.start) + " " + rest.slice(f.end - l.start);
  rest = withoutYears(rest, p).replace(/[()（）【】\[\]\s]+/gu, "");
  const apart = (ch: string | undefined) => ch === undefined || /\s/u.test(ch);
  const spaced = apart(t[pick.start - l.start - 1]) && apart(t[pick.end - l.start]);
  if (rest && !isBulletinMasthead(rest, dp) && !spaced) return null;
  return { start: pick.start, end: pick.end };
}

/** The text with every written year ("2016年", "二〇一六年") taken out. */
function withoutYears(t: string, p: DatePatterns): string {
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const y = p.numerals.year(t, i);
    const unit = y ? p.year.at(t, y.end) : null;
    if (y && unit) {
      i = y.end + unit.length - 1;
      out += " ";
    } else out += t[i];
  }
  return out;
}

/** "发文字号：南卫发〔2020〕3号": a label of a website's metadata table and its value. */
function metadataLine(l: Line, dp: DocumentPatterns): { field: MetadataField | null; value: Span } | null {
  const label = dp.metadataLabel.at(l.text, 0);
  if (!label) return null;
  let j = label.length;
  while (l.text[j] === " ") j++;
  if (l.text[j] !== ":" && l.text[j] !== "：") return null;
  j++;
  while (j < l.text.length && /\s/u.test(l.text[j]!)) j++;
  return { field: dp.metadataField.get(label) ?? null, value: { start: l.start + j, end: l.end } };
}

/** "简      报", "医改动态": a short line that names a bulletin. */
function isBulletinMasthead(compact: string, dp: DocumentPatterns): boolean {
  if (dp.bulletinMastheads.has(compact)) return true;
  return compact.length <= 10 && [...dp.bulletinMastheads].some((w) => compact.endsWith(w));
}

/** A bulletin's name is rarely longer than this, even with its issuer in it. */
const MAX_NAMED_MASTHEAD = 30;

/**
 * "临江市卫生健康工作简报" over "第15期": a longer bulletin name is a masthead, not
 * the title, when an issue number stands on the next line. (Without the issue line
 * such a line may be a title: "关于…情况的报告" does not end in a masthead word,
 * but "…工作动态" alone could be either, so it is left to the short-name rule.)
 */
function isNamedMasthead(compact: string, next: Line | undefined, dp: DocumentPatterns, p: DatePatterns): boolean {
  if (compact.length > MAX_NAMED_MASTHEAD || SENTENCE_END.test(compact) || !next) return false;
  if (![...dp.bulletinMastheads].some((w) => compact.endsWith(w))) return false;
  return findIssue(next, dp, p) !== null;
}

function isTitleLine(l: Line, dp: DocumentPatterns): boolean {
  const t = l.text;
  if (t.length > dp.titleMax || SENTENCE_END.test(t) || /[:：]$/u.test(t)) return false;
  return headingMarker(t) === null;
}

function isHeaderMarker(l: Line, dp: DocumentPatterns): boolean {
  const compact = l.text.replace(/\s+/gu, "");
  if (compact.length > 80) return false;
  // "（此件公开发布）": a bracketed note on a line of its own.
  if (/^[(（【\[].*[)）】\]]$/u.test(compact)) return true;
  const label = dp.attachmentLabel.at(compact, 0);
  if (label && /^[\d:：]*$/u.test(compact.slice(label.length))) return true;
  return dp.headerMarker.at(compact, 0) !== null || dp.breadcrumbMarks.some((m) => compact.includes(m));
}

export function readHead(view: TextView, input: readonly Line[], patterns: PatternSet, dp: DocumentPatterns): Head {
  const text = view.text;
  const head: Head = { title: null, subtitle: null, metadata: {}, docNumber: null, mastheadOrg: null, issue: null, addressees: null };
  const p = datePatterns(patterns);
  const docNumberLine = (l: Line): Span | null => {
    if (l.text.length > 60 || SENTENCE_END.test(l.text)) return null;
    const spans = docNumberSpans(l.text, p);
    return spans.length ? { start: l.start + spans[0]!.start, end: l.start + spans[0]!.end } : null;
  };

  // Header furniture the view joined to the next line by page layout is cut off again.
  const lines = [...input];
  const isHeaderLine = (l: Line, idx: number): boolean => {
    const compact = l.text.replace(/\s+/gu, "");
    return (dp.mastheadSuffix.endingAt(compact, compact.length) !== null && compact.length <= 40) ||
      isBulletinMasthead(compact, dp) || isNamedMasthead(compact, lines[idx + 1], dp, p) || findIssue(l, dp, p) !== null || docNumberLine(l) !== null ||
      isHeaderMarker(l, dp) || readDateLine(l, idx, patterns, dp) !== null || metadataLine(l, dp) !== null;
  };

  let i = 0;
  for (; i < lines.length && i < MAX_HEAD_LINES; i++) {
    let l = lines[i]!;
    const cut = splitAtLayoutBreak(view, l);
    if (cut && isHeaderLine(cut[0], i)) {
      lines.splice(i, 1, cut[0], cut[1]);
      l = cut[0];
    }
    const meta = metadataLine(l, dp);
    if (meta) {
      if (meta.field && meta.value.end > meta.value.start) head.metadata[meta.field] ??= meta.value;
      continue;
    }
    const compact = l.text.replace(/\s+/gu, "");
    const mast = dp.mastheadSuffix.endingAt(compact, compact.length);
    if (mast && isOrgLine(compact.slice(0, -mast.length), dp)) {
      const orgEnd = l.text.lastIndexOf(mast);
      head.mastheadOrg ??= { start: l.start, end: l.start + l.text.slice(0, orgEnd).trimEnd().length };
      continue;
    }
    if (isBulletinMasthead(compact, dp) || isNamedMasthead(compact, lines[i + 1], dp, p)) continue;
    // "南湖区审计局" over its 文号: the organisation heads the document.
    if (isOrgLine(l.text, dp) && lines[i + 1] && docNumberLine(lines[i + 1]!)) {
      head.mastheadOrg ??= { start: l.start, end: l.end };
      continue;
    }
    const issue = findIssue(l, dp, p);
    if (issue) {
      head.issue ??= issue;
      continue;
    }
    const dn = docNumberLine(l);
    if (dn) {
      head.docNumber ??= dn;
      continue;
    }
    if (isHeaderMarker(l, dp)) continue;
    if (readDateLine(l, i, patterns, dp)) continue;
    if (dp.notePrefix.at(l.text, 0)) continue;
    break;
  }

  const first = lines[i];
  if (first && i < MAX_HEAD_LINES && isTitleLine(first, dp)) {
    const parts: Span[] = [{ start: first.start, end: first.end }];
    let last = first.text;
    // A title broken over lines: join the next short line when it ends the title.
    for (let k = i + 1; k < lines.length && k <= i + 2; k++) {
      const next = lines[k]!;
      if (dp.titleEnd.endingAt(last, last.length)) break;
      if (next.text.length > MAX_CONTINUATION || !isTitleLine(next, dp)) break;
      // "——我市…取得阶段性成效" under a title is its subtitle, not the title's second line.
      if (SUBTITLE_DASH.test(next.text)) break;
      if (!dp.titleEnd.endingAt(next.text, next.text.length)) break;
      parts.push({ start: next.start, end: next.end });
      last = next.text;
      i = k;
    }
    head.title = parts;
    i++;
    const sub = lines[i];
    if (sub && SUBTITLE_DASH.test(sub.text) && sub.text.length <= dp.titleMax && !SENTENCE_END.test(sub.text)) {
      head.subtitle = { start: sub.start, end: sub.end };
      i++;
    }
    // The document's own 文号 may stand under its title.
    const dn = lines[i] ? docNumberLine(lines[i]!) : null;
    if (dn) {
      head.docNumber ??= dn;
      i++;
    }
    const next = lines[i];
    if (next && /[:：]$/u.test(next.text) && !SENTENCE_END.test(next.text) && next.text.length <= 200 && !dp.notePrefix.at(next.text, 0)) {
      head.addressees = { start: next.start, end: next.end - 1 };
    }
  }

  if (!head.addressees) {
    for (const l of lines) {
      const w = dp.addresseePrefix.at(l.text, 0);
      if (!w) continue;
      let end = l.end;
      while (end > l.start + w.length && /[。.:：\s]/u.test(text[end - 1]!)) end--;
      head.addressees = { start: l.start + w.length, end };
      break;
    }
  }
  return head;
}

/**
 * Addressees split at commas and semicolons outside brackets, as the 主送 line
 * groups them; a 、 list stays one entry ("各区、市、县政府（先导区管委会）",
 * "市政府各部门、各直属机构").
 */
export function splitAddressees(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let depth = 0;
  let from = span.start;
  for (let i = span.start; i <= span.end; i++) {
    const ch = text[i];
    if (i < span.end && /[(（【\[]/u.test(ch!)) depth++;
    else if (i < span.end && /[)）】\]]/u.test(ch!)) depth = Math.max(0, depth - 1);
    else if (i === span.end || (depth === 0 && /[,;，；]/u.test(ch!))) {
      const piece = trim(text, { start: from, end: i });
      if (piece.end > piece.start) out.push(piece);
      from = i + 1;
    }
  }
  return out;
}

function trim(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { start, end };
}
