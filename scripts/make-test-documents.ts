// Builds small .docx and .pdf files from a plain-text report, so that the loaders
// can be tested on real containers without shipping binaries or adding
// dependencies: a stored (uncompressed) ZIP writer for .docx, and PDF 1.4 objects
// written by hand (a Type0 font, Identity-H, a ToUnicode CMap and no glyphs: a
// text extractor needs only the Unicode map). Also the bad inputs: an
// image-only PDF, a password-protected PDF, truncated files.
//
//   npx vite-node scripts/make-test-documents.ts <report.txt> <out-dir>
//
// writes report.docx, report.pdf, image-only.pdf, encrypted.pdf, truncated.pdf
// and truncated.docx into <out-dir>.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------- ZIP (stored)

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive with every entry stored uncompressed (method 0), which every reader accepts. */
export function makeZip(entries: ReadonlyArray<{ name: string; data: Uint8Array | string }>): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const data = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : Buffer.from(e.data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, fixed so output is reproducible
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, name, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(0, 10);
    dir.writeUInt32LE(0x00210000, 12);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}

// ---------------------------------------------------------------- DOCX

function xmlEscape(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; the rest is escaped.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/gu, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function runs(text: string): string {
  // A tab inside a paragraph is its own element in WordprocessingML.
  return text
    .split("\t")
    .map((part, i) => (i > 0 ? "<w:r><w:tab/></w:r>" : "") + (part ? `<w:r><w:t xml:space="preserve">${xmlEscape(part)}</w:t></w:r>` : ""))
    .join("");
}

function paragraph(text: string): string {
  return text ? `<w:p>${runs(text)}</w:p>` : "<w:p/>";
}

function table(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const grid = `<w:tblGrid>${"<w:gridCol w:w=\"2000\"/>".repeat(width)}</w:tblGrid>`;
  const body = rows
    .map((cells) => `<w:tr>${cells.map((c) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${paragraph(c)}</w:tc>`).join("")}</w:tr>`)
    .join("");
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${grid}${body}</w:tbl>`;
}

/** word/document.xml for the lines of `text`: one paragraph a line; runs of lines with tabs become a table. */
export function documentXml(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const body: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (lines[i]!.includes("\t")) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.includes("\t")) rows.push(lines[i++]!.split("\t"));
      body.push(table(rows));
    } else {
      body.push(paragraph(lines[i++]!));
    }
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:body>${body.join("")}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
  );
}

/** A minimal but complete .docx holding `text` (see documentXml). */
export function makeDocx(text: string): Uint8Array {
  const W = "application/vnd.openxmlformats-officedocument.wordprocessingml";
  return makeZip([
    {
      name: "[Content_Types].xml",
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/word/document.xml" ContentType="${W}.document.main+xml"/>` +
        "</Types>",
    },
    {
      name: "_rels/.rels",
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        "</Relationships>",
    },
    {
      name: "word/_rels/document.xml.rels",
      data:
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
    },
    { name: "word/document.xml", data: documentXml(text) },
  ]);
}

// ---------------------------------------------------------------- PDF

export interface PdfOptions {
  /** Characters per printed line before a paragraph wraps. */
  charsPerLine?: number;
  /** Printed lines per page. */
  linesPerPage?: number;
  /** A running header printed at the top of every page after the first. */
  header?: string;
  /** Print "- n -" at the bottom of every page. */
  pageNumbers?: boolean;
  /** Add a Standard security handler whose user password is not empty. */
  encrypt?: boolean;
  /**
   * "UniGB-UCS2-H": the font is the non-embedded STSong-Light addressed through
   * that predefined CMap, with no ToUnicode map, as many Chinese PDFs are made;
   * the text must be in the BMP. Default: Identity-H with a ToUnicode map.
   */
  cmap?: "Identity-H" | "UniGB-UCS2-H";
}

const FONT_SIZE = 12;
const LEADING = 18;
const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN_X = 56;
const TOP_Y = 770;

/** Wide characters (CJK, full-width forms) advance one em; everything else half. */
function isWide(cp: number): boolean {
  return cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xffdc);
}

function canBreakAfter(ch: string): boolean {
  return /[，。；：、！？）》」』】”’,;:!?)]/u.test(ch);
}

// Digits (both widths), Chinese numerals, scale words and number punctuation.
const NUMERIC = /[0-9０-９.．,，。%％‰A-Za-z〇零一二两三四五六七八九十百千万亿余多]/u;

/**
 * Cut a paragraph into printed lines of at most `width` characters. Like a
 * typesetter that keeps a number with its unit, it prefers to break after
 * punctuation (not the separator inside "6,800" or "78。5"), never puts closing
 * punctuation at the start of a line, and keeps away from digits and numerals.
 */
