/** Keys for the review checklist: ↑↓ move, Space marks; everything else is the lesson's. */
import { LAYER, useKeys } from '../input';
import { matchCommand } from '../keymap';
import type { ReviewAction } from './use-review-state';

export function useReviewKeys(dispatch: (action: ReviewAction) => unknown, onToggle: () => void, active: boolean): void {
  useKeys(
    (input, key) => {
      switch (matchCommand(['quiz'], input, key)) {
        case 'up':
          dispatch({ type: 'move', delta: -1 });
          return true;
        case 'down':
          dispatch({ type: 'move', delta: 1 });
          return true;
        case 'toggle':
          onToggle();
          return true;
        default:
          return false;
      }
    },
    active,
    LAYER.step,
  );
}
