/**
 * A simulation engine bound to React: built from the scenario (rebuilt on reset),
 * advanced by the one clock while running, with one snapshot state update per tick.
 * Operator actions go straight to the engine and refresh the snapshot at once, so a
 * paused lab still shows the effect of a kill immediately.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createEngine } from '../../sim/engine';
import { FRAME_EVENT_BUDGET } from '../../sim/spec/limits';
import type { Action, Engine, EngineOptions, Scenario, Snapshot } from '../../sim/types';
import { useSimClock } from './use-sim-clock';

export interface LiveSimHookOptions {
  scenario: Scenario;
  engineOptions?: EngineOptions;
  /** Animate now (visible, not paused, on a terminal). */
  running: boolean;
  speed: number;
  /** Changing it rebuilds the engine (reset: same seed, same start). */
  runId: number;
  /** Requests sampled for drawing. Default 40: enough to see the flow, few enough to read. */
  maxInflight?: number;
  /** Do not advance past this virtual time (predict quizzes run a fixed span). */
  untilMs?: number;
  /** Called once when `untilMs` is reached. */
  onUntil?(): void;
  fps?: number;
  /** See {@link useSimClock}'s `shouldTick`. */
  shouldTick?: () => boolean;
  /**
   * A virtual moment the clock must not jump over (lab checks are judged there):
   * an advance that crosses it stops there first and calls `onCheckpoint`, so the
   * report judged is the one at that moment, whatever the speed.
   */
  checkpointMs?: () => number | undefined;
  onCheckpoint?(engine: Engine): void;
  /**
   * Draw frames outside React: called after each advance or action instead of a
   * state update, so a tick re-renders nothing (the full-screen view paints its
   * own canvas; see direct-canvas.ts). `snapshot` then stays the first one.
   */
  onFrame?(): void;
  /**
   * Advance the engine to `targetMs` within a frame's budget in its own way (the
   * presenter's cues and pauses, presenter.ts); by default `engine.runUntil`.
   */
  runTo?(engine: Engine, targetMs: number, maxEvents: number): void;
}

export interface LiveSim {
  engine: Engine;
  snapshot: Snapshot;
  /** Advance by `virtualMs` now (single-step while paused). */
  advance(virtualMs: number): void;
  /** Apply an operator action; returns an error message when the engine refuses it. */
  apply(action: Action): string | undefined;
  /** Virtual seconds at which the learner's accepted actions were applied, this run. */
  actionTimesS: readonly number[];
}

export function useLiveSim(o: LiveSimHookOptions): LiveSim {
  const optsRef = useRef(o);
  optsRef.current = o;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new runId asks for a fresh engine
  const engine = useMemo(() => createEngine(o.scenario, optsRef.current.engineOptions ?? {}), [o.scenario, o.runId]);
  const maxInflight = o.maxInflight ?? 40;
  const [snapshot, setSnapshot] = useState<Snapshot>(() => engine.snapshot({ maxInflight }));
  const reached = useRef(false);
  const actions = useRef<{ engine: Engine; times: number[] }>({ engine, times: [] });
  if (actions.current.engine !== engine) actions.current = { engine, times: [] };
  useEffect(() => {
    reached.current = false;
    setSnapshot(engine.snapshot({ maxInflight }));
  }, [engine, maxInflight]);

  const advance = useCallback(
    (virtualMs: number) => {
      const until = optsRef.current.untilMs;
      let target = engine.now() + virtualMs;
      if (until !== undefined) target = Math.min(target, until);
      const cp = optsRef.current.checkpointMs?.();
      if (cp !== undefined && engine.now() < cp && cp <= target) {
        engine.runUntil(cp);
        optsRef.current.onCheckpoint?.(engine);
      }
      // A frame's event budget: a heavy scenario runs slower than asked, the keys stay live.
      const runTo = optsRef.current.runTo;
      if (runTo) runTo(engine, target, FRAME_EVENT_BUDGET);
      else if (target > engine.now()) engine.runUntil(target, { maxEvents: FRAME_EVENT_BUDGET });
      if (optsRef.current.onFrame) optsRef.current.onFrame();
      else setSnapshot(engine.snapshot({ maxInflight }));
      if (until !== undefined && engine.now() >= until && !reached.current) {
        reached.current = true;
        optsRef.current.onUntil?.();
      }
    },
    [engine, maxInflight],
  );

  const apply = useCallback(
    (action: Action): string | undefined => {
      try {
        engine.apply(action);
      } catch (e) {
        return (e as Error).message;
      }
      actions.current.times = [...actions.current.times, engine.now() / 1000];
      if (optsRef.current.onFrame) optsRef.current.onFrame();
      else setSnapshot(engine.snapshot({ maxInflight }));
      return undefined;
    },
    [engine, maxInflight],
  );

  const done = o.untilMs !== undefined && engine.now() >= o.untilMs;
  useSimClock({ running: o.running && !done, speed: o.speed, onTick: advance, fps: o.fps, shouldTick: o.shouldTick });
  return {
    engine,
    snapshot,
    advance,
    apply,
    // A getter: frames drawn outside React read it between renders.
    get actionTimesS() {
      return actions.current.times;
    },
  };
}
