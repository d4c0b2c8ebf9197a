// Shared wording of issues and figures, so every reporter says the same thing:
// `metric "77个" value: expected 78, actual 77`.
import type { FixtureError, Issue, TypeScore } from "../types.js";
import { fmt } from "../score.js";

export function showValue(v: unknown): string {
  return v === undefined ? "null" : JSON.stringify(v);
}

const quoted = (s: string) => JSON.stringify(s);

/** One line describing the issue, without its place. */
export function describeIssue(i: Issue): string {
  const what = i.text ? `${i.type} ${quoted(i.text)}` : i.type;
  switch (i.kind) {
    case "miss":
      return `missed ${what}`;
    case "spurious":
      return `spurious ${what}`;
    case "mismatch":
      return `${what} ${i.field}: expected ${showValue(i.expected)}, actual ${showValue(i.actual)}`;
    case "span":
      return `${what} span: expected ${String(i.expected)}, actual ${String(i.actual)}`;
    case "negative":
      return `${what} extracted from a negative span ${quoted(String(i.expected))}${i.why ? ` (${i.why})` : ""}`;
  }
}

export function place(i: Issue): string {
  return `${i.file}:${i.line}`;
}

export function figuresLine(s: TypeScore): string {
  return (
    `${s.type}: expected ${s.expected}, actual ${s.actual}` +
    `${s.optional_found ? ` (+${s.optional_found} optional found)` : ""}; ` +
    `strict P ${fmt(s.strict.precision)} R ${fmt(s.strict.recall)} F1 ${fmt(s.strict.f1)}; ` +
    `lenient P ${fmt(s.lenient.precision)} R ${fmt(s.lenient.recall)} F1 ${fmt(s.lenient.f1)}`
  );
}

export function fieldsLine(s: TypeScore): string {
  return Object.entries(s.fields)
    .map(([f, v]) => `${f} ${fmt(v.accuracy)} (${v.correct}/${v.compared})`)
    .join(", ");
}

export function summaryLine(report: { passed: boolean; fixtures: unknown[]; failures: Array<{ kind: string }>; errors: unknown[] }): string {
  const n = report.fixtures.length;
  const fixtures = `${n} fixture${n === 1 ? "" : "s"}`;
  if (report.passed) return `check passed: ${fixtures}`;
  const parts: string[] = [];
  const thresholds = report.failures.filter((f) => f.kind !== "baseline").length;
  const drops = report.failures.length - thresholds;
  if (thresholds) parts.push(`${thresholds} below threshold`);
  if (drops) parts.push(`${drops} below baseline`);
  if (report.errors.length) parts.push(`${report.errors.length} unreadable`);
  return `check failed: ${fixtures}, ${parts.join(", ")}`;
}

export function errorLine(e: FixtureError): string {
  return `${e.file}${e.line ? `:${e.line}` : ""}: ${e.message}`;
}
