// Input paths → the ordered list of documents to read. Folders are walked
// recursively and sorted so that output order never depends on the file system;
// `doc` is the path relative to the folder argument, with POSIX separators.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { FileError } from "../errors.js";

export interface InputFile {
  /** Where to read it; "-" for stdin. */
  path: string;
  /** How records name it. */
  doc: string;
}

export interface DiscoverOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** [k, n]: keep only the k-th (1-based) of n deterministic slices. */
  shard?: readonly [number, number];
}

export const SUPPORTED_EXTENSIONS = [".txt", ".text", ".docx", ".pdf", ".html", ".htm"];

const toPosix = (p: string) => p.split(sep).join("/");

function matcher(globs: readonly string[]): ((p: string) => boolean) | null {
  if (!globs.length) return null;
  // A glob without a slash matches the file name anywhere ("*.pdf"); with one, the relative path.
  const tests = globs.map((g) => picomatch(g, { dot: true, basename: !g.includes("/") }));
  return (p) => tests.some((t) => t(p));
}

/** FNV-1a: a stable hash so a file keeps its shard when other files come and go. */
export function shardOf(doc: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < doc.length; i++) {
    h ^= doc.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h % n) + 1;
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith(".")) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

export function discover(paths: readonly string[], options: DiscoverOptions): { files: InputFile[]; errors: FileError[] } {
  const include = matcher(options.include);
  const exclude = matcher(options.exclude);
  const files: InputFile[] = [];
  const errors: FileError[] = [];
  for (const given of paths) {
    if (given === "-") {
      files.push({ path: "-", doc: "-" });
      continue;
    }
    let st;
    try {
      st = statSync(given);
    } catch {
      errors.push({ file: toPosix(given), code: "NOT_FOUND" });
      continue;
    }
    if (!st.isDirectory()) {
      files.push({ path: given, doc: toPosix(given) });
      continue;
    }
    const found: string[] = [];
    walk(given, found);
    for (const p of found) {
      const rel = toPosix(relative(given, p));
      const lower = rel.toLowerCase();
      if (include ? !include(rel) : !SUPPORTED_EXTENSIONS.some((e) => lower.endsWith(e))) continue;
      if (exclude?.(rel)) continue;
      files.push({ path: p, doc: rel });
    }
  }
  const kept = options.shard ? files.filter((f) => shardOf(f.doc, options.shard![1]) === options.shard![0]) : files;
  return { files: kept, errors };
}
