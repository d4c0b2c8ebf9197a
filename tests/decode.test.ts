// Bytes → text (src/load/decode.ts): BOMs, UTF-8, GB18030, UTF-16 without a BOM,
// files whose lines mix encodings, UTF-8 cut inside a character, binary data, and
// an encoding forced on the command line that the bytes contradict.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, firstInvalidUtf8, utf8Census } from "../src/load/decode.js";

const TEXT = "关于推进医改工作的通知\n全市共有医疗卫生机构1200家，比上年增长3.5%，其中医院98所。\n";

function ok(r: ReturnType<typeof decodeText>) {
  if (!r.ok) throw new Error(`${r.code} ${r.detail ?? ""}`);
  return r;
}

describe("decodeText", () => {
  it("reads UTF-8, with and without a BOM", () => {
    expect(ok(decodeText(Buffer.from(TEXT)))).toMatchObject({ text: TEXT, encoding: "utf-8" });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    expect(ok(decodeText(bom))).toMatchObject({ text: TEXT, encoding: "utf-8-bom" });
    expect(ok(decodeText(bom, "gb18030")).encoding).toBe("utf-8-bom"); // a BOM outranks the option
  });

  it("reads GB18030, including characters outside GBK and outside the BMP", () => {
    const text = `${TEXT}𠀀𪚥㐀€`;
    const bytes = iconv.encode(text, "gb18030");
    expect(ok(decodeText(bytes))).toMatchObject({ text, encoding: "gb18030" });
    expect(ok(decodeText(bytes, "gb18030"))).toMatchObject({ text, encoding: "gb18030" });
  });

  it("reads UTF-16 with a BOM, and without one when ASCII shows the byte order", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, "utf-16le")]);
    expect(ok(decodeText(le))).toMatchObject({ text: TEXT, encoding: "utf-16le" });
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, "utf-16be")]);
    expect(ok(decodeText(be))).toMatchObject({ text: TEXT, encoding: "utf-16be" });
    expect(ok(decodeText(iconv.encode(TEXT, "utf-16le")))).toMatchObject({ text: TEXT, encoding: "utf-16le" });
    expect(ok(decodeText(iconv.encode(TEXT, "utf-16be")))).toMatchObject({ text: TEXT, encoding: "utf-16be" });
  });

  it("reads UTF-8 cut inside its last character as UTF-8, not as GB18030 noise", () => {
    const bytes = Buffer.from(TEXT.repeat(3).trimEnd());
    const cut = bytes.subarray(0, bytes.length - 2);
    const r = ok(decodeText(cut));
    expect(r.encoding).toBe("utf-8");
    expect(r.text.startsWith(TEXT)).toBe(true);
    expect(r.text.endsWith("\ufffd")).toBe(true);
    expect(ok(decodeText(cut, "utf8")).encoding).toBe("utf-8");
  });

  it("decodes a file whose lines mix UTF-8 and GB18030 line by line", () => {
    const a = "一、总体情况：全市参保人数达到698.1万人。\n";
    const b = "二、主要问题：基层医疗卫生机构服务能力不足。\n";
    const bytes = Buffer.concat([Buffer.from(a), iconv.encode(b, "gb18030"), Buffer.from(a), Buffer.from("ASCII only\n")]);
    expect(ok(decodeText(bytes))).toMatchObject({ text: `${a}${b}${a}ASCII only\n`, encoding: "utf-8+gb18030" });
  });

  it("refuses binary data, also with an explicit encoding", () => {
    const zip = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 0), Buffer.from(TEXT)]);
    for (const choice of ["auto", "utf8", "gb18030"] as const) expect(decodeText(zip, choice)).toMatchObject({ ok: false, code: "BINARY" });
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(decodeText(controls)).toMatchObject({ ok: false, code: "BINARY" });
  });

  it("refuses an empty file and one of only whitespace", () => {
    expect(decodeText(new Uint8Array(0))).toMatchObject({ ok: false, code: "EMPTY" });
    expect(decodeText(Buffer.from("\r\n \t\u3000\n"))).toMatchObject({ ok: false, code: "EMPTY" });
  });

  it("says what the file is when the forced encoding is wrong", () => {
    const gb = iconv.encode(TEXT, "gb18030");
    const r = decodeText(gb, "utf8");
    expect(r).toMatchObject({ ok: false, code: "DECODE_FAILED" });
    expect(!r.ok && r.detail).toMatch(/^not valid UTF-8 at byte \d+; it looks like GB18030: try --encoding gb18030 or auto$/u);
    const u8 = decodeText(Buffer.from(TEXT), "gb18030");
    expect(u8).toMatchObject({ ok: false, code: "DECODE_FAILED" });
    expect(!u8.ok && u8.detail).toMatch(/UTF-8.*--encoding utf8/u);
    // Plain ASCII is both, and "联通" in GB18030 happens to be valid UTF-8: both are accepted as asked.
    expect(ok(decodeText(Buffer.from("ASCII report 2020\n"), "gb18030")).text).toBe("ASCII report 2020\n");
    expect(ok(decodeText(iconv.encode("联通", "gb18030"), "gb18030")).text).toBe("联通");
  });

  it("refuses bytes no Chinese encoding reads cleanly", () => {
    // 0xFF is a lead byte in no Chinese encoding: GB18030 turns it into replacement characters.
    const broken = Buffer.from(Array.from({ length: 300 }, (_, i) => (i % 2 ? 0xff : 0x41)));
    const r = decodeText(broken);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe("DECODE_FAILED");
  });
});

describe("UTF-8 validation", () => {
  it("firstInvalidUtf8 agrees with the WHATWG decoder on random bytes", () => {
    const fatal = new TextDecoder("utf-8", { fatal: true });
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    for (let n = 0; n < 3000; n++) {
      const len = rand() % 12;
      // Bias towards high bytes and continuation bytes, where the edge cases are.
      const bytes = Uint8Array.from({ length: len }, () => {
        const r = rand();
        return r < 64 ? 0x80 + (rand() & 0x3f) : r < 128 ? 0xc0 + (rand() & 0x3f) : r < 160 ? rand() & 0x7f : rand();
      });
      let valid = true;
      try {
        fatal.decode(bytes);
      } catch {
        valid = false;
      }
      expect(firstInvalidUtf8(bytes) < 0, Buffer.from(bytes).toString("hex")).toBe(valid);
      const census = utf8Census(bytes);
      if (valid) expect(census.bad).toBe(0);
    }
  });

  it("counts good and bad sequences", () => {
    expect(utf8Census(Buffer.from("医改2020"))).toEqual({ good: 2, bad: 0 });
    expect(utf8Census(iconv.encode("医疗卫生", "gb18030")).bad).toBeGreaterThan(2);
    expect(utf8Census(Buffer.from([0xed, 0xa0, 0x80]))).toEqual({ good: 0, bad: 3 }); // an encoded surrogate
  });
});
