/**
 * The predict question's interaction as a reducer (the view, which runs the
 * scenario, is ui/lab/predict-quiz.tsx): choose, lock in, watch the run, see the
 * verdict. Nothing is chosen at first or on a retry. The choices are shown in the
 * learner's order (see shuffle.ts); `cursor` is a position in that order and
 * `choice` the question's own index.
 */
import { stepCursor } from '../cursor';
import { gradeAnswer } from '../grade';
import { choiceOrder } from '../shuffle';
import type { Grade, PredictQuestion } from '../types';

export interface PredictState {
  phase: 'choosing' | 'running' | 'done';
  /** The position under the cursor; -1 while none is chosen (at first and on a retry). */
  cursor: number;
  /** The presented order, as indices into the question's choices (absent: the author's). */
  order?: number[];
  /** The choice locked in (index into the question's choices); kept on a retry to name the last try. */
  choice?: number;
  /** Enter was pressed with nothing chosen: the hint says how to choose. */
  nudged?: boolean;
  grade?: Grade;
  /** Bumped on each run, so a retry replays from the start. */
  run: number;
  /** The learner asked to see the answer (after a wrong one): the explanation shows. */
  revealed?: boolean;
}

export type PredictAction =
  | { type: 'move'; by: 1 | -1; count: number }
  | { type: 'choose'; index: number; count: number }
  | { type: 'submit'; grade: Grade }
  | { type: 'finished' }
  | { type: 'retry' }
  | { type: 'nudge' }
  | { type: 'reveal' };

/** Where a prediction starts in the author's order: nothing chosen. */
export const PREDICT_START: PredictState = { phase: 'choosing', cursor: -1, run: 0 };

/** Where a prediction starts for `learner`: nothing chosen, choices in their order. */
export function predictStart(question: PredictQuestion, learner?: string): PredictState {
  return { ...PREDICT_START, order: choiceOrder(question, learner) };
}

/** The question's choice index shown at presented position `pos`. */
export function choiceAt(state: Pick<PredictState, 'order'>, pos: number): number {
  return state.order?.[pos] ?? pos;
}

export function predictReducer(state: PredictState, action: PredictAction): PredictState {
  switch (action.type) {
    case 'move':
      if (state.phase !== 'choosing' || action.count === 0) return state;
      return { ...state, nudged: false, cursor: stepCursor(state.cursor, action.by, action.count) };
    case 'nudge':
      return state.phase === 'choosing' ? { ...state, nudged: true } : state;
    case 'choose':
      return state.phase === 'choosing' && action.index >= 0 && action.index < action.count ? { ...state, nudged: false, cursor: action.index } : state;
    case 'submit':
      return state.phase === 'choosing' && state.cursor >= 0
        ? { ...state, phase: 'running', choice: choiceAt(state, state.cursor), grade: action.grade, run: state.run + 1 }
        : state;
    case 'finished':
      return state.phase === 'running' ? { ...state, phase: 'done' } : state;
    case 'retry':
      return state.phase === 'done' && !state.grade?.correct && !state.revealed ? { ...state, phase: 'choosing', grade: undefined, cursor: -1 } : state;
    case 'reveal':
      return state.phase === 'done' && !state.grade?.correct && !state.revealed ? { ...state, revealed: true } : state;
  }
}

/** Grade the prediction at presented position `pos`. */
export function gradePrediction(question: PredictQuestion, state: Pick<PredictState, 'order'>, pos: number): Grade {
  return gradeAnswer(question, { kind: 'predict', choice: choiceAt(state, pos) });
}
