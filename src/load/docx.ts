// .docx → text through mammoth's HTML (loaded on first use): each Word paragraph
// a line, empty ones included, and each table row one line with its cells
// separated by tabs (the HTML walker of html.ts does both). Headers, footers and
// images are not body text and are left out.
import type { LoadOptions, LoadResult } from "./load.js";
import { htmlToText } from "./html.js";

type Mammoth = typeof import("mammoth");
let mammothModule: Promise<Mammoth> | null = null;

/** mammoth is CommonJS: in ESM its module.exports arrives as the default export. */
function mammoth(): Promise<Mammoth> {
  mammothModule ??= import("mammoth").then((m) => ((m as { default?: Mammoth }).default ?? m) as Mammoth);
  return mammothModule;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: what Word writes for a password-protected .docx, and an old .doc. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// Footnote back-links ("↑") that mammoth appends to each note are navigation, not text.
const BACK_LINK = / ?<a href="#(?:footnote|endnote|comment)-ref-[^"]*">↑<\/a>/gu;

export async function load(doc: string, bytes: Uint8Array, _options: LoadOptions): Promise<LoadResult> {
  const fail = (detail: string): LoadResult => ({ ok: false, error: { file: doc, code: "DOCX_INVALID", detail } });
  if (startsWith(bytes, OLE)) return fail("an OLE compound file: a password-protected .docx or an old .doc");
  if (!startsWith(bytes, ZIP)) return fail("not a ZIP archive");
  const m = await mammoth();
  let html: string;
  try {
    const result = await m.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        ignoreEmptyParagraphs: false,
        // Images would arrive as base64 data URIs: large strings that carry no text.
        convertImage: m.images.imgElement(() => Promise.resolve({ src: "" })),
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch (err) {
    return fail(String((err as Error)?.message ?? err).split("\n")[0]!.slice(0, 200));
  }
  const text = htmlToText(html.replace(BACK_LINK, ""), { keepEmptyParagraphs: true, preserveSpaces: true });
  if (!text.trim()) return { ok: false, error: { file: doc, code: "EMPTY", detail: "the document has no text" } };
  return { ok: true, loaded: { doc, text, encoding: "utf-8", format: "docx" } };
}
