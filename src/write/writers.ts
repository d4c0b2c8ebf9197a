// Output formats (SPEC §7). A writer turns one document's records into a chunk of
// output text; begin/end frame the whole stream (the JSON envelope, CSV header).
// Writers get records, never pipeline internals.
import { stringify } from "csv-stringify/sync";
import { SCHEMA_VERSION, type AnyRecord, type DocumentRecord } from "../records.js";
import { COLUMNS, toRow } from "./columns.js";

export const FORMATS = ["jsonl", "json", "csv", "tsv"] as const;
export type Format = (typeof FORMATS)[number];

export interface DocumentRecords {
  document: DocumentRecord | null;
  records: AnyRecord[];
}

export interface Writer {
  begin(): string;
  document(doc: DocumentRecords): string;
  end(): string;
}

const all = (d: DocumentRecords): AnyRecord[] => (d.document ? [d.document, ...d.records] : d.records);

function jsonl(): Writer {
  return {
    begin: () => "",
    document: (d) => all(d).map((r) => `${JSON.stringify(r)}\n`).join(""),
    end: () => "",
  };
}

function json(): Writer {
  let first = true;
  return {
    begin: () => `{"schema_version":${SCHEMA_VERSION},"documents":[`,
    document: (d) => {
      const chunk = `${first ? "\n" : ",\n"}${JSON.stringify({ document: d.document, records: d.records })}`;
      first = false;
      return chunk;
    },
    end: () => "\n]}\n",
  };
}

function delimited(delimiter: string): Writer {
  return {
    begin: () => stringify([COLUMNS as unknown as string[]], { delimiter }),
    document: (d) => stringify(all(d).map(toRow), { delimiter, cast: { number: (n) => String(n) } }),
    end: () => "",
  };
}

export function createWriter(format: Format): Writer {
  switch (format) {
    case "jsonl": return jsonl();
    case "json": return json();
    case "csv": return delimited(",");
    case "tsv": return delimited("\t");
  }
}

/** UTF-8 byte order mark, for Excel/WPS to read CSV as UTF-8. */
export const BOM = "\uFEFF";
