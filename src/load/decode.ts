// Bytes → text for plain-text reports: a BOM decides; otherwise valid UTF-8 is
// UTF-8; otherwise chardet's guess among the Chinese encodings, decoded by
// iconv-lite as GB18030 (a superset of GBK and GB2312). A file whose lines mix
// UTF-8 and GB18030 (reports pasted together) is decoded line by line. Binary
// data is refused rather than decoded into noise, and an encoding forced on the
// command line that the bytes contradict is refused with a hint.
import chardet from "chardet";
import iconv from "iconv-lite";

export type EncodingChoice = "auto" | "utf8" | "gb18030";

export type Decoded =
  | { ok: true; text: string; encoding: string }
  | { ok: false; code: "BINARY" | "DECODE_FAILED" | "EMPTY"; detail?: string };

// Replaces malformed sequences with U+FFFD; used once the bytes are known to be UTF-8.
const utf8 = new TextDecoder("utf-8");

/** How much of a large file the binary check and chardet look at. */
const SAMPLE = 64 * 1024;

/** C0 controls other than the whitespace ones (\t \n \v \f \r) and ESC. */
function isControl(b: number): boolean {
  return b < 9 || (b > 13 && b < 32 && b !== 27) || b === 127;
}

/** Byte order of UTF-16 written without a BOM, judged by where the zero bytes of ASCII fall. */
function utf16OrderWithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  // ASCII newlines, digits and spaces in UTF-16LE are "x 00": the zeros sit at odd offsets.
  if (odd >= 4 && odd > 20 * even) return "utf-16le";
  if (even >= 4 && even > 20 * odd) return "utf-16be";
  return null;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (isControl(b)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** Shares of characters that wrong decoding or binary data produce. */
function damage(text: string): { replacement: number; control: number } {
  if (!text.length) return { replacement: 0, control: 0 };
  let bad = 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0x80 && c < 0xa0)) bad++;
    else if (c < 32 && isControl(c)) control++;
  }
  return { replacement: bad / text.length, control: control / text.length };
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) { len = 2; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { len = 3; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { len = 4; min = 0x10000; }
    else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

/**
 * Well-formed multi-byte sequences and malformed positions in a scan that steps
 * over a bad byte and goes on. UTF-8 text cut in the middle of a character, or
 * with a few damaged bytes, still has thousands of good sequences and a handful of
 * bad ones; GB18030 text read as UTF-8 is bad at almost every Chinese character.
 */
export function utf8Census(bytes: Uint8Array): { good: number; bad: number } {
  let good = 0;
  let bad = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) { i++; continue; }
    let len = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) { len = 2; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { len = 3; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { len = 4; min = 0x10000; }
    let ok = len > 0 && i + len <= n;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) ok = false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (ok) { good++; i += len; } else { bad++; i++; }
  }
  return { good, bad };
}

function mostlyUtf8(bytes: Uint8Array): boolean {
  const { good, bad } = utf8Census(bytes);
  return good >= 8 && bad * 100 <= good;
}

/** Number of 3- and 4-byte sequences in bytes known to be valid UTF-8. */
function wideUtf8Sequences(bytes: Uint8Array, limit: number): number {
  let count = 0;
  for (let i = 0; i < bytes.length && count < limit; i++) if (bytes[i]! >= 0xe0) count++;
  return count;
}

function gb18030(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
}

function cleanGb18030(bytes: Uint8Array): boolean {
  const d = damage(gb18030(bytes.subarray(0, Math.min(bytes.length, 4 * SAMPLE))));
  return d.replacement < 0.005 && d.control < 0.01;
}

/**
 * Lines of a file that is not UTF-8 as a whole: when some lines are UTF-8 (with
 * Chinese, i.e. 3-byte sequences) and others are not, each line is decoded on
 * its own. Returns null when the file is not such a mixture.
 */
