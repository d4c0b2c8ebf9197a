// Fuzz: a few thousand random and damaged inputs through decoding, the loaders and
// the whole pipeline. Nothing may throw past the file loop or hang (each input is
// timed), and every record still satisfies the offset property
// [...text].slice(start, end).join("") === record.text. The generator is seeded,
// so a failure names an input that can be rebuilt and replayed.
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { makeDocx, makePdf, truncate } from "../scripts/make-test-documents.js";
import { decodeText, type EncodingChoice } from "../src/load/decode.js";
import { htmlToText } from "../src/load/html.js";
import { loadBytes, type DocumentFormat } from "../src/load/load.js";
import { loadPatterns } from "../src/patterns/load.js";
import { processDocument } from "../src/pipeline.js";
import { RECORD_TYPES } from "../src/records.js";
import { fixtureCases, reportFile } from "./helpers/paths.js";

const pipeline = { types: new Set(RECORD_TYPES), attribution: true, explain: false, patterns: loadPatterns() };
/** Per input, generous: a hang or a blow-up of the work shows as seconds, not milliseconds. */
const MAX_MS_PER_INPUT = 5_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const FALLBACK_REPORT =
  "关于推进医改工作的通知\n\n一、总体情况\n（一）基本建立全民医疗保障体系\n截至2014年底，全市参保人数达到698.1万人，" +
  "筹资标准提高到每人每年580元，比2009年增长3.5倍。到2020年，每千常住人口床位数达到4.6张。(责任单位:市卫生计生委," +
  "各区市县政府、先导区管委会)\n2015～2020年，孕产妇死亡率控制在5.5/10万以下，婴儿死亡率低于3.14‰。\n";

/** Text reports in the repo (fixtures), decoded; a built-in one when there are none. */
function seedTexts(): string[] {
  const out: string[] = [];
  for (const c of fixtureCases()) {
    const f = reportFile(c);
    if (!f.endsWith(".txt")) continue;
    const d = decodeText(readFileSync(f));
    if (d.ok) out.push(d.text);
  }
  return out.length ? out : [FALLBACK_REPORT];
}
const SEEDS = seedTexts();

// Pieces that matter to the extractors, the view and the offset arithmetic.
const TOKENS = [
  "万", "亿", "元", "人", "人次", "%", "‰", "％", "个百分点", "年", "月", "日", "底", "十三五", "“", "”", "〔", "〕", "号",
  "（", "）", "(", ")", "：", ":", "，", "、", "。", "；", "责任单位", "牵头单位", "配合单位", "第", "页", "约", "余", "多",
  "以上", "不低于", "分别", "至", "-", "－", "~", "～", "/", "10万", "一千二百", "两三个", "百分之", "２０２０", "１２００",
  "78。5", "1,234", "82,225.00", "\n", "\r\n", "\r", "\n\n", "\t", " ", "\u3000", "\u00a0", "\ufeff", "\u200b", "\u0000",
  "\f", "𠀀", "𪚥", "😀", "👨‍👩‍👧", "\ud800", "\udc00", "\udbff\udbff", "\u0301", "\u202e", "一、", "（一）", "1.", "①",
  "抄送：", "2018年11月27日", "大医改办〔2018〕5号", "H7N9", "12345",
];

function randomUnicode(rng: Rng, length: number): string {
  let s = "";
  while (s.length < length) {
    const r = rng.next();
    if (r < 0.35) s += rng.pick(TOKENS);
    else if (r < 0.6) s += String.fromCharCode(0x4e00 + rng.int(0x5200)); // CJK
    else if (r < 0.75) s += String.fromCharCode(0x30 + rng.int(10));
    else if (r < 0.85) s += String.fromCharCode(0x20 + rng.int(0x5f));
    else if (r < 0.92) s += String.fromCharCode(rng.int(0x10000)); // any BMP unit, lone surrogates included
    else s += String.fromCodePoint(0x10000 + rng.int(0x100000 - 0x10000));
  }
  return s;
}

function randomBytes(rng: Rng, length: number): Uint8Array {
  const b = new Uint8Array(length);
  for (let i = 0; i < length; i++) b[i] = rng.int(256);
  return b;
}

function windowOf(rng: Rng, text: string, max: number): string {
  const start = rng.int(Math.max(1, text.length - 1));
  return text.slice(start, start + 1 + rng.int(max));
}

