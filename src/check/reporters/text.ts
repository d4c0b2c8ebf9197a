// --reporter text (default): per fixture a table of figures, field accuracies and
// every issue with its place, then the gate's verdict. Colour only on a terminal.
import { Chalk, type ChalkInstance } from "chalk";
import { fmt } from "../score.js";
import type { CheckReport, FixtureResult, TypeScore } from "../types.js";
import { describeIssue, errorLine, fieldsLine, place, summaryLine } from "./describe.js";
import type { Reporter } from "./index.js";

const HEADER = `${"type".padEnd(18)}${"exp".padStart(6)}${"act".padStart(6)}   strict  P      R      F1      lenient P      R      F1`;

function row(s: TypeScore): string {
  const n = (x: number | null) => fmt(x).padStart(6);
  return (
    `${s.type.padEnd(18)}${String(s.expected).padStart(6)}${String(s.actual).padStart(6)}` +
    `          ${n(s.strict.precision)} ${n(s.strict.recall)} ${n(s.strict.f1)}` +
    `           ${n(s.lenient.precision)} ${n(s.lenient.recall)} ${n(s.lenient.f1)}` +
    `${s.optional_found ? `  (+${s.optional_found} optional)` : ""}`
  );
}

function table(scores: readonly TypeScore[], c: ChalkInstance, indent: string): string[] {
  if (!scores.length) return [`${indent}${c.dim("no records expected or extracted")}`];
  const out = [`${indent}${c.dim(HEADER)}`];
  for (const s of scores) out.push(`${indent}${row(s)}`);
  for (const s of scores) {
    const fields = fieldsLine(s);
    if (fields) out.push(`${indent}${c.dim(`${s.type} fields:`)} ${fields}`);
  }
  return out;
}

function fixtureBlock(fx: FixtureResult, c: ChalkInstance): string[] {
  const verdict = fx.errors.length ? c.red("ERROR") : fx.failures.length ? c.red("FAIL") : c.green("PASS");
  const out = [`${c.bold(fx.name)}  ${verdict}`];
  if (fx.reports.length) out.push(...table(fx.scores, c, "  "));
  for (const i of fx.issues) {
    const where = c.cyan(place(i));
    const detail = i.kind === "mismatch" || i.kind === "span" ? "" : i.sentence ? c.dim(`  | ${i.sentence.replace(/\s*\n\s*/gu, " ")}`) : "";
    const source = (i.kind === "mismatch" || i.kind === "span") && i.source ? c.dim(`  (${i.source})`) : "";
    out.push(`  ${where}  ${i.kind.padEnd(8)}  ${describeIssue(i)}${source}${detail}`);
  }
  if (fx.negatives) {
    const v = fx.negatives.violations;
    out.push(`  negative spans: ${fx.negatives.checked} checked, ${v ? c.red(`${v} extracted`) : c.green("0 extracted")}`);
  }
  for (const w of fx.warnings) out.push(`  ${c.yellow("warning")} ${w}`);
  for (const e of fx.errors) out.push(`  ${c.red("error")} ${errorLine(e)}`);
  for (const f of fx.failures) out.push(`  ${c.red(f.kind === "baseline" ? "BELOW BASELINE" : "BELOW THRESHOLD")} ${f.message}`);
  return out;
}

export const text: Reporter = {
  name: "text",
  description: "human-readable figures and issues (default)",
  render(report: CheckReport, options): string {
    const c = new Chalk({ level: options.color ? 1 : 0 });
    const out: string[] = [];
    const shown = new Set(report.fixtures.flatMap((f) => f.errors));
    for (const fx of report.fixtures) {
      out.push(...fixtureBlock(fx, c), "");
    }
    for (const e of report.errors) if (!shown.has(e)) out.push(`${c.red("error")} ${errorLine(e)}`);
    if (report.fixtures.length > 1) {
      out.push(c.bold("total"), ...table(report.total, c, "  "), "");
    }
    const summary = summaryLine(report);
    out.push(report.passed ? c.green(summary) : c.red(summary));
    return `${out.join("\n")}\n`;
  },
};

