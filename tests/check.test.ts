// The check command's machinery in-process: one-to-one matching, field comparison,
// scoring with optional records, fixtures read from temporary directories, the
// baseline, --update, corpus mode with negatives, and each reporter's output
// (JUnit parsed by a minimal XML reader below, no dependency).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mutateOne, readJsonl, writeJsonl } from "./helpers/expected-files.js";
import { describe, expect, it } from "vitest";
import { baselineOf, BASELINE_TOLERANCE, type Baseline } from "../src/check/baseline.js";
import { compareDocument } from "../src/check/compare.js";
import { DocText } from "../src/check/expected.js";
import { sameValue } from "../src/check/fields.js";
import { matchOneToOne } from "../src/check/match.js";
import { REPORTERS } from "../src/check/reporters/index.js";
import { runCheck, type CheckOptions } from "../src/check/run.js";
import { CheckInputError, type CheckReport, type ExpectedRecord } from "../src/check/types.js";
import { runUpdate } from "../src/check/update.js";
import type { DocumentResult } from "../src/pipeline.js";
import { loadPatterns } from "../src/patterns/load.js";
import { RECORD_TYPES, type RecordType } from "../src/records.js";
import { extractFile } from "../src/run/extract-file.js";

// ---------------------------------------------------------------- helpers

const REPORT_A = ["某市卫生工作总结", "", "2014年，全市共有卫生院77个。", "到2020年底，床位达到1.2万张。", ""].join("\n");
const REPORT_B = ["某县卫生工作简报", "", "2015年，全县共有村卫生室120个(A&B<C>)。", ""].join("\n");

function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), "pe-check-"));
}

function makeFixture(root: string, name: string, report: string, expected?: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "report.txt"), report);
  if (expected !== undefined) writeFileSync(join(dir, "expected.jsonl"), expected);
  return dir;
}

function options(cwd: string, over: Partial<CheckOptions> = {}): CheckOptions {
  return {
    paths: ["."],
    expected: null,
    negatives: null,
    types: new Set(RECORD_TYPES),
    minF1: 0,
    minField: null,
    baseline: null,
    patternDirs: [],
    cwd,
    ...over,
  };
}


function expectedRecord(raw: Record<string, unknown>, source = "expected.jsonl:1"): ExpectedRecord {
  return {
    type: raw.type as RecordType,
    start: raw.start as number | undefined,
    end: raw.end as number | undefined,
    text: raw.text as string | undefined,
    optional: raw.optional === true,
    source,
    raw,
  };
}

// A minimal XML reader: enough to prove well-formedness (one root, nesting,
// quoted attributes, known entities only, no bare & or <, no forbidden characters).
interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

function decodeEntities(s: string): string {
  return s.replace(/&([^;]*);?/gu, (m, body: string) => {
    if (!m.endsWith(";")) throw new Error(`bare & in ${JSON.stringify(s.slice(0, 40))}`);
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (body in named) return named[body]!;
    if (/^#\d+$/u.test(body)) return String.fromCodePoint(Number(body.slice(1)));
    if (/^#x[0-9a-f]+$/iu.test(body)) return String.fromCodePoint(parseInt(body.slice(2), 16));
    throw new Error(`unknown entity &${body};`);
  });
}

function parseXml(src: string): XmlNode {
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/u.test(src)) throw new Error("character not allowed in XML");
  const doc: XmlNode = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [doc];
  let i = 0;
  const decl = /^<\?xml\s[^?]*\?>/u.exec(src);
  if (decl) i = decl[0].length;
  const NAME = "[A-Za-z_][\\w.:-]*";
  const open = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, "uy");
  const close = new RegExp(`</(${NAME})\\s*>`, "uy");
  const attr = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, "gu");
  while (i < src.length) {
    const top = stack[stack.length - 1]!;
    if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i);
      if (end < 0) throw new Error("unclosed comment");
      i = end + 3;
      continue;
    }
    if (src.startsWith("</", i)) {
      close.lastIndex = i;
      const m = close.exec(src);
      if (!m) throw new Error(`bad end tag at ${i}`);
      if (top.name !== m[1]) throw new Error(`</${m[1]}> closes <${top.name}>`);
      stack.pop();
      i = close.lastIndex;
      continue;
    }
    if (src[i] === "<") {
      open.lastIndex = i;
      const m = open.exec(src);
      if (!m) throw new Error(`bad tag at ${i}: ${JSON.stringify(src.slice(i, i + 40))}`);
      const node: XmlNode = { name: m[1]!, attrs: {}, children: [], text: "" };
      for (const a of m[2]!.matchAll(attr)) {
        if (a[1]! in node.attrs) throw new Error(`duplicate attribute ${a[1]}`);
        node.attrs[a[1]!] = decodeEntities(a[2] ?? a[3] ?? "");
      }
      if (stack.length === 1 && doc.children.length) throw new Error("more than one root element");
      top.children.push(node);
      if (m[3] !== "/") stack.push(node);
      i = open.lastIndex;
      continue;
    }
    const next = src.indexOf("<", i);
    const end = next < 0 ? src.length : next;
    const text = decodeEntities(src.slice(i, end));
    if (stack.length === 1 && text.trim()) throw new Error("text outside the root element");
    top.text += text;
    i = end;
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (doc.children.length !== 1) throw new Error("no root element");
  return doc.children[0]!;
}

