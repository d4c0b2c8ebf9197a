// Column order and flattening for the tabular formats, in one place: every record
// type shares one row shape so a spreadsheet gets a single rectangular table.
import type { AnyRecord } from "../records.js";

export const COLUMNS = [
  "type", "doc", "text", "start", "end", "line", "sentence", "section",
  "value", "value_max", "number", "multiplier", "unit", "category", "qualifier",
  "indicator", "subject", "year", "time", "role", "per",
  "date", "date_end", "granularity", "part",
  "name", "task_number", "task_title", "position",
  "title", "subtitle", "doc_number", "issuer", "issued", "printed", "issue", "addressees", "cites",
  "encoding", "format", "chars", "rule",
] as const;

type Cell = string | number | null;

/**
 * One row per record. `section` joins with " > ", task flattens to task_number /
 * task_title, lists join with "；". A document row leaves `text` empty: the whole
 * document would exceed a spreadsheet cell (Excel holds 32,767 characters); `chars`
 * gives its length and the JSON formats carry it in full.
 */
export function toRow(record: AnyRecord): Cell[] {
  const r = record as Record<string, unknown>;
  const flat: Record<string, Cell> = {};
  for (const [k, v] of Object.entries(r)) {
    if (v === null || v === undefined) flat[k] = null;
    else if (typeof v === "string" || typeof v === "number") flat[k] = v;
  }
  flat.section = (record.section ?? []).join(" > ");
  if (record.type === "responsible_unit") {
    flat.task_number = record.task?.number ?? null;
    flat.task_title = record.task?.title ?? null;
  }
  if (record.type === "document") {
    flat.text = "";
    flat.addressees = record.addressees.join("；");
    flat.cites = record.cites.map((c) => (c.doc_number ? `《${c.title}》${c.doc_number}` : `《${c.title}》`)).join("；");
  }
  return COLUMNS.map((c) => flat[c] ?? null);
}
