/** Shared by the reliability tests: main() in-process with captured streams, and temp folders. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll } from 'vitest';
import { main } from '../../src/cli/main';

export const REPO = path.resolve(__dirname, '../..');
export const HOSTILE = path.join(REPO, 'test', 'fixtures', 'hostile');

/** A temp folder for this test file, removed after it. */
export function tempRoot(prefix: string): () => string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  return () => path.join(root, `case-${++n}`);
}

export interface MainResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs main() with captured output, in `cwd` (default: the repository). */
export async function runMain(args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<MainResult> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end(opts.input ?? '');
  const code = await main(args, {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false, columns: 80 },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin,
    env: { ...opts.env },
    cwd: opts.cwd ?? REPO,
  });
  return { code, stdout, stderr };
}
