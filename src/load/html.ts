// .html/.htm → text. The bytes are decoded by BOM, by the page's declared charset
// when the bytes agree with it, or by detection; then a small tag walker keeps the
// text: script/style and similar are dropped, block elements end a line, the cells
// of a table row are joined by tabs, character references are decoded. The same
// walker reads the HTML that mammoth makes of a .docx.
//
// Why a walker and not an HTML parser dependency: we need only text and block
// structure, never a tree; the walker is one linear pass (each byte is looked at a
// bounded number of times, whatever the nesting or the damage), it tolerates the
// unclosed tags of hand-made government pages, and it adds nothing to install.
import { decodeText, type Decoded, type EncodingChoice } from "./decode.js";
import type { LoadOptions, LoadResult } from "./load.js";

export interface HtmlTextOptions {
  /**
   * Every closed <p>, <h1>…<h6> and <li> is a line even when it is empty. Right
   * for mammoth's output, where an empty <p> is an empty Word paragraph; a
   * browser shows an empty <p> of a web page as nothing.
   */
  keepEmptyParagraphs?: boolean;
  /**
   * Keep spaces and tabs as written instead of collapsing them. Right for
   * mammoth's output, whose text runs are Word's own (indentation, the spaces of
   * "简      报"), and which puts no layout whitespace between tags.
   */
  preserveSpaces?: boolean;
}

/** Elements that start and end a line of text. */
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
  "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
  "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
  "pre", "section", "summary", "ul", "listing", "xmp", "plaintext",
]);
/** Paragraph-like blocks, the ones keepEmptyParagraphs applies to. */
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"]);
/** Elements whose content is never page text: skipped up to their end tag. */
const HIDDEN = new Set(["script", "style", "title", "textarea", "noscript", "template", "iframe", "svg", "math", "select", "object", "head"]);
/** Of those, the ones a browser reads to the end of the file when the end tag is missing. */
const HIDDEN_TO_EOF = new Set(["script", "style"]);
const PRE = new Set(["pre", "listing", "xmp", "plaintext"]);

// Character references. The named ones are those found in real pages, not the
// whole HTML list; an unknown name stays as written.
const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", ensp: "\u2002", emsp: "\u2003",
  thinsp: "\u2009", zwnj: "\u200c", zwj: "\u200d", lrm: "\u200e", rlm: "\u200f", shy: "\u00ad",
  ndash: "–", mdash: "—", lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„",
  hellip: "…", middot: "·", bull: "•", prime: "′", Prime: "″", laquo: "«", raquo: "»", lsaquo: "‹",
  rsaquo: "›", times: "×", divide: "÷", plusmn: "±", deg: "°", permil: "‰", micro: "µ", para: "¶",
  sect: "§", copy: "©", reg: "®", trade: "™", yen: "¥", euro: "€", pound: "£", cent: "¢", sup1: "¹",
  sup2: "²", sup3: "³", frac14: "¼", frac12: "½", frac34: "¾", iexcl: "¡", iquest: "¿", le: "≤",
  ge: "≥", ne: "≠", asymp: "≈", infin: "∞", minus: "−", larr: "←", rarr: "→", uarr: "↑", darr: "↓",
  harr: "↔", alpha: "α", beta: "β", gamma: "γ", delta: "δ", mu: "μ", pi: "π", sigma: "σ", omega: "ω",
  radic: "√", sum: "∑", lowast: "∗", sdot: "⋅", loz: "◊", hearts: "♥", ordm: "º", ordf: "ª",
};
/** Names a browser also accepts without the closing semicolon. */
const LEGACY = new Set(["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]);
/** Numeric references 128–159 mean windows-1252 characters (HTML standard). */
const WINDOWS_1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};
const REFERENCE = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*))(;?)/g;

