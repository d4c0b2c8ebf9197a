// One document from decoded text to validated records: build the view, find
// sentences and sections, run the extractors asked for, resolve overlaps,
// attribute metrics, then map every candidate back to the original text and
// validate it. Everything here is synchronous and per document, so it runs the
// same in the main thread and in a worker.
import { attributeMetrics } from "./attribute/attribute.js";
import { detectGenre } from "./attribute/genre.js";
import { extractDates } from "./extract/date/date.js";
import { extractDocumentFields } from "./extract/document/document.js";
import { extractMetrics } from "./extract/metric/metric.js";
import { extractResponsibleUnits } from "./extract/responsible-unit/responsible-unit.js";
import type { Candidate, DocumentContext, Veto } from "./extract/types.js";
import type { LoadedText } from "./load/load.js";
import type { PatternSet } from "./patterns/load.js";
import { resolveOverlaps } from "./postpass/resolve-overlaps.js";
import { AnyRecord, DocumentRecord, type RecordType } from "./records.js";
import { Positions } from "./text/positions.js";
import { SectionIndex } from "./text/sections.js";
import { sentenceAt, splitSentences } from "./text/sentences.js";
import { buildView } from "./text/view.js";

export interface PipelineOptions {
  types: ReadonlySet<RecordType>;
  attribution: boolean;
  /** Keep the `rule` field on records (--explain). */
  explain: boolean;
  patterns: PatternSet;
  /**
   * Parse every record with its zod schema before returning it (default true).
   * `extract` turns this off unless --validate is given: records are built from
   * the schema's own types, the output is identical either way, and the parse
   * costs about a sixth of the pipeline. Tests, `check` and fuzzing keep it on.
   */
  validate?: boolean;
  /** When given, CPU milliseconds per pipeline stage are added to it (`npm run bench -- --stages`). */
  stageTimes?: StageTimes;
}

/** Stage name → accumulated CPU milliseconds. */
export type StageTimes = Record<string, number>;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Run one stage, charging its CPU time to `name` when stage timing is on. */
function stage<T>(times: StageTimes | undefined, name: string, run: () => T): T {
  if (!times) return run();
  const began = cpuMs();
  const out = run();
  times[name] = (times[name] ?? 0) + cpuMs() - began;
  return out;
}

/** A veto located in the original text, for the review page. */
export interface LocatedVeto {
  text: string;
  start: number;
  end: number;
  line: number;
  rule: string;
  why: string;
}

export interface DocumentResult {
  document: DocumentRecord;
  /** Records other than the document record, in text order. */
  records: AnyRecord[];
  vetoes: LocatedVeto[];
}

export function buildContext(loaded: LoadedText, patterns: PatternSet): DocumentContext {
  const view = buildView(loaded.text);
  const sentences = splitSentences(view.text);
  const sections = new SectionIndex(view);
  const ctx: DocumentContext = { doc: loaded.doc, view, sentences, sections, patterns, genre: "report" };
  ctx.genre = detectGenre(ctx);
  return ctx;
}

export function processDocument(loaded: LoadedText, options: PipelineOptions): DocumentResult {
  const times = options.stageTimes;
  const validate = options.validate ?? true;
  const ctx = stage(times, "context", () => buildContext(loaded, options.patterns));
  const { view } = ctx;
  const positions = stage(times, "context", () => new Positions(loaded.text));

  const wantMetric = options.types.has("metric");
  const wantDate = options.types.has("date");
  // Dates are needed to veto years from metrics and to attribute years, even when not written.
  const dates = wantMetric || wantDate ? stage(times, "date", () => extractDates(ctx)) : { candidates: [], vetoes: [] };
  const metrics = wantMetric ? stage(times, "metric", () => extractMetrics(ctx)) : { candidates: [], vetoes: [] };
  const units = options.types.has("responsible_unit") ? stage(times, "responsible_unit", () => extractResponsibleUnits(ctx)) : { candidates: [], vetoes: [] };
  // Not push(...list): spread arguments overflow the stack past ~100k candidates.
  const candidates: Candidate[] = [...dates.candidates, ...metrics.candidates, ...units.candidates];
  const vetoes: Veto[] = [...dates.vetoes, ...metrics.vetoes, ...units.vetoes];

  const resolved = stage(times, "overlaps", () => resolveOverlaps(candidates));
  const keptMetrics = resolved.filter((c): c is Candidate<"metric"> => c.type === "metric");
  const keptDates = resolved.filter((c): c is Candidate<"date"> => c.type === "date");
  if (options.attribution && keptMetrics.length) stage(times, "attribution", () => attributeMetrics(ctx, keptMetrics, keptDates));

  const records: AnyRecord[] = [];
  const recordsBegan = times ? cpuMs() : 0;
  let lastSentence = -1;
  let sentenceText = "";
  const sectionCopies = new Map<readonly string[], string[]>();
  for (const c of resolved) {
    if (!options.types.has(c.type)) continue;
    const s16 = view.toOriginalStart(c.start);
    const e16 = view.toOriginalEnd(c.end);
    // Records come in text order and crowd into few sentences and sections: their
    // strings and arrays are made once and shared (the JSON is the same).
    const sIdx = sentenceAt(ctx.sentences, c.start);
    if (sIdx !== lastSentence) {
      const sent = ctx.sentences[sIdx];
      sentenceText = sent ? loaded.text.slice(view.toOriginalStart(sent.start), view.toOriginalEnd(sent.end)) : "";
      lastSentence = sIdx;
    }
    const path = ctx.sections.pathAt(c.start);
    let section = sectionCopies.get(path);
    if (!section) sectionCopies.set(path, (section = [...path]));
    const record = {
      type: c.type,
      doc: loaded.doc,
      text: loaded.text.slice(s16, e16),
      start: positions.codePoint(s16),
      end: positions.codePoint(e16),
      line: positions.lineOf(s16),
      sentence: sentenceText,
      section,
      ...c.fields,
      ...(options.explain ? { rule: c.rule } : {}),
    };
    records.push(validate ? AnyRecord.parse(record) : (record as AnyRecord));
  }
  if (times) times.records = (times.records ?? 0) + cpuMs() - recordsBegan;

  const counts: Record<string, number> = { metric: 0, date: 0, responsible_unit: 0 };
  for (const r of records) counts[r.type] = (counts[r.type] ?? 0) + 1;
  const meta = stage(times, "document", () => extractDocumentFields(ctx));
  const documentRecord: DocumentRecord = {
    type: "document",
    doc: loaded.doc,
    text: loaded.text,
    start: 0,
    end: positions.codePointLength,
    line: 1,
    sentence: "",
    section: [],
    ...meta,
    encoding: loaded.encoding,
    format: loaded.format,
    chars: positions.codePointLength,
    counts,
    ...(options.explain ? { rule: "document/metadata" } : {}),
  };
  const document = validate ? DocumentRecord.parse(documentRecord) : documentRecord;

  const located: LocatedVeto[] = vetoes.map((v) => {
    const s16 = view.toOriginalStart(v.start);
    const e16 = view.toOriginalEnd(v.end);
    return {
      text: loaded.text.slice(s16, e16),
      start: positions.codePoint(s16),
      end: positions.codePoint(e16),
      line: positions.lineOf(s16),
      rule: v.rule,
      why: v.why,
    };
  });
  return { document, records, vetoes: located };
}
