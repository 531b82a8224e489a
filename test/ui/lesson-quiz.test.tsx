/**
 * Quiz steps inside the real lesson screen at 80×24: the footer lists only keys that
 * work at that moment, a retry starts from a clean slate, and the text field never
 * traps a learner who just wants to page on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { Course, Step } from '../../src/course/types';
import type { Question } from '../../src/quiz/types';
import { KEY, MemoryStore, oneLessonCourse, renderApp } from './app-harness';
import { prefetchStepViews } from '../../src/ui/steps/registry';
import { lampText, requestOrder, spofMultiple } from '../quiz/fixtures';

afterEach(() => cleanup());

const pos = { file: 'x.md', line: 1 };
const page = (markdown: string): Step => ({ kind: 'page', markdown, pos });
const quiz = (question: Question): Step => ({ kind: 'quiz', question, pos });

const quizCourse = (): Course => oneLessonCourse([page('Intro page'), quiz(lampText), quiz(spofMultiple), quiz(requestOrder), page('End page')]);

const BACKSPACE = '\u007F';
const footerOf = (frame: string): string => frame.trimEnd().split('\n').at(-1)!;

/** The app at 80×24 with the lesson open on step `step` (1-based, as the header says). */
async function openAt(step: number, store = new MemoryStore()) {
  // The step views load just after the first frame; one swapped in while a question
  // is open starts it afresh (a first key typed then is lost). Loaded first, they stay.
  await prefetchStepViews();
  const app = renderApp({ course: quizCourse(), startLesson: 'l1', store });
  await app.waitFor('Intro page');
  for (let i = 1; i < step; i++) {
    await app.press(KEY.right);
    await app.waitFor(`step ${i + 1}/5`);
  }
  return app;
}

/** Wait for the step's view to show `text` (waitFor also lets its effects register its keys). */
async function settle(app: Awaited<ReturnType<typeof openAt>>, text: string): Promise<string> {
  return app.waitFor(text);
}

async function type(app: Awaited<ReturnType<typeof openAt>>, text: string): Promise<void> {
  for (const ch of text) await app.press(ch);
}

describe('text question in the lesson', { timeout: 20_000 }, () => {
  it('starts a retry with an empty field and shows the last try', async () => {
    const app = await openAt(2);
    await settle(app, 'Type a short answer');
    await type(app, 'XAMPP');
    await app.press(KEY.enter);
    await app.waitFor('✗ Not quite.');
    await app.press('r');
    await app.waitFor('last try: XAMPP');
    await type(app, 'lemp');
    const f = await app.waitFor('› lemp');
    expect(f).not.toContain('XAMPPlemp');
    await app.press(KEY.enter);
    await app.waitFor('✓ Correct.');
    expect(app.store.last.quizzes['lamp#q4']).toMatchObject({ firstTryCorrect: false, solved: true, attempts: 2 });
  });

  it('lists only the keys that work while typing, with the field left, and once answered', async () => {
    const app = await openAt(2);
    await settle(app, 'Type a short answer');
    // Empty field: ← → page; letters are text, so no ? help / q quit.
    let footer = footerOf(await app.waitFor(/→ skip/));
    expect(footer).toMatch(/^\s*Enter answer\s+Esc leave the field\s+→ skip\s+← back\s+Ctrl\+C quit$/);
    await app.press('x');
    footer = footerOf(await app.waitFor((f) => !footerOf(f).includes('skip')));
    expect(footer).toMatch(/^\s*Enter answer\s+Esc leave the field\s+Ctrl\+C quit$/);
    await app.press(KEY.escape);
    footer = footerOf(await app.waitFor(/Enter type the answer/));
    expect(footer).toContain('→ skip');
    expect(footer).toContain('? help');
    expect(footer).toContain('q quit');
    expect(footer).not.toContain('→/Enter next');
    await app.press(KEY.enter);
    await app.press(KEY.enter);
    await app.waitFor('✗ Not quite.');
    footer = footerOf(await app.waitFor(/r try again/));
    // After a wrong answer: try again or see the answer first (← back gives way at this width).
    expect(footer).toMatch(/r try again.*s show answer.*→\/Enter next.*\? help.*q quit/);
  });

  it('lets ← and → through while the field is empty; → skips and leaves the question unanswered', async () => {
    const app = await openAt(2);
    await settle(app, 'Type a short answer');
    await app.press(KEY.left);
    await app.waitFor('Intro page');
    await app.press(KEY.right);
    await settle(app, 'Type a short answer');
    expect(app.frame()).toContain('Esc leaves the field');
    // With text in the field, the arrows move the caret instead.
    await app.press('E');
    await app.press(KEY.left);
    await app.press('L');
    await app.waitFor('› LE');
    expect(app.frame()).toContain('step 2/5');
    // Empty it again (caret after L: delete L, step over E, delete E); then → skips.
    await app.press(BACKSPACE);
    await app.press(KEY.right);
    await app.press(BACKSPACE);
    await app.waitFor((f) => !f.includes('› E') && !f.includes('› LE'));
    expect(app.frame()).toContain('step 2/5');
    await app.press(KEY.right);
    await app.waitFor('step 3/5');
    expect(app.store.last.quizzes['lamp#q4']).toBeUndefined();
  });
});

describe('choice and order questions in the lesson', { timeout: 20_000 }, () => {
  it('offers answer, skip, back, help and quit before answering, never Enter-next', async () => {
    const app = await openAt(3);
    const f = await settle(app, 'Tick every right answer');
    const footer = footerOf(f);
    expect(footer).toMatch(/↑↓ move\s+Space tick\s+Enter answer/);
    expect(footer).toContain('→ skip');
    expect(footer).toContain('← back');
    expect(footer).toContain('? help');
    expect(footer).toContain('q quit');
    expect(footer).not.toContain('→/Enter next');
  });

  it('clears the ticks on retry', async () => {
    const app = await openAt(3);
    await settle(app, 'Tick every right answer');
    await app.press('1');
    await app.waitFor('[x] 1.');
    await app.press(KEY.enter);
    await app.waitFor('Not quite.');
    await app.press('r');
    // The footer follows a moment after the body (the step reports its keys in an effect).
    const f = await app.waitFor((fr) => !fr.includes('Not quite.') && footerOf(fr).includes('Enter answer'));
    expect(f).not.toContain('[x]');
    expect(footerOf(f)).not.toContain('r try again');
  });

  it('keeps the learner’s arrangement on retry of an order question, and items still move', async () => {
    const app = await openAt(4);
    const start = await settle(app, 'Put these in order');
    expect(footerOf(start)).toMatch(/↑↓ move\s+Space pick up\s+Enter answer\s+→ skip\s+← back\s+\? help\s+q quit/);
    const items = (f: string) => f.split('\n').filter((l) => /^\s+\S?\s+(?:⇅ )?\s*\d\. /.test(l)).map((l) => l.replace(/^.*?\d\. /, '').replace(/\s{2}.*$/, ''));
    await app.press('J');
    await app.press(KEY.enter);
    // The fixture's presented order with its top two swapped is still wrong.
    const answered = await app.waitFor('Not quite.');
    const arranged = items(answered);
    await app.press('r');
    const again = await app.waitFor((f) => !f.includes('Not quite.'));
    expect(items(again)).toEqual(arranged);
    await app.press('J');
    await app.waitFor((f) => items(f).join() !== arranged.join());
  });
});