export function decodeEntities(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(REFERENCE, (all, dec: string | undefined, hex: string | undefined, name: string | undefined, semi: string) => {
    if (name !== undefined) {
      const v = NAMED[name];
      return v !== undefined && (semi || LEGACY.has(name)) ? v : all;
    }
    const digits = dec ?? hex!;
    let cp = digits.length > 8 ? Infinity : parseInt(digits, dec !== undefined ? 10 : 16);
    cp = WINDOWS_1252[cp] ?? cp;
    if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\ufffd";
    return String.fromCodePoint(cp);
  });
}

const NAME_CHAR = /[A-Za-z0-9:_-]/;
const END_TAGS = new Map<string, RegExp>();
function endTag(name: string): RegExp {
  let re = END_TAGS.get(name);
  if (!re) END_TAGS.set(name, (re = new RegExp(`</${name}[\\s/>]`, "giu")));
  return re;
}

/** The text of an HTML document, one line per block, table rows as tab-separated cells. */
export function htmlToText(html: string, options: HtmlTextOptions = {}): string {
  const keepEmpty = options.keepEmptyParagraphs ?? false;
  const preserve = options.preserveSpaces ?? false;
  const lines: string[] = [];
  let line = "";
  let pending = false; // collapsed whitespace waiting to become one space
  let pre = 0;
  let tableDepth = 0;
  let row: string[] | null = null;
  let cell: string | null = null;
  const paragraphMarks: number[] = [];

  const endLine = (force: boolean) => {
    const t = preserve ? line : line.replace(/[ \t\n\r\f]+$/u, "");
    if (t || force) lines.push(t);
    line = "";
    pending = false;
  };
  const closeCell = () => {
    // A tab inside a cell would read as a column boundary.
    if (cell !== null && row) row.push(cell.replace(/\t/gu, " ").trim());
    cell = null;
    pending = false;
  };
  const closeRow = () => {
    closeCell();
    if (row && row.some((c) => c.trim())) {
      endLine(false);
      lines.push(row.join("\t"));
    }
    row = null;
  };
  const inCell = () => tableDepth > 0 && cell !== null;
  const append = (s: string) => {
    if (!s) return;
    if (inCell()) cell += s;
    else line += s;
  };
  const current = () => (inCell() ? cell! : line);
  /** A line break in the flow; inside a table cell it is only a space. */
  const boundary = (force = false) => {
    if (inCell()) pending = current().length > 0;
    else endLine(force);
  };
  const text = (raw: string) => {
    if (!raw) return;
    const s = decodeEntities(raw);
    if (pre > 0 || preserve) {
      const parts = s.split(/\r\n?|\n/u);
      parts.forEach((p, i) => {
        if (i > 0) boundary(true);
        if (pending && p) append(" ");
        pending = false;
        append(p);
      });
      return;
    }
    let t = s.replace(/[ \t\n\r\f]+/gu, " ");
    if (t.startsWith(" ")) {
      pending = true;
      t = t.slice(1);
    }
    if (!t) return;
    const trailing = t.endsWith(" ");
    if (trailing) t = t.slice(0, -1);
    if (pending && current().length > 0) append(" ");
    append(t);
    pending = trailing;
  };

  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf("<", i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
    i = lt;
    const next = html[i + 1] ?? "";
    if (html.startsWith("<!--", i)) {
      const end = html.indexOf("-->", i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (next === "!" || next === "?") {
      // <!DOCTYPE …>, <![CDATA[…]]> (a bogus comment in HTML), <?xml …?>
      const end = html.indexOf(">", i + 2);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const closing = next === "/";
    const nameStart = closing ? i + 2 : i + 1;
    if (!/[A-Za-z]/.test(html[nameStart] ?? "")) {
      text("<");
      i++;
      continue;
    }
    let j = nameStart + 1;
    while (j < n && NAME_CHAR.test(html[j]!)) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    // Find the end of the tag; a ">" inside a quoted attribute value does not end it.
    let end = -1;
    while (j < n) {
      const ch = html[j]!;
      if (ch === ">") { end = j; break; }
      if ((ch === '"' || ch === "'") && /=\s*$/u.test(html.slice(Math.max(nameStart, j - 8), j))) {
        const q = html.indexOf(ch, j + 1);
        if (q < 0) break;
        j = q + 1;
        continue;
      }
      j++;
    }
    if (end < 0) break; // a tag cut off by the end of the file shows nothing
    i = end + 1;

    if (!closing && HIDDEN.has(name)) {
      const close = endTag(name);
      close.lastIndex = i;
      const m = close.exec(html);
      if (m) {
        const gt = html.indexOf(">", m.index);
        i = gt < 0 ? n : gt + 1;
      } else if (HIDDEN_TO_EOF.has(name)) {
        i = n;
      }
      continue;
    }

    switch (name) {
      case "br":
        if (inCell()) pending = current().length > 0;
        else endLine(true);
        continue;
      case "table":
        if (closing) {
          if (tableDepth === 1) closeRow();
          if (tableDepth > 0) tableDepth--;
          if (tableDepth > 0) pending = current().length > 0;
        } else {
          if (tableDepth === 0) endLine(false);
          else pending = current().length > 0;
          tableDepth++;
        }
        continue;
      case "tr":
        if (tableDepth === 1) {
          closeRow();
          if (!closing) row = [];
        } else if (tableDepth > 1) pending = current().length > 0;
        else boundary();
        continue;
      case "td":
      case "th":
        if (tableDepth === 1) {
          if (closing) closeCell();
          else {
            closeCell();
            endLine(false);
            row ??= [];
            cell = "";
          }
        } else if (tableDepth > 1) pending = current().length > 0;
        else if (!closing) append(line ? "\t" : "");
        continue;
    }
    if (PRE.has(name)) pre = Math.max(0, pre + (closing ? -1 : 1));
    if (BLOCK.has(name)) {
      if (PARAGRAPH.has(name)) {
        if (!closing) paragraphMarks.push(lines.length);
        else {
          // An empty paragraph is a line only if nothing was emitted since it opened.
          const mark = paragraphMarks.pop();
          boundary(keepEmpty && mark === lines.length && current().length === 0);
          continue;
        }
      }
      boundary();
    }
  }
  if (tableDepth > 0) closeRow();
  endLine(false);
  let out = lines.join("\n").replace(/\u00a0/gu, " ");
  if (!keepEmpty) out = out.replace(/^\n+|\n+$/gu, "");
  return out;
}

/** The charset a page declares in its first bytes (<meta charset>, http-equiv, or the XML declaration). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString("latin1");
  const m =
    /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/iu.exec(head) ??
    /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)/iu.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function choiceFor(charset: string | null): EncodingChoice {
  if (!charset) return "auto";
  if (/^utf-?8$/u.test(charset)) return "utf8";
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|windows-936|csgb2312)$/u.test(charset)) return "gb18030";
  return "auto";
}

/** Decode a page: the user's --encoding wins; then the declared charset if the bytes agree; then detection. */
export function decodeHtml(bytes: Uint8Array, choice: EncodingChoice): Decoded {
  if (choice !== "auto") return decodeText(bytes, choice);
  const declared = choiceFor(declaredCharset(bytes));
  if (declared !== "auto") {
    // Pages often declare gb2312 and are UTF-8, or the reverse: the bytes decide.
    const d = decodeText(bytes, declared);
    if (d.ok || d.code !== "DECODE_FAILED") return d;
  }
  return decodeText(bytes, "auto");
}

export async function load(doc: string, bytes: Uint8Array, options: LoadOptions): Promise<LoadResult> {
  const decoded = decodeHtml(bytes, options.encoding);
  if (!decoded.ok) return { ok: false, error: { file: doc, code: decoded.code, detail: decoded.detail } };
  const text = htmlToText(decoded.text);
  if (!text.trim()) return { ok: false, error: { file: doc, code: "EMPTY", detail: "the page has no text" } };
  return { ok: true, loaded: { doc, text, encoding: decoded.encoding, format: "html" } };
}
