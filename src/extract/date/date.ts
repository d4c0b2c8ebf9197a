// Stub: the date extractor is being written.
import type { DocumentContext, ExtractResult } from "../types.js";

export function extractDates(_ctx: DocumentContext): ExtractResult<"date"> {
  return { candidates: [], vetoes: [] };
}
