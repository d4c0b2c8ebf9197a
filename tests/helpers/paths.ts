// Locations the tests read: the repo, its fixtures and samples, and the shared
// seed reports beside the repo (present in CI, maybe not elsewhere).
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
export const BIN = join(ROOT, "bin", "policy-extract.js");
export const FIXTURES = join(ROOT, "fixtures");
export const SAMPLES = join(ROOT, "samples");
export const SEEDS = join(ROOT, "..", "shared", "seeds");
export const SEEDS_GOLD = join(ROOT, "..", "shared", "seeds-gold");

export const haveSeeds = existsSync(SEEDS) && existsSync(join(SEEDS_GOLD, "gold.jsonl"));
if (!haveSeeds) {
  console.warn("note: ../shared/seeds or ../shared/seeds-gold not found; tests over the seed reports are skipped");
}

/** Fixture case directories: fixtures/<case>/ holding a report.* and expected.jsonl. */
export function fixtureCases(): string[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(FIXTURES, e.name, "expected.jsonl")))
    .map((e) => join(FIXTURES, e.name))
    .sort();
}

export function reportFile(caseDir: string): string {
  const f = readdirSync(caseDir).find((n) => n.startsWith("report."));
  if (!f) throw new Error(`no report.* in ${caseDir}`);
  return join(caseDir, f);
}
