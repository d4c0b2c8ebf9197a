// `policy-extract check` as CI runs it: the real binary (dist/, built by `npm test`)
// in a temporary directory — exit codes 0/1/2, messages naming file, line, field,
// expected and actual, JUnit and GitHub output, the baseline, and one-line usage errors.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { mutateOne } from "./helpers/expected-files.js";
import { haveSeeds, ROOT, SEEDS, SEEDS_GOLD } from "./helpers/paths.js";

const REPORT = ["某市卫生工作总结", "", "2014年，全市共有卫生院77个。", "到2020年底，床位达到1.2万张。", ""].join("\n");

let dir: string;

const run = (args: string[]) => cli(["check", ...args], { cwd: dir });

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
    throw new Error("dist/ is not built: run `npm test` (it compiles before running vitest)");
  }
  dir = mkdtempSync(join(tmpdir(), "pe-check-cli-"));
  mkdirSync(join(dir, "fixtures", "basic"), { recursive: true });
  writeFileSync(join(dir, "fixtures", "basic", "report.txt"), REPORT);
  const up = run(["fixtures", "--update"]);
  if (up.status !== 0) throw new Error(`check --update failed: ${up.stderr}`);
});

describe("check (binary)", () => {
  it("creates expected.jsonl with --update, then passes on the fixture", () => {
    expect(existsSync(join(dir, "fixtures", "basic", "expected.jsonl"))).toBe(true);
    const r = run(["fixtures", "--min-f1", "1", "--min-field", "1"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("fixtures/basic  PASS");
    expect(r.stdout).toContain("check passed");
    expect(r.stdout).not.toContain("\u001b["); // no colour when stdout is not a terminal
  });

  it("fails on a copy with one changed value, naming file, line, field, expected and actual", () => {
    cpSync(join(dir, "fixtures", "basic"), join(dir, "changed", "basic"), { recursive: true });
    const m = mutateOne(join(dir, "changed", "basic", "expected.jsonl"));
    const r = run(["changed", "--min-f1", "1"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`changed/basic/report.txt:${m.line}`);
    expect(r.stdout).toContain(`${m.field}: expected ${JSON.stringify(m.now)}, actual ${JSON.stringify(m.was)}`);
    expect(r.stdout).toContain("changed/basic/expected.jsonl:");
    expect(r.stdout).toContain("check failed");

    const junit = run(["changed", "--min-f1", "1", "--reporter", "junit"]);
    expect(junit.status).toBe(1);
    expect(junit.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(junit.stdout).toContain('<testsuite name="changed/basic"');
    expect(junit.stdout).toMatch(/<failure message="[^"]*strict F1/u);
    expect(junit.stdout.trimEnd().endsWith("</testsuites>")).toBe(true);

    const gh = run(["changed", "--min-f1", "1", "--reporter", "github"]);
    expect(gh.status).toBe(1);
    expect(gh.stdout).toMatch(new RegExp(`^::error file=changed/basic/report\\.txt,line=${m.line},[^\\n]*::`, "mu"));
  });

  it("fails on a drop against a baseline written by --write-baseline", () => {
    cpSync(join(dir, "fixtures", "basic"), join(dir, "ratchet", "basic"), { recursive: true });
    const w = run(["ratchet", "--write-baseline", "baseline.json"]);
    expect(w.status).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, "baseline.json"), "utf8")) as { fixtures: Record<string, unknown> };
    expect(Object.keys(baseline.fixtures)).toEqual(["ratchet/basic"]);
    expect(run(["ratchet", "--baseline", "baseline.json"]).status).toBe(0);
    mutateOne(join(dir, "ratchet", "basic", "expected.jsonl"));
    const r = run(["ratchet", "--baseline", "baseline.json"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("dropped below the baseline");
  });

  it("exits 2 when a fixture cannot be read, still reporting the others", () => {
    mkdirSync(join(dir, "mixed", "bad"), { recursive: true });
    writeFileSync(join(dir, "mixed", "bad", "report.txt"), REPORT);
    writeFileSync(join(dir, "mixed", "bad", "expected.jsonl"), "{not json\n");
    cpSync(join(dir, "fixtures", "basic"), join(dir, "mixed", "good"), { recursive: true });
    const r = run(["mixed"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^policy-extract: mixed\/bad\/expected\.jsonl:1: invalid JSON/mu);
    expect(r.stdout).toContain("mixed/good  PASS");
  });

  it("rejects bad option values with one line and a hint, never a stack trace", () => {
    for (const args of [
      ["fixtures", "--min-f1", "2"],
      ["fixtures", "--min-field", "x"],
      ["fixtures", "--types", "metric,nope"],
      ["fixtures", "--reporter", "xml"],
      ["fixtures", "--negatives", "n.jsonl"],
      ["fixtures", "--baseline", "missing.json"],
      ["no-such-folder-with-fixtures", "--expected", "gold.jsonl"],
    ]) {
      const r = run(args);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stderr, args.join(" ")).toMatch(/^policy-extract: /u);
      expect(r.stderr, args.join(" ")).not.toMatch(/^\s+at /mu);
    }
  });

  it.runIf(haveSeeds)("checks the seed reports against their gold file and negatives", () => {
    const r = cli([
      "check", SEEDS,
      "--expected", join(SEEDS_GOLD, "gold.jsonl"),
      "--negatives", join(SEEDS_GOLD, "negatives.jsonl"),
      "--reporter", "json",
    ]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as {
      fixtures: Array<{ reports: string[]; negatives: { checked: number }; scores: Array<{ type: string; expected: number }> }>;
    };
    expect(report.fixtures).toHaveLength(1);
    expect(report.fixtures[0]!.reports).toHaveLength(5);
    expect(report.fixtures[0]!.negatives.checked).toBeGreaterThan(0);
    expect(report.fixtures[0]!.scores.find((s) => s.type === "metric")!.expected).toBeGreaterThan(0);
  });
});
