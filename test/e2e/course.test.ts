/**
 * The built app in a real pseudo-terminal, on the fixture course: what a learner
 * does in the first minutes, and what must never go wrong (hang, lose progress,
 * leave the terminal broken).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_COURSE, KEY, assertBuilt, launch, runPiped, tempHome, type PtyApp } from './pty';

const COURSE = ['--course', FIXTURE_COURSE];
let apps: PtyApp[] = [];
const start = (args: string[] = [], opts: Parameters<typeof launch>[1] = {}): PtyApp => {
  const app = launch([...COURSE, ...args], opts);
  apps.push(app);
  return app;
};
const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

beforeAll(() => assertBuilt());
afterEach(() => {
  for (const app of apps) app.dispose();
  apps = [];
});

describe('webinfra-learn in a terminal', () => {
  it('first start shows the course map', async () => {
    const app = start();
    const s = await app.waitFor('lessons done');
    expect(s).toContain('A simple web stack');
    expect(s).toContain('One server does it all');
    expect(s).toContain('Distributed web infrastructure');
    expect(s).not.toContain('Continue:');
    expect(s).toMatch(/Enter open lesson/);
  });

  it('--no-color draws without colour codes, --ascii without box-drawing glyphs', async () => {
    const app = start(['--no-color', '--ascii']);
    const s = await app.waitFor('lessons done');
    // Foreground/background colours: 3x/4x/9x/10x and 38;/48; extended forms.
    expect(app.output()).not.toMatch(/\u001B\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/);
    expect(s).not.toMatch(/[─━✓▶›·]/);
    expect(s).toContain('> . One server does it all');
  });

  it('opens a lesson, moves next and back', async () => {
    const app = start();
    await app.waitFor('lessons done');
    await app.press(KEY.enter);
    const first = await app.waitFor('step 1/6');
    expect(first).toContain('One server does it all');
    const page = await app.waitFor('A user types www.foobar.com');
    // Nothing of the course map may survive the swap to the (differently sized) lesson frame.
    expect(page).not.toContain('Distributed web infrastructure');
    expect(page).not.toContain('lessons done');
    expect(count(page, 'step 1/6')).toBe(1);
    await app.press(KEY.right);
    await app.waitFor('step 2/6');
    await app.waitFor('The server is a computer');
    await app.press(KEY.left);
    await app.waitFor('step 1/6');
    await app.waitFor('A user types www.foobar.com');
  });

  it('scrolls a long page', async () => {
    const app = start(['--lesson', 'dns-basics']);
    const top = await app.waitFor('Line 1 of the long page');
    expect(top).toContain('more below');
    await app.press(KEY.pageDown);
    await app.waitFor((s) => !s.includes('Line 1 of the long page') && s.includes('more below'));
    await app.press(KEY.end);
    await app.waitFor('END OF LONG PAGE');
    await app.press(KEY.home);
    await app.waitFor('Line 1 of the long page');
  });

  it('follows resizes, smaller and larger, without leaving old frames behind', async () => {
    const app = start();
    await app.waitFor('lessons done');
    await app.press(KEY.enter);
    await app.waitFor('A user types');
    app.resize(64, 20);
    const small = await app.waitFor((s) => s.split('\n').some((l) => /step 1\/6$/.test(l.trimEnd()) && l.trimEnd().length <= 64));
    expect(count(small, 'step 1/6')).toBe(1);
    expect(small.split('\n').length).toBeLessThanOrEqual(19);
    app.resize(110, 32);
    const large = await app.waitFor((s) => s.split('\n').some((l) => /step 1\/6$/.test(l.trimEnd()) && l.trimEnd().length > 80));
    expect(count(large, 'step 1/6')).toBe(1);
    expect(large).toContain('q quit');
  });

  it('says the terminal is too small and recovers when enlarged', async () => {
    const app = start();
    await app.waitFor('lessons done');
    await app.press(KEY.enter);
    await app.waitFor('A user types');
    app.resize(50, 14);
    const small = await app.waitFor('terminal too small');
    expect(small).toContain('terminal too small (need 60×18, have 50×14)');
    expect(small).not.toContain('step 1/6');
    app.resize(80, 24);
    const back = await app.waitFor('A user types');
    expect(back).not.toContain('terminal too small');
    expect(back).toContain('step 1/6');
  });

  it('? opens help and Esc closes it', async () => {
    const app = start();
    await app.waitFor('lessons done');
    await app.press('?');
    const help = await app.waitFor('Esc close help');
    expect(help).toContain('Course map');
    expect(help).toContain('Everywhere');
    await app.press(KEY.escape);
    await app.waitFor('Enter open lesson');
  });

  it('q exits with 0 and leaves the terminal as it found it', async () => {
    const home = tempHome();
    try {
      const app = start([], {
        home,
        shell: `node bin/webinfra-learn.js --course '${FIXTURE_COURSE}'; echo "EXIT=$?"; stty -a`,
      });
      await app.waitFor('lessons done');
      await app.press('q');
      const s = await app.waitFor(/EXIT=\d+[\s\S]*icanon/);
      expect(s).toContain('EXIT=0');
      const stty = app.output().slice(app.output().indexOf('EXIT='));
      expect(stty).not.toMatch(/-icanon/);
      expect(stty).not.toMatch(/(^|\s)-echo(\s|$)/);
      // The cursor Ink hid is shown again.
      const out = app.output();
      expect(out.lastIndexOf('\u001B[?25h')).toBeGreaterThan(out.lastIndexOf('\u001B[?25l'));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('ctrl+c quits with 0', async () => {
    const app = start();
    await app.waitFor('lessons done');
    await app.press(KEY.ctrlC);
    expect(await app.exited()).toBe(0);
  });

  it('restart resumes at the same step ("Continue")', async () => {
    const home = tempHome();
    try {
      const first = start([], { home });
      await first.waitFor('lessons done');
      await first.press(KEY.enter);
      await first.waitFor('step 1/6');
      await first.press(KEY.right);
      await first.waitFor('step 2/6');
      await first.press('q');
      expect(await first.exited()).toBe(0);

      const second = start([], { home });
      const map = await second.waitFor('Continue:');
      expect(map).toContain('Continue: One server does it all (step 2)');
      await second.press(KEY.enter);
      const s = await second.waitFor('step 2/6');
      expect(s).toContain('One server does it all');
      await second.waitFor('The server is a computer');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('a corrupt progress file is set aside, said once, and the course starts fresh', async () => {
    const home = tempHome();
    try {
      writeFileSync(path.join(home, 'progress.json'), '{ this is not json');
      const first = start([], { home });
      const s = await first.waitFor('starts fresh');
      expect(s.replace(/\n\s*/g, ' ')).toMatch(/progress\.json\.corrupt-/);
      expect(readdirSync(home).some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true);
      await first.press('q');
      expect(await first.exited()).toBe(0);

      const second = start([], { home });
      const again = await second.waitFor('lessons done');
      expect(again).not.toContain('starts fresh');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('without a terminal (piped stdin), prints the outline and exits 0 without hanging', async () => {
    const r = await runPiped(COURSE);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/interactive terminal/i);
    expect(r.stdout).toContain('One server does it all');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
