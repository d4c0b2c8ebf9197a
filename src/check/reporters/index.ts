// The reporters of `check`, one tiny module each, looked up by --reporter name.
// A reporter turns a CheckReport into the text written to stdout; it decides
// nothing about passing or failing.
import type { CheckReport } from "../types.js";
import { github } from "./github.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import { text } from "./text.js";

export interface ReporterOptions {
  /** Colour output (text reporter, only when stdout is a terminal). */
  color: boolean;
}

export interface Reporter {
  name: string;
  description: string;
  render(report: CheckReport, options: ReporterOptions): string;
}

export const REPORTERS: Readonly<Record<string, Reporter>> = Object.fromEntries(
  [text, json, junit, github].map((r) => [r.name, r]),
);

export function reporterNames(): string[] {
  return Object.keys(REPORTERS);
}
