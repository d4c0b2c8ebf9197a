// Unit tests of the review page builder: safe embedding of untrusted text, code
// point → UTF-16 offsets, the segment plan that nests overlapping spans, the
// hover card's fields, and the `review` command on a folder.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerReview } from "../src/cli/commands/review.js";
import { buildPayload, CodePointIndex, jsonForScript, packDocument, type PackedPayload, type PayloadDocument } from "../src/review/payload.js";
import { buildReviewHtml, escapeHtml } from "../src/review/page.js";
import { REVIEW_JS } from "../src/review/page-script.js";
import { REVIEW_CSS } from "../src/review/page-style.js";
import { longDocument, syntheticResult, trickyDocument } from "./helpers/review-docs.js";

interface Op { op: "text" | "open" | "close"; s?: number; e?: number; span?: { s: number; e: number; id: string }; cont?: boolean }
interface ClientApi {
  planSegments(length: number, spans: Array<{ s: number; e: number; id: string; rank?: number }>): Op[];
  fieldRows(type: string, record: unknown): Array<[string, string]>;
  summary(type: string, record: unknown): string;
  displayText(s: string): string;
  unpack(d: unknown): PayloadDocument;
}
const client = new Function(`${REVIEW_JS}\nreturn PolicyReview;`)() as ClientApi;

function embeddedPayload(html: string): PackedPayload {
  const m = /<script type="application\/json" id="review-data">([^<]*)<\/script>/u.exec(html);
  expect(m, "data block").not.toBeNull();
  return JSON.parse(m![1]!) as PackedPayload;
}

describe("payload", () => {
  it("converts code point offsets to UTF-16 across astral characters", () => {
    const text = "a𠀀b📈cd";
    const idx = new CodePointIndex(text);
    expect(idx.length).toBe(6);
    expect([0, 1, 2, 3, 4, 5, 6].map((cp) => idx.utf16(cp))).toEqual([0, 1, 3, 4, 6, 7, 8]);
    expect(idx.utf16(99)).toBe(8);
    expect(new CodePointIndex("abc").utf16(2)).toBe(2);
  });

  it("places every span of the tricky document on its text", () => {
    const input = trickyDocument();
    const payload = buildPayload([input], "t", 1);
    const d = payload.documents[0]!;
    expect(d.records.length).toBe(10);
    for (const r of [...d.records, ...d.vetoes]) {
      expect(d.text.slice(r.s16, r.e16)).toBe(r.text);
      expect(r.mismatch).toBeUndefined();
      // the code point offsets are kept as they were
      expect([...d.text].slice(r.start, r.end).join("")).toBe(r.text);
    }
    // astral characters before the spans: code points and UTF-16 differ
    const m = d.records.find((r) => r.text === "698.1万人")!;
    expect(m.s16).toBeGreaterThan(m.start);
    // no duplicated document text and no sentences in the payload
    expect(JSON.stringify(d.records)).not.toContain("\"sentence\"");
    expect((d.meta as Record<string, unknown>).text).toBeUndefined();
  });

  it("flags a record whose text is not at its offsets", () => {
    const input = syntheticResult("a.txt", "人数698.1万人", [{ type: "metric", find: "698.1万人" }]);
    const bad = { ...input.result.records[0]!, start: 1, end: 5 };
    const payload = buildPayload([{ ...input, result: { ...input.result, records: [bad] } }], "t", 1);
    expect(payload.documents[0]!.records[0]!.mismatch).toBe(true);
  });

  it("packs records into rows that the page unpacks to the same objects", () => {
    const withSections = syntheticResult("s.txt", "一、总体\n人数698.1万人，资金5亿元。", [
      { type: "metric", find: "698.1万人" }, { type: "metric", find: "5亿元" }, { type: "date", find: "人数" },
    ]);
    withSections.result.records.forEach((r, i) => { r.section = i < 2 ? ["一、总体"] : []; });
    for (const input of [trickyDocument(), longDocument(5), withSections]) {
      const logical = buildPayload([input], "t", 1).documents[0]!;
      const packed = packDocument(logical);
      expect(JSON.parse(JSON.stringify(client.unpack(packed)))).toEqual(JSON.parse(JSON.stringify(logical)));
      // column names are written once per type, not once per record
      expect(JSON.stringify(packed.rows)).not.toContain("\"value\"");
    }
    const packed = packDocument(buildPayload([withSections], "t", 1).documents[0]!);
    expect(packed.sections).toEqual([["一、总体"], []]);
  });

  it("escapes <, >, & and line separators for a script block", () => {
    const s = jsonForScript({ t: "</script><!-- a&b \u2028" });
    expect(s).not.toMatch(/[<>&\u2028]/u);
    expect(JSON.parse(s)).toEqual({ t: "</script><!-- a&b \u2028" });
  });
});

