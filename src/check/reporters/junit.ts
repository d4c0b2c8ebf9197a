// --reporter junit: one <testsuite> per fixture, one <testcase> per record type
// (and one for negative spans); a type below its threshold or baseline gets a
// <failure>, an unreadable fixture an <error>. Every string is escaped for XML and
// characters XML cannot carry are dropped, so any CI can parse the file.
import type { CheckReport, FixtureError, FixtureResult, GateFailure, Issue } from "../types.js";
import { describeIssue, errorLine, fieldsLine, figuresLine, place } from "./describe.js";
import type { Reporter } from "./index.js";

// Control characters other than tab and line breaks, lone surrogates and U+FFFE/U+FFFF are not XML characters.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function escapeText(s: string): string {
  return s.replace(NOT_XML, "").replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s)
    .replace(/"/gu, "&quot;")
    .replace(/'/gu, "&apos;")
    .replace(/\n/gu, "&#10;")
    .replace(/\r/gu, "&#13;")
    .replace(/\t/gu, "&#9;");
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("");
}

function issueLine(i: Issue): string {
  return `${place(i)}: ${describeIssue(i)}${i.sentence && i.kind !== "mismatch" && i.kind !== "span" ? ` | ${i.sentence}` : ""}`;
}

interface Case {
  name: string;
  file?: string;
  failures: GateFailure[];
  error?: FixtureError[];
  figures: string[];
  issues: string[];
}

function casesOf(fx: FixtureResult): Case[] {
  const cases: Case[] = [];
  const file = fx.reports.length === 1 ? fx.reports[0] : undefined;
  for (const s of fx.scores) {
    const fields = fieldsLine(s);
    cases.push({
      name: s.type,
      file,
      failures: fx.failures.filter((f) => f.type === s.type),
      figures: [figuresLine(s), ...(fields ? [`fields: ${fields}`] : [])],
      issues: fx.issues.filter((i) => i.type === s.type && i.kind !== "negative").map(issueLine),
    });
  }
  if (fx.negatives) {
    cases.push({
      name: "negatives",
      file,
      failures: fx.failures.filter((f) => f.type === "negatives"),
      figures: [`negative spans: ${fx.negatives.checked} checked, ${fx.negatives.violations} extracted`],
      issues: fx.issues.filter((i) => i.kind === "negative").map(issueLine),
    });
  }
  if (fx.errors.length) cases.push({ name: "read", failures: [], error: fx.errors, figures: [], issues: [] });
  return cases;
}

function renderCase(suite: string, c: Case): string[] {
  const open = `    <testcase${attrs({ classname: suite, name: c.name, ...(c.file ? { file: c.file } : {}) })}`;
  const body: string[] = [];
  if (c.failures.length) {
    const message = c.failures.map((f) => f.message).join("; ");
    const type = c.failures.every((f) => f.kind === "baseline") ? "baseline" : "threshold";
    body.push(`      <failure${attrs({ message, type })}>${escapeText([...c.failures.map((f) => f.message), ...c.issues].join("\n"))}</failure>`);
  }
  for (const e of c.error ?? []) {
    body.push(`      <error${attrs({ message: errorLine(e), type: "unreadable" })}/>`);
  }
  const out = [...c.figures, ...c.issues];
  if (out.length) body.push(`      <system-out>${escapeText(out.join("\n"))}</system-out>`);
  return body.length ? [`${open}>`, ...body, "    </testcase>"] : [`${open}/>`];
}

function suite(name: string, cases: Case[]): string[] {
  const failures = cases.filter((c) => c.failures.length).length;
  const errors = cases.filter((c) => c.error?.length).length;
  return [
    `  <testsuite${attrs({ name, tests: cases.length, failures, errors, skipped: 0 })}>`,
    ...cases.flatMap((c) => renderCase(name, c)),
    "  </testsuite>",
  ];
}

export const junit: Reporter = {
  name: "junit",
  description: "JUnit XML: a testsuite per fixture, a testcase per record type",
  render(report: CheckReport): string {
    const suites: Array<{ name: string; cases: Case[] }> = report.fixtures.map((fx) => ({ name: fx.name, cases: casesOf(fx) }));
    // Paths given on the command line that could not be read belong to no fixture.
    const inFixtures = new Set(report.fixtures.flatMap((f) => f.errors));
    for (const e of report.errors) {
      if (!inFixtures.has(e)) suites.push({ name: e.file, cases: [{ name: "read", failures: [], error: [e], figures: [], issues: [] }] });
    }
    const all = suites.flatMap((s) => s.cases);
    const head = attrs({
      name: "policy-extract check",
      tests: all.length,
      failures: all.filter((c) => c.failures.length).length,
      errors: all.filter((c) => c.error?.length).length,
    });
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${head}>`,
      ...suites.flatMap((s) => suite(s.name, s.cases)),
      "</testsuites>",
      "",
    ].join("\n");
  },
};
