// Heap growth for corpus runs. By default V8 lets a heap grow up to four times
// its live size between full collections when a program allocates fast, as
// extraction does; with a worker thread beside the main thread that headroom,
// paid twice, was most of a 2-job run's memory (about 430 MB on the bench corpus,
// where live data is a few tens of MB per thread). Growing by 20% instead keeps
// the heaps near their live size: about 100 MB less per run, at the cost of a
// dozen more mark-compacts (some tens of milliseconds, most of it on V8's
// background threads). The flag is process-wide, so it covers the workers too.
//
// It is set only when every input is report-sized: on one huge file (tens of MB on
// a single line) live data keeps growing, and small growth steps mean many more
// full collections of a big heap (measured 1.5x the CPU on a 50 MB file).
import { statSync } from "node:fs";
import v8 from "node:v8";
import type { InputFile } from "./discover.js";

const HEAP_GROWING_PERCENT = 20;
/** Larger inputs keep V8's default growth (see above). */
const REPORT_SIZED_BYTES = 16 * 1024 * 1024;

/** Whether the run is a corpus (two or more files) whose every file is report-sized. */
export function isCorpusOfReports(files: readonly InputFile[], maxBytes = REPORT_SIZED_BYTES): boolean {
  if (files.length < 2) return false;
  for (const f of files) {
    if (f.path === "-") return false;
    try {
      if (statSync(f.path).size > maxBytes) return false;
    } catch {
      // Unreadable files are reported when they are read; they allocate nothing.
    }
  }
  return true;
}

let applied = false;

/** Applies the smaller heap growth, once per process, when the run is a corpus of report-sized files. */
export function limitHeapGrowthForCorpus(files: readonly InputFile[]): void {
  if (applied || !isCorpusOfReports(files)) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  applied = true;
}
