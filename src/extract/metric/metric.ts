// Stub: the metric extractor is being written.
import type { DocumentContext, ExtractResult } from "../types.js";

export function extractMetrics(_ctx: DocumentContext): ExtractResult<"metric"> {
  return { candidates: [], vetoes: [] };
}
