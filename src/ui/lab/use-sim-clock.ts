/**
 * One clock per simulation. While `running`, a single interval (~30 fps) measures
 * the real time elapsed since the previous tick and hands `elapsed × speed` virtual
 * milliseconds to `onTick`, which advances the engine and makes the tick's one
 * state update. No interval exists while paused, hidden or not in a terminal, and
 * it is cleared on unmount, so an idle lesson costs no CPU and the process can exit.
 */
import { useEffect, useRef } from 'react';

export interface SimClockOptions {
  /** Animate now (the lab is visible, not paused, and drawing to a terminal). */
  running: boolean;
  /** Virtual seconds per real second. Read on every tick, so changing it does not restart the clock. */
  speed: number;
  /** Called once per tick with the virtual milliseconds to advance. */
  onTick(virtualMs: number): void;
  /** Frames per second. Default 30. */
  fps?: number;
  /** Real clock, injectable for tests. Default performance.now. */
  now?: () => number;
  /**
   * Checked on every tick before advancing: a key handler that pauses flips it at
   * once, so no tick slips in between the key and the re-render that stops the clock.
   */
  shouldTick?: () => boolean;
}

/** A long stall (laptop asleep, debugger) must not jump the simulation by minutes. */
export const MAX_TICK_MS = 250;

export function useSimClock({ running, speed, onTick, fps = 30, now = () => performance.now(), shouldTick }: SimClockOptions): void {
  const gateRef = useRef(shouldTick);
  gateRef.current = shouldTick;
  const speedRef = useRef(speed);
  speedRef.current = speed;
  const tickRef = useRef(onTick);
  tickRef.current = onTick;
  const nowRef = useRef(now);
  nowRef.current = now;
  useEffect(() => {
    if (!running) return;
    let last = nowRef.current();
    const timer = setInterval(() => {
      const t = nowRef.current();
      const elapsed = Math.min(MAX_TICK_MS, Math.max(0, t - last));
      last = t;
      if (gateRef.current && !gateRef.current()) return;
      if (elapsed > 0) tickRef.current(elapsed * speedRef.current);
    }, Math.round(1000 / fps));
    return () => clearInterval(timer);
  }, [running, fps]);
}
