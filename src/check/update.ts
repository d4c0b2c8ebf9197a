// --update: rewrite each fixture's expected.jsonl from the current output, for a
// human to review as a diff (never for CI). Records that still match an expected
// one keep its `optional` and `note`; optional records not found now are kept (they
// may or may not be extracted); types outside --types are left as they were.
import { readFileSync } from "node:fs";
import { RECORD_TYPES, type AnyRecord, type RecordType } from "../records.js";
import { writeFileAtomic } from "./atomic.js";
import { display } from "./fixtures.js";
import { FIELDS } from "./fields.js";
import { loadAll, type CheckOptions, type LoadedFixture } from "./run.js";
import type { FixtureError } from "./types.js";

export interface UpdatedFixture {
  name: string;
  file: string;
  status: "created" | "updated" | "unchanged";
  records: number;
  added: number;
  removed: number;
}

export interface UpdateReport {
  fixtures: UpdatedFixture[];
  errors: FixtureError[];
}

type Row = Record<string, unknown>;

/** Key order of a written record: where it is first, then its fields, then annotations. */
const LEADING = ["type", "text", "start", "end", "line", "sentence", "section"];
const DROPPED = new Set(["doc", "rule"]);

function ordered(row: Row): Row {
  const out: Row = {};
  for (const k of LEADING) if (k in row) out[k] = row[k];
  for (const [k, v] of Object.entries(row)) if (!(k in out) && k !== "optional" && k !== "note") out[k] = v;
  if (row.optional !== undefined) out.optional = row.optional;
  if (row.note !== undefined) out.note = row.note;
  return out;
}

function rowOf(record: AnyRecord): Row {
  if (record.type === "document") {
    const r = record as unknown as Row;
    return { type: "document", ...Object.fromEntries(FIELDS.document.compared.map((f) => [f, r[f] ?? null])) };
  }
  return Object.fromEntries(Object.entries(record).filter(([k]) => !DROPPED.has(k)));
}

function annotations(from: Row): Row {
  const out: Row = {};
  if (from.optional !== undefined) out.optional = from.optional;
  if (from.note !== undefined) out.note = from.note;
  return out;
}

const typeRank = (t: unknown) => RECORD_TYPES.indexOf(t as RecordType);

function sortRows(rows: Row[]): Row[] {
  return rows.sort((a, b) => {
    const da = a.type === "document" ? 0 : 1;
    const db = b.type === "document" ? 0 : 1;
    return (
      da - db ||
      ((a.start as number) ?? 0) - ((b.start as number) ?? 0) ||
      ((a.end as number) ?? 0) - ((b.end as number) ?? 0) ||
      typeRank(a.type) - typeRank(b.type)
    );
  });
}

function rowsFor(fx: LoadedFixture, options: CheckOptions, isNew: boolean): Row[] {
  const doc = fx.docs[0]!;
  const rows: Row[] = [];
  for (const e of doc.expected) if (!options.types.has(e.type)) rows.push(e.raw);
  for (const type of RECORD_TYPES) {
    if (!options.types.has(type)) continue;
    const m = doc.comparison.matchings.get(type);
    if (type === "document") {
      const old = doc.expected.find((e) => e.type === "document");
      if (m) rows.push({ ...rowOf(doc.result.document), ...annotations(old!.raw) });
      else if (old) rows.push(old.raw); // an optional document record is left alone
      else if (isNew) rows.push(rowOf(doc.result.document));
      continue;
    }
    if (!m) continue;
    const partner = new Map(m.matching.pairs.map(([ei, ai]) => [ai, ei]));
    m.actual.forEach((a, ai) => {
      const ei = partner.get(ai);
      rows.push({ ...rowOf(a), ...(ei === undefined ? {} : annotations(m.expected[ei]!.raw)) });
    });
    for (const ei of m.matching.unmatchedExpected) {
      const e = m.expected[ei]!;
      if (e.optional) rows.push(e.raw);
    }
  }
  return sortRows(rows.map(ordered));
}

export async function runUpdate(options: CheckOptions): Promise<UpdateReport> {
  const { loaded, errors } = await loadAll(options, true);
  const report: UpdateReport = { fixtures: [], errors: [...errors] };
  for (const fx of loaded) {
    report.errors.push(...fx.errors);
    if (fx.errors.length || !fx.docs.length || !fx.dir) continue;
    const isNew = !fx.dir.hasExpected;
    const lines = rowsFor(fx, options, isNew).map((r) => JSON.stringify(r));
    const before = isNew ? [] : readFileSync(fx.dir.expected, "utf8").split(/\r?\n/u).filter((l) => l.trim());
    const content = lines.map((l) => `${l}\n`).join("");
    const oldSet = new Set(before);
    const newSet = new Set(lines);
    const changed = isNew || before.join("\n") !== lines.join("\n");
    if (changed) writeFileAtomic(fx.dir.expected, content);
    report.fixtures.push({
      name: fx.name,
      file: display(fx.dir.expected, options.cwd),
      status: isNew ? "created" : changed ? "updated" : "unchanged",
      records: lines.length,
      added: lines.filter((l) => !oldSet.has(l)).length,
      removed: before.filter((l) => !newSet.has(l)).length,
    });
  }
  return report;
}
