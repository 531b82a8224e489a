/** Single choice: one right choice among several, each wrong one with its own feedback. */
import { choiceProblems, gradeOneChoice } from './choices';
import type { QuizKind } from './kind';

export const single: QuizKind<'single'> = {
  kind: 'single',
  label: 'Choose one answer',
  grade: (question, answer) => gradeOneChoice(question, answer.choice),
  problems: (question) => choiceProblems(question.choices, true),
  answer: (state) => (state.selected === null ? { notice: 'Choose an answer first: ↑↓ or its number.' } : { kind: 'single', choice: state.selected }),
};
