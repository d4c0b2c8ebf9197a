// One generic runner for every extractor's example corpus (src/**/*.corpus.yaml).
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { readCorpus, type CorpusCase } from "./helpers/corpus.js";
import { runText } from "./helpers/run.js";

const ROOT = join(import.meta.dirname, "..");

function corpusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return corpusFiles(p);
    return e.name.endsWith(".corpus.yaml") ? [p] : [];
  });
}

function pick(record: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, record[k]]));
}

const files = corpusFiles(join(ROOT, "src"));

describe("example corpora", () => {
  it("exist for every record type, each with positives and negatives", () => {
    const types = new Set(files.map((f) => readCorpus(f).type));
    for (const t of ["metric", "date", "responsible_unit", "document"] as const) expect(types).toContain(t);
    for (const f of files) {
      const c = readCorpus(f);
      // The metric extractor reads the most forms, so its corpus is held to the most cases.
      const big = f.endsWith("metric.corpus.yaml");
      expect(c.positives.length, `${f} positives`).toBeGreaterThanOrEqual(big ? 150 : 20);
      expect(c.negatives.length, `${f} negatives`).toBeGreaterThanOrEqual(big ? 50 : 5);
    }
  });

  for (const file of files) {
    const corpus = readCorpus(file);
    const name = relative(ROOT, file);
    const recordsOf = (c: CorpusCase) =>
      corpus.type === "document"
        ? [runText(c.text).document as unknown as Record<string, unknown>]
        : (runText(c.text).records.filter((r) => r.type === corpus.type) as unknown as Array<Record<string, unknown>>);

    describe(name, () => {
      corpus.positives.forEach((c, i) => {
        it(`+${i + 1} ${c.text.slice(0, 40).replace(/\n/g, "⏎")}`, () => {
          const got = recordsOf(c);
          const expected = c.expect ?? [];
          if (corpus.type === "document") {
            for (const e of expected) expect(pick(got[0]!, Object.keys(e))).toEqual(e);
            return;
          }
          if (!c.partial) {
            expect(got.map((r) => r.text), c.why).toEqual(expected.map((e) => e.text));
          }
          const pool = [...got];
          for (const e of expected) {
            const at = pool.findIndex((r) => r.text === e.text);
            expect(at, `record "${e.text}" in ${JSON.stringify(got.map((r) => r.text))}`).toBeGreaterThanOrEqual(0);
            const [r] = pool.splice(at, 1);
            expect(pick(r!, Object.keys(e)), c.why).toEqual(e);
          }
        });
      });
      corpus.negatives.forEach((c, i) => {
        it(`-${i + 1} ${c.text.slice(0, 40).replace(/\n/g, "⏎")}`, () => {
          if (corpus.type === "document") {
            // A document record always exists: its negatives name fields that must stay empty.
            const doc = runText(c.text).document as unknown as Record<string, unknown>;
            expect(c.absent?.length, "document negatives list the fields that must be empty").toBeGreaterThan(0);
            for (const f of c.absent ?? []) {
              const v = doc[f];
              expect(v === null || (Array.isArray(v) && v.length === 0), `${f}=${JSON.stringify(v)}`).toBe(true);
            }
            return;
          }
          const texts = recordsOf(c).map((r) => r.text as string);
          if (c.absent) for (const a of c.absent) expect(texts, c.why).not.toContain(a);
          else expect(texts, c.why).toEqual([]);
        });
      });
    });
  }
});
