/**
 * Pick a node on a scenario's diagram: right iff the node is one of `answer`;
 * per-node feedback. Answered in its own view (ui/lab/pick-node-quiz.tsx) with
 * the state machine in pick-node-state.ts.
 */
import type { GradeNote, PickNodeQuestion } from '../types';
import { blockParts, type Assert, type Mirrors, type Zod } from './block';
import { AnswerMismatchError, finish, note, type QuestionProblem, type QuizKind } from './kind';

function schema(z: Zod) {
  const b = blockParts(z);
  return z.strictObject({
    kind: z.literal('pick-node'),
    ...b.question,
    scenario: b.text(),
    answer: z.array(b.text()).check(z.minLength(1)),
    feedback: z.optional(z.record(z.string(), b.text())),
  });
}
export type PickNodeSchemaMirrorsType = Assert<Mirrors<typeof schema, PickNodeQuestion>>;

export const pickNode: QuizKind<'pick-node'> = {
  kind: 'pick-node',
  schema,
  label: 'Pick a node on the diagram',
  grade(question, answer) {
    const node = answer.node;
    if (typeof node !== 'string' || node.length === 0) throw new AnswerMismatchError(`no node was picked for ${question.id}`);
    const correct = question.answer.includes(node);
    const specific = question.feedback?.[node];
    const notes: GradeNote[] = [];
    if (specific) notes.push(note(specific));
    else if (!correct) notes.push(note(`${node} is not the one.`));
    return finish(correct, question.explain, notes);
  },
  problems(question) {
    const out: QuestionProblem[] = [];
    if (question.answer.length === 0) out.push({ severity: 'error', message: "has no correct node ('answer' is empty)", path: ['answer'] });
    return out;
  },
  // The answer and every node with its own feedback are nodes of the scenario.
  scenario: (question) => ({
    scenario: question.scenario,
    nodes: [
      { path: ['answer'], ids: question.answer },
      ...Object.keys(question.feedback ?? {}).map((id) => ({ path: ['feedback', id], ids: [id] })),
    ],
  }),
  act: (state, action) =>
    action.type === 'pickNode' && state.phase === 'answering' ? { ...state, node: action.node, notice: null } : state,
  answer: (state) => (state.node === null ? { notice: 'Pick a node first.' } : { kind: 'pick-node', node: state.node }),
};
