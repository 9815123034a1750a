/** The shape every `ferry <command>` module exports; src/cli/main.ts dispatches to them. */

export interface CliIo {
  /** Standard output: results (exactly one JSON document with --json). */
  out: NodeJS.WritableStream;
  /** Standard error: progress and human messages. */
  err: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface Command {
  name: string;
  /** One line for `ferry --help`. */
  summary: string;
  /** Usage text shown by `ferry <command> --help` and on a usage error. */
  usage: string;
  /** Returns the process exit code: 0 ok, 1 failed, 2 bad usage or configuration. */
  run(argv: string[], io: CliIo): Promise<number>;
}
