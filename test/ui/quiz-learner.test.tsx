/**
 * Screens: each learner sees their own choice order (stable on a second visit),
 * "show the answer" reveals and counts as missed, and in "review what I missed"
 * a right answer takes the question off the map's list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyProgress, type Progress } from '../../src/progress/types';
import { QuizStep } from '../../src/ui/quiz/quiz-step';
import { dnsSingle, requestOrder } from '../quiz/fixtures';
import { KEY, mount, quizStep, type Harness } from './quiz-harness';
import { MemoryStore, renderApp } from './app-harness';
import { prefetchStepViews } from '../../src/ui/steps/registry';

let h: Harness | undefined;
afterEach(() => h?.unmount());

const withLearner = (learner: string): Progress => ({ ...emptyProgress(), learner });
/** The choice texts in the order drawn. */
const drawn = (frame: string): string[] => [...frame.matchAll(/\( \) \d\. (\S+)/g)].map((m) => m[1]!);

describe('per-learner choice order on screen', () => {
  it('is the same on a second visit and differs between learners; order questions are not affected', async () => {
    const orders: string[] = [];
    for (const learner of ['ada', 'ada', 'bob', 'cy', 'dee', 'eve']) {
      h = await mount(QuizStep, quizStep(dnsSingle), { progress: withLearner(learner) });
      const order = drawn(await h.waitFor('( ) 4.'));
      expect([...order].sort()).toEqual(['A', 'CNAME', 'MX', 'TXT']);
      orders.push(order.join(' '));
      h.unmount();
      h = undefined;
    }
    expect(orders[1]).toBe(orders[0]);
    expect(new Set(orders).size).toBeGreaterThan(2);
    // Order questions shuffle by question, not by learner.
    const items: string[] = [];
    for (const learner of ['ada', 'bob']) {
      h = await mount(QuizStep, quizStep(requestOrder), { progress: withLearner(learner) });
      items.push((await h.waitFor('1. ')).replace(/\s+/g, ' '));
      h.unmount();
      h = undefined;
    }
    expect(items[0]).toBe(items[1]);
  });

  it('grades the choice under the digit pressed, wherever the learner’s order put it', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle), { progress: withLearner('bob') });
    const pos = drawn(await h.waitFor('( ) 4.')).indexOf('A');
    await h.press(String(pos + 1), KEY.enter);
    await h.waitFor('✓ Correct.');
    expect(h.answers).toEqual([{ id: 'dns#q1', correct: true }]);
  });
});

describe('show the answer', () => {
  it('after a wrong answer, s shows the right one and the explanation, and r no longer retries', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle));
    await h.press('3', KEY.enter);
    let f = await h.waitFor('✗ Not quite.');
    expect(f).not.toContain('Why:');
    await h.press('s');
    f = await h.waitFor('Why:');
    expect(f).toContain('✗ The answer, shown.');
    expect(f).toMatch(/1\. A\s+✓ the answer/);
    expect(f).toContain('→ or Enter: next');
    await h.press('r');
    expect(h.frame()).toContain('The answer, shown.');
    // One answer recorded: the wrong first try (showing the answer adds nothing).
    expect(h.answers).toEqual([{ id: 'dns#q1', correct: false }]);
    expect(h.contexts.at(-1)).toEqual(['lesson']);
  });
});

describe('review what I missed shrinks', { timeout: 20_000 }, () => {
  it('a question answered right in review leaves the list on the map', async () => {
    const missed: Progress = {
      ...emptyProgress(),
      current: { lesson: 'one-server', step: 0 },
      quizzes: { 'one-server#q2': { firstTryCorrect: false, solved: false, attempts: 1, at: '2026-01-01T00:00:00Z' } },
    };
    // Step views load just after the first frame; loaded first, the question keeps
    // the view it opens with (a view swapped in later would start a fresh field).
    await prefetchStepViews();
    const app = renderApp({ store: new MemoryStore(missed) });
    await app.waitFor('Review what I missed (1 question)');
    await app.press('r');
    // The field has the keys once the footer offers its own (set in the same effects pass).
    await app.waitFor((f) => f.includes('Which port does plain HTTP') && f.includes('Esc leave the field'));
    for (const ch of '80') await app.press(ch);
    await app.waitFor('› 80');
    await app.press(KEY.enter);
    await app.waitFor('✓ Correct.');
    await app.press(KEY.enter);
    const map = await app.waitFor('Review done');
    expect(map).not.toContain('Review what I missed');
    expect(app.store.last.quizzes['one-server#q2']).toMatchObject({ firstTryCorrect: false, solved: true, review: { streak: 1 } });
  });
});
