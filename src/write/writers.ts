// Output formats (SPEC §7). renderDocument turns one document's records into a
// chunk of output text; a Writer frames the chunks as one stream (the JSON
// envelope, the CSV header). Both get records, never pipeline internals.
import { stringify } from "csv-stringify/sync";
import { SCHEMA_VERSION, type AnyRecord, type DocumentRecord } from "../records.js";
import { COLUMNS, toRow } from "./columns.js";

export const FORMATS = ["jsonl", "json", "csv", "tsv"] as const;
export type Format = (typeof FORMATS)[number];

export interface DocumentRecords {
  document: DocumentRecord | null;
  records: AnyRecord[];
}

const all = (d: DocumentRecords): AnyRecord[] => (d.document ? [d.document, ...d.records] : d.records);

/**
 * One document's records as a piece of output, framing aside. Stateless, so it can
 * run in the worker that extracted the document: the main thread then only writes
 * strings, and records never cross threads as objects.
 */
export function renderDocument(format: Format, d: DocumentRecords): string {
  switch (format) {
    case "jsonl": return all(d).map((r) => `${JSON.stringify(r)}\n`).join("");
    case "json": return JSON.stringify({ document: d.document, records: d.records });
    case "csv": return delimitedRows(d, ",");
    case "tsv": return delimitedRows(d, "\t");
  }
}

function delimitedRows(d: DocumentRecords, delimiter: string): string {
  return stringify(all(d).map(toRow), { delimiter, cast: { number: (n) => String(n) } });
}

/** The frame around rendered documents: the JSON envelope, the CSV header. */
export interface Writer {
  begin(): string;
  /** A rendered document (renderDocument) as it goes into the stream. */
  document(rendered: string): string;
  end(): string;
}

export function createWriter(format: Format): Writer {
  switch (format) {
    case "json": {
      let first = true;
      return {
        begin: () => `{"schema_version":${SCHEMA_VERSION},"documents":[`,
        document: (rendered) => {
          const chunk = `${first ? "\n" : ",\n"}${rendered}`;
          first = false;
          return chunk;
        },
        end: () => "\n]}\n",
      };
    }
    case "csv":
    case "tsv":
      return {
        begin: () => stringify([COLUMNS as unknown as string[]], { delimiter: format === "csv" ? "," : "\t" }),
        document: (rendered) => rendered,
        end: () => "",
      };
    case "jsonl":
      return { begin: () => "", document: (rendered) => rendered, end: () => "" };
  }
}

/** UTF-8 byte order mark, for Excel/WPS to read CSV as UTF-8. */
export const BOM = "\uFEFF";
