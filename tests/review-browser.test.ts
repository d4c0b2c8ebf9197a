// The review page in a real headless browser: after opening each document, the
// number of highlights of each type equals the number of records of that type
// and each highlight covers its record's text; a click on a table row brings its
// span into view; the page logs no console error, makes no network request and
// runs no script from the documents. Needs /usr/bin/chromium (skips without it).
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "./helpers/chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPatterns } from "../src/patterns/load.js";
import { RECORD_TYPES } from "../src/records.js";
import { buildReviewHtml, type ReviewInput } from "../src/review/page.js";
import { extractFile } from "../src/run/extract-file.js";
import { longDocument, trickyDocument } from "./helpers/review-docs.js";

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`review-browser: ${CHROMIUM} not found, browser tests skipped (install it with: apt-get install -y chromium)`);
}
const TYPES = ["metric", "date", "responsible_unit"] as const;

/**
 * Bundled sample reports (samples/, or a folder named by REVIEW_SAMPLES), else
 * the reports of the regression fixtures; [] when there are none.
 */
function sampleFiles(): Array<{ path: string; doc: string }> {
  const root = join(import.meta.dirname, "..");
  const list = (dir: string, keep: (f: string) => boolean) =>
    existsSync(dir)
      ? readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(keep).sort()
        .map((f) => ({ path: join(dir, f), doc: f.split(/[\\/]/u).join("/") }))
      : [];
  const isReport = (f: string) => /\.(txt|docx|pdf|html)$/u.test(f);
  const samples = list(process.env.REVIEW_SAMPLES ?? join(root, "samples"), isReport);
  if (samples.length) return samples;
  return list(join(root, "fixtures"), (f) => isReport(f) && /(^|[\\/])report\.[a-z]+$/u.test(f));
}

async function extract(files: Array<{ path: string; doc: string }>): Promise<ReviewInput[]> {
  const pipeline = { types: new Set(RECORD_TYPES), attribution: true, explain: true, patterns: loadPatterns() };
  const out: ReviewInput[] = [];
  for (const { path, doc } of files) {
    const outcome = await extractFile(path, doc, pipeline);
    if (!outcome.ok) throw new Error(`${doc}: ${outcome.error.code}`);
    out.push({ result: outcome.result, text: outcome.result.document.text });
  }
  return out;
}

