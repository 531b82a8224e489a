/** Single choice: one right choice among several, each wrong one with its own feedback. */
import type { SingleQuestion } from '../types';
import { blockParts, type Assert, type Mirrors, type Zod } from './block';
import { actOneChoice, choiceProblems, choiceStart, gradeOneChoice } from './choices';
import type { QuizKind } from './kind';

function schema(z: Zod) {
  const b = blockParts(z);
  return z.strictObject({
    kind: z.literal('single'),
    ...b.question,
    choices: z.array(b.choice).check(z.minLength(2)),
    shuffle: z.optional(z.boolean()),
  });
}
export type SingleSchemaMirrorsType = Assert<Mirrors<typeof schema, SingleQuestion>>;

export const single: QuizKind<'single'> = {
  kind: 'single',
  schema,
  label: 'Choose one answer',
  grade: (question, answer) => gradeOneChoice(question, answer.choice),
  problems: (question) => choiceProblems(question.choices, true),
  start: choiceStart,
  act: actOneChoice,
  answer: (state) => (state.selected === null ? { notice: 'Choose an answer first: ↑↓ or its number.' } : { kind: 'single', choice: state.selected }),
};
