// Real containers and bad inputs. A .docx and a .pdf built from each text report
// (scripts/make-test-documents.ts) read back to the same text and give the same
// metrics as the .txt; HTML is reduced to lines and tab-separated cells; and each
// kind of bad file comes back as a FileError with its own code, never a throw.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDocx, makeImageOnlyPdf, makePdf, makeZip, truncate, wrap } from "../scripts/make-test-documents.js";
import { ERROR_MESSAGES, formatFileError, type ErrorCode } from "../src/errors.js";
import { htmlToText } from "../src/load/html.js";
import { DEFAULT_LOAD_OPTIONS, loadBytes, loadFile, type LoadOptions } from "../src/load/load.js";
import { dropPageFurniture, itemsToLines, upright } from "../src/load/pdf.js";
import { loadPatterns } from "../src/patterns/load.js";
import { processDocument } from "../src/pipeline.js";
import { RECORD_TYPES, type AnyRecord } from "../src/records.js";
import { extractFile } from "../src/run/extract-file.js";

/**
 * Reports whose PDF copy does not yet yield the metrics of the text (observed,
 * cause not yet pinned down): the indicator-table plan loses its table cells
 * (64 of 82 metrics), and the hard-wrapped bulletin loses one figure (44 of 45).
 */
const KNOWN_PDF_GAPS: Record<string, string> = {
  "holdout-city-plan-14th": "cells of a tab-separated indicator table",
  "holdout-provincial-bulletin": "one figure of a hard-wrapped report",
};
import { fixtureCases, haveSeeds, reportFile, SEEDS } from "./helpers/paths.js";

const pipeline = { types: new Set(RECORD_TYPES), attribution: true, explain: false, patterns: loadPatterns() };
const HEADER = "示例文件汇编";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "policy-extract-loaders-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Text reports to convert: every fixture with a .txt report, and the seed reports when present. */
function textReports(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const c of fixtureCases()) {
    const f = reportFile(c);
    if (f.endsWith(".txt")) out.push([basename(c), f]);
  }
  if (haveSeeds) {
    for (const f of readdirSync(SEEDS).filter((x) => x.endsWith(".txt")).sort()) out.push([`seed ${f}`, join(SEEDS, f)]);
  }
  return out;
}

/** What the comparison is about: a metric's value, unit and exact text. */
function metricKeys(records: readonly AnyRecord[]): string[] {
  return records
    .filter((r) => r.type === "metric")
    .map((r) => (r.type === "metric" ? `${r.value}|${r.unit}|${r.text}` : ""))
    .sort();
}

async function expectError(
  result: Promise<{ ok: true } | { ok: false; error: { code: ErrorCode; detail?: string; file: string } }>,
  code: ErrorCode,
  detail?: RegExp,
): Promise<string> {
  const r = await result;
  expect(r.ok, `expected ${code}`).toBe(false);
  if (r.ok) return "";
  expect(r.error.code).toBe(code);
  if (detail) expect(r.error.detail ?? "").toMatch(detail);
  const line = formatFileError(r.error);
  expect(line).toContain(ERROR_MESSAGES[code]);
  expect(line).toContain(`[${code}]`);
  return line;
}

