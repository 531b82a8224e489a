import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { emptyProgress, type Progress } from '../../src/progress/types';
import type { Course } from '../../src/course/types';
import { KEY, MemoryStore, renderApp } from './app-harness';

afterEach(() => cleanup());

/** Three chapters of eight one-page lessons: taller than any body. */
function bigCourse(): Course {
  const chapters = [1, 2, 3].map((c) => ({
    id: `c${c}`,
    title: `Chapter ${c}`,
    dir: `/c${c}`,
    lessons: [1, 2, 3, 4, 5, 6, 7, 8].map((l) => ({
      id: `l${c}-${l}`,
      title: `Lesson ${c}.${l}`,
      chapterId: `c${c}`,
      file: `l${c}-${l}.md`,
      steps: [{ kind: 'page' as const, markdown: `Page of lesson ${c}.${l}`, pos: { file: 'x.md', line: 1 } }],
    })),
  }));
  return { root: '/', chapters };
}

const returning = (): Progress => ({
  ...emptyProgress(),
  completed: ['one-server'],
  current: { lesson: 'dns-basics', step: 0 },
  furthest: { 'one-server': 5, 'dns-basics': 0 },
  quizzes: {
    'one-server-record': { firstTryCorrect: true, solved: true, attempts: 1, at: '2026-01-01T00:00:00Z' },
    'one-server#q2': { firstTryCorrect: false, solved: true, attempts: 2, at: '2026-01-01T00:00:00Z' },
  },
});

describe('course map', { timeout: 20_000 }, () => {
  it('lists the chapters in order with their lessons and overall progress', async () => {
    const app = renderApp();
    const f = await app.waitFor('One server does it all');
    expect(f).toContain('0/4 lessons done');
    expect(f.indexOf('A simple web stack')).toBeLessThan(f.indexOf('Distributed web infrastructure'));
    expect(f.indexOf('One server does it all')).toBeLessThan(f.indexOf('DNS and the long page'));
    expect(f).not.toContain('Continue:');
  });

  it('marks done lessons, where the learner stopped, and the chapter quiz score', async () => {
    const app = renderApp({ store: new MemoryStore(returning()) });
    const f = await app.waitFor('Continue:');
    expect(f).toContain('▶ Continue: DNS and the long page (step 1)');
    expect(f).toMatch(/✓ One server does it all/);
    expect(f).toMatch(/▶ DNS and the long page/);
    // Questions answered out of all of them, then the first-try score.
    expect(f).toContain('1/2 done · quiz 2/5 answered, 1 right');
    expect(f).toContain('1/4 lessons done');
    expect(f).toContain('Review what I missed (1 question)');
  });

  it('opens the lesson under the cursor with Enter', async () => {
    const app = renderApp();
    await app.waitFor('One server does it all');
    await app.press(KEY.down);
    await app.press(KEY.enter);
    const f = await app.waitFor('step 1/');
    expect(f).toContain('DNS and the long page');
  });

  it('continues at the exact saved step', async () => {
    const progress = { ...returning(), current: { lesson: 'one-server', step: 3 } };
    const app = renderApp({ store: new MemoryStore(progress) });
    await app.waitFor('Continue: One server does it all (step 4)');
    await app.press(KEY.enter);
    const f = await app.waitFor('step 4/');
    expect(f).toContain('One server does it all');
  });

  it('has a footer generated from the keymap', async () => {
    const app = renderApp();
    const f = await app.waitFor('Enter open lesson');
    const footer = f.trimEnd().split('\n').at(-1)!;
    expect(footer).toContain('↑↓ move');
    expect(footer).toContain('? help');
    expect(footer).toContain('q quit');
  });

  it('shows notices once, above the list', async () => {
    const app = renderApp({ notices: ['Your progress file was unreadable; it was moved aside.'] });
    await app.waitFor('moved aside');
    await app.press(KEY.down);
    await app.waitFor((f) => !f.includes('moved aside'));
  });

  it('wraps a long notice so a path in it can be read in full', async () => {
    const path = '/home/learner/.config/webinfra-learn/progress.json.corrupt-2026-01-01T00-00-00Z';
    const app = renderApp({ notices: [`Your progress file was not valid JSON. It was moved to ${path} and the course starts fresh.`] });
    const f = await app.waitFor('starts fresh');
    // A path longer than the line is cut where the line ends: join the pieces back.
    expect(f.replace(/\n\s*/g, '')).toContain(path);
    expect(f).toContain('One server does it all');
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
  });

  it('scrolls when the list is taller than the body, keeping the cursor in view', async () => {
    const app = renderApp({ course: bigCourse(), rows: 18, columns: 60 });
    const first = await app.waitFor('Lesson 1.1');
    expect(first).toContain('↓ more');
    expect(first).not.toContain('Lesson 3.8');
    expect(first.split('\n').length).toBeLessThanOrEqual(17);
    await app.press(KEY.end);
    const end = await app.waitFor('› · Lesson 3.8');
    expect(end).not.toContain('Lesson 1.1');
    expect(end.split('\n').length).toBeLessThanOrEqual(17);
    await app.press(KEY.home);
    await app.waitFor('› · Lesson 1.1');
  });

  it('uses ASCII glyphs in ASCII mode', async () => {
    const app = renderApp({ store: new MemoryStore(returning()), ascii: true });
    const f = await app.waitFor('Continue:');
    expect(f).toContain('v One server does it all');
    expect(f).toContain('> Continue:');
    expect(f).not.toMatch(/[✓▶━─]/);
  });
});
