// Pattern data (units, scale words, qualifier cues, exclusions, role cues …) lives
// in YAML files under patterns/, one file a section named after the file. Users
// extend it with --patterns DIR: a file of the same name adds to the section
// (lists are prepended so user entries win ties, maps are merged key by key), or
// replaces it whole when it says `replace: true`. Each extractor validates its
// own section with zod when it compiles it, once per process.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { z } from "zod";

export const BUNDLED_PATTERNS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "patterns");

export type PatternSet = {
  readonly sections: ReadonlyMap<string, unknown>;
  /** Identity of the directories merged, for caching compiled forms. */
  readonly key: string;
};

export class PatternError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

function mergeSection(base: unknown, extra: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(extra)) return [...extra, ...base];
  if (isPlainObject(base) && isPlainObject(extra)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(extra)) out[k] = k in out ? mergeSection(out[k], v) : v;
    return out;
  }
  return extra;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function readDir(dir: string): Array<[string, unknown]> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new PatternError(dir, "not a directory");
    names = readdirSync(dir).filter((n) => /\.ya?ml$/u.test(n)).sort();
  } catch (err) {
    if (err instanceof PatternError) throw err;
    throw new PatternError(dir, "cannot read pattern directory");
  }
  return names.map((n) => {
    const file = join(dir, n);
    try {
      return [basename(n).replace(/\.ya?ml$/u, ""), parse(readFileSync(file, "utf8"))] as [string, unknown];
    } catch (err) {
      throw new PatternError(file, `invalid YAML (${(err as Error).message.split("\n")[0]})`);
    }
  });
}

const cache = new Map<string, PatternSet>();

/** Bundled patterns merged with each user directory in order. */
export function loadPatterns(userDirs: readonly string[] = []): PatternSet {
  const key = userDirs.join("\u0000");
  const hit = cache.get(key);
  if (hit) return hit;
  const sections = new Map<string, unknown>();
  for (const [name, data] of readDir(BUNDLED_PATTERNS_DIR)) sections.set(name, data);
  for (const dir of userDirs) {
    for (const [name, data] of readDir(dir)) {
      if (isPlainObject(data) && data.replace === true) {
        const { replace: _drop, ...rest } = data;
        sections.set(name, rest);
      } else {
        sections.set(name, sections.has(name) ? mergeSection(sections.get(name), data) : data);
      }
    }
  }
  const set: PatternSet = { sections, key };
  cache.set(key, set);
  return set;
}

const compiled = new WeakMap<PatternSet, Map<string, unknown>>();

/**
 * A section validated by `schema` and compiled by `compile`, memoised per pattern
 * set so regexes and lookup tables are built once per process, never per file.
 */
export function compiledSection<S extends z.ZodTypeAny, C>(
  set: PatternSet,
  name: string,
  schema: S,
  compile: (data: z.infer<S>) => C,
): C {
  let perSet = compiled.get(set);
  if (!perSet) {
    perSet = new Map();
    compiled.set(set, perSet);
  }
  if (perSet.has(name)) return perSet.get(name) as C;
  const parsed = schema.safeParse(set.sections.get(name) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PatternError(`${name}.yaml`, `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
  }
  const value = compile(parsed.data);
  perSet.set(name, value);
  return value;
}