const all = (n: XmlNode, name: string): XmlNode[] =>
  n.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);

// ---------------------------------------------------------------- matching

describe("one-to-one matching", () => {
  it("prefers an exact span, then the larger overlap, and uses each record once", () => {
    const m = matchOneToOne({
      expected: [{ start: 0, end: 4 }, { start: 4, end: 6 }],
      actual: [{ start: 0, end: 6 }, { start: 0, end: 4 }],
    });
    expect(m.pairs).toEqual([[0, 1], [1, 0]]);
    const one = matchOneToOne({ expected: [{ start: 0, end: 2 }, { start: 2, end: 4 }], actual: [{ start: 0, end: 4 }] });
    expect(one.pairs).toHaveLength(1);
    expect(one.unmatchedExpected).toHaveLength(1);
  });

  it("lets a required record win over an optional one, and agreeing values break ties", () => {
    const m = matchOneToOne({
      expected: [{ start: 0, end: 3, opt: true }, { start: 0, end: 3, opt: false }],
      actual: [{ start: 0, end: 3 }],
      isOptional: (e) => e.opt,
    });
    expect(m.pairs).toEqual([[1, 0]]);
    const t = matchOneToOne({
      expected: [{ start: 0, end: 5, v: 1 }],
      actual: [{ start: 0, end: 3, v: 2 }, { start: 2, end: 5, v: 1 }],
      agree: (e, a) => e.v === a.v,
    });
    expect(t.pairs).toEqual([[0, 1]]);
  });
});

describe("field comparison", () => {
  it("compares numbers within rounding, objects on the keys expected, missing as null", () => {
    expect(sameValue(6981000, 698.1 * 10000)).toBe(true);
    expect(sameValue(77, 78)).toBe(false);
    expect(sameValue({ number: "1" }, { number: "1", title: "x" })).toBe(true);
    expect(sameValue({ number: "1", title: "a" }, { number: "1", title: "b" })).toBe(false);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue("个", "人")).toBe(false);
  });
});

// ---------------------------------------------------------------- scoring

