/**
 * The pick-node question's interaction as a reducer (the view, with the scenario's
 * diagram, is ui/lab/pick-node-quiz.tsx). Nothing is selected at first, nor after
 * a retry: a starting selection would sit on the first machine drawn (often the
 * load balancer, the answer to many "single point of failure" questions) or on the
 * node just found wrong. The first answer is the one the score keeps.
 */
import { stepCursor } from '../cursor';
import { gradeAnswer } from '../grade';
import type { Grade, PickNodeQuestion } from '../types';

export interface PickState {
  /** Index into the diagram's node order; -1 while nothing is selected. */
  cursor: number;
  /** Enter was pressed with nothing selected: the hint says how to select. */
  nudged?: boolean;
  phase: 'choosing' | 'answered';
  picked?: string;
  grade?: Grade;
  attempts: number;
  /** Nodes already tried and found wrong (marked on the diagram). */
  wrong: string[];
  /** The learner asked to see the answer (after a wrong one): the explanation shows. */
  revealed?: boolean;
}

export type PickAction =
  | { type: 'move'; by: 1 | -1; count: number }
  | { type: 'answer'; node: string; grade: Grade }
  | { type: 'retry' }
  | { type: 'nudge' }
  | { type: 'reveal' };

/** Where a question starts: nothing selected, nothing tried. */
export const PICK_START: PickState = { cursor: -1, phase: 'choosing', attempts: 0, wrong: [] };

export function pickReducer(state: PickState, action: PickAction): PickState {
  switch (action.type) {
    case 'move':
      if (state.phase !== 'choosing' || action.count === 0) return state;
      return { ...state, nudged: false, cursor: stepCursor(state.cursor, action.by, action.count) };
    case 'nudge':
      return state.phase === 'choosing' ? { ...state, nudged: true } : state;
    case 'answer':
      if (state.phase !== 'choosing') return state;
      return {
        ...state,
        phase: 'answered',
        nudged: false,
        picked: action.node,
        grade: action.grade,
        attempts: state.attempts + 1,
        wrong: action.grade.correct || state.wrong.includes(action.node) ? state.wrong : [...state.wrong, action.node],
      };
    case 'retry':
      // A fresh try starts from nothing selected, as the first one did.
      return state.phase === 'answered' && !state.grade?.correct && !state.revealed ? { ...state, phase: 'choosing', grade: undefined, cursor: -1 } : state;
    case 'reveal':
      return state.phase === 'answered' && !state.grade?.correct && !state.revealed ? { ...state, revealed: true } : state;
  }
}

/** Grade a pick (the grader throws only on a programming error: an empty node). */
export function gradePick(question: PickNodeQuestion, node: string): Grade {
  return gradeAnswer(question, { kind: 'pick-node', node });
}
