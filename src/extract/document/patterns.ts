// The document extractor's pattern data (patterns/document.yaml), validated and
// compiled once per pattern set.
import { z } from "zod";
import { compiledSection, type PatternSet } from "../../patterns/load.js";
import { WordList } from "../date/words.js";

const Words = z.array(z.coerce.string()).default([]);
const Pair = z.tuple([z.string(), z.string()]);

const Schema = z.object({
  masthead_suffixes: Words,
  bulletin_mastheads: Words,
  issue: z.object({ prefix: Words, suffix: Words, total_prefix: Words }),
  header_markers: Words,
  breadcrumb_marks: Words,
  attachment_labels: Words,
  note_prefixes: Words,
  metadata_labels: z.record(z.string(), z.enum(["title", "doc_number", "issuer", "issued"]).nullable()).default({}),
  title_ends: Words,
  title_max_length: z.number().int().positive().default(100),
  printed_suffixes: Words,
  addressee_prefixes: Words,
  closing_prefixes: Words,
  org_suffixes: Words,
  cite_quotes: z.array(Pair),
  inner_quotes: z.array(Pair).default([]),
});

export type MetadataField = "title" | "doc_number" | "issuer" | "issued";

export interface DocumentPatterns {
  mastheadSuffix: WordList;
  bulletinMastheads: Set<string>;
  issuePrefix: WordList;
  issueSuffix: WordList;
  issueTotalPrefix: WordList;
  headerMarker: WordList;
  breadcrumbMarks: readonly string[];
  attachmentLabel: WordList;
  notePrefix: WordList;
  metadataLabel: WordList;
  metadataField: ReadonlyMap<string, MetadataField | null>;
  titleEnd: WordList;
  titleMax: number;
  printedSuffix: WordList;
  addresseePrefix: WordList;
  closingPrefix: WordList;
  orgSuffix: WordList;
  citeQuotes: Array<[string, string]>;
  /** Where any opening cite quote starts (global: set lastIndex before exec). */
  citeOpen: RegExp;
  innerQuotes: Array<[string, string]>;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

export function documentPatterns(set: PatternSet): DocumentPatterns {
  return compiledSection(set, "document", Schema, (d) => ({
    mastheadSuffix: new WordList(d.masthead_suffixes),
    bulletinMastheads: new Set(d.bulletin_mastheads),
    issuePrefix: new WordList(d.issue.prefix),
    issueSuffix: new WordList(d.issue.suffix),
    issueTotalPrefix: new WordList(d.issue.total_prefix),
    headerMarker: new WordList(d.header_markers),
    breadcrumbMarks: d.breadcrumb_marks,
    attachmentLabel: new WordList(d.attachment_labels),
    notePrefix: new WordList(d.note_prefixes),
    metadataLabel: new WordList(Object.keys(d.metadata_labels)),
    metadataField: new Map(Object.entries(d.metadata_labels)),
    titleEnd: new WordList(d.title_ends),
    titleMax: d.title_max_length,
    printedSuffix: new WordList(d.printed_suffixes),
    addresseePrefix: new WordList(d.addressee_prefixes),
    closingPrefix: new WordList(d.closing_prefixes),
    orgSuffix: new WordList(d.org_suffixes),
    citeQuotes: d.cite_quotes,
    citeOpen: new RegExp(d.cite_quotes.map(([o]) => escape(o)).join("|") || "(?!)", "gu"),
    innerQuotes: d.inner_quotes,
  }));
}