describe("comparing one report", () => {
  // Synthetic actual records: this is about the comparison, not about any extractor.
  const text = "2014年，全市共有卫生院77个，医生1200人，约6所。";
  const metric = (t: string, start: number, fields: Record<string, unknown>) => ({
    type: "metric", doc: "r.txt", text: t, start, end: start + [...t].length, line: 1, sentence: text, section: [], ...fields,
  });
  const result = {
    document: { type: "document", text, title: "T", doc_number: null },
    records: [
      metric("77个", 13, { value: 78, unit: "个", category: "count" }),
      metric("1200", 19, { value: 1200, unit: "", category: "people" }),
      metric("6所", 26, { value: 6, unit: "所" }),
      metric("2014", 0, { value: 2014, unit: "" }),
    ],
    vetoes: [],
  } as unknown as DocumentResult;
  const expected = [
    expectedRecord({ type: "metric", text: "77个", start: 13, end: 16, value: 77, unit: "个", category: "count" }, "e:1"),
    expectedRecord({ type: "metric", text: "1200人", start: 19, end: 24, value: 1200, unit: "人" }, "e:2"),
    expectedRecord({ type: "metric", text: "6所", start: 26, end: 28, value: 6, optional: true }, "e:3"),
    expectedRecord({ type: "metric", text: "全市", start: 6, end: 8, value: 1 }, "e:4"),
    expectedRecord({ type: "document", title: "T", doc_number: "X〔2014〕1号" }, "e:5"),
  ];
  const c = compareDocument({
    file: "r.txt", text: new DocText(text), expected, result, types: new Set(RECORD_TYPES), negatives: [],
  });

  it("counts strict and lenient hits, leaving optional records out of both sides", () => {
    const m = c.tallies.get("metric")!;
    expect({ expected: m.expected, actual: m.actual, optional: m.optionalFound, lenient: m.lenient, strict: m.strict })
      .toEqual({ expected: 3, actual: 3, optional: 1, lenient: 2, strict: 0 });
    expect(m.fields.get("value")).toEqual({ compared: 2, correct: 1 });
    expect(m.fields.get("unit")).toEqual({ compared: 2, correct: 1 });
    expect(m.fields.has("qualifier")).toBe(false); // not stated, not compared
    const d = c.tallies.get("document")!;
    expect(d.strict).toBe(0);
    expect(d.fields.get("title")).toEqual({ compared: 1, correct: 1 });
  });

  it("lists misses, spurious records, span differences and field mismatches with their place", () => {
    const kinds = c.issues.map((i) => `${i.kind}:${i.text}:${i.field ?? ""}`).sort();
    expect(kinds).toEqual([
      "mismatch:1200人:unit",
      "mismatch:77个:value",
      "mismatch:T:doc_number",
      "miss:全市:",
      "span:1200人:span",
      "spurious:2014:",
    ]);
    const v = c.issues.find((i) => i.field === "value")!;
    expect(v).toMatchObject({ file: "r.txt", line: 1, expected: 77, actual: 78, source: "e:1" });
  });
});

// ---------------------------------------------------------------- fixtures

