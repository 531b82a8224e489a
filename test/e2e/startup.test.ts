/**
 * Start-up as designed (scripts/bench/startup.mjs measures its speed): V8's code cache
 * for the bundle is written, used, rebuilt when damaged and never a reason to fail;
 * nothing but the UI is evaluated before the course map is drawn; and the fast
 * segmenter the bundle gives string-width & co. never changes a width (titles in CJK,
 * emoji, combining marks, flags).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT, assertBuilt, childEnv, launch, tempHome } from './pty';

interface Trace {
  marks: [string, number][];
  loaded: string[];
  cache: string;
}

const homes: string[] = [];
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});
const home = (): string => {
  const h = tempHome();
  homes.push(h);
  return h;
};

/** Runs `webinfra-learn list` (no terminal needed) and returns its start-up trace. */
function listRun(h: string, extra: Record<string, string> = {}): Trace {
  const profile = path.join(h, 'trace.json');
  rmSync(profile, { force: true });
  const r = spawnSync(process.execPath, [BIN, 'list'], {
    encoding: 'utf8',
    env: childEnv(h, { WEBINFRA_LEARN_CODE_CACHE: '1', WEBINFRA_LEARN_PROFILE: profile, ...extra }),
    timeout: 30_000,
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Simple web stack');
  return JSON.parse(readFileSync(profile, 'utf8')) as Trace;
}

const cacheFiles = (h: string): string[] =>
  existsSync(path.join(h, 'cache')) ? readdirSync(path.join(h, 'cache')).filter((f) => f.endsWith('.v8')) : [];

describe('the code cache', () => {
  it('is written by the first run, used by the next, and rebuilt when damaged', () => {
    assertBuilt();
    const h = home();
    expect(listRun(h).cache).toBe('absent');
    const files = cacheFiles(h);
    expect(files).toHaveLength(1);
    // Keyed by this build's hash, V8's version and the CPU.
    const buildId = /webinfra-learn-build=([0-9a-f]{16})/.exec(readFileSync(path.join(ROOT, 'dist', 'cli.cjs'), 'utf8').slice(-80))![1];
    expect(files[0]).toContain(buildId);
    expect(files[0]).toContain(process.versions.v8);
    expect(listRun(h).cache).toBe('used');

    const file = path.join(h, 'cache', files[0]!);
    writeFileSync(file, Buffer.alloc(4096, 7)); // damaged
    expect(listRun(h).cache).toBe('rejected');
    expect(listRun(h).cache).toBe('used'); // rebuilt at the end of the previous run
  });

  it('removes the caches of other builds when it writes its own', () => {
    const h = home();
    mkdirSync(path.join(h, 'cache'), { recursive: true });
    const old = path.join(h, 'cache', 'code-0000000000000000-v8-1.0-x64.v8');
    writeFileSync(old, 'old build');
    listRun(h);
    expect(existsSync(old)).toBe(false);
    expect(cacheFiles(h)).toHaveLength(1);
  });

  it('is never a reason to fail: an unwritable cache folder, a folder in its place, or switched off', () => {
    const h = home();
    writeFileSync(path.join(h, 'cache'), 'a file where the folder should be');
    expect(listRun(h).cache).toBe('absent');
    expect(listRun(h).cache).toBe('absent');

    const h2 = home();
    const id = /webinfra-learn-build=([0-9a-f]{16})/.exec(readFileSync(path.join(ROOT, 'dist', 'cli.cjs'), 'utf8').slice(-80))![1];
    const target = path.join(h2, 'cache', `code-${id}-v8-${process.versions.v8}-${process.arch}.v8`);
    mkdirSync(target, { recursive: true }); // a directory where the cache file should be
    expect(listRun(h2).cache).toBe('absent');

    const h3 = home();
    expect(listRun(h3, { WEBINFRA_LEARN_CODE_CACHE: '0' }).cache).toBe('off');
    expect(cacheFiles(h3)).toEqual([]);
  });
});

/** Starts the course at 80×24, waits for the first frame and returns its output and trace. */
async function firstFrame(args: string[], h: string): Promise<{ output: string; trace: Trace }> {
  const profile = path.join(h, 'first-frame.json');
  const app = launch(args, { home: h, env: { WEBINFRA_LEARN_CODE_CACHE: '1', WEBINFRA_LEARN_PROFILE: profile, WEBINFRA_LEARN_PROFILE_EXIT: '1' } });
  try {
    expect(await app.exited(30_000)).toBe(0);
    return { output: app.output(), trace: JSON.parse(readFileSync(profile, 'utf8')) as Trace };
  } finally {
    app.dispose();
  }
}

describe('the path to the first frame', () => {
  it('evaluates the UI only: no simulator, diagram, Markdown, YAML or zod before the course map', async () => {
    const h = home();
    const { output, trace } = await firstFrame([], h);
    expect(stripAnsi(output)).toContain('lessons done');
    expect(trace.loaded).toEqual(['ui']);
    const marks = trace.marks.map(([m]) => m);
    expect(marks).toEqual(['launcher', 'bundle compiled', 'bundle evaluated', 'course read', 'ui module ready', 'ui loaded', 'progress read', 'first frame']);
    // Each mark comes after the one before it.
    const times = trace.marks.map(([, t]) => t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('draws wide titles (CJK, emoji, combining marks, flags) with the widths string-width gives them', async () => {
    const h = home();
    const { output } = await firstFrame(['--course', path.join(ROOT, 'test', 'fixtures', 'wide-course')], h);
    // The map right-aligns each lesson's minutes: with the real string-width (the
    // test's own, which uses Intl.Segmenter), every lesson row must be equally wide.
    const rows = stripAnsi(output)
      .split(/\r?\n/)
      .map((l) => l.replace(/\s+$/, ''))
      .filter((l) => /\d min$/.test(l));
    expect(rows.length).toBe(5);
    expect(rows.some((r) => r.includes('负载均衡器'))).toBe(true);
    expect(rows.some((r) => r.includes('👩\u200d💻'))).toBe(true);
    const widths = rows.map((r) => stringWidth(r));
    expect(new Set(widths).size).toBe(1);
  });
});
