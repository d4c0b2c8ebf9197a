// Bytes → text for plain-text reports: a BOM decides; otherwise valid UTF-8 is
// UTF-8; otherwise chardet's guess among the Chinese encodings, decoded by
// iconv-lite as GB18030 (a superset of GBK and GB2312). Binary data is refused
// rather than decoded into noise.
import chardet from "chardet";
import iconv from "iconv-lite";

export type EncodingChoice = "auto" | "utf8" | "gb18030";

export type Decoded =
  | { ok: true; text: string; encoding: string }
  | { ok: false; code: "BINARY" | "DECODE_FAILED" | "EMPTY"; detail?: string };

const utf8 = new TextDecoder("utf-8", { fatal: true });

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.05;
}

/** Share of replacement characters or C1 controls: decoding the wrong way produces many. */
function garbage(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0x80 && c < 0xa0)) bad++;
  }
  return bad / text.length;
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
  if (choice === "gb18030") return finish(iconv.decode(Buffer.from(bytes), "gb18030"), "gb18030");
  if (choice === "utf8") {
    try {
      return finish(utf8.decode(bytes), "utf-8");
    } catch {
      return { ok: false, code: "DECODE_FAILED", detail: "not valid UTF-8 (try --encoding auto)" };
    }
  }
  if (looksBinary(bytes)) return { ok: false, code: "BINARY" };
  try {
    return finish(utf8.decode(bytes), "utf-8");
  } catch {
    // not UTF-8: fall through to detection
  }
  const guess = (chardet.detect(bytes) ?? "").toLowerCase();
  if (guess === "big5") {
    const text = iconv.decode(Buffer.from(bytes), "big5");
    if (garbage(text) < 0.01) return finish(text, "big5");
  }
  // GB18030 decodes every byte sequence; accept it only when the result is clean.
  const text = iconv.decode(Buffer.from(bytes), "gb18030");
  if (garbage(text) > 0.02) return { ok: false, code: "DECODE_FAILED", detail: `detected ${guess || "unknown"}` };
  return finish(text, "gb18030");
}

function finish(text: string, encoding: string): Decoded {
  if (text.trim().length === 0) return { ok: false, code: "EMPTY" };
  return { ok: true, text, encoding };
}
