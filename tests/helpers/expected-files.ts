// Reading and editing expected-record files in check tests: one changed value
// must make `check` fail, whatever the extractors find today.
import { readFileSync, writeFileSync } from "node:fs";

export function readJsonl(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

export function writeJsonl(file: string, rows: Array<Record<string, unknown>>): void {
  writeFileSync(file, rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
}

/**
 * Change one value of an expected record the extractor produced: a metric's value
 * when there is one, else a date's date, else the document title, so the test is
 * about the comparison whatever the extractors find today.
 */
export function mutateOne(file: string): { field: string; line: number; was: unknown; now: unknown } {
  const rows = readJsonl(file);
  const metric = rows.find((r) => r.type === "metric" && typeof r.value === "number");
  const date = rows.find((r) => r.type === "date" && typeof r.date === "string");
  let out: { field: string; line: number; was: unknown; now: unknown };
  if (metric) {
    out = { field: "value", line: metric.line as number, was: metric.value, now: (metric.value as number) + 1 };
    metric.value = out.now;
  } else if (date) {
    out = { field: "date", line: date.line as number, was: date.date, now: "1999" };
    date.date = out.now;
  } else {
    const doc = rows.find((r) => r.type === "document")!;
    out = { field: "title", line: 1, was: doc.title ?? null, now: "A title the report does not have" };
    doc.title = out.now;
  }
  writeJsonl(file, rows);
  return out;
}