function decodeMixed(bytes: Uint8Array): string | null {
  const spans: Array<{ start: number; end: number; utf8: boolean | null }> = [];
  let u8 = 0;
  let gb = 0;
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(10, start);
    end = end < 0 ? bytes.length : end + 1;
    const line = bytes.subarray(start, end);
    let kind: boolean | null = null;
    const { good, bad } = utf8Census(line);
    // A line with a damaged byte or two among many good sequences is still UTF-8.
    if (bad > 0 && bad * 10 > good) { kind = false; gb++; }
    // Two Chinese characters at least: a short GB18030 line can be valid UTF-8 by chance.
    else if (bad > 0 || wideUtf8Sequences(line, 2) >= 2) { kind = true; u8++; }
    spans.push({ start, end, utf8: kind });
    start = end;
  }
  if (u8 === 0 || gb === 0) return null;
  // Lines that are plain ASCII (or ambiguous) follow the majority.
  const majority = u8 >= gb;
  return spans
    .map((s) => {
      const line = bytes.subarray(s.start, s.end);
      return (s.utf8 ?? majority) ? new TextDecoder("utf-8").decode(line) : gb18030(line);
    })
    .join("");
}

export function decodeText(bytes: Uint8Array, choice: EncodingChoice = "auto"): Decoded {
  if (bytes.length === 0) return { ok: false, code: "EMPTY" };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return finish(new TextDecoder("utf-8").decode(bytes.subarray(3)), "utf-8-bom");
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    return finish(new TextDecoder(le ? "utf-16le" : "utf-16be").decode(bytes.subarray(2)), le ? "utf-16le" : "utf-16be");
  }
  const order = utf16OrderWithoutBom(bytes);
  if (order && choice === "auto") {
    const text = new TextDecoder(order).decode(bytes);
    const d = damage(text);
    if (d.replacement < 0.01 && d.control < 0.01) return finish(text, order);
  }
  if (looksBinary(bytes)) return { ok: false, code: "BINARY" };

  const invalidAt = firstInvalidUtf8(bytes);
  if (choice === "utf8") {
    if (invalidAt < 0 || mostlyUtf8(bytes)) return finish(utf8.decode(bytes), "utf-8");
    const hint = cleanGb18030(bytes) ? "it looks like GB18030: try --encoding gb18030 or auto" : "try --encoding auto";
    return { ok: false, code: "DECODE_FAILED", detail: `not valid UTF-8 at byte ${invalidAt}; ${hint}` };
  }
  if (choice === "gb18030") {
    // Chinese text in GB18030 is practically never well-formed UTF-8 with several
    // 3-byte sequences, so such a file was written in UTF-8 whatever was declared.
    if (invalidAt < 0 && wideUtf8Sequences(bytes, 4) >= 4) {
      return { ok: false, code: "DECODE_FAILED", detail: "the file is UTF-8, not GB18030: try --encoding utf8 or auto" };
    }
    return finishChecked(gb18030(bytes), "gb18030", "GB18030");
  }

  if (invalidAt < 0) return finish(utf8.decode(bytes), "utf-8");
  const mixed = decodeMixed(bytes);
  if (mixed !== null) return finishChecked(mixed, "utf-8+gb18030", "mixed UTF-8 and GB18030");
  // UTF-8 with a cut last character or a few damaged bytes: those become U+FFFD.
  if (mostlyUtf8(bytes)) return finish(utf8.decode(bytes), "utf-8");
  const guess = (chardet.detect(bytes.subarray(0, SAMPLE)) ?? "").toLowerCase();
  if (guess === "big5") {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "big5");
    if (damage(text).replacement < 0.01) return finish(text, "big5");
  }
  // GB18030 decodes almost every byte sequence; accept it only when the result is clean.
  return finishChecked(gb18030(bytes), "gb18030", `GB18030 (detected ${guess || "unknown"})`);
}

function finishChecked(text: string, encoding: string, label: string): Decoded {
  const d = damage(text);
  if (d.control > 0.01) return { ok: false, code: "BINARY" };
  if (d.replacement > 0.02) {
    return { ok: false, code: "DECODE_FAILED", detail: `${label} gives ${(d.replacement * 100).toFixed(1)}% undecodable characters` };
  }
  return finish(text, encoding);
}

function finish(text: string, encoding: string): Decoded {
  if (text.trim().length === 0) return { ok: false, code: "EMPTY" };
  return { ok: true, text, encoding };
}
