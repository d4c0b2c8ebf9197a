// Hand-built DocumentResults for the review page tests, so they do not depend on
// how far the extractors have got. Spans are found by searching the text, and
// offsets are code points, as in real records.
import { AnyRecord, DocumentRecord } from "../../src/records.js";
import type { DocumentResult, LocatedVeto } from "../../src/pipeline.js";
import type { ReviewInput } from "../../src/review/page.js";

type Fields = Record<string, unknown>;
export interface SpanSpec {
  type: "metric" | "date" | "responsible_unit";
  /** The record's text, found in the document (the n-th occurrence, 0-based). */
  find: string;
  nth?: number;
  fields?: Fields;
}

const METRIC: Fields = {
  value: 1, value_max: null, number: "1", multiplier: 1, unit: "", category: "count", qualifier: null,
  indicator: null, subject: null, year: null, time: null, role: "level", per: null,
};
const DATE: Fields = { date: "2018", date_end: null, granularity: "year", part: null, role: "point" };
const UNIT: Fields = { name: "unit", role: "responsible", task: null, position: 1 };
const DEFAULTS = { metric: METRIC, date: DATE, responsible_unit: UNIT };

/** Code point offset of the n-th occurrence of needle. */
export function cpFind(text: string, needle: string, nth = 0): { start: number; end: number } {
  let from = 0;
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`not found: ${needle} #${nth}`);
    from = at + 1;
  }
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

function lineOf(text: string, cp: number): number {
  return Array.from(text).slice(0, cp).filter((c) => c === "\n").length + 1;
}

export function syntheticResult(
  doc: string,
  text: string,
  specs: readonly SpanSpec[],
  vetoes: ReadonlyArray<{ find: string; nth?: number; rule: string; why: string }> = [],
): ReviewInput {
  const records = specs.map((s) => {
    const { start, end } = cpFind(text, s.find, s.nth);
    return AnyRecord.parse({
      type: s.type, doc, text: s.find, start, end, line: lineOf(text, start), sentence: "", section: [],
      ...DEFAULTS[s.type], ...s.fields, rule: `${s.type}/synthetic`,
    });
  }).sort((a, b) => a.start - b.start || b.end - a.end);
  const located: LocatedVeto[] = vetoes.map((v) => {
    const { start, end } = cpFind(text, v.find, v.nth);
    return { text: v.find, start, end, line: lineOf(text, start), rule: v.rule, why: v.why };
  });
  const counts: Record<string, number> = { metric: 0, date: 0, responsible_unit: 0 };
  for (const r of records) counts[r.type] = (counts[r.type] ?? 0) + 1;
  const chars = Array.from(text).length;
  const document = DocumentRecord.parse({
    type: "document", doc, text, start: 0, end: chars, line: 1, sentence: "", section: [],
    title: null, subtitle: null, doc_number: null, issuer: null, issued: null, printed: null, issue: null,
    addressees: [], cites: [], encoding: "utf-8", format: "txt", chars, counts,
  });
  const result: DocumentResult = { document, records, vetoes: located };
  return { result, text };
}

/**
 * A document that exercises the hard cases: astral characters before the spans
 * (code points ≠ UTF-16 indices), a date nested in a unit note, two crossing
 * spans, a veto on the same span as a date, CRLF line breaks, and markup that
 * must stay text.
 */
export function trickyDocument(): ReviewInput {
  const text = [
    "𠀀𠀁 关于推进工作的通知 📈",
    "<img src=x onerror=\"window.__pwned=1\"> </script><script>window.__pwned=2</script> <!-- &amp;",
    "到2018年底，参保人数达到698.1万人，比2015年增加了12.5%。",
    "（责任单位：市卫生计生委2018年12月底前完成，各区市县政府）",
    "交叉ABCDEF结束\r\n第二行𠀂 5.5/10万\r\n",
  ].join("\n");
  return syntheticResult("notes/tricky <b>.txt", text, [
    { type: "date", find: "2018年底", fields: { date: "2018", part: "end", role: "deadline" } },
    { type: "metric", find: "698.1万人", fields: { value: 6981000, number: "698.1", multiplier: 10000, unit: "人", category: "people", indicator: "参保人数", year: 2018, time: "到2018年底" } },
    { type: "date", find: "2015年", fields: { date: "2015" } },
    { type: "metric", find: "12.5%", fields: { value: 12.5, number: "12.5", unit: "%", category: "percent", role: "increase" } },
    { type: "responsible_unit", find: "市卫生计生委2018年12月底前完成", fields: { name: "市卫生计生委", position: 1, task: { number: "1", title: "推进工作" } } },
    { type: "date", find: "2018年12月底", fields: { date: "2018-12", granularity: "month", part: "end", role: "deadline" } },
    { type: "responsible_unit", find: "各区市县政府", fields: { name: "各区市县政府", position: 2 } },
    { type: "metric", find: "ABCD" },
    { type: "date", find: "CDEF" },
    { type: "metric", find: "5.5/10万", fields: { value: 5.5, number: "5.5", unit: "1/10万", category: "rate", per: "10万" } },
  ], [
    { find: "2015年", rule: "metric/year-is-date", why: "a year is a date, not a metric" },
    { find: "10万", rule: "metric/denominator", why: "the denominator of a rate" },
  ]);
}

/** A long document whose last record lies far below the first screen. */
export function longDocument(paragraphs = 240): ReviewInput {
  const lines: string[] = [];
  const specs: SpanSpec[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const n = `${i + 1}.5万元`;
    lines.push(`第${i + 1}段：${2000 + (i % 20)}年全市投入资金${n}，用于基层建设。`);
    specs.push({ type: "metric", find: n, fields: { value: (i + 1.5) * 10000, number: `${i + 1}.5`, multiplier: 10000, unit: "元", category: "money" } });
  }
  return syntheticResult("long/report.txt", lines.join("\n\n"), specs);
}
