/** Single choice: one right choice among several, each wrong one with its own feedback. */
import { actOneChoice, choiceProblems, choiceStart, gradeOneChoice } from './choices';
import type { QuizKind } from './kind';

export const single: QuizKind<'single'> = {
  kind: 'single',
  label: 'Choose one answer',
  grade: (question, answer) => gradeOneChoice(question, answer.choice),
  problems: (question) => choiceProblems(question.choices, true),
  start: choiceStart,
  act: actOneChoice,
  answer: (state) => (state.selected === null ? { notice: 'Choose an answer first: ↑↓ or its number.' } : { kind: 'single', choice: state.selected }),
};
