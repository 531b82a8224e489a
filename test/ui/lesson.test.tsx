import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { render } from 'ink-testing-library';
import { KEY, MemoryStore, fixtureCourse, pagesCourse, renderApp } from './app-harness';
import { FallbackView } from '../../src/ui/steps/fallback-view';
import { makeTheme } from '../../src/ui/theme';
import { emptyProgress } from '../../src/progress/types';
import { loadMarkdownRenderer } from '../../src/ui/markdown';

afterEach(() => cleanup());
// Pages render with marked-terminal, loaded on first use: load it once, up front, so a
// slow first import on a busy machine is not charged to one test.
// Awaited, not returned: vitest runs a function returned from beforeAll as teardown.
beforeAll(async () => {
  await loadMarkdownRenderer();
}, 60_000);

const footerOf = (frame: string): string => frame.trimEnd().split('\n').at(-1)!;

describe('lesson screen', { timeout: 20_000 }, () => {
  it('shows chapter › lesson and step k/n in the header, and the rendered page', async () => {
    const app = renderApp({ startLesson: 'one-server' });
    const f = await app.waitFor('A user types www.foobar.com');
    expect(f.split('\n')[0]).toMatch(/A simple web stack › One server does it all\s+step 1\/6/);
    // Markdown is rendered, not shown raw.
    expect(f).not.toContain('**www.foobar.com**');
  });

  it('moves next and back between steps and saves each step reached', async () => {
    const app = renderApp({ course: pagesCourse(), startLesson: 'l1-1' });
    await app.waitFor('step 1/3');
    await app.press(KEY.right);
    await app.waitFor('Page 1.1.2');
    expect(app.store.last.current).toEqual({ lesson: 'l1-1', step: 1 });
    await app.press(KEY.left);
    await app.waitFor('Page 1.1.1');
    expect(app.store.last.current).toEqual({ lesson: 'l1-1', step: 0 });
    expect(app.store.last.furthest['l1-1']).toBe(1);
  });

  it('scrolls a long page with ↓, PgDn, End and Home, with a scroll indicator', async () => {
    const app = renderApp({ startLesson: 'dns-basics' });
    const top = await app.waitFor('Line 1 of the long page');
    expect(top).toContain('more below');
    expect(top).not.toContain('END OF LONG PAGE');
    await app.press(KEY.down);
    await app.press(KEY.pageDown);
    const paged = await app.waitFor((f) => !f.includes('Line 1 of the long page'));
    expect(paged).toMatch(/lines \d+–\d+ of \d+/);
    await app.press(KEY.end);
    const end = await app.waitFor('END OF LONG PAGE');
    expect(end).toContain('end of page');
    await app.press(KEY.home);
    await app.waitFor('Line 1 of the long page');
  });

  it('Space pages down and, at the bottom, turns to the next step', async () => {
    const app = renderApp({ startLesson: 'dns-basics' });
    await app.waitFor('Line 1 of the long page');
    await app.press(KEY.space);
    await app.waitFor((f) => !f.includes('Line 1 of the long page'));
    await app.press(KEY.end);
    await app.waitFor('end of page');
    await app.press(KEY.space);
    await app.waitFor('step 2/');
  });

  it('finishing the last step completes the lesson and opens the next one', async () => {
    const app = renderApp({ course: pagesCourse(), startLesson: 'l1-2' });
    await app.waitFor('Page 1.2.1');
    await app.press(KEY.right);
    await app.press(KEY.enter);
    await app.waitFor('step 3/3');
    await app.press(KEY.right);
    const f = await app.waitFor('Page 2.1.1');
    expect(f.split('\n')[0]).toMatch(/Chapter 2 › Lesson 2\.1\s+step 1\/3/);
    expect(app.store.last.completed).toEqual(['l1-2']);
    expect(app.store.last.current).toEqual({ lesson: 'l2-1', step: 0 });
  });

  it('← on a lesson’s first step goes to the previous lesson’s last step', async () => {
    const app = renderApp({ course: pagesCourse(), startLesson: 'l2-1' });
    await app.waitFor('Page 2.1.1');
    await app.press(KEY.left);
    await app.waitFor('Page 1.2.3');
  });

  it('shows "course complete" after the last lesson', async () => {
    const app = renderApp({ course: pagesCourse(1, 1, 1), startLesson: 'l1-1' });
    await app.waitFor('Page 1.1.1');
    await app.press(KEY.right);
    const f = await app.waitFor('Course complete');
    expect(f).toContain('You finished every lesson of the course');
    await app.press(KEY.enter);
    await app.waitFor('1/1 lessons done');
  });

  it('the end of the course scores each chapter as the map does (answered out of all, then right first time)', async () => {
    const course = pagesCourse(1, 1, 1);
    const lesson = course.chapters[0]!.lessons[0]!;
    // Two questions before the page; only their ids matter here (their views are never drawn).
    const quiz = (id: string) => ({ kind: 'quiz', question: { id }, pos: { file: 'x.md', line: 1 } }) as unknown as (typeof lesson.steps)[number];
    lesson.steps.unshift(quiz('q1'), quiz('q2'));
    const progress = { ...emptyProgress(), current: { lesson: 'l1-1', step: 2 }, furthest: { 'l1-1': 2 }, quizzes: { q1: { firstTryCorrect: false, solved: true, attempts: 2, at: '2026-01-01T00:00:00Z' } } };
    const app = renderApp({ course, store: new MemoryStore(progress) });
    await app.waitFor('Continue: Lesson 1.1');
    await app.press('c');
    await app.waitFor('Page 1.1.1');
    await app.press(KEY.right);
    const f = await app.waitFor('Course complete');
    // The map's words: one of two answered, none right on the first try.
    expect(f).toMatch(/1 {2}Chapter 1 +quiz 1\/2 answered, 0 right/);
    expect(f).not.toContain('first try');
  });

  it('reaching the last page by a deep link does not claim the course is done', async () => {
    const app = renderApp({ course: pagesCourse(1, 2, 1), startLesson: 'l1-2' });
    await app.waitFor('Page 1.2.1');
    await app.press(KEY.right);
    const f = await app.waitFor('End of the course');
    expect(f).toContain('1 of 2 lessons are not finished yet');
    expect(f).not.toContain('Course complete');
    expect(f).not.toContain('You can now draw');
  });

  it('draws a clearly-labelled placeholder for a step kind without a view', async () => {
    const step = { kind: 'lab' as const, id: 'x#lab1', pos: { file: 'lessons/x.md', line: 12 }, lab: { scenario: 'distributed', goal: 'Kill web-1', checks: [] } };
    const course = fixtureCourse();
    const lesson = { ...course.chapters[0]!.lessons[0]!, file: 'lessons/x.md' };
    const r = render(
      <FallbackView
        course={course}
        lesson={lesson}
        step={step}
        stepIndex={0}
        width={70}
        height={10}
        theme={makeTheme({ color: false })}
        progress={emptyProgress()}
        onQuizAnswer={() => {}}
        onLabResult={() => {}}
        onReviewMark={() => {}}
        setContexts={() => {}}
        active={true}
      />,
    );
    const f = r.lastFrame() ?? '';
    expect(f).toContain('lab step: not available in this version yet');
    expect(f).toContain('"distributed" scenario: Kill web-1');
    expect(f).toContain('lessons/x.md:12');
  });

  it('has a footer with the keys that work on a page', async () => {
    const app = renderApp({ startLesson: 'one-server' });
    const footer = footerOf(await app.waitFor('step 1/6'));
    for (const item of ['↑↓ scroll', '→/Enter next', '← back', 'm map', '? help', 'q quit']) expect(footer).toContain(item);
  });

  it('opens the help overlay with ? (generated from the keymap) and closes it with Esc', async () => {
    const app = renderApp({ startLesson: 'one-server' });
    await app.waitFor('A user types');
    await app.press('?');
    const help = await app.waitFor('Keys');
    expect(help).toContain('Reading a lesson');
    expect(help).toContain('Everywhere');
    expect(help).toContain('PgUp/PgDn Space');
    expect(help).not.toContain('A user types');
    expect(footerOf(help)).toContain('Esc close help');
    // Keys meant for the lesson do not move it while help is open.
    await app.press(KEY.right);
    expect(app.frame()).toContain('step 1/6');
    await app.press(KEY.escape);
    const back = await app.waitFor('A user types');
    expect(back).toContain('step 1/6');
  });

  it('m goes to the course map and Esc does too', async () => {
    const app = renderApp({ startLesson: 'one-server' });
    await app.waitFor('step 1/6');
    await app.press('m');
    await app.waitFor('lessons done');
    await app.press(KEY.enter);
    await app.waitFor('step 1/6');
    await app.press(KEY.escape);
    await app.waitFor('lessons done');
  });

  it('q saves and exits with code 0', async () => {
    const app = renderApp({ course: pagesCourse(), startLesson: 'l1-1' });
    await app.waitFor('step 1/3');
    await app.press(KEY.right);
    await app.press('q');
    expect(app.exits).toEqual([0]);
    expect(app.store.last.current).toEqual({ lesson: 'l1-1', step: 1 });
  });

  it('ctrl+c quits too', async () => {
    const app = renderApp();
    await app.waitFor('lessons done');
    await app.press(KEY.ctrlC);
    expect(app.exits).toEqual([0]);
  });

  it('shows "terminal too small" below 60×18 and recovers where it was', async () => {
    const app = renderApp({ startLesson: 'dns-basics' });
    await app.waitFor('Line 1 of the long page');
    await app.press(KEY.down);
    await app.press(KEY.down);
    const scrolled = app.frame();
    app.resize(50, 12);
    const small = await app.waitFor('terminal too small');
    expect(small).toContain('terminal too small (need 60×18, have 50×12)');
    expect(small.trim().split('\n').length).toBeLessThanOrEqual(11);
    app.resize(80, 24);
    const back = await app.waitFor('step 1/');
    expect(back).toBe(scrolled);
  });

  it('keeps every frame within rows − 1 lines and the width', async () => {
    const app = renderApp({ startLesson: 'one-server', columns: 60, rows: 18 });
    const f = await app.waitFor('step 1/6');
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(17);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
  });
});
