// Builds the review page: one self-contained HTML file in which every extracted
// value is highlighted in its source document. Styles and script are inlined and
// a Content-Security-Policy allows nothing but them (by hash), so the page makes
// no network request and injected markup could not run a script anyway.
import { createHash } from "node:crypto";
import { SCHEMA_VERSION } from "../records.js";
import { VERSION } from "../version.js";
import { buildPayload, jsonForScript, packPayload, type ReviewInput } from "./payload.js";
import { REVIEW_JS } from "./page-script.js";
import { REVIEW_CSS } from "./page-style.js";

export type { ReviewInput } from "./payload.js";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
}

function sha256(s: string): string {
  return `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
}

export function buildReviewHtml(docs: ReadonlyArray<ReviewInput>): string {
  const payload = buildPayload(docs, `policy-extract ${VERSION}`, SCHEMA_VERSION);
  const title = docs.length === 1
    ? `${docs[0]!.result.document.title ?? docs[0]!.result.document.doc} · policy-extract review`
    : `policy-extract review · ${docs.length} documents`;
  const csp = [
    "default-src 'none'",
    `style-src ${sha256(REVIEW_CSS)}`,
    `script-src ${sha256(REVIEW_JS)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policy-extract ${escapeHtml(VERSION)}">
<title>${escapeHtml(title)}</title>
<style>${REVIEW_CSS}</style>
</head>
<body>
<header class="top" id="top"></header>
<main id="docs" aria-label="documents"></main>
<aside id="side" aria-label="records"></aside>
<div id="card" role="tooltip"></div>
<noscript><p>This page needs JavaScript to show the documents.</p></noscript>
<script type="application/json" id="review-data">${jsonForScript(packPayload(payload))}</script>
<script>${REVIEW_JS}</script>
</body>
</html>
`;
}
