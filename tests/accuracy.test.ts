// Accuracy gates, as CI runs them: the `check` command over the project's own
// annotated fixtures, and over the shared seed reports with their gold records
// when ../shared is present. Each holds strict F1 to a floor and every figure to
// the last accepted baseline, so a silent regression fails the build.
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { haveSeeds, ROOT, SEEDS, SEEDS_GOLD } from "./helpers/paths.js";

describe("accuracy", () => {
  it("fixtures: strict F1 and field accuracy hold", () => {
    const r = cli(["check", "fixtures", "--min-f1", "0.9", "--baseline", join("fixtures", "check-baseline.json")], { cwd: ROOT });
    if (r.status !== 0) console.log(r.stdout.split("\n").slice(-40).join("\n"), r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/check passed/u);
  });

  it.skipIf(!haveSeeds)("seed reports: strict F1 holds against the hand-checked gold", () => {
    const r = cli([
      // Relative to the repo, so that the baseline names the folder the same way on every machine.
      "check", relative(ROOT, SEEDS),
      "--expected", relative(ROOT, join(SEEDS_GOLD, "gold.jsonl")),
      "--negatives", relative(ROOT, join(SEEDS_GOLD, "negatives.jsonl")),
      "--min-f1", "0.95",
      "--baseline", join("tests", "seeds-baseline.json"),
    ], { cwd: ROOT });
    if (r.status !== 0) console.log(r.stdout.split("\n").slice(-40).join("\n"), r.stderr);
    expect(r.status).toBe(0);
  });
});
