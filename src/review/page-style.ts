// The review page's stylesheet, kept as a string so the page stays one file and
// the package needs no asset copying (it runs from dist/). Colours are the
// Okabe–Ito palette, and each type also has its own underline style, so the
// three types stay apart for colour-blind readers and on a black-and-white print.
export const REVIEW_CSS = String.raw`
:root {
  --metric: #E69F00; --metric-bg: rgba(230, 159, 0, 0.26); --metric-ink: #8a5f00;
  --date: #0072B2; --date-bg: rgba(86, 180, 233, 0.30); --date-ink: #005384;
  --unit: #009E73; --unit-bg: rgba(0, 158, 115, 0.22); --unit-ink: #006b4e;
  --veto: #6e6e6e; --flash: #D55E00;
  --line: #d9d9d9; --muted: #5f6368; --paper: #ffffff; --panel: #f7f7f5;
  --cjk: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei UI",
    "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "Droid Sans Fallback", sans-serif;
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  font-family: var(--cjk); font-size: 15px; color: #1f1f1f; background: var(--paper);
  display: grid; grid-template-columns: minmax(0, 1fr) minmax(380px, 42%);
  grid-template-rows: auto minmax(0, 1fr); grid-template-areas: "head head" "docs side";
  height: 100vh; overflow: hidden;
}
header.top {
  grid-area: head; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px;
  padding: 8px 16px; border-bottom: 1px solid var(--line); background: var(--panel);
}
header.top h1 { font-size: 17px; margin: 0; font-weight: 600; }
header.top .summary { color: var(--muted); font-size: 13px; }
.legend { display: flex; gap: 10px; flex-wrap: wrap; font-size: 13px; align-items: center; }
.legend label { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; }
.legend .sw { padding: 0 5px; border-radius: 2px; }
.tools { margin-left: auto; display: flex; gap: 6px; align-items: center; font-size: 13px; }
button, select, input { font: inherit; font-size: 13px; }
button { padding: 2px 10px; border: 1px solid #b8b8b8; border-radius: 4px; background: #fff; cursor: pointer; }
button:hover:not(:disabled) { background: #eef3f8; }
button:disabled { opacity: 0.5; cursor: default; }
.warn { color: #a33a00; font-size: 13px; }

#docs { grid-area: docs; overflow: auto; padding: 12px 20px 40vh; scroll-padding: 25vh 0; }
details.doc { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; background: #fff; }
details.doc > summary {
  cursor: pointer; padding: 8px 12px; display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: baseline;
  position: sticky; top: -12px; background: var(--panel); border-radius: 6px 6px 0 0; z-index: 2;
  list-style-position: inside;
}
details.doc > summary .title { font-weight: 600; }
details.doc > summary .path { color: var(--muted); font-size: 12px; word-break: break-all; }
details.doc > summary .badges { display: inline-flex; gap: 6px; font-size: 12px; margin-left: auto; }
.badge { border-radius: 8px; padding: 0 7px; white-space: nowrap; }
.badge.t-metric { background: var(--metric-bg); color: var(--metric-ink); }
.badge.t-date { background: var(--date-bg); color: var(--date-ink); }
.badge.t-responsible_unit { background: var(--unit-bg); color: var(--unit-ink); }
.badge.t-veto { background: #ececec; color: var(--veto); }
.doc-meta { font-size: 12px; color: var(--muted); padding: 6px 14px 0; display: flex; flex-wrap: wrap; gap: 2px 16px; }
.doc-text {
  white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.9; padding: 10px 16px 16px;
  font-size: 15.5px; letter-spacing: 0.01em; line-break: strict;
}

mark.hl { background: none; color: inherit; border-radius: 2px; cursor: pointer; }
mark.hl.t-metric { background: var(--metric-bg); border-bottom: 2px solid var(--metric); }
mark.hl.t-date { background: var(--date-bg); border-bottom: 2px dashed var(--date); }
mark.hl.t-responsible_unit { background: var(--unit-bg); border-bottom: 3px double var(--unit); }
mark.hl:hover, mark.hl.active { outline: 2px solid #1f1f1f; outline-offset: 1px; }
body.off-metric mark.hl.t-metric, body.off-date mark.hl.t-date,
body.off-responsible_unit mark.hl.t-responsible_unit { background: none; border-bottom-color: transparent; }
span.veto { color: var(--veto); text-decoration: line-through dotted var(--veto); cursor: help; }
/* a veto on a span that another type kept ("2009年" vetoed as a metric, kept as a date) is not struck out */
mark.hl span.veto { color: inherit; text-decoration: none; }
body.veto-labels span.veto[data-rule]::after {
  content: attr(data-rule); font-size: 10px; color: var(--veto); vertical-align: super;
  margin-left: 1px; text-decoration: none; display: inline-block; line-height: 1;
}
body.off-veto span.veto { color: inherit; text-decoration: none; }
body.off-veto span.veto::after { content: none !important; }
.flash { animation: flash 1.6s ease-out 1; }
@keyframes flash {
  0%, 40% { outline: 3px solid var(--flash); outline-offset: 2px; box-shadow: 0 0 0 6px rgba(213, 94, 0, 0.25); }
  100% { outline: 3px solid transparent; outline-offset: 2px; box-shadow: 0 0 0 6px transparent; }
}

#side { grid-area: side; overflow: auto; border-left: 1px solid var(--line); background: #fcfcfb; padding: 10px 12px; }
#side h2 { font-size: 14px; margin: 0 0 6px; }
.counts { display: flex; gap: 6px; flex-wrap: wrap; font-size: 12px; margin-bottom: 8px; }
.filters { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; margin-bottom: 8px; }
.filters label { display: flex; flex-direction: column; font-size: 11px; color: var(--muted); gap: 2px; }
.filters select, .filters input { width: 100%; padding: 2px 4px; border: 1px solid #b8b8b8; border-radius: 4px; background: #fff; }
.filters .search { grid-column: span 2; }
table.records { width: 100%; border-collapse: collapse; font-size: 12.5px; table-layout: fixed; }
table.records th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line); padding: 3px 4px; position: sticky; top: -10px; background: #fcfcfb; }
table.records td { border-bottom: 1px solid #eee; padding: 3px 4px; vertical-align: top; overflow-wrap: anywhere; }
table.records tr.row { cursor: pointer; }
table.records tr.row:hover, table.records tr.row:focus { background: #eef3f8; outline: none; }
table.records tr.row.selected { background: #fde9d9; }
table.records tr.row.veto td { color: var(--veto); }
table.records tr.row.mismatch td.text { text-decoration: wavy underline #D55E00; }
table.records col.c-doc { width: 6%; } table.records col.c-type { width: 10%; }
table.records col.c-text { width: 22%; } table.records col.c-detail { width: 39%; }
table.records col.c-role { width: 14%; } table.records col.c-year { width: 9%; }
td.type span { font-size: 11px; }
td .clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; overflow: hidden; }
.pager { display: flex; gap: 8px; align-items: center; justify-content: space-between; margin: 8px 0; font-size: 12px; color: var(--muted); }
.empty { color: var(--muted); font-size: 13px; padding: 12px 4px; }

#card {
  position: fixed; z-index: 10; max-width: 440px; min-width: 240px; background: #fff; border: 1px solid #9a9a9a;
  border-radius: 6px; box-shadow: 0 4px 18px rgba(0, 0, 0, 0.18); padding: 8px 10px; font-size: 13px; display: none;
  max-height: 70vh; overflow: auto;
}
#card.shown { display: block; }
#card.pinned { border-color: #1f1f1f; }
#card .entry + .entry { border-top: 1px solid var(--line); margin-top: 6px; padding-top: 6px; }
#card .head { display: flex; gap: 6px; align-items: baseline; margin-bottom: 4px; }
#card .head .text { font-weight: 600; word-break: break-all; }
#card dl { display: grid; grid-template-columns: max-content 1fr; gap: 1px 10px; margin: 0; }
#card dt { color: var(--muted); }
#card dd { margin: 0; overflow-wrap: anywhere; }
#card .hint { color: var(--muted); font-size: 11px; margin-top: 4px; }

@media (max-width: 900px) {
  body { display: block; height: auto; overflow: auto; }
  #docs, #side { overflow: visible; border-left: none; padding-bottom: 12px; }
}
@media print {
  @page { margin: 16mm 14mm; }
  body { display: block; height: auto; overflow: visible; font-size: 10.5pt; }
  #side, #card, .tools, .legend label input { display: none !important; }
  header.top { background: none; border: none; padding: 0 0 8pt; }
  #docs { overflow: visible; padding: 0; }
  details.doc { border: none; margin: 0; break-before: page; }
  details.doc:first-of-type { break-before: auto; }
  details.doc:not([open]) { display: none; }
  details.doc > summary { position: static; background: none; list-style: none; padding: 0 0 6pt; border-bottom: 1px solid #999; }
  .doc-text { font-size: 10.5pt; line-height: 1.75; padding: 6pt 0; }
  mark.hl, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  mark.hl:hover, mark.hl.active, .flash { outline: none; animation: none; box-shadow: none; }
}
`;