describe("check on fixture directories", () => {
  it("passes on fixtures written from the current output (--update creates expected.jsonl)", async () => {
    const root = tempRoot();
    makeFixture(root, "fx/a", REPORT_A);
    makeFixture(root, "fx/b", REPORT_B);
    const up = await runUpdate(options(root, { paths: ["fx"] }));
    expect(up.errors).toEqual([]);
    expect(up.fixtures.map((f) => [f.name, f.status])).toEqual([["fx/a", "created"], ["fx/b", "created"]]);
    const report = await runCheck(options(root, { paths: ["fx"], minF1: 1, minField: 1 }));
    expect(report.errors).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(report.exit_code).toBe(0);
    expect(report.fixtures.map((f) => f.name)).toEqual(["fx/a", "fx/b"]);
    // The document record is always checked in a fixture --update created.
    expect(report.fixtures[0]!.scores.map((s) => s.type)).toContain("document");
    const again = await runUpdate(options(root, { paths: ["fx"] }));
    expect(again.fixtures.map((f) => f.status)).toEqual(["unchanged", "unchanged"]);
  });

  it("fails when one expected value is changed in a copy, naming file, line, field, expected and actual", async () => {
    const root = tempRoot();
    makeFixture(root, "orig", REPORT_A);
    await runUpdate(options(root, { paths: ["orig"] }));
    cpSync(join(root, "orig"), join(root, "copy"), { recursive: true });
    const changed = mutateOne(join(root, "copy", "expected.jsonl"));

    const report = await runCheck(options(root, { paths: ["copy"], minF1: 1 }));
    expect(report.exit_code).toBe(1);
    const issue = report.fixtures[0]!.issues.find((i) => i.kind === "mismatch" && i.field === changed.field)!;
    expect(issue).toMatchObject({ file: "copy/report.txt", line: changed.line, expected: changed.now, actual: changed.was });
    const text = REPORTERS.text!.render(report, { color: false });
    expect(text).toContain(`copy/report.txt:${changed.line}`);
    expect(text).toContain(`${changed.field}: expected ${JSON.stringify(changed.now)}, actual ${JSON.stringify(changed.was)}`);
    expect(text).toMatch(/BELOW THRESHOLD .*strict F1/u);
    expect(text).toContain("check failed");
    // The original still passes.
    expect((await runCheck(options(root, { paths: ["orig"], minF1: 1 }))).exit_code).toBe(0);
  });

  it("fails on a drop against the baseline, and tolerates one within 0.0005", async () => {
    const root = tempRoot();
    makeFixture(root, "fx", REPORT_A);
    await runUpdate(options(root, { paths: ["fx"] }));
    const first = await runCheck(options(root, { paths: ["fx"] }));
    const baseline = baselineOf(first.fixtures);
    expect(Object.keys(baseline.fixtures)).toEqual(["fx"]);
    const withBaseline = (data: Baseline) => options(root, { paths: ["fx"], baseline: { file: "b.json", data } });
    expect((await runCheck(withBaseline(baseline))).exit_code).toBe(0);

    // A figure accepted a hair higher than today's is within tolerance; clearly higher is a drop.
    const bump = (by: number): Baseline => {
      const b = structuredClone(baseline);
      const first = Object.values(b.fixtures.fx!.types)[0]!;
      first.strict.f1 = (first.strict.f1 ?? 0) + by;
      return b;
    };
    expect((await runCheck(withBaseline(bump(BASELINE_TOLERANCE * 0.8)))).exit_code).toBe(0);
    expect((await runCheck(withBaseline(bump(0.01)))).exit_code).toBe(1);

    mutateOne(join(root, "fx", "expected.jsonl"));
    const dropped = await runCheck(withBaseline(baseline));
    expect(dropped.exit_code).toBe(1);
    expect(dropped.failures.length).toBeGreaterThan(0);
    expect(dropped.failures.every((f) => f.kind === "baseline")).toBe(true);
    expect(REPORTERS.text!.render(dropped, { color: false })).toMatch(/BELOW BASELINE .*dropped below the baseline/u);
  });

  it("--update keeps optional and note of records that still match, and types outside --types", async () => {
    const root = tempRoot();
    const dir = makeFixture(root, "fx", REPORT_A);
    await runUpdate(options(root, { paths: ["fx"] }));
    const file = join(dir, "expected.jsonl");
    const rows = readJsonl(file);
    const target = rows.find((r) => r.type !== "document")!;
    target.note = "kept by update";
    target.optional = true;
    const foreign = { type: "responsible_unit", text: "市卫生局", start: 0, end: 4, name: "市卫生局", note: "other type" };
    writeJsonl(file, [...rows, foreign]);
    const types = new Set(RECORD_TYPES.filter((t) => t !== "responsible_unit"));
    await runUpdate(options(root, { paths: ["fx"], types }));
    const after = readJsonl(file);
    const kept = after.find((r) => r.type === target.type && r.start === target.start)!;
    expect(kept).toMatchObject({ note: "kept by update", optional: true });
    expect(after).toContainEqual(foreign);
  });

  it("reports an unreadable fixture with exit code 2 and still checks the others", async () => {
    const root = tempRoot();
    makeFixture(root, "fx/good", REPORT_A);
    await runUpdate(options(root, { paths: ["fx/good"] }));
    makeFixture(root, "fx/bad", REPORT_B, '{"type":"metric","start":0,"end":4}\n{not json\n');
    mkdirSync(join(root, "fx", "empty"));
    writeFileSync(join(root, "fx", "empty", "expected.jsonl"), "");
    const report = await runCheck(options(root, { paths: ["fx", "nowhere"], minF1: 1 }));
    expect(report.exit_code).toBe(2);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: "fx/bad/expected.jsonl", line: 2 }),
        expect.objectContaining({ file: "fx/empty", message: expect.stringContaining("no report file") }),
        expect.objectContaining({ file: "nowhere" }),
      ]),
    );
    const good = report.fixtures.find((f) => f.name === "fx/good")!;
    expect(good.errors).toEqual([]);
    expect(good.scores.length).toBeGreaterThan(0);
    expect(good.failures).toEqual([]);
  });

  it("refuses a path with no fixture as bad usage", async () => {
    const root = tempRoot();
    mkdirSync(join(root, "nothing"));
    await expect(runCheck(options(root, { paths: ["nothing"] }))).rejects.toBeInstanceOf(CheckInputError);
  });

  // Hand-written expectations. The date part passes today; the metric part passes
  // once the metric extractor lands (until then this test fails on the metric miss).
  it("passes hand-written expected records for an unambiguous sentence [needs the metric extractor]", async () => {
    const root = tempRoot();
    const expected = [
      { type: "date", text: "2014年", start: 0, end: 5, line: 1, date: "2014", date_end: null, granularity: "year", role: "point" },
      { type: "metric", text: "77个", start: 13, end: 16, line: 1, value: 77, value_max: null, unit: "个", category: "count", qualifier: null, year: 2014 },
    ];
    makeFixture(root, "hand", "2014年，全市共有卫生院77个。\n", expected.map((r) => JSON.stringify(r)).join("\n"));
    const report = await runCheck(options(root, { paths: ["hand"], minF1: 1, minField: 1 }));
    expect(report.fixtures[0]!.issues).toEqual([]);
    expect(report.exit_code).toBe(0);
  });
});

