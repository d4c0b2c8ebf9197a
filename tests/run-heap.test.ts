import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isCorpusOfReports } from "../src/run/heap.js";

describe("heap growth is limited only for corpora of report-sized files", () => {
  const dir = mkdtempSync(join(tmpdir(), "pe-heap-"));
  const small = join(dir, "a.txt");
  const big = join(dir, "b.txt");
  writeFileSync(small, "全市共有医疗机构120家。");
  writeFileSync(big, "x".repeat(4096));
  const file = (path: string) => ({ path, doc: path });

  it("two small files are a corpus", () => {
    expect(isCorpusOfReports([file(small), file(small)], 1024)).toBe(true);
  });
  it("one file is not (a single report keeps V8's default growth)", () => {
    expect(isCorpusOfReports([file(small)], 1024)).toBe(false);
  });
  it("a file over the size limit keeps the default growth", () => {
    expect(isCorpusOfReports([file(small), file(big)], 1024)).toBe(false);
  });
  it("standard input keeps the default growth (its size is unknown)", () => {
    expect(isCorpusOfReports([file(small), { path: "-", doc: "-" }], 1024)).toBe(false);
  });
  it("a missing file does not decide anything", () => {
    expect(isCorpusOfReports([file(small), file(join(dir, "missing.txt"))], 1024)).toBe(true);
  });
});
