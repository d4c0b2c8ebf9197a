// One entry point from a path (or stdin bytes) to decoded text, by format. Each
// format has its own module; failures come back as FileError values.
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import type { FileError } from "../errors.js";
import { decodeText, type EncodingChoice } from "./decode.js";

export type DocumentFormat = "txt" | "docx" | "pdf" | "html";

export interface LoadedText {
  /** Path as it appears in records. */
  doc: string;
  text: string;
  encoding: string;
  format: DocumentFormat;
}

export type LoadResult = { ok: true; loaded: LoadedText } | { ok: false; error: FileError };

export interface LoadOptions {
  encoding: EncodingChoice;
  /** Files larger than this many bytes are refused (TOO_LARGE). */
  maxBytes: number;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = { encoding: "auto", maxBytes: 256 * 1024 * 1024 };

export function formatOf(path: string): DocumentFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === ".txt" || ext === ".text" || ext === "") return "txt";
  if (ext === ".docx") return "docx";
  if (ext === ".pdf") return "pdf";
  if (ext === ".html" || ext === ".htm") return "html";
  return null;
}

/** Decode bytes already in memory (stdin, or a file read by the caller). */
export async function loadBytes(
  doc: string,
  bytes: Uint8Array,
  format: DocumentFormat,
  options: LoadOptions = DEFAULT_LOAD_OPTIONS,
): Promise<LoadResult> {
  const file = doc;
  if (bytes.length === 0) return { ok: false, error: { file, code: "EMPTY" } };
  switch (format) {
    case "txt": {
      const d = decodeText(bytes, options.encoding);
      if (!d.ok) return { ok: false, error: { file, code: d.code, detail: d.detail } };
      return { ok: true, loaded: { doc, text: d.text, encoding: d.encoding, format } };
    }
    default: {
      const mod = await import(`./${format}.js`).catch(() => null) as
        | { load: (doc: string, bytes: Uint8Array, options: LoadOptions) => Promise<LoadResult> }
        | null;
      if (!mod) return { ok: false, error: { file, code: "UNSUPPORTED_FORMAT", detail: format } };
      return mod.load(doc, bytes, options);
    }
  }
}

export async function loadFile(
  path: string,
  doc: string,
  options: LoadOptions = DEFAULT_LOAD_OPTIONS,
): Promise<LoadResult> {
  const file = doc;
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory() || !st.isFile()) return { ok: false, error: { file, code: "NOT_A_FILE" } };
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === "ENOENT" ? "NOT_FOUND" : "UNREADABLE";
    return { ok: false, error: { file, code } };
  }
  if (size > options.maxBytes) return { ok: false, error: { file, code: "TOO_LARGE", detail: `${size} bytes` } };
  const format = formatOf(path);
  if (!format) return { ok: false, error: { file, code: "UNSUPPORTED_FORMAT", detail: extname(path) } };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return { ok: false, error: { file, code: "UNREADABLE" } };
  }
  return loadBytes(doc, bytes, format, options);
}
