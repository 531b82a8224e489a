/**
 * Issue 10 in a real terminal: a failed save is shown in the frame and again on
 * exit (exit 1); an import while the course runs is not overwritten by it;
 * DEV=true does not break start-up; SIGTERM and SIGHUP during the
 * live view give the terminal back; a lesson with a 1 MB line opens and quits.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_COURSE, KEY, assertBuilt, launch, runPiped, type PtyApp } from './pty';

let apps: PtyApp[] = [];
const start = (args: string[], opts: Parameters<typeof launch>[1] = {}): PtyApp => {
  const app = launch(args, opts);
  apps.push(app);
  return app;
};
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-e2e-rel-'));
beforeAll(() => assertBuilt());
afterEach(() => {
  for (const app of apps) app.dispose();
  apps = [];
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('item 1: a failed save is never silent', () => {
  it('shows "progress not saved" in the frame at once, and again on exit with code 1', async () => {
    // A file where the progress folder should be: every save fails.
    const blocker = path.join(tmp, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const home = path.join(blocker, 'home');
    const app = start(['--course', FIXTURE_COURSE], { home, env: { WEBINFRA_LEARN_HOME: home } });
    await app.waitFor('lessons done');
    await app.press(KEY.enter);
    const frame = await app.waitFor('progress not saved');
    expect(frame.split('\n').find((l) => l.includes('progress not saved'))).toMatch(/progress not saved: a file is in the way/);
    await app.press('q');
    expect(await app.exited()).toBe(1);
    const after = await app.waitFor(`webinfra-learn: progress not saved: a file is in the way of the folder, ${path.join(home, 'progress.json')}`.slice(0, 70));
    expect(after).toContain('webinfra-learn: progress not saved: a file is in the way of the folder');
  });
});

describe('item 4: progress import while the course runs', () => {
  it('keeps both the imported progress and what the running copy saves afterwards', async () => {
    const home = path.join(tmp, 'shared-home');
    mkdirSync(home, { recursive: true });
    const app = start(['--course', FIXTURE_COURSE], { home });
    await app.waitFor('lessons done');
    await app.press(KEY.enter);
    await app.waitFor('step 1/6');
    const exported = path.join(tmp, 'from-elsewhere.json');
    writeFileSync(exported, JSON.stringify({ version: 1, completed: ['from-elsewhere'], furthest: {}, quizzes: {}, labs: {}, reviewed: {} }));
    const imported = await runPiped(['progress', 'import', exported, '--yes'], { home });
    expect(imported.code).toBe(0);
    await app.press(KEY.right);
    await app.waitFor('step 2/6');
    await app.press('q');
    expect(await app.exited()).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8')) as { completed: string[]; furthest: Record<string, number> };
    expect(saved.completed).toContain('from-elsewhere');
    expect(saved.furthest['one-server']).toBe(1);
  });
});

describe('item 7: DEV=true in the environment', () => {
  it('starts the course as usual', async () => {
    const app = start(['--course', FIXTURE_COURSE], { env: { DEV: 'true' } });
    await app.waitFor('lessons done');
    await app.press('q');
    expect(await app.exited()).toBe(0);
    expect(app.output()).not.toMatch(/initialize is not a function|devtools/);
  });
});

describe('item 5: signals during the live view', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)('%s leaves the alternate screen and shows the cursor', async (signal) => {
    const app = start(['sim', 'distributed'], { cols: 100, rows: 30 });
    await app.waitFor('RUNNING');
    expect(app.output()).toContain('\u001b[?1049h');
    app.signal(signal);
    expect(await app.exited()).toBe(signal === 'SIGTERM' ? 143 : 129);
    const out = app.output();
    expect(out.lastIndexOf('\u001b[?1049l')).toBeGreaterThan(out.lastIndexOf('\u001b[?1049h'));
    expect(out.lastIndexOf('\u001b[?25h')).toBeGreaterThan(out.lastIndexOf('\u001b[?25l'));
  });
});

describe('item 6: a very long line', () => {
  it('a lesson with a 1 MB line opens, says what it left out, and quits on q', async () => {
    const course = path.join(tmp, 'long-course');
    mkdirSync(path.join(course, '01-long'), { recursive: true });
    writeFileSync(path.join(course, '01-long', 'chapter.yaml'), 'id: long\ntitle: Long lines\n');
    writeFileSync(
      path.join(course, '01-long', '01-one-line.md'),
      `---\nid: one-line\ntitle: One huge line\n---\n\nBefore the line.\n\n${'word '.repeat(200_000)}\n\nAfter the line.\n`,
    );
    const app = start(['--course', course]);
    await app.waitFor('lessons done');
    await app.press(KEY.enter);
    await app.waitFor('Before the line.', 30_000);
    await app.press(KEY.end);
    // Only the first 40,000 characters of the page and 4,000 of the line are drawn, with notes.
    const end = (await app.waitFor('end of page')).replace(/\s+/g, ' ');
    expect(end).toMatch(/… \(35,982 more characters on this line are not shown\)/);
    expect(end).toMatch(/the page continues for [\d,]+ more characters, too long to show: split it with --- lines/);
    await app.press('q');
    expect(await app.exited()).toBe(0);
  });
});
