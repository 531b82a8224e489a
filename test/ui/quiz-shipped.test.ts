/**
 * Every answerable-in-place question of the shipped course, driven through the
 * session reducer and drawn at 80×24 (a 76-cell body): the right answer is graded
 * right, each wrong choice is graded wrong with something to read, and the question
 * with its choices fits the screen without scrolling, so the learner sees every
 * choice at once. Pure (no Ink): fast enough to cover the whole course.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import { initQuizSession, quizReducer, type QuizAction, type QuizSessionState } from '../../src/quiz/session';
import type { Question } from '../../src/quiz/types';
import { lineText } from '../../src/text/styled-line';
import { quizLines } from '../../src/ui/quiz/quiz-lines';
import { makeTheme } from '../../src/ui/theme';

const WIDTH = 76; // layout(80, 24).bodyWidth
/** Body rows at 80×24 (19) less a margin for the lesson screen's own lines. */
const ANSWERING_ROWS = 17;

const { course } = loadCourse(lessonsDir(), { scenarios: scenarioLookupFromDir(scenariosDir()) });
const questions: Question[] = course.chapters.flatMap((c) =>
  c.lessons.flatMap((l) => l.steps.flatMap((s) => (s.kind === 'quiz' && s.question.kind !== 'pick-node' && s.question.kind !== 'predict' ? [s.question] : []))),
);
const theme = makeTheme({ color: false });
const apply = (s: QuizSessionState, actions: QuizAction[]) => actions.reduce(quizReducer, s);

/** The actions that give the right answer, for each kind. */
function rightAnswer(s0: QuizSessionState): QuizAction[] {
  const q = s0.question;
  if (q.kind === 'single') return [{ type: 'choose', index: s0.choiceOrder.findIndex((i) => q.choices[i]!.correct) }];
  if (q.kind === 'multiple') return s0.choiceOrder.flatMap((i, pos) => (q.choices[i]!.correct ? [{ type: 'choose', index: pos } as QuizAction] : []));
  if (q.kind === 'text') return [{ type: 'type', text: `  ${q.accept[0]!.toUpperCase()}  ` }];
  if (q.kind === 'order') {
    // Carry each item to its place, as a learner would with Shift+↑.
    const actions: QuizAction[] = [];
    let s = s0;
    q.items.forEach((item, target) => {
      const from = s.order.indexOf(item);
      const steps: QuizAction[] = [{ type: 'choose', index: from }, ...Array.from({ length: from - target }, (): QuizAction => ({ type: 'moveItem', delta: -1 }))];
      s = apply(s, steps);
      actions.push(...steps);
    });
    return actions;
  }
  return [];
}

describe('shipped quizzes', () => {
  it('has questions to check', () => {
    expect(questions.length).toBeGreaterThanOrEqual(30);
  });

  it.each(questions.map((q) => [q.id, q] as const))('%s: right answer is right, and it fits 80×24', (_id, q) => {
    const s0 = initQuizSession(q);
    const { lines } = quizLines(s0, WIDTH, theme);
    expect(lines.length, 'rows while answering').toBeLessThanOrEqual(ANSWERING_ROWS);
    for (const l of lines) expect([...lineText(l)].length).toBeLessThanOrEqual(WIDTH);

    const solved = apply(s0, [...rightAnswer(s0), { type: 'submit' }]);
    expect(solved.phase).toBe('answered');
    expect(solved.grade?.correct).toBe(true);
    for (const l of quizLines(solved, WIDTH, theme).lines) expect([...lineText(l)].length).toBeLessThanOrEqual(WIDTH);
  });

  it.each(questions.filter((q) => q.kind === 'single' || q.kind === 'multiple').map((q) => [q.id, q] as const))(
    '%s: every wrong choice is graded wrong with its own feedback',
    (_id, q) => {
      if (q.kind !== 'single' && q.kind !== 'multiple') return;
      const s0 = initQuizSession(q);
      s0.choiceOrder.forEach((i, pos) => {
        if (q.choices[i]!.correct) return;
        const s = apply(s0, [{ type: 'choose', index: pos }, { type: 'submit' }]);
        expect(s.grade?.correct).toBe(false);
        const text = quizLines(s, WIDTH, theme).lines.map(lineText).join('\n');
        // The distractor's own words, at least its first few, are on screen.
        const firstWords = q.choices[i]!.feedback!.split(/\s+/).slice(0, 4).join(' ');
        expect(text.replace(/\s+/g, ' ')).toContain(firstWords);
      });
    },
  );
});
