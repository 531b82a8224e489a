/**
 * No answer given away: after a wrong answer only that answer's own feedback is
 * on screen; the explanation (which names the right answer) and the right choices
 * the learner missed wait for a right answer or for "show me the answer", which
 * counts as missed.
 */
import { describe, expect, it } from 'vitest';
import { initQuizSession, quizReducer, type QuizAction, type QuizSessionState } from '../../src/quiz/session';
import type { Question } from '../../src/quiz/types';
import { makeTheme } from '../../src/ui/theme';
import { lineText } from '../../src/text/styled-line';
import { quizLines } from '../../src/ui/quiz/quiz-lines';
import { dnsSingle, lampText, requestOrder, spofMultiple } from './fixtures';

const theme = makeTheme({ color: false });
const text = (s: QuizSessionState): string => quizLines(s, 80, theme).lines.map(lineText).join('\n');
const run = (q: Question, actions: QuizAction[]): QuizSessionState => actions.reduce(quizReducer, initQuizSession(q));
const submit: QuizAction = { type: 'submit' };
const reveal: QuizAction = { type: 'reveal' };
const choose = (index: number): QuizAction => ({ type: 'choose', index });

describe('the reveal rule', () => {
  it('a wrong single answer shows its own feedback, not the explanation or the right choice', () => {
    const s = run(dnsSingle, [choose(1), submit]);
    const t = text(s);
    expect(t).toContain('A CNAME points to another name');
    expect(t).not.toContain('Why:');
    expect(t).not.toContain(dnsSingle.explain);
    expect(t).not.toMatch(/✓ the answer/);
    expect(t).toContain('s: show the answer');
  });

  it('a right answer shows the explanation', () => {
    const t = text(run(dnsSingle, [choose(0), submit]));
    expect(t).toContain('✓ Correct.');
    expect(t).toContain(`Why: ${dnsSingle.explain}`);
  });

  it('multiple choice does not say which right options were missed until the answer is shown', () => {
    const wrong = run(spofMultiple, [choose(0), submit]);
    expect(wrong.grade?.correct).toBe(false);
    let t = text(wrong);
    expect(t).toContain('You ticked 1 of the 2 right answers and no wrong ones.');
    expect(t).not.toContain('MySQL primary  ! missed');
    expect(t).not.toContain('You missed');
    expect(t).not.toContain('Why:');
    const shown = quizReducer(wrong, reveal);
    t = text(shown);
    expect(t).toMatch(/The MySQL primary\s+! missed/);
    expect(t).toContain('You missed "The MySQL primary": it is also right.');
    expect(t).toContain(`Why: ${spofMultiple.explain}`);
  });

  it('after a wrong answer, showing the answer records nothing new and ends the retries', () => {
    const wrong = run(dnsSingle, [choose(2), submit]);
    const shown = quizReducer(wrong, reveal);
    expect(shown).toMatchObject({ revealed: true, attempts: 1, firstTryCorrect: false, solved: false });
    expect(text(shown)).toMatch(/1\. A\s+✓ the answer/);
    expect(quizReducer(shown, { type: 'retry' })).toBe(shown);
    expect(quizReducer(shown, reveal)).toBe(shown);
  });

  it('showing the answer before answering counts as a missed first try', () => {
    const shown = run(dnsSingle, [reveal]);
    expect(shown).toMatchObject({ phase: 'answered', revealed: true, attempts: 1, firstTryCorrect: false, solved: false });
    expect(shown.grade?.correct).toBe(false);
    expect(text(shown)).toContain('(Counted as missed.)');
    expect(text(shown)).toContain('Why:');
  });

  it('a right answer cannot be "revealed" (nothing to count as missed)', () => {
    const right = run(dnsSingle, [choose(0), submit]);
    expect(quizReducer(right, reveal)).toBe(right);
  });

  it('order and text questions show their right answer only once revealed', () => {
    const order = run(requestOrder, [{ type: 'moveItem', delta: 1 }, submit]);
    expect(text(order)).not.toContain('The right order:');
    expect(text(quizReducer(order, reveal))).toContain('The right order:');
    const typed = run(lampText, [{ type: 'type', text: 'LAMP' }, submit]);
    expect(text(typed)).toContain('LAMP names Apache');
    expect(text(typed)).not.toContain('The answer: LEMP');
    expect(text(quizReducer(typed, reveal))).toContain('The answer: LEMP');
  });
});

describe('pick-node and predict machines', () => {
  it('a pick-node retry starts with nothing selected; showing the answer ends the retries', async () => {
    const { PICK_START, pickReducer } = await import('../../src/quiz/kinds/pick-node-state');
    const wrong = { correct: false, explain: 'e' };
    let s = pickReducer(pickReducer(PICK_START, { type: 'move', by: 1, count: 3 }), { type: 'move', by: 1, count: 3 });
    expect(s.cursor).toBe(1);
    s = pickReducer(s, { type: 'answer', node: 'web-1', grade: wrong });
    const retried = pickReducer(s, { type: 'retry' });
    expect(retried).toMatchObject({ phase: 'choosing', cursor: -1, wrong: ['web-1'] });
    const shown = pickReducer(s, { type: 'reveal' });
    expect(shown.revealed).toBe(true);
    expect(pickReducer(shown, { type: 'retry' })).toBe(shown);
  });

  it('predict shows choices in the learner order and records the question’s own index', async () => {
    const { predictReducer, predictStart } = await import('../../src/quiz/kinds/predict-state');
    const { predictKill } = await import('./fixtures');
    const s0 = predictStart(predictKill, 'ada');
    expect([...s0.order!].sort()).toEqual(predictKill.choices.map((_, i) => i));
    const s1 = predictReducer(predictReducer(s0, { type: 'choose', index: 1, count: s0.order!.length }), { type: 'submit', grade: { correct: false, explain: 'e' } });
    expect(s1.choice).toBe(s0.order![1]);
    const done = predictReducer(s1, { type: 'finished' });
    expect(predictReducer(done, { type: 'reveal' }).revealed).toBe(true);
    expect(predictReducer(done, { type: 'retry' })).toMatchObject({ phase: 'choosing', cursor: -1 });
  });
});
