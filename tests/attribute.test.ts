// Sub-rules of attribution that the example corpus does not show one by one:
// word-list matching, word segmentation offsets, time expressions and genre.
import { describe, expect, it } from "vitest";
import { WordList, attributionCues } from "../src/attribute/cues.js";
import { detectGenre } from "../src/attribute/genre.js";
import { timesInSentence } from "../src/attribute/time.js";
import type { DateCandidate } from "../src/extract/types.js";
import { loadPatterns } from "../src/patterns/load.js";
import { buildContext } from "../src/pipeline.js";
import { segment } from "../src/text/segment.js";

const patterns = loadPatterns();

describe("WordList", () => {
  const list = new WordList(["提高", "提高到", "增加"]);
  it("matches the longest word at either end", () => {
    expect(list.suffixOf("参保率提高到")).toBe("提高到");
    expect(list.prefixOf("增加了156.4万人")).toBe("增加");
    expect(list.suffixOf("参保率提高到", 5)).toBe("提高");
    expect(list.prefixOf("标准提高", 2)).toBe("提高");
  });
  it("respects the floor and limit it is given", () => {
    expect(list.suffixOf("提高", 2, 1)).toBeNull();
    expect(list.prefixOf("提高到", 0, 1)).toBeNull();
  });
  it("tells when a cut falls inside a word", () => {
    const prot = new WordList(["累计", "行为"]);
    expect(prot.crosses("基金累计支出", 3)).toBe(true);
    expect(prot.crosses("基金累计支出", 2)).toBe(false);
    expect(prot.crosses("基金累计支出", 4)).toBe(false);
  });
});

describe("segment", () => {
  it("tiles the input with offsets and keeps numbers whole", () => {
    const text = "截至 2015 年底，参保人数已达到698.1万人";
    const tokens = segment(text);
    expect(tokens.map((t) => t.word).join("")).toBe(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.word);
    expect(tokens.some((t) => t.word === "698.1")).toBe(true);
  });
});

function timesOf(sentence: string, dates: Array<[string, Partial<DateCandidate["fields"]>]>) {
  const ctx = buildContext({ doc: "t.txt", text: sentence, encoding: "utf-8", format: "txt" }, patterns);
  const text = ctx.view.text;
  const cands: DateCandidate[] = dates.map(([s, f]) => {
    const start = text.indexOf(s);
    return {
      type: "date", start, end: start + s.length, rule: "test",
      fields: { date: "", date_end: null, granularity: "year", part: null, role: "point", ...f },
    };
  });
  return timesInSentence(text, 0, text.length, cands, attributionCues(patterns)).map((t) => ({
    text: text.slice(t.start, t.end), kind: t.kind, year: t.year,
  }));
}

describe("time expressions", () => {
  it("take their cue words with them", () => {
    expect(timesOf("到2014年底，参保人数已达到698.1万人。", [["2014年底", { date: "2014", part: "end", role: "deadline" }]]))
      .toEqual([{ text: "到2014年底", kind: "point", year: 2014 }]);
  });
  it("keep a comparison base without a year", () => {
    expect(timesOf("与2009年相比，补助标准提高了340元。", [["2009年", { date: "2009" }]]))
      .toEqual([{ text: "与2009年相比", kind: "comparison", year: null }]);
  });
  it("read since-expressions, lists and ranges", () => {
    expect(timesOf("2013年12月新农合开展大病保险以来，累计赔付2877万元。", [["2013年12月", { date: "2013-12", role: "since" }]]))
      .toEqual([{ text: "2013年12月新农合开展大病保险以来", kind: "since", year: null }]);
    expect(timesOf("2009、2011、2013年开展培训。", [["2009", { date: "2009" }], ["2011", { date: "2011" }], ["2013年", { date: "2013" }]]))
      .toEqual([{ text: "2009、2011、2013年", kind: "list", year: null }]);
    expect(timesOf("“十三五”期间，新建医院5所。", [["“十三五”", { date: "2016", date_end: "2020", role: "range" }]]))
      .toEqual([{ text: "“十三五”期间", kind: "range", year: 2020 }]);
  });
  it("find times that are not dates: redacted, relative, periods", () => {
    expect(timesOf("截至201x年12月底，已签约331个统筹区。", [])).toEqual([{ text: "截至201x年12月底", kind: "undated", year: null }]);
    expect(timesOf("今年3月，启动新一轮采购。", [])).toEqual([{ text: "今年3月", kind: "undated", year: null }]);
    expect(timesOf("六年来，累计投入153亿元。", [])).toEqual([{ text: "六年来", kind: "since", year: null }]);
    expect(timesOf("集团组建以来，市财政安排资金4300余万元。", [])).toEqual([{ text: "集团组建以来", kind: "since", year: null }]);
  });
});

describe("genre", () => {
  const genre = (text: string) => detectGenre(buildContext({ doc: "g.txt", text, encoding: "utf-8", format: "txt" }, patterns));
  it("reads the title", () => {
    expect(genre("大连市六年医改工作进展与成效\n\n2009年以来，全市参保人数持续增加。")).toBe("report");
    expect(genre("关于印发《聊城市“十三五”深化医药卫生体制改革规划》的通知\n\n各县（市、区）人民政府：")).toBe("plan");
    expect(genre("关于印发某市2016年卫生工作总结的通知\n\n现将总结印发给你们。")).toBe("report");
  });
  it("weighs forward and backward words when the title says nothing", () => {
    expect(genre("到2020年，力争参保率达到95%，确保…。要加快建设。")).toBe("plan");
    expect(genre("截至2015年底，已建成村卫生室310个，累计投入了资金。")).toBe("report");
  });
});
