// Worker-thread entry: one file in, one FileOutcome out. Patterns and the
// segmentation dictionary are loaded once per worker and kept for its lifetime.
import { loadPatterns } from "../patterns/load.js";
import type { RecordType } from "../records.js";
import { extractFile, type FileOutcome } from "./extract-file.js";

export interface WorkerTask {
  path: string;
  doc: string;
  types: RecordType[];
  attribution: boolean;
  explain: boolean;
  patternDirs: string[];
  encoding: "auto" | "utf8" | "gb18030";
  maxBytes: number;
}

export default async function run(task: WorkerTask): Promise<FileOutcome> {
  return extractFile(
    task.path,
    task.doc,
    {
      types: new Set(task.types),
      attribution: task.attribution,
      explain: task.explain,
      patterns: loadPatterns(task.patternDirs),
    },
    { encoding: task.encoding, maxBytes: task.maxBytes },
  );
}
