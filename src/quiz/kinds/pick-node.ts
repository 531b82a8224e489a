/**
 * Pick a node on a scenario's diagram: right iff the node is one of `answer`;
 * per-node feedback. Answered in its own view (ui/lab/pick-node-quiz.tsx) with
 * the state machine in pick-node-state.ts.
 */
import type { GradeNote } from '../types';
import { AnswerMismatchError, finish, note, type QuestionProblem, type QuizKind } from './kind';

export const pickNode: QuizKind<'pick-node'> = {
  kind: 'pick-node',
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
    if (question.answer.length === 0) out.push({ severity: 'error', message: 'has no correct node (answer: is empty)' });
    return out;
  },
  answer: (state) => (state.node === null ? { notice: 'Pick a node first.' } : { kind: 'pick-node', node: state.node }),
};
