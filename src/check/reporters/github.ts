// --reporter github: GitHub Actions workflow commands. Each issue becomes an
// annotation on the report file and line (`::error file=…,line=…::message`): an
// error where its fixture and type failed the gate, a warning otherwise. Gate
// failures, unreadable fixtures and the figures follow as plain log lines.
import type { CheckReport, FixtureResult, Issue } from "../types.js";
import { describeIssue, figuresLine, summaryLine } from "./describe.js";
import type { Reporter } from "./index.js";

/** Message data: %, CR and LF are encoded (GitHub's own escaping rules). */
function escapeData(s: string): string {
  return s.replace(/%/gu, "%25").replace(/\r/gu, "%0D").replace(/\n/gu, "%0A");
}

/** Property values also encode : and , which separate properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/gu, "%3A").replace(/,/gu, "%2C");
}

function command(level: "error" | "warning" | "notice", props: Record<string, string | number>, message: string): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(",");
  return `::${level}${p ? ` ${p}` : ""}::${escapeData(message)}`;
}

function annotation(fx: FixtureResult, i: Issue): string {
  const failing = fx.failures.some((f) => f.type === i.type || (i.kind === "negative" && f.type === "negatives"));
  const sentence = i.sentence && i.kind !== "mismatch" && i.kind !== "span" ? ` | ${i.sentence}` : "";
  const source = i.source ? ` (${i.source})` : "";
  return command(
    failing ? "error" : "warning",
    { file: i.file, line: i.line, title: `check: ${i.kind} ${i.type}` },
    `${describeIssue(i)}${source}${sentence}`,
  );
}

export const github: Reporter = {
  name: "github",
  description: "GitHub Actions annotations on the report files",
  render(report: CheckReport): string {
    const out: string[] = [];
    for (const fx of report.fixtures) {
      for (const i of fx.issues) out.push(annotation(fx, i));
      for (const w of fx.warnings) out.push(command("warning", { title: "check: fixture" }, w));
      for (const f of fx.failures) out.push(command("error", { title: `check: ${fx.name}` }, f.message));
    }
    for (const e of report.errors) out.push(command("error", { file: e.file, ...(e.line ? { line: e.line } : {}), title: "check: unreadable fixture" }, e.message));
    for (const fx of report.fixtures) {
      for (const s of fx.scores) out.push(`${fx.name}: ${figuresLine(s)}`);
    }
    out.push(summaryLine(report));
    return `${out.join("\n")}\n`;
  },
};
