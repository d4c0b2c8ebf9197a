// The example corpora that sit beside each extractor (`*.corpus.yaml`): sentences
// with the records they must yield (positives) and spans they must not (negatives).
// Expected fields are a subset: a case lists only what it is about.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

const Expected = z.record(z.string(), z.unknown()).and(z.object({ text: z.string() }));

export const CorpusCase = z.object({
  text: z.string(),
  why: z.string().optional(),
  /** Records of the corpus type that must be found, in text order. */
  expect: z.array(Expected).optional(),
  /** Allow records of the corpus type that `expect` does not list. */
  partial: z.boolean().optional(),
  /** Record texts that must not be reported as the corpus type; omitted: none at all. */
  absent: z.array(z.string()).optional(),
});
export type CorpusCase = z.infer<typeof CorpusCase>;

export const Corpus = z.object({
  type: z.enum(["metric", "date", "responsible_unit", "document"]),
  positives: z.array(CorpusCase).default([]),
  negatives: z.array(CorpusCase).default([]),
});
export type Corpus = z.infer<typeof Corpus>;

export function readCorpus(file: string): Corpus {
  return Corpus.parse(parse(readFileSync(file, "utf8")));
}