export function wrap(line: string, width: number): string[] {
  const chars = Array.from(line);
  const out: string[] = [];
  const digit = (i: number) => /[0-9０-９]/u.test(chars[i] ?? "");
  const allowed = (i: number, strict: boolean) => {
    if (canBreakAfter(chars[i]!)) return false;
    if (strict) {
      if (!canBreakAfter(chars[i - 1]!)) return false;
      return !(digit(i - 2) && digit(i)); // "6,|800", "78。|5"
    }
    for (let k = i - 3; k <= i + 2; k++) if (NUMERIC.test(chars[k] ?? "")) return false;
    return true;
  };
  let start = 0;
  while (chars.length - start > width) {
    let cut = -1;
    // Fill at least half the line if possible; a short line only when nothing else fits.
    for (const lo of [start + Math.floor(width / 2), start + 1]) {
      for (const strict of [true, false]) {
        for (let i = start + width; i >= lo && cut < 0; i--) if (allowed(i, strict)) cut = i;
      }
    }
    // Nowhere to break inside the width: let the line run on to the next place
    // that is allowed, as a typesetter squeezes a number rather than splits it.
    for (let i = start + width + 1; i < chars.length && cut < 0; i++) if (allowed(i, true) || allowed(i, false)) cut = i;
    if (cut < 0) cut = chars.length;
    out.push(chars.slice(start, cut).join(""));
    start = cut;
  }
  out.push(chars.slice(start).join(""));
  return out;
}

class PdfWriter {
  private readonly objects: string[] = [];

  /** Reserve an object number; its body is set later. */
  reserve(): number {
    this.objects.push("");
    return this.objects.length;
  }

  set(id: number, body: string): void {
    this.objects[id - 1] = body;
  }

  add(body: string): number {
    const id = this.reserve();
    this.set(id, body);
    return id;
  }

  stream(dict: string, data: string): number {
    return this.add(`<< ${dict} /Length ${Buffer.byteLength(data, "latin1")} >>\nstream\n${data}\nendstream`);
  }

  bytes(root: number, trailerExtra = ""): Uint8Array {
    let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
    const offsets: number[] = [];
    this.objects.forEach((body, i) => {
      offsets.push(Buffer.byteLength(out, "latin1"));
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = Buffer.byteLength(out, "latin1");
    out += `xref\n0 ${this.objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
    out += `trailer\n<< /Size ${this.objects.length + 1} /Root ${root} 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
    return new Uint8Array(Buffer.from(out, "latin1"));
  }
}

function hex4(n: number): string {
  return n.toString(16).padStart(4, "0").toUpperCase();
}

function utf16Hex(s: string): string {
  let h = "";
  for (let i = 0; i < s.length; i++) h += hex4(s.charCodeAt(i));
  return h;
}

/** Deterministic filler bytes for the fields of the security handler. */
function pseudoBytes(n: number, seed: number): string {
  let x = seed >>> 0;
  let h = "";
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    h += ((x >>> 16) & 0xff).toString(16).padStart(2, "0");
  }
  return h;
}

function pdfWithPages(w: PdfWriter, pagesId: number, pageIds: number[], encrypt: boolean): Uint8Array {
  w.set(pagesId, `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(" ")}] /Count ${pageIds.length} >>`);
  const root = w.add(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`);
  const id = `/ID [<${pseudoBytes(16, 7)}> <${pseudoBytes(16, 7)}>]`;
  if (!encrypt) return w.bytes(root, `${id} `);
  // RC4 40-bit, revision 2. O and U are not derived from any password, so the
  // empty user password fails the check and a reader has to ask for one.
  const enc = w.add(`<< /Filter /Standard /V 1 /R 2 /O <${pseudoBytes(32, 1)}> /U <${pseudoBytes(32, 2)}> /P -44 >>`);
  return w.bytes(root, `/Encrypt ${enc} 0 R ${id} `);
}

/**
 * A text PDF of `text`: each line a paragraph, wrapped and paginated, drawn in a
 * Type0 font whose CIDs are numbered in order of first use and mapped back to
 * Unicode (surrogate pairs included) by a ToUnicode CMap.
 */
export function makePdf(text: string, options: PdfOptions = {}): Uint8Array {
  const perLine = options.charsPerLine ?? 40;
  const perPage = options.linesPerPage ?? 38;
  const printed: string[] = [];
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    // Form feeds and other controls have no glyph in a text layer.
    const clean = line.replace(/[\u0000-\u001f\u007f]/gu, " ").replace(/\s+$/u, "");
    printed.push(...(clean ? wrap(clean, perLine) : [""]));
  }
  while (printed.length > 1 && printed[printed.length - 1] === "") printed.pop();
  const pages: string[][] = [];
  for (let i = 0; i < printed.length; i += perPage) pages.push(printed.slice(i, i + perPage));

  const predefined = options.cmap === "UniGB-UCS2-H";
  const cids = new Map<string, number>();
  const cidOf = (ch: string) => {
    let c = cids.get(ch);
    if (c === undefined) cids.set(ch, (c = cids.size + 1));
    return c;
  };
  const show = (s: string) => (predefined ? utf16Hex(s) : Array.from(s, (ch) => hex4(cidOf(ch))).join(""));

  const w = new PdfWriter();
  const pagesId = w.reserve();
  const fontId = w.reserve();
  const pageIds: number[] = [];
  pages.forEach((lines, p) => {
    const ops: string[] = [];
    const draw = (x: number, y: number, s: string) => {
      if (s) ops.push(`BT /F1 ${FONT_SIZE} Tf 1 0 0 1 ${x} ${y} Tm <${show(s)}> Tj ET`);
    };
    if (options.header && p > 0) draw(MARGIN_X, PAGE_H - 40, options.header);
    lines.forEach((l, i) => draw(MARGIN_X, TOP_Y - i * LEADING, l));
    if (options.pageNumbers) draw(PAGE_W / 2 - 18, 36, `- ${p + 1} -`);
    const content = w.stream("", ops.join("\n"));
    pageIds.push(
      w.add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
        `/Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${content} 0 R >>`),
    );
  });

  if (predefined) {
    const descriptor = w.add(
      "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -120 1000 880] " +
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    );
    const cidFont = w.add(
      "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light " +
        `/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`,
    );
    w.set(fontId, `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
    return pdfWithPages(w, pagesId, pageIds, options.encrypt ?? false);
  }
  const entries = [...cids.entries()];
  const bfchar: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    bfchar.push(`${block.length} beginbfchar\n${block.map(([ch, c]) => `<${hex4(c)}> <${utf16Hex(ch)}>`).join("\n")}\nendbfchar`);
  }
  const cmap = [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange",
    ...bfchar,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
  const toUnicode = w.stream("", cmap);
  const narrow = entries.filter(([ch]) => !isWide(ch.codePointAt(0)!)).map(([, c]) => `${c} [500]`);
  const descriptor = w.add(
    "<< /Type /FontDescriptor /FontName /PolicySong /Flags 6 /FontBBox [0 -120 1000 880] " +
      "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
  );
  const cidFont = w.add(
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /PolicySong " +
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> " +
      `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [${narrow.join(" ")}] /CIDToGIDMap /Identity >>`,
  );
  w.set(fontId, `<< /Type /Font /Subtype /Type0 /BaseFont /PolicySong /Encoding /Identity-H ` +
    `/DescendantFonts [${cidFont} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
  return pdfWithPages(w, pagesId, pageIds, options.encrypt ?? false);
}

/** A scan: every page is one grey image and nothing else. */
export function makeImageOnlyPdf(pageCount = 2): Uint8Array {
  const w = new PdfWriter();
  const pagesId = w.reserve();
  let pixels = "";
  for (let i = 0; i < 64; i++) pixels += String.fromCharCode((i * 37) & 0xff);
  const image = w.stream("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8", pixels);
  const pageIds: number[] = [];
  for (let p = 0; p < pageCount; p++) {
    const content = w.stream("", "q 480 0 0 700 56 70 cm /Im1 Do Q");
    pageIds.push(
      w.add(`<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
        `/Resources << /XObject << /Im1 ${image} 0 R >> >> /Contents ${content} 0 R >>`),
    );
  }
  return pdfWithPages(w, pagesId, pageIds, false);
}

