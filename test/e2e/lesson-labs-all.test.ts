/**
 * Every lab of the shipped course in a real pseudo-terminal, at 80×24 and 60×18:
 * its whole goal, every node of its scenario, every check and the latest event are
 * on screen; with a node selected the footer offers that node's actions; and a lab
 * completed by the learner stays complete when they experiment afterwards (reset).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import type { LabBlock } from '../../src/course/types';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import { loadScenario } from '../../src/sim/scenario';
import { rmSync } from 'node:fs';
import { KEY, assertBuilt, launch, tempHome, type PtyApp } from './pty';

let apps: PtyApp[] = [];
let homes: string[] = [];
beforeAll(() => assertBuilt());
afterEach(() => {
  for (const app of apps) app.dispose();
  // The app may still be saving progress as it is killed: retry the removal.
  for (const home of homes) rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  apps = [];
  homes = [];
});

const { course } = loadCourse(lessonsDir());
const labs: { lessonId: string; index: number; steps: number; lab: LabBlock }[] = [];
for (const chapter of course.chapters) {
  for (const lesson of chapter.lessons) {
    lesson.steps.forEach((step, index) => {
      if (step.kind === 'lab') labs.push({ lessonId: lesson.id, index, steps: lesson.steps.length, lab: step.lab });
    });
  }
}

const flat = (s: string): string => s.replace(/\s+/g, ' ');

/** Open the lesson and walk to the lab (→ skips questions), paused so the screen holds still. */
async function openLab(lessonId: string, index: number, steps: number, cols: number, rows: number): Promise<PtyApp> {
  const home = tempHome();
  homes.push(home);
  const app = launch(['--lesson', lessonId], { cols, rows, home });
  apps.push(app);
  await app.waitFor(`step 1/${steps}`, 15_000);
  for (let i = 0; i < index; i++) {
    await app.press(KEY.right);
    await app.waitFor(`step ${i + 2}/${steps}`);
  }
  // Painting has settled once the clock has run a second on screen.
  await app.waitFor(/RUNNING 1× │ t [1-9]\d*\.\d s/);
  await app.press(' ');
  await app.waitFor('PAUSED');
  return app;
}

describe.each([
  [80, 24],
  [60, 18],
])('every lab at %i×%i', (cols, rows) => {
  for (const { lessonId, index, steps, lab } of labs) {
    it(`${lessonId} step ${index + 1}: whole goal, every node, its checks, the latest event, the selected node's keys`, async () => {
      const app = await openLab(lessonId, index, steps, cols, rows);
      const screen = app.screen();
      expect(flat(screen), screen).toContain(flat(`Goal: ${lab.goal}`));
      for (const node of loadScenario(lab.scenario, scenariosDir()).nodes) expect(screen, `${node.id} on screen`).toContain(node.id);
      for (const check of lab.checks) expect(screen).toContain(check.text.slice(0, Math.min(check.text.length, cols - 12)));
      for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(cols);
      // Select the first machine: its actions join the footer.
      await app.press(KEY.tab);
      await app.waitFor(/▸\S? ?[a-z][\w-]* /);
      const footer = (await app.waitFor((s) => /x kill|u restore/.test(s.split('\n').at(-1)!))).split('\n').at(-1)!;
      expect(footer).toMatch(/x kill|u restore/);
      expect(footer).toContain('? help');
      // The latest event is always shown: skip to the next one.
      await app.press('f');
      const after = await app.waitFor(/skipped to (\d+:)?[\d.]+ s|nothing changes/, 20_000);
      const m = /skipped to ((?:\d+:)?[\d.]+ s): (.{8})/.exec(flat(after));
      if (m) expect(after).toContain(m[2]!);
    }, 40_000);
  }
});

describe.each([
  [80, 24],
  [60, 18],
])('a completed lab stays complete at %i×%i', (cols, rows) => {
  it('the firewall lab: two probes complete it; a reset keeps every check ticked', async () => {
    const fw = labs.find((l) => l.lessonId === 'sec-firewall')!;
    const app = await openLab(fw.lessonId, fw.index, fw.steps, cols, rows);
    await app.press(' ');
    await app.press('p');
    await app.waitFor('probe web-1:3306: done');
    await app.press('o');
    await app.waitFor('lab complete');
    // The footer offers to go on; the hints tell the learner's own run.
    await app.waitFor((s) => /→\/Enter continue/.test(s.split('\n').at(-1)!));
    await app.press('h');
    expect(await app.waitFor('Your run:')).toMatch(/Your run: 0 of \d+ requests failed/);
    await app.press('h');
    await app.press('R');
    const reset = await app.waitFor('run reset');
    expect(reset).toContain('lab complete');
    for (const check of fw.lab.checks) expect(reset).toContain(`[✓] ${check.text.slice(0, cols - 16)}`);
  }, 40_000);

  it('the HTTPS lab: plain text behind the terminating LB, nothing readable after re-encryption', async () => {
    const https = labs.find((l) => l.lessonId === 'sec-https')!;
    const app = await openLab(https.lessonId, https.index, https.steps, cols, rows);
    // Tab to web-1: lb-1 first, then web-1.
    await app.press(KEY.tab);
    await app.waitFor(/▸\S? ?lb-1 /);
    await app.press(KEY.tab);
    await app.waitFor(/▸\S? ?web-1 /);
    await app.press('t');
    expect(flat(await app.waitFor('plain text'))).toMatch(/POST \/login/);
    await app.press('E');
    await app.waitFor('re-encrypt to the back ends');
    // The selection stays on web-1 in the new run.
    await app.waitFor(/▸\S? ?web-1 /);
    await app.press('t');
    expect(flat(await app.waitFor('nothing readable'))).toContain('TLS application data');
    expect(app.screen()).toContain('[✓] You read plain HTTP');
    expect(app.screen()).toContain('[✓] After re-encryption');
  }, 40_000);
});
