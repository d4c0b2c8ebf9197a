// The baseline: accepted figures per fixture and type, written by --write-baseline
// and compared by --baseline. Any figure that drops by more than BASELINE_TOLERANCE
// (or a rise in negative-span violations) fails the check, so quality only ratchets up.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { RecordType } from "../records.js";
import { writeFileAtomic } from "./atomic.js";
import { fmt4 } from "./score.js";
import { CheckInputError, type FixtureResult, type GateFailure, type TypeScore } from "./types.js";

export const BASELINE_TOLERANCE = 0.0005;

const Measure = z.number().nullable();
const Prf = z.object({ precision: Measure, recall: Measure, f1: Measure });
const TypeFigures = z.object({
  strict: Prf,
  lenient: Prf,
  fields: z.record(z.string(), Measure).default({}),
});
const FixtureFigures = z.object({
  types: z.record(z.string(), TypeFigures).default({}),
  negative_violations: z.number().int().nonnegative().nullable().optional(),
});
export const Baseline = z.object({
  schema_version: z.literal(1),
  fixtures: z.record(z.string(), FixtureFigures),
});
export type Baseline = z.infer<typeof Baseline>;
type TypeFigures = z.infer<typeof TypeFigures>;

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6);

function figuresOf(s: TypeScore): TypeFigures {
  return {
    strict: { precision: round(s.strict.precision), recall: round(s.strict.recall), f1: round(s.strict.f1) },
    lenient: { precision: round(s.lenient.precision), recall: round(s.lenient.recall), f1: round(s.lenient.f1) },
    fields: Object.fromEntries(Object.entries(s.fields).map(([f, v]) => [f, round(v.accuracy)])),
  };
}

export function baselineOf(fixtures: readonly FixtureResult[]): Baseline {
  const out: Baseline = { schema_version: 1, fixtures: {} };
  for (const fx of fixtures) {
    // An unreadable fixture has no figures worth accepting.
    if (fx.errors.length) continue;
    out.fixtures[fx.name] = {
      types: Object.fromEntries(fx.scores.map((s) => [s.type, figuresOf(s)])),
      ...(fx.negatives ? { negative_violations: fx.negatives.violations } : {}),
    };
  }
  return out;
}

export function readBaseline(file: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CheckInputError(`${file}: ${e.code === "ENOENT" ? "no such baseline file" : `cannot read baseline (${e.message.split("\n")[0]})`}`);
  }
  const parsed = Baseline.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CheckInputError(`${file}: not a check baseline (${issue?.path.join(".")}: ${issue?.message})`);
  }
  return parsed.data;
}

/** Figures of `fixture` that dropped against the baseline. Fixtures or types it lacks are not compared. */
export function compareBaseline(baseline: Baseline, fixture: FixtureResult): GateFailure[] {
  const accepted = baseline.fixtures[fixture.name];
  if (!accepted || fixture.errors.length) return [];
  const failures: GateFailure[] = [];
  for (const s of fixture.scores) {
    const before = accepted.types[s.type];
    if (!before) continue;
    const now = figuresOf(s);
    const pairs: Array<[string, number | null, number | null]> = [];
    for (const level of ["strict", "lenient"] as const) {
      for (const m of ["precision", "recall", "f1"] as const) pairs.push([`${level}.${m}`, before[level][m], now[level][m]]);
    }
    for (const [f, v] of Object.entries(before.fields)) pairs.push([`fields.${f}`, v, now.fields[f] ?? null]);
    for (const [measure, was, is] of pairs) {
      if (was === null || is === null || is >= was - BASELINE_TOLERANCE) continue;
      failures.push({
        fixture: fixture.name, type: s.type as RecordType, kind: "baseline", measure, value: is, limit: was,
        message: `${s.type}: ${measure} ${fmt4(is)} dropped below the baseline ${fmt4(was)}`,
      });
    }
  }
  const wasViolations = accepted.negative_violations;
  if (fixture.negatives && wasViolations !== undefined && wasViolations !== null && fixture.negatives.violations > wasViolations) {
    failures.push({
      fixture: fixture.name, type: "negatives", kind: "baseline", measure: "violations",
      value: fixture.negatives.violations, limit: wasViolations,
      message: `negative spans extracted: ${fixture.negatives.violations}, baseline ${wasViolations}`,
    });
  }
  return failures;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileAtomic(file, `${JSON.stringify(baseline, null, 2)}\n`);
}
