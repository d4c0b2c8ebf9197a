// The catalogue of per-file failures. They are values in the file loop, never
// thrown past it; the CLI prints them as `policy-extract: <file>: <reason> (CODE)`.

export const ERROR_MESSAGES = {
  NOT_FOUND: "no such file or directory",
  NOT_A_FILE: "not a regular file",
  UNREADABLE: "cannot be read",
  EMPTY: "empty file",
  BINARY: "binary data, not a text document",
  DECODE_FAILED: "cannot be decoded as text",
  TOO_LARGE: "larger than the size limit",
  UNSUPPORTED_FORMAT: "unsupported file format",
  DOCX_INVALID: "not a readable .docx (damaged or truncated)",
  PDF_INVALID: "not a readable PDF (damaged or truncated)",
  PDF_ENCRYPTED: "encrypted PDF",
  PDF_NO_TEXT: "no text layer (scanned or image-only PDF)",
  EXTRACT_FAILED: "extraction failed",
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface FileError {
  file: string;
  code: ErrorCode;
  /** Extra detail appended to the standard message. */
  detail?: string;
}

export function formatFileError(e: FileError): string {
  const base = ERROR_MESSAGES[e.code];
  return `${e.file}: ${base}${e.detail ? ` (${e.detail})` : ""} [${e.code}]`;
}
