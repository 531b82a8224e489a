/**
 * Everything a live lab needs, wired once: the viewer's state (reducer), the engine
 * and its clock, the topology to draw and the key bindings. Used by the lesson's lab
 * step, the predict quiz and the full-screen instructor view.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useStdin } from 'ink';
import type { EngineOptions, Scenario } from '../../sim/types';
import { layoutDiagram } from '../../diagram';
import { scenarioTopology } from './scenario-topology';
import { useLabState, type LabAction, type LabState } from './use-lab-state';
import { useLiveSim, type LiveSim } from './use-live-sim';
import type { LabCommandContext } from './use-lab-keys';

export interface UseLabOptions {
  scenario: Scenario;
  engineOptions?: EngineOptions;
  /** The lab is the visible, focused step (an overlay or another step stops the clock). */
  visible: boolean;
  speed?: number;
  startPaused?: boolean;
  untilMs?: number;
  onUntil?(): void;
  /** See {@link useLiveSim}: a moment the clock stops at on its way (lab checks are judged there). */
  checkpointMs?: () => number | undefined;
  onCheckpoint?(engine: import('../../sim/types').Engine): void;
  /** See {@link useLiveSim}: frames drawn outside React (full-screen view). */
  onFrame?(): void;
  /** See {@link useLiveSim}: the presenter's own way to advance (cues, pauses). */
  runTo?(engine: import('../../sim/types').Engine, targetMs: number, maxEvents: number): void;
  /** Animate even without a raw-mode terminal (tests drive ink-testing-library). Default: only on a terminal. */
  animateWithoutTerminal?: boolean;
}

export interface Lab {
  state: LabState;
  dispatch: React.Dispatch<LabAction>;
  sim: LiveSim;
  topology: ReturnType<typeof scenarioTopology>;
  order: string[];
  /** Whether the clock is running right now. */
  animating: boolean;
  commands: LabCommandContext;
}

export function useLab(o: UseLabOptions): Lab {
  const firstLb = o.scenario.nodes.find((n) => n.kind === 'load_balancer');
  const initialAlgorithm = (firstLb && 'algorithm' in firstLb && firstLb.algorithm) || 'roundrobin';
  const initialRate = o.engineOptions?.rate_rps ?? o.scenario.workload.rate_rps;
  const [state, rawDispatch] = useLabState({ rate: initialRate, algorithm: initialAlgorithm, speed: o.speed, paused: o.startPaused });
  // Pausing takes effect at the key press, not at the next render (see useSimClock's shouldTick).
  const pausedNow = useRef(state.paused);
  pausedNow.current = state.paused;
  const dispatch = useCallback<React.Dispatch<LabAction>>(
    (a) => {
      if (a.type === 'togglePause') pausedNow.current = !pausedNow.current;
      else if (a.type === 'setPaused') pausedNow.current = a.paused;
      rawDispatch(a);
    },
    [rawDispatch],
  );
  const { isRawModeSupported } = useStdin();
  const terminal = isRawModeSupported === true || o.animateWithoutTerminal === true;
  const animating = o.visible && !state.paused && terminal;
  const sim = useLiveSim({ scenario: o.scenario, engineOptions: o.engineOptions, running: animating, speed: state.speed, runId: state.runId, untilMs: o.untilMs, onUntil: o.onUntil, checkpointMs: o.checkpointMs, onCheckpoint: o.onCheckpoint, onFrame: o.onFrame, runTo: o.runTo, shouldTick: () => !pausedNow.current });
  // What is drawn follows the run: a promotion moves the SQL and replication arrows,
  // an added server appears (the engine rebuilds its scenario; the first one is o.scenario).
  const topology = scenarioTopology(sim.engine.scenario);
  // Selection order is the diagram's left-to-right order; independent of width.
  const order = useMemo(() => layoutDiagram(topology, { width: 200, live: false }).order, [topology]);
  const reset = useCallback(() => dispatch({ type: 'reset', rate: initialRate, algorithm: initialAlgorithm }), [dispatch, initialRate, initialAlgorithm]);
  const direct = o.onFrame !== undefined;
  const commands: LabCommandContext = {
    state,
    dispatch,
    // Drawn outside React, the state's snapshot is the first one: ask the engine.
    get snapshot() {
      return direct ? sim.engine.snapshot({ maxInflight: 0 }) : sim.snapshot;
    },
    topology,
    order,
    apply: sim.apply,
    advance: sim.advance,
    reset,
  };
  return { state, dispatch, sim, topology, order, animating, commands };
}
