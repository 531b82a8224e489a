/**
 * A whole chapter as a learner walks it, in a real 80×24 terminal, keys only:
 * from the course map into chapter 1, through every page, every question (one
 * answered wrong first, then right after `r`; choices are shuffled per learner,
 * so each is found on screen by its text), one live lab until a check ticks,
 * the review checklist, and on into chapter 2. Then quit, restart on the same
 * progress folder, and the map must show chapter 1 done with its quiz score,
 * the wrong first try counted as missed.
 *
 * The walk follows the shipped lessons (loaded here with the app's own loader),
 * not hard-coded step counts, so editing the chapter does not break it; it only
 * needs one single-choice question, one lab and one review in chapter 1.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { loadCourse } from '../../src/course/load-course';
import type { Chapter, Step } from '../../src/course/types';
import { lessonsDir } from '../../src/package-root';
import { presentedOrder } from '../../src/quiz/shuffle';
import type { MultipleQuestion, PredictQuestion, Question, SingleQuestion } from '../../src/quiz/types';
import { KEY, assertBuilt, launch, tempHome, type PtyApp } from './pty';

let apps: PtyApp[] = [];
let homes: string[] = [];
beforeAll(() => assertBuilt());
afterEach(() => {
  for (const app of apps) app.dispose();
  for (const home of homes) rmSync(home, { recursive: true, force: true });
  apps = [];
  homes = [];
});

/** The screen as one line of words: wrapped text and indentation do not matter. */
const flat = (screen: string): string => screen.replace(/\s+/g, ' ');
/** The first words of `text` (up to ~`max` characters), whole words only, to find it however it wraps. */
const fragment = (text: string, max = 28): string => {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  let out = '';
  for (const w of words) {
    if (out && out.length + 1 + w.length > max) break;
    out = out ? `${out} ${w}` : w;
  }
  return out;
};
/** "step k/n" in the lesson header, not matching "step k/n0". */
const stepHeader = (k: number, n: number): RegExp => new RegExp(`step ${k}/${n}(?!\\d)`);

type QuizStep = Extract<Step, { kind: 'quiz' }>;

/** Press a digit key for presented position `pos` (0-based). */
const digit = (pos: number): string => String(pos + 1);

/**
 * The number a choice is shown under, found by its text: the choice line whose
 * text (its first line, when it wraps) begins the choice. The order is the
 * learner's own (shuffled per learner), so it cannot be worked out beforehand.
 */
const numberOf = (screen: string, text: string): string => {
  const want = flat(text).trim();
  let best: { n: string; len: number } | undefined;
  for (const line of screen.split('\n')) {
    const m = /(\d)\. (.*)$/.exec(line);
    if (!m) continue;
    // Drop the marks after the text ("(last try)", "✗ your answer") and trailing space.
    const shown = m[2]!.replace(/\s{2,}.*$/, '').trim();
    if (shown && want.startsWith(shown) && shown.length > (best?.len ?? 0)) best = { n: m[1]!, len: shown.length };
  }
  if (!best) throw new Error(`choice "${text}" not on screen:\n${screen}`);
  return best.n;
};

