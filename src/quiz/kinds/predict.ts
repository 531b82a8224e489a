/**
 * Predict: choose what will happen, then the scenario runs and shows it. Graded as
 * a single choice; answered in its own view (ui/lab/predict-quiz.tsx) with the
 * state machine in predict-state.ts.
 */
import type { PredictQuestion } from '../types';
import { blockParts, type Assert, type Mirrors, type Zod } from './block';
import { actOneChoice, choiceProblems, choiceStart, gradeOneChoice } from './choices';
import type { QuizKind } from './kind';

function schema(z: Zod) {
  const b = blockParts(z);
  return z.strictObject({
    kind: z.literal('predict'),
    ...b.question,
    scenario: b.text(),
    choices: z.array(b.choice).check(z.minLength(2)),
    at: z.optional(z.array(z.string())),
    run_s: z.optional(z.number().check(z.positive())),
  });
}
export type PredictSchemaMirrorsType = Assert<Mirrors<typeof schema, PredictQuestion>>;

export const predict: QuizKind<'predict'> = {
  kind: 'predict',
  schema,
  // It also plays its run.
  minutes: 1.25,
  label: 'Predict, then run it',
  grade: (question, answer) => gradeOneChoice(question, answer.choice),
  problems: (question) => choiceProblems(question.choices, true),
  scenario: (question) => ({ scenario: question.scenario, at: { path: ['at'], specs: question.at ?? [] } }),
  start: choiceStart,
  act: actOneChoice,
  answer: (state) => (state.selected === null ? { notice: 'Choose an answer first: ↑↓ or its number.' } : { kind: 'predict', choice: state.selected }),
};
