// The extract command as a user runs it: formats, BOM, atomic --out, stdin,
// encodings, exit codes and one-line errors.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { AnyRecord, DocumentRecord } from "../src/records.js";
import { cli, jsonl } from "./helpers/cli.js";
import { FIXTURES, haveSeeds, SEEDS } from "./helpers/paths.js";

const REPORT = [
  "某市2019年卫生健康工作总结",
  "",
  "一、主要成效",
  "",
  "（一）医疗保障水平稳步提高",
  "",
  "截至2019年底，全市基本医保参保人数达到312.5万人，比2018年增加了4.2万人，参保率稳定在96%以上。",
  "全年财政投入医改资金8900余万元，新建社区卫生服务中心7所，床位总数达到1.2万张。",
  "",
  "二、下一步工作",
  "",
  "到2022年，力争每千常住人口执业（助理）医师数达到3.2人。",
  "",
].join("\n");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pe-cli-"));
  mkdirSync(join(dir, "in"));
  writeFileSync(join(dir, "in", "a.txt"), REPORT);
  writeFileSync(join(dir, "in", "b-gbk.txt"), iconv.encode(REPORT, "gb18030"));
  writeFileSync(join(dir, "in", "c-crlf.txt"), REPORT.replace(/\n/gu, "\r\n"));
});

const strip = (r: Record<string, unknown>) => {
  const { doc: _d, encoding: _e, ...rest } = r;
  return rest;
};

