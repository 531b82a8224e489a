/**
 * Progress under hostile or unlucky conditions (issue 10, items 1, 4, 8 and 9): a
 * failed save says so, two copies of the app lose nothing, temp files are cleaned and
 * never follow a symlink, export does not overwrite, `~` in WEBINFRA_LEARN_HOME, and
 * deep / endless / non-regular progress files end in a clear message.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressPath } from '../../src/progress/paths';
import { completeLesson, markReview, mergeProgress, recordLab, recordQuizAnswer, reachStep } from '../../src/progress/progress';
import { FileProgressStore } from '../../src/progress/store';
import { emptyProgress } from '../../src/progress/types';
import { HOSTILE, runMain, tempRoot } from './helpers';

const fresh = tempRoot('wl-rel-progress-');
const home = (): string => {
  const dir = fresh();
  mkdirSync(dir, { recursive: true });
  return dir;
};

describe('item 1: a failed save is never silent', () => {
  it('names the reason and the path, in the form the frame and the exit message use', () => {
    const dir = home();
    writeFileSync(path.join(dir, 'blocker'), 'a file where the folder should be');
    const store = new FileProgressStore(path.join(dir, 'blocker', 'progress.json'));
    store.save(completeLesson(emptyProgress(), 'a'));
    expect(store.saveError).toBe(`progress not saved: a file is in the way of the folder, ${path.join(dir, 'blocker', 'progress.json')}`);
  });

  it('a progress file written by a newer version is left alone, and each save says why', () => {
    const dir = home();
    const file = path.join(dir, 'progress.json');
    writeFileSync(file, readFileSync(path.join(HOSTILE, 'progress-newer.json')));
    const store = new FileProgressStore(file);
    expect(store.load().notice).toMatch(/newer webinfra-learn/);
    store.save(completeLesson(emptyProgress(), 'a'));
    expect(store.saveError).toBe(`progress not saved: it was written by a newer webinfra-learn, ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(HOSTILE, 'progress-newer.json'), 'utf8'));
  });
});

describe('item 4: two copies of the app lose nothing', () => {
  it('each save joins what the other copy saved meanwhile', () => {
    const file = path.join(home(), 'progress.json');
    const a = new FileProgressStore(file);
    const b = new FileProgressStore(file);
    let pa = a.load().progress;
    let pb = b.load().progress;
    pa = recordQuizAnswer(completeLesson(pa, 'lesson-a'), 'q-a', true);
    a.save(pa);
    pb = recordLab(completeLesson(reachStep(pb, 'lesson-b', 4), 'lesson-b'), 'lesson-b#lab1', { passed: [1], completed: false });
    b.save(pb);
    pa = recordLab(pa, 'lesson-b#lab1', { passed: [2], completed: true });
    a.save(pa);
    const saved = new FileProgressStore(file).load().progress;
    expect(saved.completed.sort()).toEqual(['lesson-a', 'lesson-b']);
    expect(saved.quizzes['q-a']?.solved).toBe(true);
    expect(saved.furthest['lesson-b']).toBe(4);
    expect(saved.labs['lesson-b#lab1']).toMatchObject({ passed: [1, 2], completed: true });
  });

  it('an import while the app runs survives the app\'s next save, and so does the app\'s progress', async () => {
    const dir = home();
    const file = path.join(dir, 'progress.json');
    const app = new FileProgressStore(file);
    let progress = completeLesson(app.load().progress, 'from-app');
    app.save(progress);
    const exported = path.join(dir, 'other.json');
    writeFileSync(exported, JSON.stringify(completeLesson(emptyProgress(), 'from-import')));
    expect((await runMain(['progress', 'import', exported, '--yes'], { env: { WEBINFRA_LEARN_HOME: dir } })).code).toBe(0);
    progress = completeLesson(progress, 'later-in-app');
    app.save(progress);
    expect(new FileProgressStore(file).load().progress.completed.sort()).toEqual(['from-app', 'from-import', 'later-in-app']);
  });

  it('a review mark taken back in this copy stays taken back; marks made elsewhere stay', () => {
    const base = markReview(emptyProgress(), 'l#review1:a', true);
    const ours = markReview(base, 'l#review1:a', false);
    const disk = markReview(base, 'l#review1:b', true);
    expect(mergeProgress(disk, ours, base).reviewed).toEqual({ 'l#review1:b': true });
  });

  it('reset and import replace on purpose (no merge)', async () => {
    const dir = home();
    writeFileSync(path.join(dir, 'progress.json'), JSON.stringify(completeLesson(emptyProgress(), 'x')));
    expect((await runMain(['progress', 'reset', '--yes'], { env: { WEBINFRA_LEARN_HOME: dir } })).code).toBe(0);
    expect(new FileProgressStore(path.join(dir, 'progress.json')).load().progress.completed).toEqual([]);
  });
});

describe('item 9: temp files, export, ~ in WEBINFRA_LEARN_HOME', () => {
  it('temp files left by a killed save are removed at the next start, and only those', () => {
    const dir = home();
    const dead = '.progress.json.999999999.1.tmp';
    const dead2 = '.progress.json.999999998.ab12cd34.tmp';
    writeFileSync(path.join(dir, dead), '{');
    writeFileSync(path.join(dir, dead2), '{');
    writeFileSync(path.join(dir, 'unrelated.tmp'), 'x');
    new FileProgressStore(path.join(dir, 'progress.json')).load();
    const left = readdirSync(dir);
    expect(left).not.toContain(dead);
    expect(left).not.toContain(dead2);
    expect(left).toContain('unrelated.tmp');
  });

  it('a stale temp file that is a symlink is removed, never written through', () => {
    const dir = home();
    const target = path.join(dir, 'precious.txt');
    writeFileSync(target, 'keep me');
    symlinkSync(target, path.join(dir, '.progress.json.999999999.1.tmp'));
    const store = new FileProgressStore(path.join(dir, 'progress.json'));
    store.load();
    store.save(completeLesson(emptyProgress(), 'a'));
    expect(store.saveError).toBeUndefined();
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(readdirSync(dir).sort()).toEqual(['precious.txt', 'progress.json']);
  });

  it('progress export refuses to overwrite a file unless --force', async () => {
    const dir = home();
    const out = path.join(dir, 'backup.json');
    writeFileSync(out, 'my notes');
    const r = await runMain(['progress', 'export', out], { env: { WEBINFRA_LEARN_HOME: dir } });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(`webinfra-learn: ${out} already exists; nothing was written. Add --force to replace it, or choose another name.\n`);
    expect(readFileSync(out, 'utf8')).toBe('my notes');
    const forced = await runMain(['progress', 'export', out, '--force'], { env: { WEBINFRA_LEARN_HOME: dir } });
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe(1);
  });

  it('progress export does not write through a symlink without --force', async () => {
    const dir = home();
    const target = path.join(dir, 'target.txt');
    writeFileSync(target, 'keep');
    symlinkSync(target, path.join(dir, 'link.json'));
    const r = await runMain(['progress', 'export', path.join(dir, 'link.json')], { env: { WEBINFRA_LEARN_HOME: dir } });
    expect(r.code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readlinkSync(path.join(dir, 'link.json'))).toBe(target);
  });

  it("WEBINFRA_LEARN_HOME='~/x' means the home folder; '~name/x' is refused clearly", async () => {
    expect(progressPath({ WEBINFRA_LEARN_HOME: '~/x' })).toBe(path.join(os.homedir(), 'x', 'progress.json'));
    expect(progressPath({ WEBINFRA_LEARN_HOME: '~' })).toBe(path.join(os.homedir(), 'progress.json'));
    const r = await runMain(['progress', 'export', '-'], { env: { WEBINFRA_LEARN_HOME: '~bob/x' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("webinfra-learn: WEBINFRA_LEARN_HOME='~bob/x': only ~ and ~/… are understood; give the full path of the folder instead\n");
    expect(existsSync(path.join(process.cwd(), '~bob'))).toBe(false);
  });
});

describe('item 8: progress files that are deep, endless or not files', () => {
  it('a deeply nested progress file is moved aside with a clear notice; export then works', async () => {
    const dir = home();
    writeFileSync(path.join(dir, 'progress.json'), readFileSync(path.join(HOSTILE, 'deep-progress.json')));
    const r = await runMain(['progress', 'export', '-'], { env: { WEBINFRA_LEARN_HOME: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^webinfra-learn: Your progress file was damaged \(not a progress file: it is nested more than 32 levels deep\)\. It was moved to .*corrupt-/);
    expect(r.stderr).not.toMatch(/call stack/);
  });

  it('importing a deeply nested file is refused with a clear message', async () => {
    const r = await runMain(['progress', 'import', path.join(HOSTILE, 'deep-progress.json'), '--yes'], { env: { WEBINFRA_LEARN_HOME: home() } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nested more than 32 levels deep\. Your progress was not changed\.\n$/);
  });

  it('/dev/zero, a folder and a FIFO as the file to import end at once with a clear message', async () => {
    const dir = home();
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const cases: [string, RegExp][] = [
      ['/dev/zero', /cannot read \/dev\/zero: is not a regular file/],
      [dir, /: is a folder, not a file\n$/],
      [fifo, /: is not a regular file \(a device, a pipe or a socket\)\n$/],
    ];
    for (const [file, message] of cases) {
      const r = await runMain(['progress', 'import', file, '--yes'], { env: { WEBINFRA_LEARN_HOME: home() } });
      expect(r.code, file).toBe(1);
      expect(r.stderr, file).toMatch(message);
    }
  });

  it('a FIFO in place of progress.json does not hang the app: it is moved aside', async () => {
    const dir = home();
    execFileSync('mkfifo', [path.join(dir, 'progress.json')]);
    const r = await runMain(['progress', 'export', '-'], { env: { WEBINFRA_LEARN_HOME: dir } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/could not be read \(is not a regular file/);
  });
});
