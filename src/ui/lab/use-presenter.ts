/**
 * The presenter's controls for the full-screen live view: cues (pause, set_speed,
 * say) and `--pause-on` event types played at their exact simulated time, `<` / `>`
 * to the previous / next event (shown paused), and the operator's actions recorded
 * so that going back re-runs them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Engine, SimEvent } from '../../sim/types';
import { sortCues, type Cue, type ShowPanel } from '../../sim/spec/cues';
import { clampSpeed, type LabAction } from './use-lab-state';
import { isLandmark, previousLandmarkMs, rerunTo, runPresented, type PresenterCursor, type TimedAction } from './presenter';
import type { LabCommandContext } from './use-lab-keys';

export interface PresenterOptions {
  cues: readonly Cue[];
  pauseOn: readonly string[];
  /** The run's end (`--duration` or the scenario's): the view stops there, paused. */
  endMs?: number;
}

export interface Presenter {
  runTo(engine: Engine, targetMs: number, maxEvents: number): void;
  /** The caption shown now ('' for none). */
  caption: string;
  /** Why the run is paused, when a cue, a watched event or a jump paused it. */
  pausedBy?: string;
  /** The lab's commands with the operator's actions recorded. */
  commands: LabCommandContext;
  /** `<`: just before the previous event; `>`: the next event. */
  jump(direction: -1 | 1): void;
}

export function usePresenter(o: PresenterOptions, lab: { engine: Engine; commands: LabCommandContext; dispatch: React.Dispatch<LabAction>; reset(): void; refresh(): void }): Presenter {
  const cursor = useRef<PresenterCursor>({ next: 0, caption: '' });
  const [shown, setShown] = useState<{ caption: string; pausedBy?: string }>({ caption: '' });
  const actions = useRef<TimedAction[]>([]);
  const pauseOn = useRef(new Set(o.pauseOn));
  const engineRef = useRef<Engine | undefined>(undefined);
  /** Set by a jump back: the moment the next fresh engine re-runs to. */
  const seek = useRef<{ at: number; what: string } | undefined>(undefined);
  const stopNext = useRef(false);
  const dispatch = lab.dispatch;
  const publish = useCallback(() => setShown({ caption: cursor.current.caption, pausedBy: cursor.current.pausedBy }), []);

  const hooks = {
    pause: (_why?: string) => dispatch({ type: 'setPaused', paused: true }),
    speed: (x: number) => dispatch({ type: 'setSpeed', speed: clampSpeed(x) }),
    say: () => undefined,
    show: (panel: ShowPanel) => dispatch({ type: 'showPanel', panel: panel === 'diagram' ? undefined : panel }),
  };

  // A new engine (reset with R, or a jump back): start the cues again, or re-run to the jump's moment.
  if (engineRef.current !== lab.engine) {
    engineRef.current = lab.engine;
    cursor.current = { next: 0, caption: '' };
    const to = seek.current;
    seek.current = undefined;
    if (to === undefined) actions.current = [];
    else {
      actions.current = actions.current.filter((a) => a.t_ms <= to.at);
      const speed = rerunTo(lab.engine, to.at, actions.current, o.cues, cursor.current);
      if (speed !== undefined) queueMicrotask(() => hooks.speed(speed));
      // The panel the cues had opened by then (a jump back before a `show` cue closes it).
      if (o.cues.some((c) => c.action === 'show')) {
        const panel = cursor.current.panel ?? 'diagram';
        queueMicrotask(() => hooks.show(panel));
      }
      cursor.current.pausedBy = `back to ${(to.at / 1000).toFixed(3)} s, ${to.what}`;
    }
  }
  useEffect(() => {
    publish();
    lab.refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per engine
  }, [lab.engine]);

  const runTo = (engine: Engine, wantedMs: number, maxEvents: number): void => {
    const before = cursor.current.caption;
    const end = o.endMs ?? Infinity;
    const targetMs = Math.min(wantedMs, end);
    const stopOn = stopNext.current ? isLandmark : undefined;
    const paused = runPresented(engine, targetMs, { cues: o.cues, pauseOn: pauseOn.current, maxEvents, stopOn }, cursor.current, hooks);
    if (paused) stopNext.current = false;
    else if (engine.now() >= end && wantedMs > end) {
      // The demo ends itself at the run's duration.
      cursor.current.pausedBy = `end of the run (${end / 1000} s): R restarts`;
      hooks.pause(cursor.current.pausedBy);
      publish();
      return;
    }
    if (paused || cursor.current.caption !== before) publish();
  };

  const jump = (direction: -1 | 1): void => {
    const engine = lab.engine;
    dispatch({ type: 'setPaused', paused: true });
    if (direction === 1) {
      // Forward: run on to the next event and stop at its moment.
      stopNext.current = true;
      runTo(engine, o.endMs ?? engine.scenario.duration_s * 1000, Number.MAX_SAFE_INTEGER);
      stopNext.current = false;
      lab.refresh();
      return;
    }
    const { at, event } = previousLandmarkMs(engine.events() as SimEvent[], engine.now());
    seek.current = { at, what: event ? `just before ${event.type}: ${event.message}` : 'the start' };
    lab.reset();
    dispatch({ type: 'setPaused', paused: true });
  };

  const base = lab.commands;
  const commands: LabCommandContext = Object.create(base, {
    apply: {
      value: (action: Parameters<LabCommandContext['apply']>[0]) => {
        const t = lab.engine.now();
        const err = base.apply(action);
        if (err === undefined) actions.current.push({ t_ms: t, action });
        return err;
      },
    },
  }) as LabCommandContext;

  return { runTo, caption: shown.caption, pausedBy: shown.pausedBy, commands, jump };
}

/** The cues a live view plays: the scenario's timeline's and the command line's (or playlist step's), in time order. */
export function presenterCues(o: { scenario: { cues?: readonly Cue[] }; cues?: readonly Cue[] }): Cue[] {
  return sortCues([...(o.scenario.cues ?? []), ...(o.cues ?? [])]);
}
