// Run the real pipeline on a string, as the CLI would on a file.
import { loadPatterns } from "../../src/patterns/load.js";
import { processDocument, type DocumentResult } from "../../src/pipeline.js";
import { RECORD_TYPES, type RecordType } from "../../src/records.js";

export function runText(text: string, opts: { types?: RecordType[]; doc?: string; explain?: boolean } = {}): DocumentResult {
  return processDocument(
    { doc: opts.doc ?? "case.txt", text, encoding: "utf-8", format: "txt" },
    {
      types: new Set(opts.types ?? RECORD_TYPES),
      attribution: true,
      explain: opts.explain ?? true,
      patterns: loadPatterns(),
    },
  );
}
