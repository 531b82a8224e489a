/**
 * A pure reducer run against a ref of the latest state, for key handlers: two
 * keys that arrive before React redraws each see the state the other left (with
 * useReducer, the second would read the state of the render before the first and,
 * say, lock a prediction in twice instead of skipping the run it started).
 */
import { useCallback, useRef, useState } from 'react';

export function useMachine<S, A>(reducer: (state: S, action: A) => S, init: () => S): [S, (action: A) => void, () => S] {
  const [state, setState] = useState(init);
  const latest = useRef(state);
  const dispatch = useCallback(
    (action: A) => {
      const next = reducer(latest.current, action);
      if (next === latest.current) return;
      latest.current = next;
      setState(next);
    },
    [reducer],
  );
  const getState = useCallback(() => latest.current, []);
  return [state, dispatch, getState];
}
