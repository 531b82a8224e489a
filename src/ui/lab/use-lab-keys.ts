/**
 * The lab's key bindings, from the one keymap's `lab` context: each command is
 * turned into a reducer action and/or an engine action. `labCommand` is pure
 * enough to test without a terminal; `useLabKeys` binds it to the input owner.
 */
import type { Key } from 'ink';
import { useKeys, LAYER } from '../input';
import { matchCommand, type Command, type Context } from '../keymap';
import type { Action, Snapshot, Topology } from '../../sim/types';
import { nextAlgorithm, nextRate, type LabAction, type LabState } from './use-lab-state';
import { redispatchToggle, splitBrainWarning, workersStep } from './tuning';

/** Virtual milliseconds advanced by one `.` step. */
export const STEP_MS = 100;

export interface LabCommandContext {
  state: LabState;
  dispatch(a: LabAction): void;
  snapshot: Snapshot;
  topology: Topology;
  /** Selection order (Tab). */
  order: readonly string[];
  apply(action: Action): string | undefined;
  advance(virtualMs: number): void;
  /** Rebuild the engine (same seed). */
  reset(): void;
}

/** Commands the lab understands. */
export const LAB_COMMANDS: ReadonlySet<Command> = new Set<Command>([
  'pause', 'step', 'faster', 'slower', 'rateUp', 'rateDown', 'algorithm', 'nextNode', 'prevNode', 'kill', 'restore', 'drain', 'promote', 'reset', 'log',
  'redispatch', 'workersUp', 'workersDown',
  'failures', 'alerts',
]);

/** Carry out one lab command. Returns false when it does not apply (the key falls through). */
export function labCommand(command: Command, ctx: LabCommandContext): boolean {
  const { state, dispatch, snapshot, topology } = ctx;
  const act = (action: Action, done: string): void => {
    const err = ctx.apply(action);
    dispatch({ type: 'notice', text: err ? `${done.split(' ')[0]} refused: ${err}` : done, tone: err ? 'error' : 'info' });
  };
  const needNode = (verb: string): string | undefined => {
    if (!state.selected) dispatch({ type: 'notice', text: `select a node first (Tab), then ${verb}`, tone: 'error' });
    return state.selected;
  };
  switch (command) {
    case 'pause':
      dispatch({ type: 'togglePause' });
      return true;
    case 'step':
      if (!state.paused) dispatch({ type: 'setPaused', paused: true });
      ctx.advance(STEP_MS);
      return true;
    case 'faster':
      dispatch({ type: 'faster' });
      return true;
    case 'slower':
      dispatch({ type: 'slower' });
      return true;
    case 'rateUp':
    case 'rateDown': {
      const rate = nextRate(snapshot.rate_rps, command === 'rateUp' ? 1 : -1);
      if (rate === snapshot.rate_rps) return true;
      dispatch({ type: 'setRate', rate });
      act({ action: 'set_rate', value: rate }, `request rate now ${rate} req/s`);
      return true;
    }
    case 'algorithm': {
      if (!topology.nodes.some((n) => n.kind === 'load_balancer')) {
        dispatch({ type: 'notice', text: 'no load balancer in this design: nothing to switch', tone: 'error' });
        return true;
      }
      const algorithm = nextAlgorithm(snapshot.algorithm);
      dispatch({ type: 'setAlgorithm', algorithm });
      act({ action: 'set_algorithm', value: algorithm }, `load balancing algorithm now ${algorithm}`);
      return true;
    }
    case 'nextNode':
      dispatch({ type: 'selectNext', order: ctx.order });
      return true;
    case 'prevNode':
      dispatch({ type: 'selectPrev', order: ctx.order });
      return true;
    case 'kill': {
      const id = needNode('x kills it');
      if (id) act({ action: 'kill', node: id }, `killed ${id}: its process crashed`);
      return true;
    }
    case 'restore': {
      const id = needNode('u restores it');
      if (!id) return true;
      if (snapshot.nodes[id]?.state === 'draining') act({ action: 'undrain', node: id }, `${id} back in rotation`);
      else act({ action: 'restore', node: id }, `restored ${id}`);
      return true;
    }
    case 'drain': {
      const id = needNode('d drains it');
      if (!id) return true;
      if (snapshot.nodes[id]?.state === 'draining') act({ action: 'undrain', node: id }, `${id} back in rotation`);
      else act({ action: 'drain', node: id }, `draining ${id}: no new requests, current ones finish`);
      return true;
    }
    case 'promote': {
      const id = needNode('P promotes it');
      if (!id) return true;
      // The promote happens anyway: with the primary still running the learner sees the split brain it causes.
      const warning = splitBrainWarning(snapshot, id);
      const err = ctx.apply({ action: 'promote', node: id });
      if (err) dispatch({ type: 'notice', text: `promoted refused: ${err}`, tone: 'error' });
      else dispatch({ type: 'notice', text: warning ?? `promoted ${id} to primary`, tone: warning ? 'error' : 'info' });
      return true;
    }
    case 'redispatch': {
      const r = redispatchToggle(snapshot);
      if ('error' in r) dispatch({ type: 'notice', text: r.error, tone: 'error' });
      else act(r.action, r.done);
      return true;
    }
    case 'workersUp':
    case 'workersDown': {
      const id = needNode(`${command === 'workersUp' ? '}' : '{'} changes its tier's workers`);
      if (!id) return true;
      const r = workersStep(snapshot, topology, id, command === 'workersUp' ? 1 : -1);
      if ('error' in r) dispatch({ type: 'notice', text: r.error, tone: 'error' });
      else act(r.action, r.done);
      return true;
    }
    case 'reset':
      ctx.reset();
      return true;
    case 'log':
      dispatch({ type: 'toggleLog' });
      return true;
    case 'failures':
      dispatch({ type: 'togglePanel', panel: 'failures' });
      return true;
    case 'alerts':
      dispatch({ type: 'togglePanel', panel: 'alerts' });
      return true;
    default:
      return false;
  }
}

/** Bind the lab's keys while `active`. Extra contexts are tried after `lab`. */
export function useLabKeys(ctx: LabCommandContext, active: boolean, contexts: readonly Context[] = ['lab'], layer: number = LAYER.step): void {
  useKeys(
    (input: string, key: Key) => {
      const command = matchCommand(contexts, input, key);
      if (!command || !LAB_COMMANDS.has(command)) return false;
      return labCommand(command, ctx);
    },
    active,
    layer,
  );
}
