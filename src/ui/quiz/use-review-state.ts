/**
 * The review checklist's state: a cursor and the set of items the learner has
 * marked "I can say this out loud". The reducer is pure and tested directly; the
 * hook seeds it from saved progress.
 */
import { useCallback, useRef, useState } from 'react';
import type { Lesson } from '../../course/types';
import type { Progress } from '../../progress/types';

export interface ReviewState {
  cursor: number;
  /** Marked, per item index. */
  marked: boolean[];
}

export type ReviewAction = { type: 'move'; delta: number } | { type: 'toggle' };

/**
 * The review block's id, `<lesson-id>#review<n>` (n counts the lesson's review
 * blocks from 1): the loader sets it on the step; computed the same way if not.
 */
export function reviewBlockId(lesson: Lesson, stepIndex: number): string {
  const step = lesson.steps[stepIndex];
  if (step?.kind === 'review' && step.id) return step.id;
  const n = lesson.steps.slice(0, stepIndex + 1).filter((s) => s.kind === 'review').length;
  return `${lesson.id}#review${Math.max(1, n)}`;
}

/** The id under which a review item's mark is saved: `<block id>:<item index>` (see course/types.ts). */
export function reviewItemId(blockId: string, index: number): string {
  return `${blockId}:${index}`;
}

export function initReviewState(blockId: string, count: number, progress: Progress): ReviewState {
  return { cursor: 0, marked: Array.from({ length: count }, (_, i) => progress.reviewed[reviewItemId(blockId, i)] === true) };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  const n = state.marked.length;
  if (n === 0) return state;
  switch (action.type) {
    case 'move': {
      const cursor = Math.max(0, Math.min(n - 1, state.cursor + action.delta));
      return cursor === state.cursor ? state : { ...state, cursor };
    }
    case 'toggle': {
      const marked = [...state.marked];
      marked[state.cursor] = !marked[state.cursor];
      return { ...state, marked };
    }
  }
}

/** How many items are marked. */
export function readyCount(state: ReviewState): number {
  return state.marked.filter(Boolean).length;
}

/**
 * The checklist state, with `dispatch` returning the new state so the caller can
 * save exactly what it shows (a ref holds the latest state between redraws).
 */
export function useReviewState(blockId: string, count: number, progress: Progress): [ReviewState, (action: ReviewAction) => ReviewState] {
  const [state, setState] = useState(() => initReviewState(blockId, count, progress));
  const latest = useRef(state);
  const dispatch = useCallback((action: ReviewAction) => {
    const next = reviewReducer(latest.current, action);
    if (next !== latest.current) {
      latest.current = next;
      setState(next);
    }
    return next;
  }, []);
  return [state, dispatch];
}
