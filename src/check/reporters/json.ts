// --reporter json: the whole CheckReport, for scripts and dashboards.
import type { Reporter } from "./index.js";

export const json: Reporter = {
  name: "json",
  description: "the full report as one JSON object",
  render: (report) => `${JSON.stringify({ schema_version: 1, ...report }, null, 2)}\n`,
};
