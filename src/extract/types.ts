// What every extractor receives and returns. Extractors read the normalised view
// and return candidates in view coordinates (UTF-16, half-open); the pipeline maps
// them back to the original and fills the provenance fields once, for all types.
import type {
  DateRecord, DocumentRecord, MetricRecord, RecordType, ResponsibleUnitRecord,
} from "../records.js";
import type { PatternSet } from "../patterns/load.js";
import type { SectionIndex } from "../text/sections.js";
import type { Span } from "../text/sentences.js";
import type { TextView } from "../text/view.js";

/** Fields the pipeline fills for every record; extractors never set them. */
type Provenance = "type" | "doc" | "text" | "start" | "end" | "line" | "sentence" | "section" | "rule";

export type MetricFields = Omit<MetricRecord, Provenance>;
export type DateFields = Omit<DateRecord, Provenance>;
export type ResponsibleUnitFields = Omit<ResponsibleUnitRecord, Provenance>;
/** Metadata an extractor can read from the text; the pipeline adds encoding, format, chars, counts. */
export type DocumentFields = Omit<DocumentRecord, Provenance | "encoding" | "format" | "chars" | "counts">;

export interface FieldsByType {
  metric: MetricFields;
  date: DateFields;
  responsible_unit: ResponsibleUnitFields;
}

export interface Candidate<T extends keyof FieldsByType = keyof FieldsByType> {
  type: T;
  /** View offsets, half-open. */
  start: number;
  end: number;
  /** Id of the rule that produced it, e.g. "metric/number-unit". */
  rule: string;
  fields: FieldsByType[T];
}

export type MetricCandidate = Candidate<"metric">;
export type DateCandidate = Candidate<"date">;
export type ResponsibleUnitCandidate = Candidate<"responsible_unit">;

/** A number-like span an exclusion rule kept from becoming a record (shown by `review`). */
export interface Veto {
  start: number;
  end: number;
  rule: string;
  why: string;
}

/** Whether the document states achievements or sets goals (SPEC §3 role details). */
export type Genre = "report" | "plan";

export interface DocumentContext {
  doc: string;
  view: TextView;
  sentences: readonly Span[];
  sections: SectionIndex;
  patterns: PatternSet;
  genre: Genre;
}

export interface ExtractResult<T extends keyof FieldsByType> {
  candidates: Array<Candidate<T>>;
  vetoes: Veto[];
}

export type { RecordType };
