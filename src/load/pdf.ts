// .pdf → text from the text layer, read with pdfjs-dist (its legacy build, the one
// made for Node), imported on first use so that runs on plain text never load it.
// Text items are joined into lines by their position on the page, pages by a
// blank line; page numbers and running headers/footers are dropped. Encrypted,
// damaged and image-only files are refused with their own codes.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ErrorCode } from "../errors.js";
import type { LoadOptions, LoadResult } from "./load.js";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

let pdfjsModule: Promise<PdfJs> | null = null;

/** The parser runs in this thread ("fake worker"): no worker file to locate at run time, and the CLI's worker pool already spreads files over cores. */
function pdfjs(): Promise<PdfJs> {
  pdfjsModule ??= (async () => {
    const lib = await import("pdfjs-dist/legacy/build/pdf.mjs");
    // A plain string keeps TypeScript from looking for declarations the worker bundle does not ship.
    const workerSpec: string = "pdfjs-dist/legacy/build/pdf.worker.mjs";
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerSpec);
    return lib;
  })();
  return pdfjsModule;
}

/** Predefined CMaps (UniGB-UCS2-H …, common in Chinese PDFs) and standard font data, read from disk: never the network. */
function resourceDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return { cMapUrl: join(root, "cmaps") + "/", standardFontDataUrl: join(root, "standard_fonts") + "/" };
}

/** Fewer readable characters than this per page, on average, means a scan without a text layer. */
const MIN_CHARS_PER_PAGE = 16;

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

type Fail = { ok: false; code: ErrorCode; detail?: string };

function fail(code: ErrorCode, detail?: string): Fail {
  return { ok: false, code, detail };
}

interface Run {
  str: string;
  /** Text matrix in device space. */
  m: number[];
  width: number;
}

/**
 * Runs of a page turned so that its main writing direction reads left to right.
 * A landscape table drawn with rotated text (no /Rotate) is still read line by
 * line; runs at another angle than most of the page (stamps, seals around a
 * signature, a vertical margin note) are not lines of the report and are dropped.
 */
export function upright(runs: readonly Run[]): Item[] {
  const quarter = (r: Run) => ((Math.round(Math.atan2(r.m[1]!, r.m[0]!) / (Math.PI / 2)) % 4) + 4) % 4;
  const votes = [0, 0, 0, 0];
  for (const r of runs) votes[quarter(r)] += r.str.length;
  const main = votes.indexOf(Math.max(...votes));
  const theta = (main * Math.PI) / 2;
  const cos = Math.round(Math.cos(theta));
  const sin = Math.round(Math.sin(theta));
  const items: Item[] = [];
  for (const r of runs) {
    const [a, b, c, d, e, f] = r.m as [number, number, number, number, number, number];
    // Direction after turning the page by -theta: it must be close to +x.
    const dx = a * cos + b * sin;
    const dy = -a * sin + b * cos;
    if (dx <= 0 || Math.abs(dy) > 0.5 * dx) continue;
    items.push({ str: r.str, x: e * cos + f * sin, y: -e * sin + f * cos, width: r.width, size: Math.hypot(c, d) });
  }
  return items;
}

/**
 * Lines of one page, top to bottom, items in a line left to right. Vertical space
 * of one or more empty lines (a gap well above the usual line spacing) becomes
 * as many empty lines, as in the text the page was typeset from.
 */
export function itemsToLines(items: readonly Item[]): string[] {
  const sorted = items.filter((it) => it.str.length > 0).sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: Array<{ items: Item[]; baseline: number; size: number }> = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    // Same line when the baselines differ by less than half the larger font size;
    // the line's baseline is that of its largest type, so a raised note mark that
    // sorts first does not pull the line up.
    if (g && Math.abs(it.y - g.baseline) <= 0.5 * Math.max(g.size, it.size)) {
      g.items.push(it);
      if (it.size > g.size) {
        g.size = it.size;
        g.baseline = it.y;
      }
    } else {
      groups.push({ items: [it], baseline: it.y, size: it.size });
    }
  }
  // The usual line spacing: the median step, unless most lines are followed by an
  // empty one; body text is not set wider than 1.8 times its size.
  const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1]! : 0);
  const steps = groups.slice(1).map((g, i) => g.baseline - groups[i]!.baseline);
  const usual = Math.min(median(steps), 1.8 * median(groups.map((g) => g.size)));
  const lines: string[] = [];
  groups.forEach((g, i) => {
    if (i > 0 && usual > 0) {
      const blanks = Math.round((g.baseline - groups[i - 1]!.baseline) / usual) - 1;
      for (let k = 0; k < Math.min(blanks, 3); k++) lines.push("");
    }
    g.items.sort((a, b) => a.x - b.x);
    let out = "";
    let right = -Infinity;
    for (const it of g.items) {
      const gap = it.x - right;
      const em = Math.max(it.size, 1);
      if (out && !/\s$/u.test(out) && !/^\s/u.test(it.str)) {
        // A wide gap separates table columns; a narrow one, words.
        if (gap >= 2 * em) out += "\t";
        else if (gap >= 0.3 * em) out += " ";
      }
      out += it.str;
      right = Math.max(right, it.x + it.width);
    }
    lines.push(out.replace(/\s+$/u, ""));
  });
  return lines;
}

