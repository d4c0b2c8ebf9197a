// The responsibility matrix behind `policy-extract units`: role counts per
// organisation, tasks held alone or jointly, rows ready for CSV.
import { describe, expect, it } from "vitest";
import type { AnyRecord, ResponsibleUnitRecord } from "../src/records.js";
import { MATRIX_HEADER, matrixTable, responsibilityMatrix } from "../src/units/matrix.js";
import { runText } from "./helpers/run.js";

function unit(name: string, role: ResponsibleUnitRecord["role"], task: ResponsibleUnitRecord["task"], extra: Partial<ResponsibleUnitRecord> = {}): ResponsibleUnitRecord {
  return {
    type: "responsible_unit", doc: "a.txt", text: name, start: 0, end: name.length, line: 1,
    sentence: "", section: [], name, role, task, position: 1, ...extra,
  };
}

describe("responsibility matrix", () => {
  it("counts roles per organisation and tasks held alone or jointly", () => {
    const t1 = { number: "1", title: "推进医联体建设" };
    const t2 = { number: "2", title: "完善医保支付" };
    const t3 = { number: "3", title: "加强监管" };
    const records: AnyRecord[] = [
      unit("市卫生健康委", "lead", t1),
      unit("市医保局", "cooperating", t1),
      unit("市财政局", "cooperating", t1),
      unit("市医保局", "responsible", t2),
      unit("市卫生健康委", "responsible", t3),
    ];
    const rows = responsibilityMatrix(records);
    expect(rows.map((r) => r.organisation)).toEqual(["市卫生健康委", "市医保局", "市财政局"]);
    expect(rows[0]).toEqual({ organisation: "市卫生健康委", responsible: 1, lead: 1, cooperating: 0, tasks: 2, alone: 1, jointly: 1 });
    expect(rows[1]).toEqual({ organisation: "市医保局", responsible: 1, lead: 0, cooperating: 1, tasks: 2, alone: 1, jointly: 1 });
    expect(rows[2]).toEqual({ organisation: "市财政局", responsible: 0, lead: 0, cooperating: 1, tasks: 1, alone: 0, jointly: 1 });
  });

  it("keeps tasks of different documents apart and counts a task once per organisation", () => {
    const t = { number: "1", title: "推进医联体建设" };
    const rows = responsibilityMatrix([
      unit("市卫生健康委", "responsible", t, { doc: "a.txt" }),
      unit("市卫生健康委", "responsible", t, { doc: "a.txt", start: 40, end: 46 }),
      unit("市卫生健康委", "responsible", t, { doc: "b.txt" }),
      unit("市财政局", "responsible", t, { doc: "b.txt" }),
    ]);
    expect(rows[0]).toMatchObject({ organisation: "市卫生健康委", responsible: 2, tasks: 2, alone: 1, jointly: 1 });
    expect(rows[1]).toMatchObject({ organisation: "市财政局", tasks: 1, alone: 0, jointly: 1 });
  });

  it("groups units without a task by their note", () => {
    const rows = responsibilityMatrix([
      unit("市卫生健康委", "responsible", null, { sentence: "(责任单位:市卫生健康委、市财政局)" }),
      unit("市财政局", "responsible", null, { sentence: "(责任单位:市卫生健康委、市财政局)" }),
      unit("市财政局", "responsible", null, { sentence: "(责任单位:市财政局)" }),
    ]);
    expect(rows.find((r) => r.organisation === "市财政局")).toMatchObject({ tasks: 2, alone: 1, jointly: 1 });
    expect(rows.find((r) => r.organisation === "市卫生健康委")).toMatchObject({ tasks: 1, alone: 0, jointly: 1 });
  });

  it("ignores records of other types", () => {
    const { records } = runText("2014年参保人数达到698.1万人。");
    expect(responsibilityMatrix(records)).toEqual([]);
    expect(matrixTable([])).toEqual([[...MATRIX_HEADER]]);
  });

  it("turns a task notice into rows ready for CSV", () => {
    const text = [
      "一、重点任务",
      "1. 推进医联体建设。加快网格化布局。（牵头单位：市卫生健康委；配合单位：市医保局、市财政局）",
      "2. 完善医保支付。推进按病种付费。（责任单位：市医保局）",
      "3. 加强疾病预防控制。（责任单位：市卫生健康委，各区、市、县人民政府）",
    ].join("\n");
    const table = matrixTable(responsibilityMatrix(runText(text).records));
    expect(table).toEqual([
      ["organisation", "responsible", "lead", "cooperating", "tasks", "alone", "jointly"],
      ["市卫生健康委", 1, 1, 0, 2, 0, 2],
      ["市医保局", 1, 0, 1, 2, 1, 1],
      ["各区市县人民政府", 1, 0, 0, 1, 0, 1],
      ["市财政局", 0, 0, 1, 1, 0, 1],
    ]);
  });
});