describe("page", () => {
  const docs = [trickyDocument(), longDocument(30)];
  const html = buildReviewHtml(docs);

  it("embeds the data so that the documents' markup stays text", () => {
    // exactly two script elements: the data and the code; no markup from the documents
    expect(html.match(/<script\b/gu)!.length).toBe(2);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    const payload = embeddedPayload(html);
    expect(payload.documents.map((d) => d.text)).toEqual(docs.map((d) => d.text));
    expect(payload.documents[0]!.doc).toBe("notes/tricky <b>.txt");
  });

  it("is self-contained: no external resource, and a CSP that allows only its own style and script", () => {
    expect(html).not.toMatch(/<link\b|<script[^>]+src=|<img\b|@import|url\(/u);
    expect(html).not.toMatch(/https?:\/\//u);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/u.exec(html)![1]!.replace(/&#39;/gu, "'");
    const hash = (s: string) => createHash("sha256").update(s).digest("base64");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash(REVIEW_JS)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(REVIEW_CSS)}'`);
    expect(html).toContain(`<script>${REVIEW_JS}</script>`);
    expect(html).toContain(`<style>${REVIEW_CSS}</style>`);
  });

  it("keeps the inlined code from closing its own element", () => {
    expect(REVIEW_JS).not.toMatch(/<\/script|<!--/iu);
    expect(REVIEW_CSS).not.toMatch(/<\/style/iu);
  });

  it("escapes the title", () => {
    const one = buildReviewHtml([syntheticResult("<x>&.txt", "abc", [])]);
    expect(one).toContain("<title>&#60;x&#62;&#38;.txt · policy-extract review</title>");
    expect(escapeHtml(`<a href="x">'&`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;");
  });

  it("builds an empty page without failing", () => {
    expect(embeddedPayload(buildReviewHtml([])).documents).toEqual([]);
  });
});

/** Replays a plan and returns, per span id, the [s, e) ranges its elements cover. */
function replay(length: number, ops: Op[]): { text: number[]; cover: Map<string, Array<[number, number]>>; primaries: Map<string, number> } {
  const stack: Array<{ id: string; from: number }> = [];
  const cover = new Map<string, Array<[number, number]>>();
  const primaries = new Map<string, number>();
  const text: number[] = [];
  let pos = 0;
  for (const o of ops) {
    if (o.op === "text") {
      expect(o.s).toBe(pos);
      for (let i = o.s!; i < o.e!; i++) text.push(i);
      pos = o.e!;
    } else if (o.op === "open") {
      stack.push({ id: o.span!.id, from: pos });
      if (!o.cont) primaries.set(o.span!.id, (primaries.get(o.span!.id) ?? 0) + 1);
    } else {
      const top = stack.pop();
      expect(top, "close without open").toBeDefined();
      const list = cover.get(top!.id) ?? [];
      list.push([top!.from, pos]);
      cover.set(top!.id, list);
    }
  }
  expect(stack.length).toBe(0);
  expect(pos).toBe(length);
  return { text, cover, primaries };
}

describe("segment plan", () => {
  it("nests a span inside another and splits a crossing one into primary + continuation", () => {
    const ops = client.planSegments(10, [
      { s: 0, e: 5, id: "A" }, { s: 3, e: 8, id: "B" }, { s: 3, e: 4, id: "C" }, { s: 9, e: 9, id: "Z" },
    ]);
    const show = ops.map((o) => (o.op === "text" ? "x".repeat(o.e! - o.s!) : o.op === "open" ? `<${o.span!.id}${o.cont ? "+" : ""}>` : "</>")).join("");
    expect(show).toBe("<A>xxx<B><C>x</>x</></><B+>xxx</>x<Z></>x");
  });

  it("gives every span exactly one primary element covering exactly its range (random spans)", () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const length = 1 + rnd(40);
      const spans = Array.from({ length: rnd(12) }, (_, i) => {
        const s = rnd(length + 1);
        const e = Math.min(length, s + rnd(12));
        return { s, e, id: `s${i}`, rank: rnd(2) };
      });
      const { text, cover, primaries } = replay(length, client.planSegments(length, spans));
      expect(text).toEqual(Array.from({ length }, (_, i) => i));
      for (const sp of spans) {
        expect(primaries.get(sp.id)).toBe(1);
        const covered = (cover.get(sp.id) ?? []).flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
        expect(covered).toEqual(Array.from({ length: sp.e - sp.s }, (_, i) => sp.s + i));
      }
    }
  });

  it("shows CR LF as a line break without touching offsets", () => {
    expect(client.displayText("a\r\nb\rc")).toBe("a\nb\nc");
  });
});

describe("hover card", () => {
  const payload = buildPayload([trickyDocument()], "t", 1);
  const recs = payload.documents[0]!.records;
  const rows = (text: string) => {
    const r = recs.find((x) => x.text === text)!;
    return Object.fromEntries(client.fieldRows(r.type, r));
  };

  it("shows a metric's value and unit, qualifier, indicator, subject, year, role, category and per", () => {
    const m = rows("698.1万人");
    expect(m.value).toBe("6,981,000 人");
    expect(m.number).toBe("698.1 × 10,000");
    expect(m.indicator).toBe("参保人数");
    expect(m.year).toBe("2018 (到2018年底)");
    for (const k of ["qualifier", "subject", "role", "category", "per", "rule", "line", "offsets"]) expect(m).toHaveProperty(k);
    expect(rows("5.5/10万").per).toBe("10万");
  });

  it("shows a date's ISO form, end, granularity and role", () => {
    const d = rows("2018年12月底");
    expect(d).toMatchObject({ date: "2018-12", date_end: "—", granularity: "month", role: "deadline", part: "end" });
  });

  it("shows a unit's name, role, position and task", () => {
    const u = rows("市卫生计生委2018年12月底前完成");
    expect(u).toMatchObject({ name: "市卫生计生委", role: "responsible", position: "1", task: "1 推进工作" });
  });

  it("shows a veto's rule and reason", () => {
    const v = payload.documents[0]!.vetoes[0]!;
    expect(Object.fromEntries(client.fieldRows("veto", v))).toMatchObject({ "vetoed by": "metric/year-is-date", why: "a year is a date, not a metric" });
  });
});

describe("review command", () => {
  const dir = mkdtempSync(join(tmpdir(), "review-cmd-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<{ code: number; stderr: string }> {
    const program = new Command().exitOverride();
    registerReview(program);
    const write = process.stderr.write.bind(process.stderr);
    let stderr = "";
    process.stderr.write = ((chunk: string) => { stderr += chunk; return true; }) as typeof process.stderr.write;
    const before = process.exitCode;
    try {
      await program.parseAsync(["node", "policy-extract", "review", ...args]);
      return { code: Number(process.exitCode ?? 0), stderr };
    } finally {
      process.stderr.write = write;
      process.exitCode = before;
    }
  }

  it("walks a folder recursively, in sorted order, and writes the page atomically", async () => {
    mkdirSync(join(dir, "in", "sub"), { recursive: true });
    writeFileSync(join(dir, "in", "b.txt"), "二、工作进展\n到2014年底，参保人数达到698.1万人。\n");
    writeFileSync(join(dir, "in", "sub", "a.txt"), "（责任单位：市卫生计生委）\n");
    writeFileSync(join(dir, "in", "notes.md"), "not a report");
    const out = join(dir, "review.html");
    const { code, stderr } = await run([join(dir, "in"), "--out", out]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/2 documents/u);
    const payload = embeddedPayload(readFileSync(out, "utf8"));
    expect(payload.documents.map((d) => d.doc)).toEqual(["b.txt", "sub/a.txt"]);
    expect(payload.documents[0]!.text).toContain("698.1万人");
  });

  it("reports a missing file and still writes the others (exit 2)", async () => {
    const out = join(dir, "partial.html");
    const { code, stderr } = await run([join(dir, "in", "b.txt"), join(dir, "missing.txt"), "-o", out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/missing\.txt: no such file or directory \[NOT_FOUND\]/u);
    expect(embeddedPayload(readFileSync(out, "utf8")).documents.length).toBe(1);
  });
});
