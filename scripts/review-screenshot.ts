// Makes docs/review.png: the review page of one report, with a record's card
// open, in headless Chromium. Run it again whenever the extractors or the page
// change:
//   npx vite-node scripts/review-screenshot.ts -- <report> [out.png]
// (the first file under samples/ when no report is given).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM, launchChromium } from "../tests/helpers/chromium.js";
import { loadPatterns } from "../src/patterns/load.js";
import { RECORD_TYPES } from "../src/records.js";
import { buildReviewHtml } from "../src/review/page.js";
import { extractFile } from "../src/run/extract-file.js";

const root = join(import.meta.dirname, "..");
const args = process.argv.slice(2).filter((a) => a !== "--");
const report = args[0] ?? firstSample();
const out = args[1] ?? join(root, "docs", "review.png");

function firstSample(): string {
  const dir = join(root, "samples");
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(txt|docx|pdf|html)$/u.test(f)).sort() : [];
  if (!files.length) throw new Error("give a report: npx vite-node scripts/review-screenshot.ts -- <report> [out.png]");
  return join(dir, files[0]!);
}

const outcome = await extractFile(report, basename(report), {
  types: new Set(RECORD_TYPES), attribution: true, explain: true, patterns: loadPatterns(),
});
if (!outcome.ok) throw new Error(`${report}: ${outcome.error.code}`);
const { result } = outcome;
const work = mkdtempSync(join(tmpdir(), "review-shot-"));
const page = join(work, "review.html");
writeFileSync(page, buildReviewHtml([{ result, text: result.document.text }]));

const context = await launchChromium(work, { width: 1440, height: 900 });
try {
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForSelector("body[data-ready=true]");
  // Open the card of a typical metric (an amount with its indicator and year) when there is one.
  const score = (r: (typeof result.records)[number]) =>
    r.type !== "metric" ? 0 : 1 + (r.indicator ? 2 : 0) + (r.year ? 2 : 0) + (r.unit && r.category !== "duration" ? 2 : 0);
  const best = Math.max(0, ...result.records.map(score));
  const pick = result.records.length ? result.records.findIndex((r) => score(r) === best) : -1;
  if (pick >= 0) {
    await tab.click(`#side tr.row[data-id="r0-${pick}"]`).catch(() => undefined);
    await tab.waitForTimeout(1800); // let the flash fade
    await tab.click(`#docs [data-id="r0-${pick}"]`);
  }
  await tab.screenshot({ path: out });
  const counts = RECORD_TYPES.filter((t) => t !== "document").map((t) => `${result.records.filter((r) => r.type === t).length} ${t}`);
  process.stderr.write(`${out}: ${basename(report)}, ${counts.join(", ")}\n`);
} finally {
  await context.close();
  rmSync(work, { recursive: true, force: true });
}
