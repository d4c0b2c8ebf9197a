// The attribution cases issue #5 names on two seed reports, checked one by one
// (the seeds baseline in accuracy.test.ts only checks aggregate field accuracy):
// - the 聊城 plan (003): every figure under 到2020年 is a target for 2020, every
//   figure under 截至2015年底 is a level of 2015 — both for the figures the gold
//   marks with those times and for every figure the tool gives those times;
// - the 大连 report (000): an increase over a comparison base, a from/to pair, and a
//   分别 list pairing two subjects with two values.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MetricRecord } from "../src/records.js";
import { haveSeeds, SEEDS, SEEDS_GOLD } from "./helpers/paths.js";
import { runText } from "./helpers/run.js";

const PLAN = "003_f7b2884fb76df94c.txt";
const REPORT = "000_6a4ebe4f2aac6861.txt";

const DEADLINE_2020 = /^(力争)?到\s*2020\s*年(底|末)?$/u;
const AS_OF_2015 = /^截至\s*2015\s*年底$/u;

interface GoldMetric {
  type: string;
  doc: string;
  start: number;
  text: string;
  time: string | null;
}

function metrics(file: string): MetricRecord[] {
  const text = readFileSync(join(SEEDS, file), "utf8");
  return runText(text, { doc: file, explain: false }).records.filter((r): r is MetricRecord => r.type === "metric");
}

function gold(file: string): GoldMetric[] {
  return readFileSync(join(SEEDS_GOLD, "gold.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as GoldMetric)
    .filter((r) => r.type === "metric" && r.doc === file);
}

describe.skipIf(!haveSeeds)("seed attribution cases of issue #5", () => {
  describe("聊城 plan: 到2020年 targets beside 截至2015年底 achievements", () => {
    const ours = haveSeeds ? metrics(PLAN) : [];
    const at = new Map(ours.map((m) => [m.start, m]));

    it("every figure the gold puts under 到2020年 is a 2020 target", () => {
      const expected = gold(PLAN).filter((g) => g.time && DEADLINE_2020.test(g.time));
      expect(expected.length).toBeGreaterThanOrEqual(5);
      for (const g of expected) {
        const m = at.get(g.start);
        expect(m, `${g.text} at ${g.start}`).toBeDefined();
        expect({ text: m!.text, role: m!.role, year: m!.year }).toEqual({ text: g.text, role: "target", year: 2020 });
      }
    });

    it("every figure the gold puts under 截至2015年底 is a 2015 level", () => {
      const expected = gold(PLAN).filter((g) => g.time && AS_OF_2015.test(g.time));
      expect(expected.length).toBeGreaterThanOrEqual(5);
      for (const g of expected) {
        const m = at.get(g.start);
        expect(m, `${g.text} at ${g.start}`).toBeDefined();
        expect({ text: m!.text, role: m!.role, year: m!.year }).toEqual({ text: g.text, role: "level", year: 2015 });
      }
    });

    it("no figure the tool dates 到2020年 or 截至2015年底 gets the other role", () => {
      const deadline = ours.filter((m) => m.time && DEADLINE_2020.test(m.time));
      const asOf = ours.filter((m) => m.time && AS_OF_2015.test(m.time));
      expect(deadline.length).toBeGreaterThanOrEqual(5);
      expect(asOf.length).toBeGreaterThanOrEqual(5);
      for (const m of deadline) expect({ text: m.text, role: m.role, year: m.year }).toEqual({ text: m.text, role: "target", year: 2020 });
      for (const m of asOf) expect({ text: m.text, role: m.role, year: m.year }).toEqual({ text: m.text, role: "level", year: 2015 });
    });
  });

  describe("大连 report: changes, from/to and 分别", () => {
    const ours = haveSeeds ? metrics(REPORT) : [];
    const find = (text: string, inSentence: string): MetricRecord => {
      const hits = ours.filter((m) => m.text === text && m.sentence.replace(/\s+/gu, "").includes(inSentence));
      expect(hits, `${text} in …${inSentence}…`).toHaveLength(1);
      return hits[0]!;
    };

    it("比2008年增加了156.4万人 is an increase dated by 到2014年底, not by its base year", () => {
      const m = find("156.4万人", "比2008年增加了156.4万人");
      expect({ role: m.role, year: m.year, time: m.time, value: m.value }).toEqual({ role: "increase", year: 2014, time: "到2014年底", value: 1564000 });
    });

    it("由26.5%提高到39.1% gives a from and a to", () => {
      expect(find("26.5%", "由26.5%提高到39.1%").role).toBe("from");
      expect(find("39.1%", "由26.5%提高到39.1%").role).toBe("to");
    });

    it("分别达到80%和70%以上 gives two records, each with its own subject", () => {
      const a = find("80%", "分别达到80%和70%以上");
      const b = find("70%", "分别达到80%和70%以上");
      expect({ subject: a.subject, qualifier: a.qualifier }).toEqual({ subject: "职工医保", qualifier: "at_least" });
      expect({ subject: b.subject, qualifier: b.qualifier }).toEqual({ subject: "城镇居民医保", qualifier: "at_least" });
    });
  });
});