describe("corpus mode (--expected, --negatives)", () => {
  it("checks reports named by doc, reports negative spans that became records, and unreadable docs", async () => {
    const root = tempRoot();
    mkdirSync(join(root, "corpus", "sub"), { recursive: true });
    writeFileSync(join(root, "corpus", "a.txt"), REPORT_A);
    writeFileSync(join(root, "corpus", "sub", "b.txt"), REPORT_B);
    // Gold from today's output: this test is about corpus mode, not about extraction.
    const pipeline = { types: new Set(RECORD_TYPES), attribution: true, explain: false, patterns: loadPatterns() };
    const gold: Array<Record<string, unknown>> = [];
    for (const doc of ["a.txt", "sub/b.txt"]) {
      const out = await extractFile(join(root, "corpus", doc), doc, pipeline);
      if (!out.ok) throw new Error(out.error.code);
      for (const r of out.result.records) gold.push({ ...r, doc });
    }
    const dated = gold.find((r) => r.type === "date" || r.type === "metric");
    const negatives = [
      { doc: "a.txt", text: "全市", start: 16, end: 18, why: "no number here" },
      ...(dated ? [{ doc: dated.doc, text: dated.text, start: dated.start, end: dated.end, why: "pretend it must not be one" }] : []),
    ];
    writeJsonl(join(root, "gold.jsonl"), gold);
    writeJsonl(join(root, "neg.jsonl"), negatives);
    const report = await runCheck(options(root, { paths: ["corpus"], expected: "gold.jsonl", negatives: "neg.jsonl", minF1: 1 }));
    expect(report.errors).toEqual([]);
    expect(report.fixtures.map((f) => f.name)).toEqual(["corpus"]);
    expect(report.fixtures[0]!.reports).toEqual(["corpus/a.txt", "corpus/sub/b.txt"]);
    expect(report.fixtures[0]!.negatives).toEqual({ checked: negatives.length, violations: dated ? 1 : 0 });
    if (dated) {
      const v = report.fixtures[0]!.issues.find((i) => i.kind === "negative")!;
      expect(v).toMatchObject({ file: `corpus/${dated.doc}`, text: dated.text, why: "pretend it must not be one" });
    }
    // Violations are reported; they fail only against a baseline.
    expect(report.exit_code).toBe(0);

    writeJsonl(join(root, "gold2.jsonl"), [...gold, { type: "date", doc: "missing.txt", start: 0, end: 4 }]);
    const partial = await runCheck(options(root, { paths: ["corpus"], expected: "gold2.jsonl" }));
    expect(partial.exit_code).toBe(2);
    expect(partial.errors[0]!.file).toBe("corpus/missing.txt");
    expect(partial.fixtures[0]!.reports).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- reporters

describe("reporters", () => {
  it("(the XML reader used below rejects what is not well-formed)", () => {
    for (const bad of ["<a>&</a>", "<a><b></a>", '<a x="<"/>', "<a/><b/>", "<a>\u0001</a>", '<a x="1" x="2"/>', "<a>&nbsp;</a>"]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<?xml version="1.0"?>\n<a k="&lt;&#10;"><b>x &amp; y</b></a>\n').children[0]!.text).toBe("x & y");
  });

  async function failingReport(): Promise<{ report: CheckReport; root: string }> {
    const root = tempRoot();
    // A fixture name and report text full of XML and workflow-command specials.
    const special = makeFixture(root, "fx/a&b<c>'d\"%", REPORT_B);
    makeFixture(root, "fx/plain", REPORT_A);
    await runUpdate(options(root, { paths: ["fx"] }));
    // A record no extractor will find, so its miss (with the sentence) is listed.
    const at = REPORT_B.indexOf("A&B<C>");
    const rows = readJsonl(join(special, "expected.jsonl"));
    writeJsonl(join(special, "expected.jsonl"), [...rows, { type: "metric", text: "A&B<C>", start: at, end: at + 6, value: 1 }]);
    mutateOne(join(root, "fx", "plain", "expected.jsonl"));
    makeFixture(root, "fx/unreadable", REPORT_A, "{oops\n");
    return { report: await runCheck(options(root, { paths: ["fx"], minF1: 1 })), root };
  }

  it("junit is well-formed XML: a testsuite per fixture, a testcase per type, failure and error elements", async () => {
    const { report } = await failingReport();
    const xml = REPORTERS.junit!.render(report, { color: false });
    const root = parseXml(xml);
    expect(root.name).toBe("testsuites");
    const suites = all(root, "testsuite");
    expect(suites.map((s) => s.attrs.name)).toEqual(["fx/a&b<c>'d\"%", "fx/plain", "fx/unreadable"]);
    const plain = suites[1]!;
    const cases = all(plain, "testcase");
    expect(cases.map((c) => c.attrs.name)).toEqual(report.fixtures[1]!.scores.map((s) => s.type));
    const failed = cases.filter((c) => all(c, "failure").length);
    expect(failed.length).toBeGreaterThan(0);
    expect(all(failed[0]!, "failure")[0]!.attrs.message).toContain("strict F1");
    expect(all(suites[2]!, "error")).toHaveLength(1);
    expect(root.attrs.errors).toBe("1");
    // The special characters survive the round trip.
    const special = all(suites[0]!, "system-out").map((n) => n.text).join("\n");
    expect(special).toContain('missed metric "A&B<C>"');
    expect(special).toContain("(A&B<C>)。");
  });

  it("github prints ::error file=…,line=…:: annotations on the report file", async () => {
    const { report } = await failingReport();
    const out = REPORTERS.github!.render(report, { color: false });
    const issue = report.fixtures[1]!.issues.find((i) => i.kind === "mismatch")!;
    expect(out).toMatch(new RegExp(`^::error file=fx/plain/report\\.txt,line=${issue.line},title=[^:]*::.*expected`, "mu"));
    expect(out).toMatch(/^::error file=fx\/unreadable\/expected\.jsonl,line=1,/mu);
    // % in a property or message is encoded, so annotations cannot be forged or broken.
    for (const line of out.split("\n").filter((l) => l.startsWith("::"))) {
      expect(line.replace(/%(25|0A|0D|3A|2C)/gu, "")).not.toContain("%");
    }
    expect(out.trimEnd().split("\n").at(-1)).toMatch(/^check failed/u);
  });

  it("json carries the whole report; text is plain unless colour is asked for", async () => {
    const { report } = await failingReport();
    const json = JSON.parse(REPORTERS.json!.render(report, { color: false })) as CheckReport & { schema_version: number };
    expect(json.schema_version).toBe(1);
    expect(json.exit_code).toBe(2);
    expect(json.fixtures).toHaveLength(3);
    expect(REPORTERS.text!.render(report, { color: false })).not.toContain("\u001b[");
    expect(REPORTERS.text!.render(report, { color: true })).toContain("\u001b[");
  });
});
