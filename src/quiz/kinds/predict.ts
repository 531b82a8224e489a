/**
 * Predict: choose what will happen, then the scenario runs and shows it. Graded as
 * a single choice; answered in its own view (ui/lab/predict-quiz.tsx) with the
 * state machine in predict-state.ts.
 */
import { choiceProblems, gradeOneChoice } from './choices';
import type { QuizKind } from './kind';

export const predict: QuizKind<'predict'> = {
  kind: 'predict',
  label: 'Predict, then run it',
  grade: (question, answer) => gradeOneChoice(question, answer.choice),
  problems: (question) => choiceProblems(question.choices, true),
  answer: (state) => (state.selected === null ? { notice: 'Choose an answer first: ↑↓ or its number.' } : { kind: 'predict', choice: state.selected }),
};
