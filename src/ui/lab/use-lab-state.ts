/**
 * The lab screen's state as a reducer over named actions (tested directly in
 * test/ui/lab-state.test.ts). It holds what the *viewer* controls: pause, speed,
 * selection, log; the simulated world itself lives in the engine.
 */
import { useReducer } from 'react';
import type { Algorithm } from '../../sim/types';

/** Speeds offered by +/- (virtual seconds per real second). */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10] as const;
/** Request rates offered by [ and ] (req/s). */
export const RATES = [5, 10, 20, 50, 100, 150, 200, 300, 500, 1000] as const;
/** Algorithms cycled by `a`, in HAProxy's names. */
export const ALGORITHM_CYCLE: readonly Algorithm[] = ['roundrobin', 'leastconn', 'source', 'random', 'static-rr', 'first'];

export interface LabState {
  paused: boolean;
  /** Virtual seconds per real second, 0.25–10. */
  speed: number;
  /** Selected node id (Tab / Shift+Tab over the diagram's order). */
  selected?: string;
  /** Request rate asked for, req/s. */
  rate: number;
  algorithm: Algorithm;
  /** The full event log replaces the diagram. */
  logOpen: boolean;
  /** A panel in place of the diagram: the failures by node and cause (`e`) or the alerts (`A`). */
  panel?: LabPanelName;
  /** Indices of lab checks that have passed (they stay passed). */
  passed: number[];
  /** Bumped by reset: the engine is rebuilt. */
  runId: number;
  /** Last operator feedback, e.g. "killed web-1" or why an action was refused. */
  notice?: { text: string; tone: 'info' | 'error' };
}

/** The panels that can replace the diagram (the cue `show:PANEL` names them too, with `diagram` to close). */
export type LabPanelName = 'failures' | 'alerts';

export type LabAction =
  | { type: 'togglePause' }
  | { type: 'setPaused'; paused: boolean }
  | { type: 'faster' }
  | { type: 'slower' }
  | { type: 'setSpeed'; speed: number }
  | { type: 'setRate'; rate: number }
  | { type: 'setAlgorithm'; algorithm: Algorithm }
  | { type: 'selectNext'; order: readonly string[] }
  | { type: 'selectPrev'; order: readonly string[] }
  | { type: 'select'; id: string | undefined }
  | { type: 'toggleLog' }
  /** Open a panel, or close it when it is open; `undefined` shows the diagram. */
  | { type: 'togglePanel'; panel: LabPanelName }
  | { type: 'showPanel'; panel: LabPanelName | undefined }
  | { type: 'checksPassed'; indices: number[] }
  | { type: 'reset'; rate: number; algorithm: Algorithm }
  | { type: 'notice'; text: string; tone?: 'info' | 'error' };

/** Clamp a speed to the offered range. */
export function clampSpeed(speed: number): number {
  if (!Number.isFinite(speed)) return 1;
  return Math.min(SPEEDS[SPEEDS.length - 1]!, Math.max(SPEEDS[0]!, speed));
}

function stepIn<T extends number>(ladder: readonly T[], value: number, dir: 1 | -1): number {
  if (dir > 0) return ladder.find((v) => v > value + 1e-9) ?? ladder[ladder.length - 1]!;
  return [...ladder].reverse().find((v) => v < value - 1e-9) ?? ladder[0]!;
}

/** The next rate up or down the ladder. */
export function nextRate(rate: number, dir: 1 | -1): number {
  return stepIn(RATES, rate, dir);
}

/** The next algorithm in the cycle. */
export function nextAlgorithm(a: Algorithm): Algorithm {
  const i = ALGORITHM_CYCLE.indexOf(a);
  return ALGORITHM_CYCLE[(i + 1) % ALGORITHM_CYCLE.length]!;
}

export function initialLabState(init: { rate: number; algorithm: Algorithm; speed?: number; paused?: boolean; selected?: string }): LabState {
  return { paused: init.paused ?? false, speed: clampSpeed(init.speed ?? 1), rate: init.rate, algorithm: init.algorithm, logOpen: false, passed: [], runId: 0, selected: init.selected };
}

function cycle(order: readonly string[], current: string | undefined, dir: 1 | -1): string | undefined {
  if (order.length === 0) return undefined;
  const i = current === undefined ? -1 : order.indexOf(current);
  if (i < 0) return dir > 0 ? order[0] : order[order.length - 1];
  return order[(i + dir + order.length) % order.length];
}

export function labReducer(state: LabState, action: LabAction): LabState {
  switch (action.type) {
    case 'togglePause':
      return { ...state, paused: !state.paused };
    case 'setPaused':
      return state.paused === action.paused ? state : { ...state, paused: action.paused };
    case 'faster':
      return { ...state, speed: stepIn(SPEEDS, state.speed, 1) };
    case 'slower':
      return { ...state, speed: stepIn(SPEEDS, state.speed, -1) };
    case 'setSpeed':
      return { ...state, speed: clampSpeed(action.speed) };
    case 'setRate':
      return { ...state, rate: action.rate };
    case 'setAlgorithm':
      return { ...state, algorithm: action.algorithm };
    case 'selectNext':
      return { ...state, selected: cycle(action.order, state.selected, 1) };
    case 'selectPrev':
      return { ...state, selected: cycle(action.order, state.selected, -1) };
    case 'select':
      return { ...state, selected: action.id };
    case 'toggleLog':
      return { ...state, logOpen: !state.logOpen, panel: undefined };
    case 'togglePanel':
      return { ...state, panel: state.panel === action.panel ? undefined : action.panel, logOpen: false };
    case 'showPanel':
      return state.panel === action.panel && !state.logOpen ? state : { ...state, panel: action.panel, logOpen: false };
    case 'checksPassed': {
      const add = action.indices.filter((i) => !state.passed.includes(i));
      return add.length === 0 ? state : { ...state, passed: [...state.passed, ...add].sort((a, b) => a - b) };
    }
    case 'reset':
      return { ...state, runId: state.runId + 1, rate: action.rate, algorithm: action.algorithm, passed: [], notice: { text: 'run reset: same seed, same start', tone: 'info' } };
    case 'notice':
      return { ...state, notice: { text: action.text, tone: action.tone ?? 'info' } };
  }
}

/** The lab reducer bound to React. */
export function useLabState(init: Parameters<typeof initialLabState>[0]): [LabState, React.Dispatch<LabAction>] {
  return useReducer(labReducer, init, initialLabState);
}
