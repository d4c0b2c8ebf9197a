// Offsets are sacred (SPEC §2): for every record of every fixture and every seed
// report, the source sliced at start/end in code points equals `text`, and `line`
// is the line of `start`.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText } from "../src/load/decode.js";
import { loadPatterns } from "../src/patterns/load.js";
import { extractFile } from "../src/run/extract-file.js";
import { RECORD_TYPES } from "../src/records.js";
import { fixtureCases, haveSeeds, reportFile, SEEDS } from "./helpers/paths.js";
import { loadFile } from "../src/load/load.js";

const pipeline = { types: new Set(RECORD_TYPES), attribution: true, explain: true, patterns: loadPatterns() };

async function checkFile(path: string): Promise<number> {
  const loaded = await loadFile(path, path);
  expect(loaded.ok, path).toBe(true);
  if (!loaded.ok) return 0;
  const cps = Array.from(loaded.loaded.text);
  const outcome = await extractFile(path, path, pipeline);
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return 0;
  const { document, records } = outcome.result;
  expect(document.text).toBe(loaded.loaded.text);
  expect(document.end).toBe(cps.length);
  for (const r of records) {
    expect(cps.slice(r.start, r.end).join(""), `${path} ${r.type} @${r.start}`).toBe(r.text);
    const before = cps.slice(0, r.start).join("");
    const line = before.split(/\r\n|\r|\n/u).length;
    expect(r.line, `${path} line of ${r.text}`).toBe(line);
  }
  return records.length;
}

describe("offset property", () => {
  const cases = fixtureCases();
  it.each(cases.map((c) => [c]))("fixture %s", async (dir) => {
    await checkFile(reportFile(dir));
  });

  it.skipIf(!haveSeeds)("every seed report", async () => {
    let n = 0;
    for (const f of readdirSync(SEEDS).filter((x) => x.endsWith(".txt")).sort()) n += await checkFile(join(SEEDS, f));
    expect(n).toBeGreaterThan(0);
  });

  it("holds with astral characters, CRLF and full-width text", async () => {
    const { runText } = await import("./helpers/run.js");
    const text = "𠀀𠀁标题\r\n\r\n到２０２０年，全市床位达到１２００张，增长𠀂5.5%。\r\n";
    const res = runText(text);
    const cps = Array.from(text);
    expect(res.records.length).toBeGreaterThan(0);
    for (const r of res.records) expect(cps.slice(r.start, r.end).join("")).toBe(r.text);
    expect(decodeText(Buffer.from(text)).ok).toBe(true);
  });
});