describe.each(textReports())("%s as .docx and .pdf", (name, txtPath) => {
  const slug = name.replace(/[^A-Za-z0-9_.-]+/gu, "_");

  it("the .docx reads back as the text, line for line (tab-separated lines as a table)", async () => {
    const txt = await loadFile(txtPath, "report.txt");
    expect(txt.ok).toBe(true);
    if (!txt.ok) return;
    const path = join(dir, `${slug}.docx`);
    writeFileSync(path, makeDocx(txt.loaded.text));
    const docx = await loadFile(path, "report.docx");
    expect(docx.ok).toBe(true);
    if (!docx.ok) return;
    expect(docx.loaded.format).toBe("docx");
    // Word paragraphs carry no line terminator; cells lose their outer spaces.
    const expected = txt.loaded.text.replace(/\r\n?/gu, "\n").split("\n")
      .map((l) => (l.includes("\t") ? l.split("\t").map((c) => c.trim()).join("\t") : l.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/gu, "")));
    expect(docx.loaded.text.split("\n")).toEqual(expected);
  });

  it("the .pdf reads back as the same characters, without running header or page numbers", async () => {
    const txt = await loadFile(txtPath, "report.txt");
    if (!txt.ok) throw new Error(formatFileError(txt.error));
    const path = join(dir, `${slug}.pdf`);
    // Short pages, so that the running header is on most of them.
    writeFileSync(path, makePdf(txt.loaded.text, { header: HEADER, pageNumbers: true, linesPerPage: 12 }));
    const pdf = await loadFile(path, "report.pdf");
    if (!pdf.ok) throw new Error(formatFileError(pdf.error));
    expect(pdf.loaded.format).toBe("pdf");
    // A line the source repeats on many pages (a site name) is page furniture in a PDF too.
    const squeeze = (s: string) => s.replace(/[\s\u0000-\u001f]+/gu, "");
    const lines = txt.loaded.text.split(/\r\n?|\n/u).map(squeeze);
    const repeated = new Set(lines.filter((l) => l && lines.filter((m) => m === l).length >= 3));
    const bare = (s: string) => s.split(/\r\n?|\n/u).map(squeeze).filter((l) => !repeated.has(l)).join("");
    expect(bare(pdf.loaded.text)).toBe(bare(txt.loaded.text));
    if (!txt.loaded.text.includes(HEADER)) expect(pdf.loaded.text).not.toContain(HEADER);
    expect(pdf.loaded.text.split("\n").filter((l) => /^- \d+ -$/u.test(l.trim()))).toEqual([]);
  });

  // Known gaps of the PDF round trip, kept visible: `it.fails` turns red the day they are fixed.
  const pdfGap = KNOWN_PDF_GAPS[slug];
  (pdfGap ? it.fails : it)(`the .txt, .docx and .pdf give the same metrics (value, unit, text)${pdfGap ? ` — known gap: ${pdfGap}` : ""}`, async () => {
    const txt = await loadFile(txtPath, "report.txt");
    if (!txt.ok) throw new Error(formatFileError(txt.error));
    const docxPath = join(dir, `${slug}.m.docx`);
    const pdfPath = join(dir, `${slug}.m.pdf`);
    writeFileSync(docxPath, makeDocx(txt.loaded.text));
    writeFileSync(pdfPath, makePdf(txt.loaded.text, { header: HEADER, pageNumbers: true }));
    const outcomes = await Promise.all([txtPath, docxPath, pdfPath].map((p) => extractFile(p, basename(p), pipeline)));
    const [fromTxt, fromDocx, fromPdf] = outcomes.map((o) => {
      if (!o.ok) throw new Error(formatFileError(o.error));
      return metricKeys(o.result.records);
    });
    expect(fromDocx).toEqual(fromTxt);
    expect(fromPdf).toEqual(fromTxt);
  });
});

describe("test document builders", () => {
  it("wrap keeps numbers with their units and closing punctuation off line starts", () => {
    const line = "全市共有医疗卫生机构8900余万元，其中医院达到698.1万人次，比上年增长12.5%，基层医疗卫生机构覆盖率达到百分之九十以上。";
    for (const width of [8, 10, 13, 17, 20]) {
      const lines = wrap(line, width);
      expect(lines.join("")).toBe(line);
      for (let i = 1; i < lines.length; i++) {
        expect(lines[i]!).not.toMatch(/^[，。）]/u);
        expect(`${lines[i - 1]!.slice(-1)}${lines[i]![0]}`).not.toMatch(/\d[\d.万余%]|[\d.]\d/u);
      }
    }
  });

  it("pdfjs reads a non-embedded Chinese font through a predefined CMap, from local files", async () => {
    const text = "全市共有医疗卫生机构1200家，比上年增长3.5%。\n（责任单位：市卫生健康委）";
    const r = await loadBytes("unigb.pdf", makePdf(text, { cmap: "UniGB-UCS2-H" }), "pdf");
    if (!r.ok) throw new Error(formatFileError(r.error));
    expect(r.loaded.text).toBe(text);
  });

  it("pdfjs reads astral characters through the ToUnicode map", async () => {
    const text = "𠀀𠀁统计：全市共12家𪚥医院。\n第二段";
    const r = await loadBytes("astral.pdf", makePdf(text), "pdf");
    if (!r.ok) throw new Error(formatFileError(r.error));
    expect(r.loaded.text).toBe(text);
  });
});

