// The output contract (SPEC schema v1) as zod schemas. Every record is parsed
// through these before a writer sees it, and `policy-extract schema` prints the
// JSON Schema generated from the same objects, so the two cannot drift apart.
import { z } from "zod";

export const SCHEMA_VERSION = 1;

const Common = {
  doc: z.string().describe("document path as given, POSIX separators; '-' for stdin"),
  text: z.string().describe("exact source substring [start, end) in code points"),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  line: z.number().int().positive().describe("1-based line of start"),
  sentence: z.string(),
  section: z.array(z.string()),
  rule: z.string().optional().describe("id of the rule that produced the record (--explain)"),
};

export const MetricCategory = z.enum([
  "money", "people", "visits", "count", "percent", "permille", "percentage_point",
  "rate", "multiple", "age", "duration", "area", "other",
]);
export const Qualifier = z.enum(["approx", "over", "at_least", "at_most", "under"]);
export const MetricRole = z.enum(["level", "increase", "decrease", "target", "from", "to"]);

export const MetricRecord = z.object({
  type: z.literal("metric"),
  ...Common,
  value: z.number(),
  value_max: z.number().nullable(),
  number: z.string(),
  multiplier: z.number(),
  unit: z.string(),
  category: MetricCategory,
  qualifier: Qualifier.nullable(),
  indicator: z.string().nullable(),
  subject: z.string().nullable(),
  year: z.number().int().nullable(),
  time: z.string().nullable(),
  role: MetricRole,
  per: z.string().nullable(),
});

export const DateRecord = z.object({
  type: z.literal("date"),
  ...Common,
  date: z.string().describe("ISO 8601 as precise as the text, or --MM / --MM-DD without a year"),
  date_end: z.string().nullable(),
  granularity: z.enum(["year", "half", "quarter", "month", "day"]),
  part: z.enum(["start", "end", "first_half", "second_half"]).nullable(),
  role: z.enum(["point", "range", "deadline", "since"]),
});

export const TaskRef = z.object({ number: z.string().nullable(), title: z.string().nullable() });

export const ResponsibleUnitRecord = z.object({
  type: z.literal("responsible_unit"),
  ...Common,
  name: z.string(),
  role: z.enum(["responsible", "lead", "cooperating"]),
  task: TaskRef.nullable(),
  position: z.number().int().positive(),
});

export const CitedDocument = z.object({ title: z.string(), doc_number: z.string().nullable() });

export const DocumentRecord = z.object({
  type: z.literal("document"),
  ...Common,
  title: z.string().nullable(),
  /** Not in SPEC §6: the dash line under a title ("——在…会议上的讲话"), kept apart from it. */
  subtitle: z.string().nullable(),
  doc_number: z.string().nullable(),
  issuer: z.string().nullable(),
  issued: z.string().nullable(),
  printed: z.string().nullable(),
  issue: z.string().nullable(),
  addressees: z.array(z.string()),
  cites: z.array(CitedDocument),
  encoding: z.string(),
  format: z.enum(["txt", "docx", "pdf", "html"]),
  chars: z.number().int().nonnegative(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
});

export const AnyRecord = z.discriminatedUnion("type", [
  MetricRecord, DateRecord, ResponsibleUnitRecord, DocumentRecord,
]);

export type MetricRecord = z.infer<typeof MetricRecord>;
export type DateRecord = z.infer<typeof DateRecord>;
export type ResponsibleUnitRecord = z.infer<typeof ResponsibleUnitRecord>;
export type DocumentRecord = z.infer<typeof DocumentRecord>;
export type AnyRecord = z.infer<typeof AnyRecord>;
export type RecordType = AnyRecord["type"];
export const RECORD_TYPES: readonly RecordType[] = ["document", "metric", "date", "responsible_unit"];

/** JSON Schema of one output record, generated from the zod schema above. */
export function recordJsonSchema(): unknown {
  return z.toJSONSchema(AnyRecord, { target: "draft-2020-12" });
}