function mutateText(rng: Rng, text: string): string {
  let s = text;
  const n = 1 + rng.int(20);
  for (let k = 0; k < n; k++) {
    const at = rng.int(s.length + 1);
    switch (rng.int(6)) {
      case 0: s = s.slice(0, at) + rng.pick(TOKENS) + s.slice(at); break;
      case 1: s = s.slice(0, at) + s.slice(at + 1 + rng.int(20)); break;
      case 2: { const len = rng.int(40); s = s.slice(0, at) + s.slice(at, at + len).repeat(2) + s.slice(at + len); break; }
      case 3: s = s.slice(0, at) + randomUnicode(rng, 1 + rng.int(8)) + s.slice(at); break;
      case 4: s = s.slice(0, at) + "\n\n" + s.slice(at); break; // a page break
      default: s = s.slice(0, at) + String.fromCharCode(rng.int(0x10000)) + s.slice(at + 1);
    }
  }
  return s;
}

function mutateBytes(rng: Rng, bytes: Uint8Array): Uint8Array {
  const b = Buffer.from(bytes);
  switch (rng.int(4)) {
    case 0: return truncate(b, rng.next());
    case 1: { for (let k = 0, n = 1 + rng.int(30); k < n; k++) b[rng.int(b.length)] = rng.int(256); return b; }
    case 2: { const at = rng.int(b.length); return Buffer.concat([b.subarray(0, at), Buffer.from(randomBytes(rng, 1 + rng.int(64))), b.subarray(at)]); }
    default: { const at = rng.int(b.length); return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + rng.int(200)))]); }
  }
}

function encodeAs(rng: Rng, text: string): Buffer {
  switch (rng.int(5)) {
    case 0: return iconv.encode(text, "gb18030");
    case 1: return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")]);
    case 2: return iconv.encode(text, "big5");
    case 3: return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    default: return Buffer.from(text);
  }
}

/** Failures collected over a batch, each with a replayable description of its input. */
class Batch {
  readonly failures: string[] = [];
  /** Outcomes by error code, "ok" for text that reached the pipeline: the fuzz must reach both. */
  readonly outcomes = new Map<string, number>();
  slowest = 0;
  records = 0;

  count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  constructor(readonly name: string) {}

  /** Run the pipeline on decoded text and check every record's offsets. */
  pipeline(label: string, doc: string, text: string, format: DocumentFormat = "txt"): void {
    this.count("ok");
    let result;
    try {
      result = processDocument({ doc, text, encoding: "utf-8", format }, pipeline);
    } catch (err) {
      this.fail(label, `pipeline threw ${(err as Error).stack?.split("\n").slice(0, 3).join(" | ")}`, text);
      return;
    }
    const cps = Array.from(text);
    if (result.document.text !== text || result.document.end !== cps.length) this.fail(label, "document record does not span the text", text);
    for (const r of result.records) {
      this.records++;
      const got = cps.slice(r.start, r.end).join("");
      if (got !== r.text) {
        this.fail(label, `${r.type} [${r.start},${r.end}) is ${JSON.stringify(got)} but text is ${JSON.stringify(r.text)}`, text);
        return;
      }
    }
  }

  async timed(label: string, input: unknown, run: () => unknown): Promise<void> {
    const t0 = performance.now();
    try {
      await run();
    } catch (err) {
      this.fail(label, `threw ${(err as Error).stack?.split("\n").slice(0, 3).join(" | ")}`, input);
    }
    const ms = performance.now() - t0;
    this.slowest = Math.max(this.slowest, ms);
    if (ms > MAX_MS_PER_INPUT) this.fail(label, `took ${Math.round(ms)} ms`, input);
  }

  fail(label: string, why: string, input: unknown): void {
    const shown = typeof input === "string" ? input : input instanceof Uint8Array ? `${input.length} bytes` : String(input);
    this.failures.push(`${this.name} ${label}: ${why}\n    input: ${JSON.stringify(shown).slice(0, 300)}`);
  }

  check(): void {
    expect(this.failures.slice(0, 8).join("\n"), `${this.failures.length} failures`).toBe("");
  }
}

async function loadAndRun(batch: Batch, label: string, doc: string, bytes: Uint8Array, format: DocumentFormat): Promise<void> {
  const r = await loadBytes(doc, bytes, format);
  if (!r.ok) {
    batch.count(r.error.code);
    if (r.error.code === "EXTRACT_FAILED") batch.fail(label, `a loader threw: ${r.error.detail}`, bytes);
    return;
  }
  if (r.loaded.text.trim() === "") batch.fail(label, "loaded but empty", bytes);
  batch.pipeline(label, doc, r.loaded.text, r.loaded.format);
}

