// Stub: the responsible-unit extractor is being written.
import type { DocumentContext, ExtractResult } from "../types.js";

export function extractResponsibleUnits(_ctx: DocumentContext): ExtractResult<"responsible_unit"> {
  return { candidates: [], vetoes: [] };
}