describe("extract", () => {
  it("prints help with examples and the version", () => {
    const help = cli(["extract", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Examples:");
    const v = cli(["--version"]);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/u);
  });

  it("writes JSONL with the document record first and one valid record per line", () => {
    const r = cli(["extract", join(dir, "in", "a.txt"), "--quiet"]);
    expect(r.status).toBe(0);
    const recs = jsonl(r.stdout);
    expect(recs[0]!.type).toBe("document");
    expect(recs.filter((x) => x.type === "metric").length).toBeGreaterThan(3);
  });

  it("reads a GB18030 copy into exactly the records of its UTF-8 original", () => {
    const a = jsonl(cli(["extract", join(dir, "in", "a.txt"), "-q"]).stdout);
    const b = jsonl(cli(["extract", join(dir, "in", "b-gbk.txt"), "-q"]).stdout);
    expect(b[0]!.encoding).toBe("gb18030");
    expect(b.map(strip)).toEqual(a.map(strip));
  });

  it("keeps offsets on the original with CRLF line ends", () => {
    const recs = jsonl(cli(["extract", join(dir, "in", "c-crlf.txt"), "-q"]).stdout);
    const text = readFileSync(join(dir, "in", "c-crlf.txt"), "utf8");
    const cps = Array.from(text);
    for (const r of recs.filter((x) => x.type !== "document")) {
      expect(cps.slice(r.start as number, r.end as number).join("")).toBe(r.text);
    }
  });

  it("carries the same records in jsonl, json, csv and tsv", () => {
    const file = join(dir, "in", "a.txt");
    const lines = jsonl(cli(["extract", file, "-q"]).stdout);
    const json = JSON.parse(cli(["extract", file, "-q", "-f", "json"]).stdout) as {
      schema_version: number;
      documents: Array<{ document: Record<string, unknown>; records: Array<Record<string, unknown>> }>;
    };
    expect(json.schema_version).toBe(1);
    expect([json.documents[0]!.document, ...json.documents[0]!.records]).toEqual(lines);
    for (const [fmt, delimiter] of [["csv", ","], ["tsv", "\t"]] as const) {
      const out = cli(["extract", file, "-q", "-f", fmt, "--bom"]).stdout;
      expect(out.startsWith("\uFEFF")).toBe(true);
      const rows = parseCsv(out.slice(1), { columns: true, delimiter }) as Array<Record<string, string>>;
      expect(rows.length).toBe(lines.length);
      rows.forEach((row, i) => {
        const rec = lines[i]!;
        expect(row.type).toBe(rec.type);
        if (rec.type !== "document") expect(row.text).toBe(rec.text);
        expect(Number(row.start)).toBe(rec.start);
        if (rec.type === "metric") {
          expect(Number(row.value)).toBe(rec.value);
          expect(row.unit).toBe(rec.unit);
          expect(row.section).toBe((rec.section as string[]).join(" > "));
        }
      });
    }
  });

  it("reads stdin given as -", () => {
    const r = cli(["extract", "-", "-q"], { input: REPORT });
    expect(r.status).toBe(0);
    const recs = jsonl(r.stdout);
    expect(recs[0]!.doc).toBe("-");
    expect(recs.length).toBeGreaterThan(1);
  });

  it("walks folders in sorted order with doc paths relative to the folder", () => {
    const recs = jsonl(cli(["extract", join(dir, "in"), "-q", "--types", "document"]).stdout);
    expect(recs.map((r) => r.doc)).toEqual(["a.txt", "b-gbk.txt", "c-crlf.txt"]);
    const only = jsonl(cli(["extract", join(dir, "in"), "-q", "--types", "document", "--exclude", "b-*"]).stdout);
    expect(only.map((r) => r.doc)).toEqual(["a.txt", "c-crlf.txt"]);
  });

  it("writes --out atomically and exits 2 when one file of several fails", () => {
    const work = mkdtempSync(join(tmpdir(), "pe-out-"));
    writeFileSync(join(work, "good.txt"), REPORT);
    writeFileSync(join(work, "empty.txt"), "");
    writeFileSync(join(work, "zz-good.txt"), REPORT);
    const out = join(work, "out.jsonl");
    const r = cli(["extract", work, "--out", out, "--exclude", "out.jsonl"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/empty\.txt: empty file/u);
    expect(r.stderr.split("\n").filter((l) => l.includes("empty.txt"))).toHaveLength(1);
    const recs = jsonl(readFileSync(out, "utf8"));
    expect(recs.filter((x) => x.type === "document").map((x) => x.doc)).toEqual(["good.txt", "zz-good.txt"]);
    expect(readdirSync(work).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("stops at the first failure with --strict", () => {
    const work = mkdtempSync(join(tmpdir(), "pe-strict-"));
    writeFileSync(join(work, "a.txt"), REPORT);
    writeFileSync(join(work, "b.txt"), "");
    writeFileSync(join(work, "c.txt"), REPORT);
    const r = cli(["extract", work, "--strict", "-q", "-t", "document", "--jobs", "1"]);
    expect(r.status).toBe(2);
    expect(jsonl(r.stdout).map((x) => x.doc)).toEqual(["a.txt"]);
  });

  it("exits 1 with a one-line error and a hint on bad usage, never a stack trace", () => {
    for (const args of [["extract", "x.txt", "--types", "money"], ["extract", "x.txt", "--jobs", "zero"], ["extract", "x.txt", "--shard", "5/3"], ["extract", "x.txt", "--format", "xml"], ["extract", "x.txt", "--encoding", "latin1"], ["frobnicate"]]) {
      const r = cli(args);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /u);
      expect(r.stderr).toMatch(/help/u);
    }
  });

  it("exits 1 when nothing could be processed", () => {
    const r = cli(["extract", join(dir, "does-not-exist.txt")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/does-not-exist\.txt: no such file/u);
    expect(existsSync(join(dir, "does-not-exist.txt"))).toBe(false);
  });

  it("splits a corpus into disjoint shards that together cover it", () => {
    const all = jsonl(cli(["extract", join(dir, "in"), "-q", "-t", "document"]).stdout).map((r) => r.doc);
    const parts = [1, 2, 3].flatMap((k) => jsonl(cli(["extract", join(dir, "in"), "-q", "-t", "document", "--shard", `${k}/3`]).stdout).map((r) => r.doc));
    expect([...parts].sort()).toEqual([...all].sort());
  });

  it("writes only records that the zod schemas accept, and the same with --validate", () => {
    // extract skips the per-record schema parse for speed unless --validate: this
    // checks that nothing is lost by that, over every fixture and (when present) seed.
    const inputs = [FIXTURES, ...(haveSeeds ? [SEEDS] : [])];
    const fast = cli(["extract", ...inputs, "-q", "--jobs", "1"]);
    const checked = cli(["extract", ...inputs, "-q", "--jobs", "1", "--validate"]);
    expect(fast.status).toBe(0);
    expect(checked.stdout).toBe(fast.stdout);
    const records = jsonl(fast.stdout);
    expect(records.length).toBeGreaterThan(2000);
    for (const r of records) {
      const parsed = r.type === "document" ? DocumentRecord.safeParse(r) : AnyRecord.safeParse(r);
      expect(parsed.success, `${String(r.doc)} ${String(r.type)} ${String(r.start)}`).toBe(true);
    }
  });

  it("writes byte-identical output with --jobs 2 and --jobs 1", () => {
    const work = mkdtempSync(join(tmpdir(), "pe-jobs-"));
    // Files of different sizes finish out of order in a pool; output must not.
    for (let i = 0; i < 9; i++) writeFileSync(join(work, `r${i}.txt`), REPORT.repeat(1 + ((i * 7) % 5)));
    const one = cli(["extract", work, "-q", "--jobs", "1"]);
    const two = cli(["extract", work, "-q", "--jobs", "2"]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(jsonl(one.stdout).filter((r) => r.type === "document")).toHaveLength(9);
  });

  it("extends the bundled patterns with --patterns and refuses a broken pattern file", () => {
    const work = mkdtempSync(join(tmpdir(), "pe-pat-"));
    mkdirSync(join(work, "good"));
    mkdirSync(join(work, "bad"));
    writeFileSync(join(work, "good", "units.yaml"), "units:\n  - { word: 台套, category: count }\n");
    writeFileSync(join(work, "bad", "units.yaml"), "units: 5\n");
    const input = "全年新增设备120台套。";
    const plain = jsonl(cli(["extract", "-", "-q", "-t", "metric"], { input }).stdout);
    expect(plain.map((r) => r.unit)).toEqual(["台"]);
    const extended = jsonl(cli(["extract", "-", "-q", "-t", "metric", "--patterns", join(work, "good")], { input }).stdout);
    expect(extended.map((r) => [r.text, r.unit])).toEqual([["120台套", "台套"]]);
    const bad = cli(["extract", "-", "--patterns", join(work, "bad")], { input });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/patterns: units\.yaml: units/u);
  });

  it("writes the review page alongside normal output with --review", () => {
    const work = mkdtempSync(join(tmpdir(), "pe-review-"));
    const page = join(work, "review.html");
    const plain = cli(["extract", join(dir, "in", "a.txt"), "-q"]);
    const r = cli(["extract", join(dir, "in", "a.txt"), "-q", "--review", page]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(plain.stdout); // the records are unchanged, without rule ids
    const html = readFileSync(page, "utf8");
    expect(html).toMatch(/^<!doctype html>/iu);
    expect(html).toContain("metric/");
  });

  it("prints the JSON Schema of a record", () => {
    const r = cli(["schema"]);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as { oneOf?: unknown[]; anyOf?: unknown[] };
    expect((schema.oneOf ?? schema.anyOf ?? []).length).toBe(4);
  });
});
