// `npm run bench:stages`: CPU time of each pipeline stage, in-process, on the
// bundled reports repeated to the size asked (default 5 MB). CPU time rather than
// wall time so that figures stay comparable on a busy machine. Also prints a hash
// of the records produced, so a speed change can be shown not to change output.
//   npm run bench:stages -- [--mb 5] [--no-attribution] [--validate]
import { createHash } from "node:crypto";
import { loadPatterns } from "../patterns/load.js";
import { processDocument, type PipelineOptions, type StageTimes } from "../pipeline.js";
import { RECORD_TYPES } from "../records.js";
import { sourceTexts } from "./corpus.js";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

function main(): void {
  const mb = Number(option("mb", "5"));
  const texts = sourceTexts();
  const times: StageTimes = {};
  const options: PipelineOptions = {
    types: new Set(RECORD_TYPES),
    attribution: !process.argv.includes("--no-attribution"),
    explain: false,
    // As `extract` runs: the per-record schema parse only with --validate.
    validate: process.argv.includes("--validate"),
    patterns: loadPatterns(),
  };
  // One untimed pass: compiles patterns, loads the segmentation dictionary, warms the JIT.
  texts.forEach((text, i) => processDocument({ doc: `warm${i}`, text, encoding: "utf-8", format: "txt" }, options));

  // One hash per record type, so a change to one extractor can be checked on its own output.
  const hashes = new Map(RECORD_TYPES.map((t) => [t, createHash("sha256")]));
  const budget = mb * 1024 * 1024;
  let bytes = 0;
  let chars = 0;
  let records = 0;
  const began = process.cpuUsage();
  for (let k = 0; bytes < budget; k++) {
    const text = texts[k % texts.length]!;
    const result = processDocument({ doc: `r${k}`, text, encoding: "utf-8", format: "txt" }, { ...options, stageTimes: times });
    for (const r of [result.document, ...result.records]) hashes.get(r.type)!.update(`${JSON.stringify(r)}\n`);
    records += result.records.length;
    bytes += Buffer.byteLength(text);
    chars += result.document.chars;
  }
  const used = process.cpuUsage(began);
  const totalMs = (used.user + used.system) / 1000;
  const staged = Object.values(times).reduce((a, b) => a + b, 0);
  const rate = (ms: number) => Math.round(chars / (ms / 1000)).toLocaleString("en-US");
  console.log(`${(bytes / 1048576).toFixed(1)} MB, ${chars.toLocaleString("en-US")} chars, ${records.toLocaleString("en-US")} records`);
  for (const [name, ms] of Object.entries(times).sort((a, b) => b[1] - a[1])) {
    console.log(`  ${name.padEnd(18)} ${ms.toFixed(0).padStart(7)} ms CPU  ${rate(ms).padStart(12)} chars/s`);
  }
  console.log(`  ${"(hashing, other)".padEnd(18)} ${(totalMs - staged).toFixed(0).padStart(7)} ms CPU`);
  console.log(`  ${"total".padEnd(18)} ${totalMs.toFixed(0).padStart(7)} ms CPU  ${rate(totalMs).padStart(12)} chars/s`);
  console.log(`records sha256 ${[...hashes].map(([t, h]) => `${t} ${h.digest("hex").slice(0, 12)}`).join(", ")}`);
}

main();
