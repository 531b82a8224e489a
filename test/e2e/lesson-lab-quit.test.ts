/**
 * The course draws on the terminal's alternate screen: quitting gives the shell back
 * as it was, with one line saying where the learner is and how to continue.
 */
import { afterEach, beforeAll, expect, it } from 'vitest';
import { KEY, assertBuilt, launch, type PtyApp } from './pty';

let app: PtyApp | undefined;
beforeAll(() => assertBuilt());
afterEach(() => {
  app?.dispose();
  app = undefined;
});

it('quits from a lab back to the shell as it was, with where to continue', async () => {
  app = launch(['--lesson', 'sec-firewall'], { cols: 80, rows: 24 });
  await app.waitFor('step 1/', 15_000);
  await app.press(KEY.right);
  await app.waitFor('step 2/');
  await app.press('q');
  expect(await app.exited()).toBe(0);
  const out = app.output();
  expect(out).toContain('\x1b[?1049h');
  expect(out.lastIndexOf('\x1b[?1049l')).toBeGreaterThan(out.lastIndexOf('step 2/'));
  const screen = await app.waitFor('lessons done');
  // Nothing of the course is left on the screen: only the line.
  expect(screen).not.toContain('step 2/');
  // The line wraps at 80 columns: compare without the whitespace.
  expect(screen.replace(/\s+/g, '')).toMatch(/webinfra-learn:0of\d+lessonsdone;next:3\.2Firewalls\(step2\)\.Runwebinfra-learntocontinue;progressissavedin\S+progress\.json/);
}, 30_000);
