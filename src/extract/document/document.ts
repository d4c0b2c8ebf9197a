// Document metadata (SPEC §6): title, own 文号, issuer, 成文 date, printing date,
// bulletin issue, addressees and cited documents — only what the text states,
// null otherwise. Values are the document's own characters (full-width kept),
// without the layout breaks and lone spaces the view removed.
import type { DocumentContext, DocumentFields } from "../types.js";
import { findDates } from "../date/date.js";
import { datePatterns } from "../date/patterns.js";
import { findCites } from "./cites.js";
import { readHead, splitAddressees } from "./head.js";
import { contentLines, originalText, originalTextWithSpaces } from "./lines.js";
import { documentPatterns } from "./patterns.js";
import { findSignature } from "./signature.js";

/** Letter-spaced words ("简      报") have one-character pieces; slogan phrases are short. */
const MAX_TITLE_PHRASES = 4;
const MAX_PHRASE = 12;

/**
 * A title line as written. A space between short parallel phrases
 * ("推进医养结合　守护幸福晚年") separates them and is kept. Spaces that letter-space a
 * word, that the page layout put between characters, or that set an issuer off a
 * long title ("聊城市人民政府 关于印发…的通知") are dropped as the view drops them.
 */
function titleText(view: DocumentContext["view"], span: { start: number; end: number }): string {
  const raw = originalTextWithSpaces(view, span.start, span.end);
  const phrases = raw.split(/[ \t\u3000]+/u);
  const spaced = phrases.length > 1 && phrases.length <= MAX_TITLE_PHRASES && phrases.every((p) => [...p].length >= 2 && [...p].length <= MAX_PHRASE);
  return spaced ? raw : originalText(view, span.start, span.end);
}

export function extractDocumentFields(ctx: DocumentContext): DocumentFields {
  const { view } = ctx;
  const dp = documentPatterns(ctx.patterns);
  const lines = contentLines(view);
  const head = readHead(view, lines, ctx.patterns, dp);
  const sig = findSignature(lines, ctx.patterns, dp);
  const text = (s: { start: number; end: number } | null) => (s ? originalText(view, s.start, s.end) || null : null);

  const meta = head.metadata;
  const title = head.title ? head.title.map((s) => titleText(view, s)).join("") : null;
  const metaIssued = meta.issued ? findDates(view.text.slice(meta.issued.start, meta.issued.end), ctx.patterns)[0]?.date : null;
  return {
    title: title || text(meta.title ?? null),
    subtitle: head.subtitle ? titleText(view, head.subtitle) : null,
    doc_number: text(head.docNumber ?? meta.doc_number ?? null),
    issuer: text(sig.issuer ?? meta.issuer ?? head.mastheadOrg),
    issued: sig.issued ?? metaIssued ?? null,
    printed: sig.printed,
    issue: text(head.issue),
    addressees: head.addressees ? splitAddressees(view.text, head.addressees).map((s) => originalText(view, s.start, s.end)).filter(Boolean) : [],
    cites: findCites(view, dp, datePatterns(ctx.patterns)),
  };
}
