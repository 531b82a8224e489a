/**
 * Moves a list cursor that may rest on nothing (-1), so that no choice is made for
 * the learner: from nothing, forward selects the first item and back the last;
 * otherwise it steps and wraps around. Shared by the pick-node and predict machines.
 */
export function stepCursor(cursor: number, by: 1 | -1, count: number): number {
  if (cursor < 0) return by === 1 ? 0 : count - 1;
  return (cursor + by + count) % count;
}

/** What the pick-node and predict machines share while the learner is choosing. */
export interface ChoosingState {
  phase: string;
  cursor: number;
  /** Enter was pressed with nothing selected: the hint says how to select. */
  nudged?: boolean;
}

export type CursorAction = { type: 'move'; by: 1 | -1; count: number } | { type: 'nudge' };

/** `move` and `nudge` while choosing (phase 'choosing'); the same state otherwise. */
export function cursorReducer<S extends ChoosingState>(state: S, action: CursorAction): S {
  if (state.phase !== 'choosing') return state;
  if (action.type === 'nudge') return { ...state, nudged: true };
  if (action.count === 0) return state;
  return { ...state, nudged: false, cursor: stepCursor(state.cursor, action.by, action.count) };
}
