// Where output goes. A file is written under a temporary name beside it and
// renamed when complete, so an interrupted run never leaves a half-written file.
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export interface Sink {
  write(chunk: string): void;
  /** Complete the output (rename into place). */
  commit(): void;
  /** Drop a partial output (remove the temporary file). */
  abort(): void;
}

/** A non-blocking stdout (a pipe under some shells) may refuse part of a write: retry. */
function writeAll(chunk: string): void {
  const buf = Buffer.from(chunk);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
    }
  }
}

export function stdoutSink(): Sink {
  return {
    write: (chunk) => {
      if (!chunk) return;
      try {
        writeSync(1, chunk);
      } catch (err) {
        // "| head": the reader has gone; stop quietly like other Unix tools.
        if ((err as NodeJS.ErrnoException).code === "EPIPE") process.exit(0);
        if ((err as NodeJS.ErrnoException).code === "EAGAIN") return writeAll(chunk);
        throw err;
      }
    },
    commit: () => {},
    abort: () => {},
  };
}

const pending = new Set<string>();

// Installed only while a temporary output file exists, so a library user (or a
// test runner) keeps its own signal handling the rest of the time.
function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  process.stderr.write(`policy-extract: interrupted (${signal}); no output file written\n`);
  process.exit(130);
}

function hookSignals(): void {
  if (pending.size !== 1) return;
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function unhookSignals(): void {
  if (pending.size > 0) return;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

export function fileSink(target: string): Sink {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  const fd = openSync(tmp, "w");
  pending.add(tmp);
  hookSignals();
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
    pending.delete(tmp);
    unhookSignals();
  };
  return {
    write: (chunk) => {
      if (chunk) writeSync(fd, chunk);
    },
    commit: () => {
      close();
      renameSync(tmp, target);
    },
    abort: () => {
      close();
      rmSync(tmp, { force: true });
    },
  };
}
