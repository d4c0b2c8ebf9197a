// Stub: document metadata is being written.
import type { DocumentContext, DocumentFields } from "../types.js";

export function extractDocumentFields(_ctx: DocumentContext): DocumentFields {
  return { title: null, doc_number: null, issuer: null, issued: null, printed: null, issue: null, addressees: [], cites: [] };
}
