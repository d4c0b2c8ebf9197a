// Worker-thread entry: one file in, one outcome out. Patterns and the
// segmentation dictionary are loaded once per worker and kept for its lifetime.
// With `render`, the worker also turns the records into output text, so that only
// a string and a few counts go back to the main thread (structured-cloning
// thousands of record objects cost the main thread more than writing them).
import type { FileError } from "../errors.js";
import { loadPatterns } from "../patterns/load.js";
import type { DocumentResult } from "../pipeline.js";
import type { AnyRecord, RecordType } from "../records.js";
import { renderDocument, type Format } from "../write/writers.js";
import { extractFile } from "./extract-file.js";

export interface RenderOptions {
  format: Format;
  /** Record types written; the others are extracted (dates attribute years) but dropped. */
  write: RecordType[];
  /** Drop `rule` from the written records (it was produced only for the review page). */
  stripRule: boolean;
  /** Also return the DocumentResult (for the review page). */
  keepResult: boolean;
}

export interface WorkerTask {
  path: string;
  doc: string;
  types: RecordType[];
  attribution: boolean;
  explain: boolean;
  patternDirs: string[];
  encoding: "auto" | "utf8" | "gb18030";
  maxBytes: number;
  /** Parse each record with its zod schema (PipelineOptions.validate; default true). */
  validate?: boolean;
  render?: RenderOptions;
}

export interface Rendered {
  chunk: string;
  /** Records written, by type. */
  counts: Record<string, number>;
  /** Code points in the document. */
  chars: number;
}

export type TaskOutcome =
  | { ok: true; result: DocumentResult | null; rendered: Rendered | null }
  | { ok: false; error: FileError };

export function render(result: DocumentResult, options: RenderOptions): Rendered {
  const write = new Set(options.write);
  const strip = <R extends AnyRecord>(r: R): R => (options.stripRule ? { ...r, rule: undefined } : r);
  const kept = result.records.filter((r) => write.has(r.type)).map(strip);
  const counts: Record<string, number> = {};
  for (const r of kept) counts[r.type] = (counts[r.type] ?? 0) + 1;
  const document = write.has("document") ? strip(result.document) : null;
  return { chunk: renderDocument(options.format, { document, records: kept }), counts, chars: result.document.chars };
}

export default async function run(task: WorkerTask): Promise<TaskOutcome> {
  const outcome = await extractFile(
    task.path,
    task.doc,
    {
      types: new Set(task.types),
      attribution: task.attribution,
      explain: task.explain,
      validate: task.validate,
      patterns: loadPatterns(task.patternDirs),
    },
    { encoding: task.encoding, maxBytes: task.maxBytes },
  );
  if (!outcome.ok) return outcome;
  if (!task.render) return { ok: true, result: outcome.result, rendered: null };
  return {
    ok: true,
    result: task.render.keepResult ? outcome.result : null,
    rendered: render(outcome.result, task.render),
  };
}