describe("pdf layout", () => {
  const item = (str: string, x: number, y: number, size = 10) => ({ str, x, y, width: str.length * size, size });

  it("joins items into lines by baseline, left to right, with tabs for wide gaps and blank lines for wide spacing", () => {
    const lines = itemsToLines([
      item("第二行", 0, 115),
      item("右列", 200, 100.4),
      item("第一行", 0, 100),
      item("续", 31, 100.2),
      item("注", 10, 95, 5), // a raised note mark stays on its line
      item("第三行", 0, 130),
      item("空一行后", 0, 160),
    ]);
    expect(lines).toEqual(["第一行注续\t右列", "第二行", "第三行", "", "空一行后"]);
  });

  it("reads a page whose text runs down the page, and drops a stamp at another angle", () => {
    const down = (str: string, x: number, y: number) => ({ str, m: [0, 12, -12, 0, x, y], width: 12 * str.length });
    const runs = [down("行", 500, 124), down("第一", 500, 100), down("第二行", 480, 100)];
    const seal = { str: "印章", m: [10.4, 6, -6, 10.4, 300, 300], width: 24 };
    expect(itemsToLines(upright([...runs, seal]))).toEqual(["第一行", "第二行"]);
  });

  it("drops page numbers and lines repeated at the top or bottom of most pages", () => {
    const pages = [
      ["标题", "正文一", "正文二", "- 1 -"],
      ["示例汇编", "正文三", "第2页 共3页"],
      ["示例汇编", "正文四", "3"],
    ];
    expect(dropPageFurniture(pages)).toEqual([["标题", "正文一", "正文二"], ["正文三"], ["正文四"]]);
  });

  it("keeps a number inside the body of a page", () => {
    const pages = [["一", "二", "12", "三", "四", "五"], ["六", "七", "八", "九", "十", "十一"]];
    expect(dropPageFurniture(pages)[0]).toContain("12");
  });
});