describe('a learner walks chapter 1 in a terminal', () => {
  it('reads, answers (one wrong then right), runs a lab, finishes, and the map shows it done after a restart', async () => {
    const { course, problems } = loadCourse(lessonsDir());
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const chapter: Chapter = course.chapters[0]!;
    expect(chapter.lessons[0]!.id).toBe('sws-basics');
    const quizSteps = chapter.lessons.flatMap((l) => l.steps.filter((s): s is QuizStep => s.kind === 'quiz'));
    // The question answered wrong first: the chapter's first single-choice one with a wrong choice that has feedback.
    const wrongFirst = quizSteps.find(
      (s) => s.question.kind === 'single' && s.question.choices.some((c) => !c.correct && c.feedback),
    )?.question;
    expect(wrongFirst, 'chapter 1 has a single-choice question with feedback on a wrong choice').toBeDefined();
    expect(chapter.lessons.some((l) => l.steps.some((s) => s.kind === 'lab'))).toBe(true);
    expect(chapter.lessons.some((l) => l.steps.some((s) => s.kind === 'review'))).toBe(true);

    const home = tempHome();
    homes.push(home);
    const app = launch([], { home });
    apps.push(app);
    await app.waitFor('lessons done', 15_000);

    let answered = 0;
    let firstTryRight = 0;
    let labRun = false;
    let reviewMarked = false;

    /** Answer a single/multiple/predict question right by keys, each right choice found on screen by its text. */
    const answerChoices = async (q: SingleQuestion | MultipleQuestion | PredictQuestion): Promise<void> => {
      const screen = app.screen();
      // A digit chooses (single, predict) or ticks (multiple) the choice shown under it;
      // each key is seen on screen before the next is sent (two keys read as one chunk are lost).
      for (const c of q.choices.filter((x) => x.correct)) await choose(numberOf(screen, c.text), q.kind === 'multiple');
      await app.press(KEY.enter);
    };

    /** Press the digit `n` and wait until that choice shows as chosen or ticked. */
    const choose = async (n: string, tick: boolean): Promise<void> => {
      await app.press(n);
      await app.waitFor(tick ? `[x] ${n}.` : `(•) ${n}.`);
    };

    /** Answer a question on screen right, or for `wrongFirst`, wrong then right. */
    const answerQuestion = async (q: Question): Promise<void> => {
      switch (q.kind) {
        case 'single':
        case 'multiple': {
          if (q === wrongFirst) {
            const wrong = q.choices.find((c) => !c.correct && c.feedback)!;
            await choose(numberOf(app.screen(), wrong.text), false);
            await app.press(KEY.enter);
            const s = await app.waitFor((x) => x.includes('Not quite') && flat(x).includes(fragment(wrong.feedback!)));
            expect(flat(s)).toContain(fragment(wrong.feedback!));
            expect(s).not.toContain('Correct');
            // Only that choice's feedback: the explanation waits for a right answer.
            expect(s).not.toContain('Why:');
            await app.press('r');
            await app.waitFor((x) => !x.includes('Not quite') && x.includes('Choose one answer'));
            await answerChoices(q);
            await app.waitFor('Correct');
          } else {
            await answerChoices(q);
            await app.waitFor('Correct');
            firstTryRight++;
          }
          answered++;
          return;
        }
        case 'text': {
          for (const ch of q.accept[0]!) await app.press(ch);
          await app.waitFor(q.accept[0]!);
          await app.press(KEY.enter);
          await app.waitFor('Correct');
          answered++;
          firstTryRight++;
          return;
        }
        case 'order': {
          // Each item in turn: its number puts the cursor on it, Shift+K carries it up into place.
          const current = presentedOrder(q);
          for (let target = 0; target < q.items.length; target++) {
            const from = current.indexOf(q.items[target]!);
            if (from === target) continue;
            await app.press(digit(from));
            for (let i = from; i > target; i--) await app.press('K');
            current.splice(target, 0, ...current.splice(from, 1));
          }
          await app.press(KEY.enter);
          await app.waitFor('Correct');
          answered++;
          firstTryRight++;
          return;
        }
        case 'predict': {
          await answerChoices(q);
          // The run plays; Enter skips to its outcome.
          await app.waitFor('Enter skips to the end');
          await app.press(KEY.enter);
          await app.waitFor('Correct: that is what happened.', 30_000);
          answered++;
          firstTryRight++;
          return;
        }
        default:
          // pick-node: not in chapter 1; skipping it keeps the walk going if one is added.
          return;
      }
    };

    // Enter on the map opens the first lesson.
    await app.press(KEY.enter);
    for (const lesson of chapter.lessons) {
      const n = lesson.steps.length;
      for (let k = 0; k < n; k++) {
        const step = lesson.steps[k]!;
        const screen = await app.waitFor((s) => stepHeader(k + 1, n).test(s) && s.includes(lesson.title.slice(0, 12)), 15_000);
        expect(screen.split('\n').length).toBeLessThanOrEqual(24);
        if (step.kind === 'quiz') {
          // The footer offers "Enter answer" once the question has the keys (its key
          // handler is registered in the same effects pass that sets the footer).
          await app.waitFor((s) => flat(s).includes(fragment(step.question.prompt, 20)) && /Enter answer/.test(s.trimEnd().split('\n').at(-1)!));
          await answerQuestion(step.question);
        } else if (step.kind === 'lab' && !labRun) {
          await app.waitFor('RUNNING');
          for (let i = 0; i < 3; i++) await app.press('+');
          const ticked = await app.waitFor('[✓]', 30_000);
          expect(ticked).toMatch(/checks [1-9]\d*\/\d+|lab complete/);
          labRun = true;
        } else if (step.kind === 'review' && !reviewMarked) {
          const total = step.review.items.length;
          await app.waitFor(`0 of ${total} ready`);
          await app.press(KEY.space);
          await app.waitFor(`1 of ${total} ready`);
          reviewMarked = true;
        }
        if (step.kind === 'page') {
          // Read to the bottom (End), where Space turns the page as it scrolls the rest.
          await app.press(KEY.end);
          await app.press(KEY.space);
        } else if (step.kind === 'build') {
          // The design editor uses → to change values: n moves on.
          await app.waitFor('n next step');
          await app.press('n');
        } else {
          await app.press(KEY.right);
        }
      }
    }
    expect(labRun).toBe(true);
    expect(reviewMarked).toBe(true);
    expect(firstTryRight).toBe(answered - 1);

    // Past the review the next chapter opens: chapter 1 is finished.
    const next = course.chapters[1]!.lessons[0]!;
    await app.waitFor((s) => stepHeader(1, next.steps.length).test(s) && s.includes(next.title.slice(0, 12)), 15_000);
    await app.press('q');
    expect(await app.exited()).toBe(0);

    // Restart on the same progress: the map remembers.
    const again = launch([], { home });
    apps.push(again);
    const map = await again.waitFor('lessons done', 15_000);
    const row = map.split('\n').find((l) => l.includes(chapter.title));
    expect(row, `a row for "${chapter.title}" in:\n${map}`).toBeDefined();
    const total = chapter.lessons.length;
    expect(row).toContain(`${total}/${total} done`);
    // Every question answered; the wrong first try counts as missed.
    expect(row).toContain(`quiz ${answered}/${quizSteps.length} answered, ${answered - 1} right`);
    for (const lesson of chapter.lessons) {
      const line = map.split('\n').find((l) => l.includes(lesson.title.slice(0, 20)) && !l.includes('Continue'));
      expect(line, `lesson "${lesson.title}" on the map:\n${map}`).toBeDefined();
      expect(line, `lesson "${lesson.title}" ticked`).toMatch(/^\s*(?:›\s*)?✓ /);
    }
    // The one missed question is offered for review.
    expect(map).toContain('Review what I missed (1 question)');
    await again.press('q');
    expect(await again.exited()).toBe(0);
  }, 90_000);
});
