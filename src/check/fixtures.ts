// Finding what to check. A fixture is a directory holding one report.<txt|docx|pdf|html>
// and its expected.jsonl (and optionally negatives.jsonl); a path given on the
// command line is a fixture, or a folder searched for fixtures at any depth.
import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { CheckInputError, type FixtureError } from "./types.js";

export const REPORT_EXTENSIONS = ["txt", "docx", "pdf", "html"] as const;
export const EXPECTED_FILE = "expected.jsonl";
export const NEGATIVES_FILE = "negatives.jsonl";

export interface FixtureDir {
  /** As displayed and as keyed in baselines. */
  name: string;
  dir: string;
  /** The report file, or null when there is none or more than one (see `problem`). */
  report: string | null;
  problem: string | null;
  expected: string;
  hasExpected: boolean;
  negatives: string | null;
}

/** A path for messages: relative to the working directory when inside it, POSIX separators. */
export function display(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  // Relative even above cwd ("../shared/seeds"): baselines and messages must not name machine paths.
  const shown = rel === "" ? "." : !isAbsolute(rel) ? rel : abs;
  return shown.split(sep).join("/");
}

function reportsIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => REPORT_EXTENSIONS.some((ext) => n.toLowerCase() === `report.${ext}`))
    .sort();
}

function isFixtureDir(dir: string): boolean {
  return existsSync(join(dir, EXPECTED_FILE)) || reportsIn(dir).length > 0;
}

function describe(dir: string, cwd: string): FixtureDir {
  const reports = reportsIn(dir);
  const expected = join(dir, EXPECTED_FILE);
  const negatives = join(dir, NEGATIVES_FILE);
  return {
    name: display(dir, cwd),
    dir,
    report: reports.length === 1 ? join(dir, reports[0]!) : null,
    problem:
      reports.length === 0
        ? `no report file (report.${REPORT_EXTENSIONS.join("|")})`
        : reports.length > 1
          ? `more than one report file (${reports.join(", ")})`
          : null,
    expected,
    hasExpected: existsSync(expected),
    negatives: existsSync(negatives) ? negatives : null,
  };
}

function walk(dir: string, found: string[]): void {
  if (isFixtureDir(dir)) {
    found.push(dir);
    return;
  }
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") walk(join(dir, e.name), found);
  }
}

/**
 * Fixture directories under the given paths. A path that does not exist is an
 * unreadable fixture (exit 2, the others still run); a path holding no fixture
 * at all is a usage error.
 */
export function discoverFixtures(paths: readonly string[], cwd: string): { fixtures: FixtureDir[]; errors: FixtureError[] } {
  const errors: FixtureError[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      errors.push({ file: display(abs, cwd), message: "no such file or directory" });
      continue;
    }
    const found: string[] = [];
    if (st.isDirectory()) walk(abs, found);
    else if (isFixtureDir(join(abs, ".."))) found.push(join(abs, ".."));
    if (!found.length) throw new CheckInputError(`${display(abs, cwd)}: no fixtures found (a fixture is a directory with report.* and ${EXPECTED_FILE})`);
    dirs.push(...found);
  }
  const unique = [...new Set(dirs)];
  return { fixtures: unique.map((d) => describe(d, cwd)), errors };
}
