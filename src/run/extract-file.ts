// One file from path to DocumentResult, or a FileError. Everything a worker or the
// check command needs to process a single input lives behind this function.
import type { FileError } from "../errors.js";
import { loadBytes, loadFile, DEFAULT_LOAD_OPTIONS, type DocumentFormat, type LoadOptions } from "../load/load.js";
import { processDocument, type DocumentResult, type PipelineOptions } from "../pipeline.js";

export type FileOutcome = { ok: true; result: DocumentResult } | { ok: false; error: FileError };

export async function extractFile(
  path: string,
  doc: string,
  pipeline: PipelineOptions,
  load: LoadOptions = DEFAULT_LOAD_OPTIONS,
): Promise<FileOutcome> {
  const loaded = await loadFile(path, doc, load);
  if (!loaded.ok) return loaded;
  return runPipeline(loaded.loaded.doc, () => processDocument(loaded.loaded, pipeline));
}

export async function extractBytes(
  doc: string,
  bytes: Uint8Array,
  format: DocumentFormat,
  pipeline: PipelineOptions,
  load: LoadOptions = DEFAULT_LOAD_OPTIONS,
): Promise<FileOutcome> {
  const loaded = await loadBytes(doc, bytes, format, load);
  if (!loaded.ok) return loaded;
  return runPipeline(doc, () => processDocument(loaded.loaded, pipeline));
}

function runPipeline(doc: string, run: () => DocumentResult): FileOutcome {
  try {
    return { ok: true, result: run() };
  } catch (err) {
    // An extractor bug on one document must not end the run for the others.
    return { ok: false, error: { file: doc, code: "EXTRACT_FAILED", detail: (err as Error).message.split("\n")[0] } };
  }
}
