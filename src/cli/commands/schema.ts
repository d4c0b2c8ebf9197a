// `policy-extract schema`: the JSON Schema of one output record, generated from the
// zod schema every record is validated against.
import type { Command } from "commander";
import { recordJsonSchema, SCHEMA_VERSION } from "../../records.js";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of an output record")
    .action(() => {
      const schema = { $id: `policy-extract/record/v${SCHEMA_VERSION}`, ...(recordJsonSchema() as object) };
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
