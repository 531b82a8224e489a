/** The streams and environment a command uses; the process's by default, fakes in tests. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: unknown };
  env: NodeJS.ProcessEnv;
  /** Folder that relative paths and problem locations are taken from (default: process.cwd()). */
  cwd?: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** A user mistake on the command line: message + usage line, exit code 2. */
export class UsageError extends Error {}