describe.skipIf(!hasChromium)("review page in headless chromium", () => {
  let context: BrowserContext;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "review-browser-"));
    context = await launchChromium(work, { width: 1400, height: 900 });
  });

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Open the page and collect console errors, page errors and network requests. */
  async function open(name: string, docs: ReviewInput[]): Promise<{ page: Page; problems: string[] }> {
    const file = join(work, `${name}.html`);
    writeFileSync(file, buildReviewHtml(docs));
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) problems.push(`request: ${r.url()}`); });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("body[data-ready=true]");
    return { page, problems };
  }

  /** Open every document and compare its highlights with its records. */
  async function checkHighlights(page: Page, docs: ReviewInput[]): Promise<void> {
    for (let i = 0; i < docs.length; i++) {
      const open = await page.$eval(`#doc-${i}`, (d) => (d as HTMLDetailsElement).open);
      if (!open) await page.click(`#doc-${i} > summary`);
      await page.waitForFunction((i) => (document.querySelector(`#doc-${i} .doc-text`)?.childNodes.length ?? 0) > 0, i);
      const seen = await page.$eval(`#doc-${i} .doc-text`, (body) => {
        const spans = Array.from(body.querySelectorAll("[data-type]")).map((el) => {
          const id = el.getAttribute("data-id")!;
          const parts = [el, ...Array.from(body.querySelectorAll(`[data-for="${id}"]`))];
          return {
            type: el.getAttribute("data-type")!, start: Number(el.getAttribute("data-start")),
            end: Number(el.getAttribute("data-end")), rule: el.getAttribute("data-rule"),
            text: parts.map((p) => p.textContent).join(""),
          };
        });
        const vetoes = Array.from(body.querySelectorAll("[data-veto]")).map((el) => ({
          start: Number(el.getAttribute("data-start")), end: Number(el.getAttribute("data-end")), rule: el.getAttribute("data-rule"),
        }));
        return { spans, vetoes, text: body.textContent };
      });
      const { result, text } = docs[i]!;
      const label = result.document.doc;
      for (const t of TYPES) {
        expect(seen.spans.filter((s) => s.type === t).length, `${label}: ${t} highlights`).toBe(result.records.filter((r) => r.type === t).length);
      }
      const norm = (s: string) => s.replace(/\r\n?/gu, "\n");
      const key = (x: { type?: string; start: number; end: number }) => `${x.type ?? ""}:${x.start}:${x.end}`;
      expect(seen.spans.map(key).sort(), `${label}: highlight offsets`).toEqual(result.records.map(key).sort());
      for (const s of seen.spans) {
        const r = result.records.find((x) => key(x) === key(s))!;
        expect(s.text, `${label}: text of ${key(s)}`).toBe(norm(r.text));
        expect(s.rule).toBe(r.rule ?? "");
      }
      expect(seen.vetoes.map((v) => `${v.start}:${v.end}:${v.rule}`).sort()).toEqual(result.vetoes.map((v) => `${v.start}:${v.end}:${v.rule}`).sort());
      // the whole text is there, in order, with nothing added
      expect(seen.text, `${label}: rendered text`).toBe(norm(text));
    }
  }

  /** Click the table row of a record and check that its span ends up inside the viewport. */
  async function checkRowClick(page: Page, docIndex: number, recordIndex: number): Promise<void> {
    const id = `r${docIndex}-${recordIndex}`;
    await page.selectOption("select[data-filter=doc]", String(docIndex));
    await page.evaluate(() => { document.getElementById("docs")!.scrollTop = 0; });
    while (!(await page.$(`#side tr.row[data-id="${id}"]`))) {
      expect(await page.$eval("#next-page", (b) => (b as HTMLButtonElement).disabled), `row ${id} on some page`).toBe(false);
      await page.click("#next-page");
    }
    await page.click(`#side tr.row[data-id="${id}"]`);
    const box = await page.$eval(`#docs [data-id="${id}"]`, (el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, w: window.innerWidth, h: window.innerHeight, flash: el.classList.contains("flash") };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.h);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(box.w);
    expect(box.flash).toBe(true);
  }

  it("renders synthetic and freshly extracted documents exactly, safely and offline", async () => {
    writeFileSync(join(work, "report.txt"), [
      "关于2018年医改重点工作任务的通知",
      "",
      "一、推进分级诊疗",
      "到2018年底，全市参保人数达到698.1万人，比2015年增加了12.5%，每千常住人口床位4.6张。",
      "（责任单位：市卫生计生委，各区市县政府、先导区管委会）",
      "",
    ].join("\n"));
    const docs = [trickyDocument(), ...(await extract([{ path: join(work, "report.txt"), doc: "report.txt" }])), longDocument()];
    const { page, problems } = await open("synthetic", docs);

    await checkHighlights(page, docs);
    // the far end of the long document, reached from the table's later pages
    await checkRowClick(page, 2, docs[2]!.result.records.length - 1);
    await checkRowClick(page, 0, 4);

    // hovering a highlight shows the record's fields
    await page.evaluate(() => { document.getElementById("docs")!.scrollTop = 0; });
    // let the scroll event (which hides an unpinned card) pass before hovering
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.hover("#doc-0 [data-id='r0-1']");
    const card = await page.textContent("#card.shown");
    expect(card).toContain("6,981,000 人");
    expect(card).toContain("参保人数");

    // markup in the documents stayed text
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$("#docs img, #docs script, #docs b")).toHaveLength(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the sample reports with every record highlighted", async (ctx) => {
    const files = sampleFiles();
    if (!files.length) {
      console.warn("review-browser: no sample reports (samples/, REVIEW_SAMPLES or fixtures/), sample check skipped");
      ctx.skip();
    }
    const docs = await extract(files);
    const { page, problems } = await open("samples", docs);
    await checkHighlights(page, docs);
    const withRecords = docs.findIndex((d) => d.result.records.length > 0);
    if (withRecords >= 0) await checkRowClick(page, withRecords, docs[withRecords]!.result.records.length - 1);
    else console.warn("review-browser: the extractors gave no records for the samples; row click checked on synthetic data only");
    expect(problems).toEqual([]);
    await page.close();
  });
});