/** A page number on its own line: "3", "- 3 -", "—3—", "第3页", "第 3 页 共 10 页", "3/10", "Page 3". */
const PAGE_NUMBER = /^(?:[-—–~·•\s]*\d{1,3}[-—–~·•\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?)$/iu;
/** How many lines at the top and at the bottom of a page are searched for page furniture. */
const BAND = 2;

/**
 * Drop page numbers and running headers/footers. Only lines in the top or bottom
 * band of a page are candidates; a header is a line (digits ignored, so "第3页"
 * and "第4页" agree) found in the band of at least half the pages, and of two.
 */
export function dropPageFurniture(pages: string[][]): string[][] {
  const key = (line: string) => line.replace(/\d+/gu, "#").replace(/\s+/gu, "");
  const band = (lines: string[]) => {
    const filled = lines.flatMap((l, i) => (l.trim() ? [i] : []));
    return [...new Set([...filled.slice(0, BAND), ...filled.slice(-BAND)])];
  };
  const pagesWith = new Map<string, number>();
  for (const lines of pages) {
    const seen = new Set(band(lines).map((i) => key(lines[i]!)).filter((k) => k));
    for (const k of seen) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1);
  }
  const running = (k: string) => {
    const n = pagesWith.get(k) ?? 0;
    return n >= 2 && n >= pages.length / 2;
  };
  return pages.map((lines) => {
    const drop = new Set(band(lines).filter((i) => {
      const t = lines[i]!.trim();
      return PAGE_NUMBER.test(t) || (t !== "" && running(key(t)));
    }));
    const kept = lines.filter((_, i) => !drop.has(i));
    while (kept.length && !kept[0]!.trim()) kept.shift();
    while (kept.length && !kept[kept.length - 1]!.trim()) kept.pop();
    return kept;
  });
}

// Kangxi radicals (U+2F00…) and compatibility ideographs stand in for ordinary
// ideographs in the ToUnicode maps of many office-made PDFs ("⼯作" for "工作").
const COMPATIBILITY_IDEOGRAPH = /[\u2e80-\u2fdf\uf900-\ufaff]|\ud87e[\udc00-\ude1f]/gu;

function cleanItemText(s: string): string {
  return s
    .replace(COMPATIBILITY_IDEOGRAPH, (ch) => ch.normalize("NFKC"))
    // Unmapped glyphs come out as control characters; they are not text.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/gu, "");
}

/** Share of characters that carry no text: private-use code points and replacement characters. */
function unreadableShare(text: string): number {
  let bad = 0;
  let all = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    all++;
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff) || c >= 0xf0000) bad++;
  }
  return all ? bad / all : 0;
}

function indexOfBytes(bytes: Uint8Array, needle: string, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, from, "latin1");
}

async function extract(bytes: Uint8Array): Promise<{ ok: true; text: string } | Fail> {
  const header = indexOfBytes(bytes.subarray(0, 1024), "%PDF-", 0);
  if (header < 0) {
    const head = Buffer.from(bytes.subarray(0, 64)).toString("latin1").trimStart();
    const what = head.startsWith("PK") ? "a ZIP archive" : head.startsWith("<") ? "an HTML or XML file" : "no %PDF- header";
    return fail("PDF_INVALID", what);
  }
  // A download cut short has no end-of-file marker. pdfjs would rebuild what it
  // can from the pieces, and records from half a report must not pass as complete.
  if (indexOfBytes(bytes, "%%EOF", 0) < 0) {
    return fail("PDF_INVALID", "truncated: no %%EOF marker");
  }
  const lib = await pdfjs();
  const task = lib.getDocument({
    // pdfjs takes ownership of the buffer it is given and refuses a Buffer: a plain copy.
    data: new Uint8Array(bytes),
    ...resourceDirs(),
    cMapPacked: true,
    verbosity: lib.VerbosityLevel.ERRORS,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e?.name === "PasswordException") return fail("PDF_ENCRYPTED", "a password is needed to open it");
    return fail("PDF_INVALID", String(e?.message ?? err).split("\n")[0]!.slice(0, 200));
  }
  try {
    const pages: string[][] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const raw of content.items) {
        if (!("str" in raw) || !raw.str) continue;
        // Device space: y grows downwards and the page's /Rotate is applied.
        const m = lib.Util.transform(viewport.transform, raw.transform) as number[];
        runs.push({ str: cleanItemText(raw.str), m, width: raw.width });
      }
      pages.push(itemsToLines(upright(runs)));
      page.cleanup();
    }
    const kept = dropPageFurniture(pages);
    const text = kept.map((lines) => lines.join("\n")).join("\n\n").replace(/^\n+|\n+$/gu, "");
    const chars = text.replace(/\s+/gu, "").length;
    if (chars < MIN_CHARS_PER_PAGE * pdf.numPages) {
      return fail("PDF_NO_TEXT", `${chars} characters on ${pdf.numPages} page${pdf.numPages === 1 ? "" : "s"}`);
    }
    if (unreadableShare(text) > 0.3) return fail("PDF_NO_TEXT", "the text layer has no Unicode mapping");
    return { ok: true, text };
  } catch (err) {
    return fail("PDF_INVALID", String((err as Error)?.message ?? err).split("\n")[0]!.slice(0, 200));
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

export async function load(doc: string, bytes: Uint8Array, _options: LoadOptions): Promise<LoadResult> {
  const r = await extract(bytes);
  if (!r.ok) return { ok: false, error: { file: doc, code: r.code, detail: r.detail } };
  return { ok: true, loaded: { doc, text: r.text, encoding: "unicode", format: "pdf" } };
}