/** The first `fraction` of a file, as left by an interrupted download. */
export function truncate(bytes: Uint8Array, fraction = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

// ---------------------------------------------------------------- CLI

function main(argv: string[]): void {
  const [input, outDir] = argv;
  if (!input || !outDir) {
    process.stderr.write("usage: make-test-documents <report.txt> <out-dir>\n");
    process.exitCode = 1;
    return;
  }
  const text = readFileSync(input, "utf8");
  mkdirSync(outDir, { recursive: true });
  const docx = makeDocx(text);
  const pdf = makePdf(text, { header: "示例文件汇编", pageNumbers: true });
  writeFileSync(join(outDir, "report.docx"), docx);
  writeFileSync(join(outDir, "report.pdf"), pdf);
  writeFileSync(join(outDir, "image-only.pdf"), makeImageOnlyPdf());
  writeFileSync(join(outDir, "encrypted.pdf"), makePdf(text, { encrypt: true }));
  writeFileSync(join(outDir, "truncated.pdf"), truncate(pdf));
  writeFileSync(join(outDir, "truncated.docx"), truncate(docx));
}

// Run as a script, not when a test or another script imports the builders above.
// vite-node takes the script's own path out of argv; but it evaluates an imported
// module from inside its importer, so then another module shows on the stack.
function isEntry(): boolean {
  const invokedAs = process.argv[1] ?? "";
  if (/make-test-documents\.[cm]?[jt]s$/u.test(invokedAs)) return true;
  if (!/vite-node(\.m?js)?$/u.test(invokedAs)) return false;
  const self = fileURLToPath(import.meta.url);
  const frames = (new Error().stack ?? "").split("\n").slice(1);
  return !frames.some((f) => !f.includes(self) && !f.includes("node_modules") && !f.includes("node:") && /\.[cm]?[jt]s:\d+/u.test(f));
}

if (isEntry()) main(process.argv.slice(2));
