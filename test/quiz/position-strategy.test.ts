/**
 * "Always pick choice 2 or 3": in the author's order the right answer of 78 % of
 * the shipped single-choice and predict questions once sat at position 2 or 3, so a
 * learner who only weighed those two was mostly right. The lessons now spread their
 * right answers over the positions, and with choices shuffled per learner a position
 * is worth what chance gives it either way.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { lessonsDir } from '../../src/package-root';
import { gradeAnswer } from '../../src/quiz/grade';
import { choiceOrder } from '../../src/quiz/shuffle';
import type { MultipleQuestion, PredictQuestion, Question, SingleQuestion } from '../../src/quiz/types';

const all = loadCourse(lessonsDir())
  .course.chapters.flatMap((c) => c.lessons)
  .flatMap((l) => l.steps)
  .flatMap((s) => (s.kind === 'quiz' ? [s.question] : []));
const singles = all.filter((q: Question): q is SingleQuestion | PredictQuestion => q.kind === 'single' || q.kind === 'predict');
const multiples = all.filter((q: Question): q is MultipleQuestion => q.kind === 'multiple');

type Order = (q: SingleQuestion | PredictQuestion | MultipleQuestion) => number[];

/** Share of single/predict questions whose right answer is shown at position 2 or 3. */
const twoOrThree = (orderOf: Order): number =>
  singles.filter((q) => [1, 2].includes(orderOf(q).findIndex((i) => q.choices[i]!.correct))).length / singles.length;

/** First-try score of "always answer 2" (single/predict) and "tick 2 and 3" (multiple). */
function alwaysTwo(orderOf: Order): number {
  const right =
    singles.filter((q) => gradeAnswer(q, { kind: q.kind, choice: orderOf(q)[1]! }).correct).length +
    multiples.filter((q) => gradeAnswer(q, { kind: 'multiple', choices: orderOf(q).slice(1, 3) }).correct).length;
  return right / (singles.length + multiples.length);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

describe('picking by position on the shipped course', () => {
  const learners = Array.from({ length: 200 }, (_, i) => `learner-${i.toString(16)}`);
  // What "2 or 3" gets by pure chance: 2 positions of n (1 of 2 for two choices).
  const chance = singles.reduce((sum, q) => sum + Math.min(2, q.choices.length - 1) / q.choices.length, 0) / singles.length;

  it('has enough choice questions to mean something', () => {
    expect(singles.length).toBeGreaterThanOrEqual(20);
  });

  it('"the answer is 2 or 3" holds only as often as chance for a learner, far less than in the author order', () => {
    const author = twoOrThree((q) => choiceOrder(q));
    const shuffled = learners.map((l) => twoOrThree((q) => choiceOrder(q, l)));
    console.log(`2 or 3 holds: author order ${(author * 100).toFixed(0)} %, chance ${(chance * 100).toFixed(0)} %, shuffled median ${(median(shuffled) * 100).toFixed(0)} %`);
    expect(Math.abs(median(shuffled) - chance)).toBeLessThan(0.06);
    expect(Math.abs(author - chance)).toBeLessThan(0.1);
  });

  it('"always answer 2" scores like a guess for the median learner', () => {
    const author = alwaysTwo((q) => choiceOrder(q));
    const shuffled = learners.map((l) => alwaysTwo((q) => choiceOrder(q, l)));
    console.log(`always 2: author order ${(author * 100).toFixed(0)} %, shuffled median ${(median(shuffled) * 100).toFixed(0)} %, best learner ${(Math.max(...shuffled) * 100).toFixed(0)} %`);
    expect(median(shuffled)).toBeLessThan(0.3);
    expect(author).toBeLessThan(0.3);
  });
});
