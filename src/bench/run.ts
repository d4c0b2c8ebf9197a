// `npm run bench`: throughput and memory of `extract` on a corpus built from the
// bundled fixtures and samples, with --jobs 1 and --jobs <cores>, attribution on;
// and the reference peer (Microsoft Recognizers-Text, Chinese: number, percentage,
// currency, datetime) on a 1 MB slice of the same text. Prints figures only: no
// thresholds here, targets are read by people (see README).
//   npm run bench -- --mb 50 [--mb 500] [--peer-mb 1] [--keep]
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";

import { ROOT, sourceTexts } from "./corpus.js";

const BIN = join(ROOT, "bin", "policy-extract.js");

function arg(name: string, fallback: string[]): string[] {
  const out: string[] = [];
  process.argv.forEach((a, i) => {
    if (a === `--${name}` && process.argv[i + 1]) out.push(process.argv[i + 1]!);
  });
  return out.length ? out : fallback;
}

/** Write files of ~64 KB each (several reports concatenated) until `mb` MB. */
function buildCorpus(dir: string, mb: number, texts: string[]): { files: number; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const target = mb * 1024 * 1024;
  let bytes = 0;
  let files = 0;
  let k = 0;
  while (bytes < target) {
    let body = "";
    while (Buffer.byteLength(body) < 64 * 1024) body += `${texts[k++ % texts.length]}\n\n`;
    const name = `r${String(files).padStart(6, "0")}.txt`;
    writeFileSync(join(dir, name), body);
    bytes += Buffer.byteLength(body);
    files++;
  }
  return { files, bytes };
}

interface RunStats {
  files: number;
  chars: number;
  seconds: number;
  peak_rss_mb: number;
  jobs: number;
  sha: string;
}

/** sha256 of a file read in chunks: a 500 MB corpus gives several GB of JSONL. */
function fileHash(path: string): string {
  const hash = createHash("sha256");
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  const fd = openSync(path, "r");
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex").slice(0, 16);
}

function runExtract(corpus: string, jobs: number): RunStats {
  const out = join(corpus, "..", `out-${jobs}.jsonl`);
  const r = spawnSync(process.execPath, [BIN, "extract", corpus, "--jobs", String(jobs), "--quiet", "--stats", "--out", out], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stderr.trim().split("\n").pop() ?? "";
  const stats = JSON.parse(line) as Omit<RunStats, "sha">;
  const sha = fileHash(out);
  rmSync(out, { force: true });
  return { ...stats, sha };
}

async function peer(text: string): Promise<{ chars: number; seconds: number }> {
  const suite = await import("@microsoft/recognizers-text-suite");
  const culture = suite.Culture.Chinese;
  // Recognizers-Text works on short inputs; feed it paragraph by paragraph, as a user would.
  const paragraphs = text.split(/\n+/u).filter((p) => p.trim());
  const t0 = process.hrtime.bigint();
  for (const p of paragraphs) {
    suite.recognizeNumber(p, culture);
    suite.recognizePercentage(p, culture);
    suite.recognizeCurrency(p, culture);
    suite.recognizeDateTime(p, culture);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { chars: paragraphs.reduce((n, p) => n + p.length, 0), seconds };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  const sizes = arg("mb", ["50"]).map(Number);
  const peerMb = Number(arg("peer-mb", ["1"])[0]);
  const cores = availableParallelism();
  const texts = sourceTexts();
  if (!texts.length) throw new Error("no .txt fixtures or samples to build a corpus from");
  const work = mkdtempSync(join(tmpdir(), "policy-extract-bench-"));
  console.log(`policy-extract bench — ${cores} cores, node ${process.version}, corpus from ${texts.length} bundled reports`);
  let perCore = 0;
  try {
    for (const mb of sizes) {
      const corpus = join(work, `corpus-${mb}`);
      const { files, bytes } = buildCorpus(corpus, mb, texts);
      console.log(`\ncorpus ${mb} MB: ${files} files, ${(bytes / 1048576).toFixed(1)} MB`);
      const runs = [1, cores].filter((j, i, a) => a.indexOf(j) === i).map((j) => runExtract(corpus, j));
      for (const s of runs) {
        const cps = s.chars / s.seconds;
        console.log(
          `  --jobs ${s.jobs}: ${s.seconds.toFixed(2)} s wall, ${fmt(cps)} chars/s (${fmt(cps / s.jobs)} per core), ` +
            `${(bytes / 1048576 / s.seconds).toFixed(2)} MB/s, peak RSS ${s.peak_rss_mb.toFixed(0)} MB, output ${s.sha}`,
        );
      }
      const one = runs[0]!;
      perCore = one.chars / one.seconds;
      if (runs.length > 1) {
        const many = runs[runs.length - 1]!;
        console.log(`  speed-up 1 → ${many.jobs} jobs: ${(one.seconds / many.seconds).toFixed(2)}×; outputs identical: ${one.sha === many.sha ? "yes" : "NO"}`);
      }
      rmSync(corpus, { recursive: true, force: true });
    }
    const slice = texts.join("\n\n").repeat(Math.ceil((peerMb * 1048576) / Buffer.byteLength(texts.join("\n\n")))).slice(0, Math.round((peerMb * 1048576) / 3));
    const p = await peer(slice);
    const peerRate = p.chars / p.seconds;
    console.log(`\npeer: Recognizers-Text (zh-cn: number, percentage, currency, datetime) on ${peerMb} MB: ${p.seconds.toFixed(2)} s, ${fmt(peerRate)} chars/s`);
    console.log(`ratio policy-extract (--jobs 1, attribution on) / peer: ${(perCore / peerRate).toFixed(0)}×`);
  } finally {
    if (!process.argv.includes("--keep")) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`bench failed: ${(err as Error).message}`);
  process.exitCode = 1;
});