describe("html", () => {
  it("keeps text and block structure, drops script, style and comments", () => {
    const html = `<!DOCTYPE html><html><head><title>标题不算</title><meta charset="utf-8">
      <style>p { color: red }</style><script>var a = "<p>不是正文</p>";</script></head>
      <body><h1>关于印发 某方案的通知</h1><!-- 注释 <p>也不是</p> -->
      <div>第一段<br>第二行<br/>第三行</div>
      <p>共有&nbsp;12&nbsp;家，增长&#65285;与&#x4e07;&amp;&lt;&gt;&quot;&copy;&unknown; &#128512;</p>
      <ul><li>一项</li><li>二项
      </li></ul><p a='x>y' b="1>2">引号中的 &gt; 不结束标签</p></body></html>`;
    expect(htmlToText(html)).toBe(
      ["关于印发 某方案的通知", "第一段", "第二行", "第三行", "共有 12 家，增长％与万&<>\"©&unknown; 😀", "一项", "二项", "引号中的 > 不结束标签"].join("\n"),
    );
  });

  it("makes a table row one line of tab-separated cells, also with unclosed tags and nested tables", () => {
    const html = `<table><caption>任务分工</caption><tr><th>序号<th>任务<th>责任单位
      <tr><td>1</td><td><p>推进</p><p>医联体</p></td><td>市卫生健康委、<br>市财政局</td></tr>
      <tr><td>2<td>内表<table><tr><td>a</td><td>b</td></tr></table>之后<td></tr>
      <tr><td></td><td></td></tr></table><p>表后</p>`;
    expect(htmlToText(html)).toBe(
      ["任务分工", "序号\t任务\t责任单位", "1\t推进 医联体\t市卫生健康委、 市财政局", "2\t内表 a b 之后\t", "表后"].join("\n"),
    );
  });

  it("keeps preformatted text as it is and survives a cut-off tag", () => {
    expect(htmlToText("<pre>  一  二\n\n三</pre><p>尾")).toBe("  一  二\n\n三\n尾");
    expect(htmlToText("正文<p class=\"x")).toBe("正文");
    expect(htmlToText("a < b <3 </ >c")).toBe("a < b <3 </ >c");
    expect(htmlToText("<script>never closed")).toBe("");
  });

  it("decodes by the declared charset when the bytes agree, by detection when they do not", async () => {
    const body = "<p>全市共有医疗卫生机构1200家，比上年增长3.5%。</p>";
    const gbPage = iconv.encode(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>${body}</body></html>`, "gb18030");
    const r1 = await loadBytes("a.html", gbPage, "html");
    expect(r1.ok && r1.loaded).toMatchObject({ encoding: "gb18030", format: "html", text: "全市共有医疗卫生机构1200家，比上年增长3.5%。" });
    // Declared gb2312, written in UTF-8: the bytes win.
    const liar = Buffer.from(`<meta charset="gb2312">${body}`);
    const r2 = await loadBytes("b.htm", liar, "html");
    expect(r2.ok && r2.loaded.encoding).toBe("utf-8");
    // Declared utf-8, written in GB18030.
    const liar2 = iconv.encode(`<meta charset="utf-8">${body}`, "gb18030");
    const r3 = await loadBytes("c.html", liar2, "html");
    expect(r3.ok && r3.loaded.encoding).toBe("gb18030");
    expect(r3.ok && r3.loaded.text).toContain("1200家");
  });

  it("offsets of records refer to the extracted text", async () => {
    const html = Buffer.from("<html><body><p>到2020年，全市床位达到<b>1200</b>张。</p><table><tr><td>指标</td><td>76.3%</td></tr></table></body></html>");
    const r = await loadBytes("d.html", html, "html");
    if (!r.ok) throw new Error(formatFileError(r.error));
    const res = processDocument(r.loaded, pipeline);
    expect(res.document.format).toBe("html");
    const cps = Array.from(r.loaded.text);
    for (const rec of res.records) expect(cps.slice(rec.start, rec.end).join("")).toBe(rec.text);
  });
});

describe("docx", () => {
  it("reads paragraphs, empty paragraphs and a table with an empty cell", async () => {
    const text = "标题\n\n序号\t任务\t责任单位\n1\t推进医联体建设\t\n\n  缩进的段落 & <符号>";
    const r = await loadBytes("t.docx", makeDocx(text), "docx");
    if (!r.ok) throw new Error(formatFileError(r.error));
    expect(r.loaded).toMatchObject({ text, format: "docx", encoding: "utf-8" });
  });
});

describe("bad inputs", () => {
  const seedText = "关于推进医改工作的通知\n全市共有医疗卫生机构1200家，比上年增长3.5%，其中医院98所。\n";

  it("a path that does not exist", async () => {
    await expectError(loadFile(join(dir, "missing.txt"), "missing.txt"), "NOT_FOUND");
  });

  it("a path that runs through a file", async () => {
    const f = join(dir, "plain.txt");
    writeFileSync(f, seedText);
    await expectError(loadFile(join(f, "inner.txt"), "plain.txt/inner.txt"), "NOT_FOUND", /not a directory/u);
  });

  it("a directory where a file is needed", async () => {
    const d = join(dir, "folder.txt");
    mkdirSync(d, { recursive: true });
    await expectError(loadFile(d, "folder.txt"), "NOT_A_FILE", /directory/u);
  });

  it.skipIf(process.platform === "win32")("a named pipe", async () => {
    const p = join(dir, "pipe.txt");
    execFileSync("mkfifo", [p]);
    await expectError(loadFile(p, "pipe.txt"), "NOT_A_FILE", /pipe/u);
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() === 0)("a file without read permission", async () => {
    const f = join(dir, "secret.txt");
    writeFileSync(f, seedText);
    chmodSync(f, 0o000);
    await expectError(loadFile(f, "secret.txt"), "UNREADABLE", /permission/u);
  });

  it("an empty file, and one of only whitespace", async () => {
    const f = join(dir, "empty.txt");
    writeFileSync(f, "");
    await expectError(loadFile(f, "empty.txt"), "EMPTY");
    await expectError(loadBytes("blank.txt", Buffer.from(" \r\n\u3000\n"), "txt"), "EMPTY");
    await expectError(loadBytes("blank.html", Buffer.from("<html><script>x()</script></html>"), "html"), "EMPTY");
  });

  it("binary junk", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(200, 7)]);
    await expectError(loadBytes("image.txt", png, "txt"), "BINARY");
    await expectError(loadBytes("image.txt", png, "txt", { ...DEFAULT_LOAD_OPTIONS, encoding: "utf8" }), "BINARY");
  });

  it("--encoding utf8 on a GB18030 file, and gb18030 on a UTF-8 one", async () => {
    const opts = (encoding: LoadOptions["encoding"]) => ({ ...DEFAULT_LOAD_OPTIONS, encoding });
    await expectError(loadBytes("gb.txt", iconv.encode(seedText, "gb18030"), "txt", opts("utf8")), "DECODE_FAILED", /looks like GB18030.*--encoding gb18030/u);
    await expectError(loadBytes("u8.txt", Buffer.from(seedText), "txt", opts("gb18030")), "DECODE_FAILED", /UTF-8.*--encoding utf8/u);
    const auto = await loadBytes("gb.txt", iconv.encode(seedText, "gb18030"), "txt");
    expect(auto.ok && auto.loaded).toMatchObject({ text: seedText, encoding: "gb18030" });
  });

  it("a file larger than the limit", async () => {
    await expectError(loadBytes("big.txt", Buffer.from(seedText), "txt", { ...DEFAULT_LOAD_OPTIONS, maxBytes: 10 }), "TOO_LARGE");
  });

  it("an unsupported extension", async () => {
    const f = join(dir, "sheet.xlsx");
    writeFileSync(f, seedText);
    await expectError(loadFile(f, "sheet.xlsx"), "UNSUPPORTED_FORMAT", /xlsx/u);
  });

  it("a truncated .docx, a .docx that is not a ZIP, an OLE file and a ZIP without a document", async () => {
    const docx = makeDocx(seedText);
    await expectError(loadBytes("cut.docx", truncate(docx, 0.6), "docx"), "DOCX_INVALID", /zip/iu);
    await expectError(loadBytes("text.docx", Buffer.from(seedText), "docx"), "DOCX_INVALID", /not a ZIP/u);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]);
    await expectError(loadBytes("locked.docx", ole, "docx"), "DOCX_INVALID", /password-protected|\.doc/u);
    const zip = makeZip([{ name: "hello.txt", data: "hi" }]);
    await expectError(loadBytes("other.docx", zip, "docx"), "DOCX_INVALID");
  });

  it("an encrypted .pdf", async () => {
    await expectError(loadBytes("locked.pdf", makePdf(seedText, { encrypt: true }), "pdf"), "PDF_ENCRYPTED");
  });

  it("an image-only .pdf", async () => {
    await expectError(loadBytes("scan.pdf", makeImageOnlyPdf(3), "pdf"), "PDF_NO_TEXT", /0 characters on 3 pages/u);
  });

  it("a truncated .pdf, a damaged one, and an HTML error page saved as .pdf", async () => {
    const pdf = makePdf(seedText);
    await expectError(loadBytes("cut.pdf", truncate(pdf, 0.5), "pdf"), "PDF_INVALID", /truncated/u);
    await expectError(loadBytes("cut.pdf", truncate(pdf, 0.97), "pdf"), "PDF_INVALID", /truncated/u);
    const damaged = Buffer.from(pdf);
    damaged.fill(0x20, 20, damaged.length - 200); // objects and xref wiped, trailer kept
    await expectError(loadBytes("damaged.pdf", damaged, "pdf"), "PDF_INVALID");
    await expectError(loadBytes("page.pdf", Buffer.from("<html><body>404 Not Found</body></html>"), "pdf"), "PDF_INVALID", /HTML/u);
  });

  it("bytes that arrive as text but are a PDF or a .docx are read as such", async () => {
    const pdf = await loadBytes("-", makePdf(seedText), "txt");
    expect(pdf.ok && pdf.loaded.format).toBe("pdf");
    const docx = await loadBytes("-", makeDocx(seedText), "txt");
    expect(docx.ok && docx.loaded.format).toBe("docx");
    const html = await loadBytes("-", Buffer.from(`<!DOCTYPE html><p>${seedText}</p>`), "txt");
    expect(html.ok && html.loaded.format).toBe("html");
    // A .txt of HTML source stays source.
    const source = await loadBytes("page.txt", Buffer.from(`<!DOCTYPE html><p>${seedText}</p>`), "txt");
    expect(source.ok && source.loaded.format).toBe("txt");
  });
});

describe("one very long line", () => {
  // The whole 100 MB case is measured outside the test suite (it takes minutes);
  // here the pipeline's time on a line four times longer must grow about four
  // times, not sixteen: work that grows with the square of a line shows at once.
  const unit = "全市共有医疗卫生机构1200家，比上年增长3.5%，其中医院98所（责任单位：市卫生健康委）。到2020年，床位达到5.5万张。";
  const line = (bytes: number) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));

  it("decodes 100 MB on a single line", async () => {
    const bytes = Buffer.alloc(100 * 1024 * 1024, Buffer.from(unit));
    const t0 = performance.now();
    // Cut inside a character, as a copy cut short would be: still UTF-8.
    const r = await loadBytes("long.txt", bytes, "txt");
    expect(r.ok && r.loaded.encoding).toBe("utf-8");
    expect(performance.now() - t0).toBeLessThan(30_000);
  }, 60_000);

  it("goes through the pipeline in time linear in the length of the line", () => {
    const time = (text: string) => {
      const t0 = performance.now();
      const res = processDocument({ doc: "long.txt", text, encoding: "utf-8", format: "txt" }, pipeline);
      expect(res.document.chars).toBe(text.length);
      return performance.now() - t0;
    };
    time(line(16 * 1024)); // warm up the compiled patterns
    const small = time(line(128 * 1024));
    const large = time(line(512 * 1024));
    expect(large, `128 KB took ${Math.round(small)} ms, 512 KB took ${Math.round(large)} ms`).toBeLessThan(8 * small + 1_000);
  }, 120_000);
});
