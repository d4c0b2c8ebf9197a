// The file loop: outcomes in input order, whatever order they finish in. With
// more than one job, files go to a pool of worker threads; at most a window of
// files is in flight, so memory stays bounded however large the corpus (the
// writer consumes each outcome before the next file beyond the window starts).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPatterns } from "../patterns/load.js";
import type { InputFile } from "./discover.js";
import { extractBytes } from "./extract-file.js";
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

export async function* processFiles(files: readonly InputFile[], options: RunOptions): AsyncGenerator<[InputFile, TaskOutcome]> {
  const parallel = options.jobs > 1 && files.filter((f) => f.path !== "-").length > 1;
  if (!parallel) {
    for (const f of files) yield [f, await processOne(f, options)];
    return;
  }
  // Loaded only for multi-file runs, so a single report starts fast.
  const { Piscina } = await import("piscina");
  const pool = new Piscina({
    filename: fileURLToPath(new URL("./worker.js", import.meta.url)),
    maxThreads: options.jobs,
    minThreads: options.jobs,
    idleTimeout: 1000,
  });
  const window = options.jobs * 4;
  const inFlight: Array<Promise<TaskOutcome>> = [];
  const start = (f: InputFile): Promise<TaskOutcome> =>
    f.path === "-"
      ? processOne(f, options)
      : (pool.run({ ...options, path: f.path, doc: f.doc } satisfies WorkerTask) as Promise<TaskOutcome>).catch(
          (err: Error): TaskOutcome => ({ ok: false, error: { file: f.doc, code: "EXTRACT_FAILED", detail: err.message } }),
        );
  try {
    let next = 0;
    for (let i = 0; i < files.length; i++) {
      while (next < files.length && next < i + window) inFlight.push(start(files[next++]!));
      yield [files[i]!, await inFlight.shift()!];
    }
  } finally {
    await pool.destroy();
  }
}
