/**
 * Timeline events written as text, as in a lab's `at:` list: the simulator's `at`
 * grammar, defined once in src/sim/spec/at.ts (no engine, no file access), so lesson
 * validation and `sim --at` cannot disagree.
 */
import { ACTION_VALUES, type ActionName } from '../sim/spec/vocabulary';

export { parseAtSpec } from '../sim/spec/at';
export { ALGORITHMS } from '../sim/spec/vocabulary';
export type { TimelineEvent as AtEvent } from '../sim/spec/types';

/** Every timeline action and what its value is. */
export const AT_ACTIONS = ACTION_VALUES;
export type AtAction = ActionName;
