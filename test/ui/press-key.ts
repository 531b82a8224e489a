/**
 * Keys into an ink-testing-library app without racing the clock (see pressKey).
 */
import { act } from 'react';

type ActGlobal = typeof globalThis & { IS_REACT_ACT_ENVIRONMENT?: boolean };

/**
 * Writes one key to an ink-testing-library stdin and returns once React has
 * finished with it: the handler ran, the re-render committed (Ink's test
 * renderer draws each commit) and the effects it set off — handlers the next
 * screen registers — have run. React's `act` flushes that work itself instead
 * of leaving it to the scheduler, so nothing here depends on how fast the
 * machine is. One turn of the event loop inside lets Ink hand over a lone
 * Escape, which it holds for a turn to tell it from the start of a sequence.
 *
 * What it does not wait for is work outside React (a lazy import, a timer):
 * wait for what it shows with the harness's `waitFor`.
 */
export async function pressKey(stdin: { write(data: string): void }, key: string): Promise<void> {
  const g = globalThis as ActGlobal;
  const before = g.IS_REACT_ACT_ENVIRONMENT;
  // Only while the key is in flight: clocks ticking between keys are not the test's doing.
  g.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    await act(async () => {
      stdin.write(key);
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
  } finally {
    g.IS_REACT_ACT_ENVIRONMENT = before;
  }
}

/** Lets React finish mounting (first frame drawn, effects registered their keys). */
export async function settleReact(): Promise<void> {
  const g = globalThis as ActGlobal;
  const before = g.IS_REACT_ACT_ENVIRONMENT;
  g.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    await act(async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
  } finally {
    g.IS_REACT_ACT_ENVIRONMENT = before;
  }
}

/**
 * Polls `condition` until it holds (then lets React finish what it was doing, so
 * a view that just appeared has registered its keys), or fails after
 * `timeoutMs` with `describe()` in the message. The timeout is only a limit on a
 * broken test; a passing one never waits for it.
 */
export async function until(condition: () => boolean, describe: () => string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 5));
  }
  await settleReact();
}
