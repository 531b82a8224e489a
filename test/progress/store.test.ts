import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { FileProgressStore } from '../../src/progress/store';
import { progressPath } from '../../src/progress/paths';
import { completeLesson, recordQuizAnswer, reachStep } from '../../src/progress/progress';
import { emptyProgress } from '../../src/progress/types';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => {
  const dir = path.join(tmp, `case-${++n}`);
  mkdirSync(dir);
  return dir;
};
const asideFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('progress.json.corrupt-'));

describe('where progress lives', () => {
  it('honours WEBINFRA_LEARN_HOME', () => {
    expect(progressPath({ WEBINFRA_LEARN_HOME: '/x/y' })).toBe(path.resolve('/x/y/progress.json'));
  });

  it('otherwise uses the platform config folder, named after the app', () => {
    const p = progressPath({});
    expect(path.basename(p)).toBe('progress.json');
    expect(path.basename(path.dirname(p))).toBe('webinfra-learn');
  });
});

describe('FileProgressStore', () => {
  it('round-trips progress and creates missing folders', () => {
    const file = path.join(fresh(), 'deep', 'er', 'progress.json');
    const store = new FileProgressStore(file);
    expect(store.load()).toEqual({ progress: emptyProgress() });
    let p = reachStep(emptyProgress(), 'one-server', 3);
    p = recordQuizAnswer(p, 'one-server#q1', false);
    p = completeLesson(p, 'one-server');
    store.save(p);
    expect(store.saveError).toBeUndefined();
    expect(new FileProgressStore(file).load()).toEqual({ progress: p });
    // no temp files left behind
    expect(readdirSync(path.dirname(file))).toEqual(['progress.json']);
  });

  it('moves a corrupt file aside, says so once, and starts fresh', () => {
    const dir = fresh();
    const file = path.join(dir, 'progress.json');
    writeFileSync(file, '{"version":1,"completed":["a"');
    const first = new FileProgressStore(file).load();
    expect(first.progress).toEqual(emptyProgress());
    expect(first.notice).toMatch(/damaged \(not valid JSON\)\. It was moved to .*progress\.json\.corrupt-/);
    const aside = asideFiles(dir);
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0] ?? ''), 'utf8')).toBe('{"version":1,"completed":["a"');
    expect(new FileProgressStore(file).load().notice).toBeUndefined();
  });

  it('treats a wrong shape as damaged and names the field', () => {
    const dir = fresh();
    const file = path.join(dir, 'progress.json');
    writeFileSync(file, JSON.stringify({ ...emptyProgress(), furthest: { a: -1 } }));
    const r = new FileProgressStore(file).load();
    expect(r.notice).toContain('furthest.a');
    expect(asideFiles(dir)).toHaveLength(1);
  });

  it('moves aside a file of an unknown format version but not a newer one', () => {
    const dir = fresh();
    const file = path.join(dir, 'progress.json');
    writeFileSync(file, JSON.stringify({ hello: 'world' }));
    expect(new FileProgressStore(file).load().notice).toContain("no 'version'");
    expect(asideFiles(dir)).toHaveLength(1);

    const newer = JSON.stringify({ version: 2, stuff: true });
    writeFileSync(file, newer);
    const store = new FileProgressStore(file);
    expect(store.load().notice).toContain('newer webinfra-learn');
    store.save(completeLesson(emptyProgress(), 'x'));
    expect(store.saveError).toContain('newer');
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('handles an unreadable path (a folder where the file should be)', () => {
    const dir = fresh();
    const file = path.join(dir, 'progress.json');
    mkdirSync(file);
    const r = new FileProgressStore(file).load();
    expect(r.progress).toEqual(emptyProgress());
    expect(r.notice).toContain('could not be read');
    expect(existsSync(file)).toBe(false);
    expect(asideFiles(dir)).toHaveLength(1);
  });

  it('reports a failed save instead of throwing, and recovers', () => {
    const dir = fresh();
    writeFileSync(path.join(dir, 'blocker'), '');
    const store = new FileProgressStore(path.join(dir, 'blocker', 'progress.json'));
    expect(() => store.save(emptyProgress())).not.toThrow();
    expect(store.saveError).toMatch(/^progress not saved: a file is in the way of the folder, .*blocker/);
    const ok = new FileProgressStore(path.join(dir, 'progress.json'));
    ok.save(emptyProgress());
    expect(ok.saveError).toBeUndefined();
  });

  it('keeps the file whole under concurrent saves from several processes', async () => {
    const dir = fresh();
    const file = path.join(dir, 'progress.json');
    const script = path.join(dir, 'writer.mjs');
    await build({
      stdin: {
        contents: `
          import { FileProgressStore } from ${JSON.stringify(path.resolve(__dirname, '../../src/progress/store.ts'))};
          import { recordQuizAnswer } from ${JSON.stringify(path.resolve(__dirname, '../../src/progress/progress.ts'))};
          import { emptyProgress } from ${JSON.stringify(path.resolve(__dirname, '../../src/progress/types.ts'))};
          const [file, who] = process.argv.slice(2);
          const store = new FileProgressStore(file);
          let p = emptyProgress();
          // Big enough that a torn write would be visible.
          for (let i = 0; i < 300; i++) p = recordQuizAnswer(p, who + '-question-' + i + '-'.repeat(40), i % 2 === 0);
          for (let i = 0; i < 40; i++) {
            store.save(p);
            if (store.saveError) { console.error(store.saveError); process.exit(1); }
          }
        `,
        resolveDir: dir,
        loader: 'ts',
      },
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: script,
      logLevel: 'silent',
      nodePaths: [path.resolve(__dirname, '../../node_modules')],
    });
    const run = (who: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [script, file, who], { stdio: ['ignore', 'ignore', 'inherit'] });
        child.on('exit', (code) => resolve(code ?? 1));
      });
    // Read the file while the writers run: every read must parse.
    let reads = 0;
    let torn = 0;
    const writers = Promise.all(['a', 'b', 'c', 'd'].map(run));
    let done = false;
    void writers.then(() => (done = true));
    while (!done) {
      try {
        JSON.parse(readFileSync(file, 'utf8'));
        reads++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') torn++;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await writers).toEqual([0, 0, 0, 0]);
    expect(torn).toBe(0);
    const final = new FileProgressStore(file).load();
    expect(final.notice).toBeUndefined();
    expect(Object.keys(final.progress.quizzes)).toHaveLength(300);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(reads).toBeGreaterThan(0);
  }, 30_000);
});
