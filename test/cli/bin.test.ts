/**
 * The built launcher, spawned for real (kept to a few runs: they cost a process each).
 * Needs `npm run build` first, as `npm test` and CI do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin', 'webinfra-learn.js');
const home = mkdtempSync(path.join(os.tmpdir(), 'wl-bin-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function spawnBin(args: string[], input = '') {
  const env: NodeJS.ProcessEnv = { ...process.env, WEBINFRA_LEARN_HOME: home };
  delete env.CI;
  return spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', env, timeout: 20_000 });
}

describe('the built bundle', () => {
  beforeAll(() => {
    if (!existsSync(path.join(repo, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build first');
  });

  it('answers --version and --help', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const v = spawnBin(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(`${pkg.version}\n`);
    const h = spawnBin(['--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain(path.join(home, 'progress.json'));
  });

  it('with stdin and stdout piped: explains, prints the outline, exits 0, no stack trace', () => {
    const r = spawnBin([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('needs an interactive terminal');
    expect(r.stdout).toMatch(/1\.1\s+\S+/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a reader that closes the pipe early (| head) gets no stack trace', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WEBINFRA_LEARN_HOME: home };
    delete env.CI;
    const child = spawn(process.execPath, [bin, 'list'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // closed before the first write: that write fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  });

  it('an unknown flag exits 2 with the usage line', () => {
    const r = spawnBin(['--nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: webinfra-learn');
  });

  it('--help and --version load no Ink, React, yaml or zod (static imports of the entry)', () => {
    const meta = JSON.parse(readFileSync(path.join(repo, '.build', 'meta.json'), 'utf8')) as {
      outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
    };
    const seen = new Set<string>();
    const walk = (file: string): void => {
      if (seen.has(file) || !meta.outputs[file]) return;
      seen.add(file);
      for (const i of meta.outputs[file].imports) if (i.kind !== 'dynamic-import') walk(i.path);
    };
    walk('dist/cli.js');
    const inputs = [...seen].flatMap((f) => Object.keys(meta.outputs[f]?.inputs ?? {}));
    expect(inputs.filter((i) => /node_modules\/(ink|react|yaml|zod|marked)\//.test(i))).toEqual([]);
    expect(inputs.some((i) => i.endsWith('src/cli/main.ts'))).toBe(true);
  });
});
