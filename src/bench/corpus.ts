// The material both benchmarks repeat: the UTF-8 .txt reports bundled in the repo.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");

/** UTF-8 .txt reports bundled in the repo: the material the corpus repeats. */
export function sourceTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".txt")) {
        const t = readFileSync(p);
        try {
          texts.push(new TextDecoder("utf-8", { fatal: true }).decode(t));
        } catch {
          // GB18030 fixtures are skipped: the corpus measures extraction, not decoding.
        }
      }
    }
  };
  walk(join(ROOT, "fixtures"));
  walk(join(ROOT, "samples"));
  return texts.filter((t) => t.length > 200);
}

