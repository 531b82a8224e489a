/**
 * Moves a list cursor that may rest on nothing (-1), so that no choice is made for
 * the learner: from nothing, forward selects the first item and back the last;
 * otherwise it steps and wraps around. Shared by the pick-node and predict machines.
 */
export function stepCursor(cursor: number, by: 1 | -1, count: number): number {
  if (cursor < 0) return by === 1 ? 0 : count - 1;
  return (cursor + by + count) % count;
}
