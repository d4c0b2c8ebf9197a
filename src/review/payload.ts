// The data the review page embeds: every document's original text with its
// records and vetoes, trimmed of what the page can rebuild (the document's own
// text copy, sentences) and given UTF-16 offsets beside the code point offsets,
// so the browser can slice its strings without re-counting astral characters.
import type { DocumentResult, LocatedVeto } from "../pipeline.js";
import type { AnyRecord, DocumentRecord } from "../records.js";

export interface ReviewInput {
  result: DocumentResult;
  /** The original decoded text the record offsets refer to. */
  text: string;
}

/** Where a span sits in the JS string, and whether its offsets agree with its text. */
interface Placed {
  /** UTF-16 offsets into the document text, clamped to it. */
  s16: number;
  e16: number;
  /** Set when the text at [start, end) is not the span's `text` (an offset bug upstream). */
  mismatch?: true;
}

export type PayloadRecord = Omit<AnyRecord, "doc" | "sentence"> & Placed;
export type PayloadVeto = LocatedVeto & Placed;

export interface PayloadDocument {
  doc: string;
  meta: Pick<DocumentRecord, "title" | "doc_number" | "issuer" | "issued" | "printed" | "issue" | "format" | "encoding" | "chars">;
  text: string;
  records: PayloadRecord[];
  vetoes: PayloadVeto[];
}

export interface ReviewPayload {
  schema_version: number;
  tool: string;
  documents: PayloadDocument[];
}

/**
 * The form embedded in the page. Records are rows of values under one list of
 * column names per type (names written once, not 100 000 times); sections are
 * numbers into a per-document list of heading paths; `text` is null where it
 * equals the source at the offsets, and s16/e16 are null where they equal the
 * code point offsets (no astral character before them). The page unpacks it.
 */
export interface PackedDocument {
  doc: string;
  meta: PayloadDocument["meta"];
  text: string;
  sections: string[][];
  /** Column names per row type ("metric", "date", "responsible_unit", "veto"). */
  columns: Record<string, string[]>;
  /** [type, ...values in columns[type] order]; records first, then vetoes. */
  rows: unknown[][];
}

export interface PackedPayload {
  schema_version: number;
  tool: string;
  documents: PackedDocument[];
}

/**
 * Code point offset → UTF-16 offset for one text. Without astral characters the
 * two are equal and no table is built (the common case for Chinese reports).
 */
export class CodePointIndex {
  private readonly table: Int32Array | null;
  readonly length: number;

  constructor(text: string) {
    let astral = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) { astral = true; break; }
    }
    if (!astral) {
      this.table = null;
      this.length = text.length;
      return;
    }
    const table: number[] = [];
    for (let i = 0; i < text.length; i++) {
      table.push(i);
      const c = text.charCodeAt(i);
      const low = text.charCodeAt(i + 1);
      // a lone high surrogate is one code point, like Array.from counts it
      if (c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) i++;
    }
    table.push(text.length);
    this.table = Int32Array.from(table);
    this.length = table.length - 1;
  }

  /** UTF-16 offset of a code point offset, clamped to the text. */
  utf16(cp: number): number {
    const c = Math.max(0, Math.min(Math.trunc(cp), this.length));
    return this.table ? this.table[c]! : c;
  }
}

function place(text: string, index: CodePointIndex, span: { start: number; end: number; text: string }): Placed {
  const s16 = index.utf16(span.start);
  const e16 = Math.max(s16, index.utf16(span.end));
  const placed: Placed = { s16, e16 };
  if (text.slice(s16, e16) !== span.text) placed.mismatch = true;
  return placed;
}

export function buildPayload(inputs: ReadonlyArray<ReviewInput>, tool: string, schemaVersion: number): ReviewPayload {
  const documents = inputs.map(({ result, text }): PayloadDocument => {
    const index = new CodePointIndex(text);
    const d = result.document;
    const records = result.records.map((r): PayloadRecord => {
      const { doc: _doc, sentence: _sentence, ...rest } = r;
      return { ...rest, ...place(text, index, r) } as PayloadRecord;
    });
    const vetoes = result.vetoes.map((v): PayloadVeto => ({ ...v, ...place(text, index, v) }));
    return {
      doc: d.doc,
      meta: {
        title: d.title, doc_number: d.doc_number, issuer: d.issuer, issued: d.issued,
        printed: d.printed, issue: d.issue, format: d.format, encoding: d.encoding, chars: d.chars,
      },
      text,
      records,
      vetoes,
    };
  });
  return { schema_version: schemaVersion, tool, documents };
}

export function packDocument(d: PayloadDocument): PackedDocument {
  const sections: string[][] = [];
  const sectionIndex = new Map<string, number>();
  const columns: Record<string, string[]> = {};
  const items: Array<[string, Record<string, unknown>]> = [
    ...d.records.map((r): [string, Record<string, unknown>] => [r.type, { ...r } as Record<string, unknown>]),
    ...d.vetoes.map((v): [string, Record<string, unknown>] => ["veto", { ...v } as Record<string, unknown>]),
  ];
  for (const [type, o] of items) {
    delete o.type;
    if (Array.isArray(o.section)) {
      const key = JSON.stringify(o.section);
      let i = sectionIndex.get(key);
      if (i === undefined) {
        i = sections.length;
        sections.push(o.section as string[]);
        sectionIndex.set(key, i);
      }
      o.section = i;
    }
    if (o.s16 === o.start && o.e16 === o.end) o.s16 = o.e16 = null;
    if (!o.mismatch && d.text.slice((o.s16 ?? o.start) as number, (o.e16 ?? o.end) as number) === o.text) o.text = null;
    const cols = (columns[type] ??= []);
    for (const k of Object.keys(o)) if (!cols.includes(k)) cols.push(k);
  }
  const rows = items.map(([type, o]) => [type, ...columns[type]!.map((k) => (o[k] === undefined ? null : o[k]))]);
  return { doc: d.doc, meta: d.meta, text: d.text, sections, columns, rows };
}

export function packPayload(p: ReviewPayload): PackedPayload {
  return { schema_version: p.schema_version, tool: p.tool, documents: p.documents.map(packDocument) };
}

/**
 * JSON that is safe inside <script type="application/json">: every `<`, `>` and
 * `&` becomes a \u escape, so a document containing "</script>" or "<!--" cannot
 * end the block early, and U+2028/2029 are escaped for older parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
