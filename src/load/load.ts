// One entry point from a path (or stdin bytes) to decoded text, by format. Each
// format has its own module, imported only when a file of that format comes
// (pdfjs and mammoth are heavy); failures come back as FileError values.
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

type Loader = (doc: string, bytes: Uint8Array, options: LoadOptions) => Promise<LoadResult>;

// Literal specifiers, so that bundlers and test runners see every module.
const LOADERS: Record<Exclude<DocumentFormat, "txt">, () => Promise<{ load: Loader }>> = {
  docx: () => import("./docx.js"),
  pdf: () => import("./pdf.js"),
  html: () => import("./html.js"),
};

function startsWith(bytes: Uint8Array, magic: string): boolean {
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

/**
 * The format of bytes that arrive as text (stdin, a file without extension, a
 * mislabelled .txt) when their first bytes say otherwise: decoding a PDF or a ZIP
 * as text only yields BINARY. HTML is recognised only without an extension, since
 * a .txt of HTML source is meant as source.
 */
export function sniffFormat(doc: string, bytes: Uint8Array): DocumentFormat {
  if (startsWith(bytes, "%PDF-")) return "pdf";
  if (startsWith(bytes, "PK\x03\x04")) return "docx";
  if (extname(doc) === "") {
    const head = Buffer.from(bytes.subarray(0, 512)).toString("latin1").replace(/^\xef\xbb\xbf/u, "").trimStart().toLowerCase();
    if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "html";
  }
  return "txt";
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
  if (bytes.length > options.maxBytes) {
    return { ok: false, error: { file, code: "TOO_LARGE", detail: `${bytes.length} bytes, limit ${options.maxBytes}` } };
  }
  const actual = format === "txt" ? sniffFormat(doc, bytes) : format;
  if (actual === "txt") {
    const d = decodeText(bytes, options.encoding);
    if (!d.ok) return { ok: false, error: { file, code: d.code, detail: d.detail } };
    return { ok: true, loaded: { doc, text: d.text, encoding: d.encoding, format: actual } };
  }
  const mod = await LOADERS[actual]();
  try {
    return await mod.load(doc, bytes, options);
  } catch (err) {
    // A loader bug on one file must not end the run for the others.
    return { ok: false, error: { file, code: "EXTRACT_FAILED", detail: `${actual}: ${String((err as Error)?.message ?? err).split("\n")[0]}` } };
  }
}

const ERRNO_DETAIL: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "a component of the path is not a directory",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "name too long",
  EISDIR: "is a directory",
  EIO: "input/output error",
};

function errnoError(file: string, err: unknown): LoadResult {
  const code = (err as NodeJS.ErrnoException)?.code ?? "";
  if (code === "ENOENT") return { ok: false, error: { file, code: "NOT_FOUND" } };
  if (code === "ENOTDIR") return { ok: false, error: { file, code: "NOT_FOUND", detail: ERRNO_DETAIL[code] } };
  if (code === "EISDIR") return { ok: false, error: { file, code: "NOT_A_FILE", detail: ERRNO_DETAIL[code] } };
  return { ok: false, error: { file, code: "UNREADABLE", detail: ERRNO_DETAIL[code] ?? (code || undefined) } };
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
    if (st.isDirectory()) return { ok: false, error: { file, code: "NOT_A_FILE", detail: "is a directory" } };
    if (!st.isFile()) return { ok: false, error: { file, code: "NOT_A_FILE", detail: "a device, pipe or socket" } };
    size = st.size;
  } catch (err) {
    return errnoError(file, err);
  }
  if (size > options.maxBytes) {
    return { ok: false, error: { file, code: "TOO_LARGE", detail: `${size} bytes, limit ${options.maxBytes}` } };
  }
  const format = formatOf(path);
  if (!format) return { ok: false, error: { file, code: "UNSUPPORTED_FORMAT", detail: extname(path) } };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return errnoError(file, err);
  }
  return loadBytes(doc, bytes, format, options);
}
