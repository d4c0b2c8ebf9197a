// Reading annotations: expected.jsonl of a fixture, a corpus gold file (records
// carry `doc`), and negatives files (spans that must not become metric or date
// records). Every problem names the file and line, and makes the fixture unreadable.
import { z } from "zod";
import { RECORD_TYPES } from "../records.js";
import { lastAtOrBefore } from "../text/line-index.js";
import type { ExpectedRecord, NegativeSpan } from "./types.js";

const Offset = z.number().int().nonnegative();

const ExpectedLine = z.looseObject({
  type: z.enum(RECORD_TYPES as [string, ...string[]]),
  start: Offset.optional(),
  end: Offset.optional(),
  text: z.string().optional(),
  sentence: z.string().optional(),
  optional: z.boolean().optional(),
  note: z.string().optional(),
  doc: z.string().optional(),
});

const NegativeLine = z.looseObject({
  doc: z.string().optional(),
  text: z.string().optional(),
  start: Offset,
  end: Offset,
  why: z.string().optional(),
});

export interface ParseError {
  line: number;
  message: string;
}

export interface Parsed<T> {
  items: T[];
  errors: ParseError[];
}

function parseLines<S extends z.ZodTypeAny>(
  content: string,
  file: string,
  schema: S,
  each: (value: z.infer<S>, where: string, fail: (message: string) => void) => void,
): ParseError[] {
  const errors: ParseError[] = [];
  content.replace(/^\uFEFF/u, "").split(/\r?\n/u).forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    const fail = (message: string) => errors.push({ line: i + 1, message });
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (err) {
      fail(`invalid JSON (${(err as Error).message})`);
      return;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.length ? `${issue.path.join(".")}: ` : "";
      fail(`${path}${issue?.message ?? "invalid record"}`);
      return;
    }
    each(parsed.data, where, fail);
  });
  return errors;
}

/** Expected records; `needDoc` for a corpus gold file, where each names its document. */
export function parseExpected(content: string, file: string, needDoc: boolean): Parsed<ExpectedRecord> {
  const items: ExpectedRecord[] = [];
  const errors = parseLines(content, file, ExpectedLine, (r, where, fail) => {
    const type = r.type as ExpectedRecord["type"];
    if (type !== "document" && (r.start === undefined || r.end === undefined)) {
      fail(`a ${type} record needs integer start and end`);
      return;
    }
    if (r.start !== undefined && r.end !== undefined && r.end <= r.start) {
      fail(`end must be greater than start`);
      return;
    }
    if (needDoc && !r.doc) {
      fail(`a record in a corpus file needs "doc" (the path relative to the folder)`);
      return;
    }
    items.push({
      type,
      start: r.start,
      end: r.end,
      text: r.text,
      sentence: r.sentence,
      optional: r.optional === true,
      note: r.note,
      doc: r.doc,
      source: where,
      raw: r as Record<string, unknown>,
    });
  });
  return { items, errors };
}

export function parseNegatives(content: string, file: string, needDoc: boolean): Parsed<NegativeSpan> {
  const items: NegativeSpan[] = [];
  const errors = parseLines(content, file, NegativeLine, (r, where, fail) => {
    if (r.end <= r.start) {
      fail(`end must be greater than start`);
      return;
    }
    if (needDoc && !r.doc) {
      fail(`a negative span in a corpus file needs "doc"`);
      return;
    }
    items.push({ doc: r.doc, text: r.text, start: r.start, end: r.end, why: r.why, source: where });
  });
  return { items, errors };
}

/**
 * The original text of a report addressed by code point offsets (SPEC §2): slices,
 * 1-based lines and the text of a line, for messages about expected records.
 */
export class DocText {
  private readonly chars: string[];
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    this.chars = Array.from(text);
    for (let i = 0; i < this.chars.length; i++) {
      const c = this.chars[i]!;
      if (c === "\r" && this.chars[i + 1] === "\n") continue;
      if (c === "\n" || c === "\r") this.lineStarts.push(i + 1);
    }
  }

  get length(): number {
    return this.chars.length;
  }

  slice(start: number, end: number): string {
    return this.chars.slice(start, end).join("");
  }

  private lineIndex(cp: number): number {
    return lastAtOrBefore(this.lineStarts, cp);
  }

  line(cp: number): number {
    return this.lineIndex(cp) + 1;
  }

  /** The line holding `cp`, trimmed, shortened around the span when long. */
  context(start: number, end: number, width = 60): string {
    const idx = this.lineIndex(start);
    const from = this.lineStarts[idx]!;
    let to = idx + 1 < this.lineStarts.length ? this.lineStarts[idx + 1]! : this.chars.length;
    while (to > from && /[\r\n]/u.test(this.chars[to - 1]!)) to--;
    const lo = Math.max(from, start - width);
    const hi = Math.min(to, Math.max(end, start) + width);
    return `${lo > from ? "…" : ""}${this.slice(lo, hi).trim()}${hi < to ? "…" : ""}`;
  }
}
