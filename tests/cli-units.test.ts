// `policy-extract units`: the responsibility matrix of a task notice as CSV.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";

const NOTICE = [
  "关于印发2022年卫生健康重点工作任务的通知",
  "",
  "1. 推进医共体建设。年底前实现全覆盖。（责任单位：市卫生健康委、市医保局）",
  "",
  "2. 加强基层人才队伍建设。（牵头单位：市卫生健康委；配合单位：市人社局、市财政局）",
  "",
  "3. 落实财政投入政策。（责任单位：市财政局）",
  "",
].join("\n");

describe("units", () => {
  it("counts tasks per organisation and role, alone and jointly", () => {
    const dir = mkdtempSync(join(tmpdir(), "pe-units-"));
    writeFileSync(join(dir, "notice.txt"), NOTICE);
    const r = cli(["units", join(dir, "notice.txt"), "--bom"]);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith("\uFEFF")).toBe(true);
    const rows = parse(r.stdout.slice(1), { columns: true }) as Array<Record<string, string>>;
    const by = Object.fromEntries(rows.map((x) => [x.organisation, x]));
    expect(by["市卫生健康委"]).toMatchObject({ responsible: "1", lead: "1", cooperating: "0", tasks: "2", alone: "0", jointly: "2" });
    expect(by["市财政局"]).toMatchObject({ responsible: "1", cooperating: "1", tasks: "2", alone: "1", jointly: "1" });
    expect(by["市人社局"]).toMatchObject({ cooperating: "1", tasks: "1" });
  });
});