describe("fuzz", () => {
  it("random bytes through every encoding choice and the pipeline", async () => {
    const rng = prng(1);
    const batch = new Batch("random-bytes");
    for (let i = 0; i < 500; i++) {
      const bytes = randomBytes(rng, rng.int(1500));
      // Bias some inputs towards text-like bytes so that decoding succeeds now and then.
      if (i % 3 === 0) for (let k = 0; k < bytes.length; k++) if (bytes[k]! < 0x20) bytes[k] = 0x41 + (bytes[k]! % 26);
      await batch.timed(`#${i}`, bytes, () => {
        for (const choice of ["auto", "utf8", "gb18030"] as EncodingChoice[]) {
          const d = decodeText(bytes, choice);
          if (d.ok) batch.pipeline(`#${i} ${choice}`, "random.txt", d.text);
          else batch.count(d.code);
        }
      });
    }
    batch.check();
    expect([...batch.outcomes.keys()]).toEqual(expect.arrayContaining(["ok", "BINARY", "DECODE_FAILED"]));
  }, 60_000);

  it("cut and re-encoded reports, and files of mixed encodings", async () => {
    const rng = prng(2);
    const batch = new Batch("cut-mixed");
    for (let i = 0; i < 400; i++) {
      const encoded = encodeAs(rng, rng.pick(SEEDS));
      const a = rng.int(encoded.length);
      const bytes = encoded.subarray(a, a + 1 + rng.int(3000));
      await batch.timed(`cut #${i}`, bytes, () => loadAndRun(batch, `cut #${i}`, "cut.txt", bytes, "txt"));
    }
    for (let i = 0; i < 300; i++) {
      const parts: Buffer[] = [];
      for (let k = 0, n = 2 + rng.int(4); k < n; k++) parts.push(encodeAs(rng, windowOf(rng, rng.pick(SEEDS), 600)));
      const bytes = Buffer.concat(parts);
      await batch.timed(`mixed #${i}`, bytes, () => loadAndRun(batch, `mixed #${i}`, "mixed.txt", bytes, "txt"));
    }
    batch.check();
    // Most reach the pipeline; UTF-16 pasted into the middle of a file is BINARY.
    expect(batch.outcomes.get("ok") ?? 0).toBeGreaterThan(500);
  }, 60_000);

  it("random Unicode: astral characters, lone surrogates, controls, every kind of line break", async () => {
    const rng = prng(3);
    const batch = new Batch("unicode");
    for (let i = 0; i < 700; i++) {
      const text = randomUnicode(rng, rng.int(500));
      await batch.timed(`#${i}`, text, () => batch.pipeline(`#${i}`, "unicode.txt", text));
    }
    batch.check();
  }, 60_000);

  it("mutated reports", async () => {
    const rng = prng(4);
    const batch = new Batch("mutated");
    for (let i = 0; i < 800; i++) {
      const text = mutateText(rng, windowOf(rng, rng.pick(SEEDS), 1500));
      await batch.timed(`#${i}`, text, () => batch.pipeline(`#${i}`, "mutated.txt", text));
    }
    batch.check();
    expect(batch.records).toBeGreaterThan(0);
  }, 60_000);

  it("damaged .pdf and .docx files and random HTML", async () => {
    const rng = prng(5);
    const batch = new Batch("containers");
    const pdfs = SEEDS.slice(0, 4).map((t) => makePdf(t.slice(0, 1200), { pageNumbers: true, linesPerPage: 12 }));
    const docxs = SEEDS.slice(0, 4).map((t) => makeDocx(t.slice(0, 1200)));
    for (let i = 0; i < 150; i++) {
      const bytes = mutateBytes(rng, rng.pick(pdfs));
      await batch.timed(`pdf #${i}`, bytes, () => loadAndRun(batch, `pdf #${i}`, "damaged.pdf", bytes, "pdf"));
    }
    for (let i = 0; i < 150; i++) {
      const bytes = mutateBytes(rng, rng.pick(docxs));
      await batch.timed(`docx #${i}`, bytes, () => loadAndRun(batch, `docx #${i}`, "damaged.docx", bytes, "docx"));
    }
    const TAGS = ["<p>", "</p>", "<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>", "<br>", "<script>", "</script>",
      "<style>", "<!--", "-->", "<pre>", "</pre>", "<div class=\"a>b\">", "</div>", "&amp;", "&#", "&#x", "&nbsp", ";",
      "<", ">", "\"", "'", "=", "<li>", "<h1>", "<!DOCTYPE html>", "<meta charset=gb2312>", "&#55296;", "&#1114112;"];
    for (let i = 0; i < 300; i++) {
      let html = "";
      for (let k = 0, n = rng.int(80); k < n; k++) html += rng.next() < 0.5 ? rng.pick(TAGS) : windowOf(rng, rng.pick(SEEDS), 40);
      await batch.timed(`html #${i}`, html, async () => {
        const text = htmlToText(html);
        if (text.includes("\u00a0")) batch.fail(`html #${i}`, "no-break space left in text", html);
        await loadAndRun(batch, `html #${i}`, "page.html", Buffer.from(html), "html");
      });
    }
    batch.check();
    // Damage must sometimes be survived and sometimes be reported, by its own code.
    expect([...batch.outcomes.keys()]).toEqual(expect.arrayContaining(["ok", "PDF_INVALID", "DOCX_INVALID"]));
  }, 60_000);
});
