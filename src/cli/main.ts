// The command line: one module per subcommand under commands/, registered here.
// Usage errors become one line and a hint (exit 1), never a stack trace.
import { Command, CommanderError } from "commander";
import { UsageError } from "../run/options.js";
import { VERSION } from "../version.js";

export { UsageError };
import { registerCheck } from "./commands/check.js";
import { registerExtract } from "./commands/extract.js";
import { registerReview } from "./commands/review.js";
import { registerSchema } from "./commands/schema.js";
import { registerUnits } from "./commands/units.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("policy-extract")
    .description("Turn Chinese government policy reports into structured, verifiable records.")
    .version(VERSION, "-V, --version")
    .option("--debug", "show stack traces for internal errors")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      outputError: (str, write) => write(str.replace(/^error: /u, "policy-extract: ")),
    })
    .exitOverride();
  program.addHelpText(
    "after",
    `
Examples:
  policy-extract extract reports/ --format csv --bom --out figures.csv
  policy-extract extract report.txt --types metric,date
  cat report.txt | policy-extract extract - > records.jsonl
  policy-extract check fixtures/ --min-f1 0.97 --reporter junit > check.xml
  policy-extract review samples/ --out review.html
  policy-extract units notices/ --bom --out matrix.csv
  policy-extract schema > record.schema.json`,
  );
  registerExtract(program);
  registerCheck(program);
  registerSchema(program);
  registerReview(program);
  registerUnits(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; everything else is a usage error
      return err.exitCode === 0 ? 0 : 1;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`policy-extract: ${err.message}\n(run with --help for usage)\n`);
      return 1;
    }
    const debug = argv.includes("--debug");
    process.stderr.write(`policy-extract: internal error: ${(err as Error).message}\n`);
    if (debug) process.stderr.write(`${(err as Error).stack}\n`);
    return 1;
  }
}
