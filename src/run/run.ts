// The file loop: outcomes in input order, whatever order they finish in. With
// more than one job, the main thread is one of them: a pool of jobs - 1 worker
// threads takes files, and the main thread extracts a file itself whenever every
// worker already has work queued. (A pool of `jobs` workers left the main thread
// mostly idle yet competing for the same cores, and paid one more copy of the
// heap, patterns and segmentation dictionary.) At most a window of files is in
// flight, so memory stays bounded however large the corpus (the writer consumes
// each outcome before the next file beyond the window starts).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPatterns } from "../patterns/load.js";
import type { InputFile } from "./discover.js";
import { extractBytes } from "./extract-file.js";
import { limitHeapGrowthForCorpus } from "./heap.js";
import workerRun, { render, type TaskOutcome, type WorkerTask } from "./worker.js";

export interface RunOptions extends Omit<WorkerTask, "path" | "doc"> {
  jobs: number;
}

function readStdin(): Uint8Array {
  try {
    return readFileSync(0);
  } catch {
    return new Uint8Array();
  }
}

async function processOne(file: InputFile, options: RunOptions): Promise<TaskOutcome> {
  if (file.path === "-") {
    const outcome = await extractBytes("-", readStdin(), "txt", {
      types: new Set(options.types),
      attribution: options.attribution,
      explain: options.explain,
      validate: options.validate,
      patterns: loadPatterns(options.patternDirs),
    }, { encoding: options.encoding, maxBytes: options.maxBytes });
    if (!outcome.ok) return outcome;
    return { ok: true, result: outcome.result, rendered: options.render ? render(outcome.result, options.render) : null };
  }
  return workerRun({ ...options, path: file.path, doc: file.doc });
}

const failed = (f: InputFile, err: Error): TaskOutcome => ({ ok: false, error: { file: f.doc, code: "EXTRACT_FAILED", detail: err.message } });

export async function* processFiles(files: readonly InputFile[], options: RunOptions): AsyncGenerator<[InputFile, TaskOutcome]> {
  limitHeapGrowthForCorpus(files);
  const parallel = options.jobs > 1 && files.filter((f) => f.path !== "-").length > 1;
  if (!parallel) {
    for (const f of files) yield [f, await processOne(f, options)];
    return;
  }
  // Loaded only for multi-file runs, so a single report starts fast.
  const { Piscina } = await import("piscina");
  const workers = options.jobs - 1;
  const pool = new Piscina({
    filename: fileURLToPath(new URL("./worker.js", import.meta.url)),
    maxThreads: workers,
    minThreads: workers,
    idleTimeout: 1000,
  });
  // Two files queued per worker keep it busy while the main thread extracts one.
  const queuedPerWorker = 2;
  const window = options.jobs * 8;
  const inFlight: Array<Promise<TaskOutcome>> = [];
  let atPool = 0;
  const toPool = (f: InputFile): Promise<TaskOutcome> => {
    atPool++;
    return (pool.run({ ...options, path: f.path, doc: f.doc } satisfies WorkerTask) as Promise<TaskOutcome>)
      .catch((err: Error) => failed(f, err))
      .finally(() => atPool--);
  };
  try {
    let next = 0;
    for (let i = 0; i < files.length; i++) {
      while (next < files.length && next < i + window) {
        const f = files[next++]!;
        if (f.path !== "-" && atPool < workers * queuedPerWorker) inFlight.push(toPool(f));
        else inFlight.push(Promise.resolve(await processOne(f, options).catch((err: Error) => failed(f, err))));
      }
      yield [files[i]!, await inFlight.shift()!];
    }
  } finally {
    await pool.destroy();
  }
}
