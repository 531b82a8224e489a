/**
 * A ```lab step: the goal, the live simulation and the checklist, judged by
 * src/labs (the rule the course's lab tests use too): a check ticks as soon as it
 * is met, a windowed one when its window closes, and a ticked check stays ticked,
 * through experiments, resets and later visits (saved through `onLabResult`).
 * The lab's own keys (a probe, reading a hop's traffic, adding a server), the "show
 * me" recipe, fast-forward, hints and the full log are one key away, and the footer
 * lists the keys that work now. The clock runs only while this step is the visible,
 * focused one (`active`), and only on a terminal.
 */
import React, { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Text, useStdin, type Key } from 'ink';
import type { Step } from '../../course/types';
import type { StyledLine } from '../../diagram';
import { LabJudge, type LabEvent, type Verdict } from '../../labs';
import { parseAt } from '../../sim/spec/at';
import type { Action, Engine, EngineOptions, Scenario, Snapshot, TimelineEvent } from '../../sim/types';
import type { FooterItem } from '../components/frame';
import { LAYER, useKeys } from '../input';
import { matchCommand } from '../keymap';
import type { StepViewProps } from '../step-props';
import { Canvas, InlineSlot } from './canvas';
import { INLINE_MARK, InlineCanvasContext } from './inline-canvas';
import { labLines, logPanel, type LabPanel } from './lab-lines';
import { fastForward, labKeys, ownRunStory, readTraffic, reencrypted, showMeRecipe } from './lab-tools';
import { fmtTime } from './live-lines';
import { paintLines } from './paint';
import { courseScenario } from './scenario-cache';
import { useLab } from './use-lab';
import { LAB_COMMANDS, labCommand, type LabCommandContext } from './use-lab-keys';

type LabStepData = Extract<Step, { kind: 'lab' }>;

/** Real seconds without a new event after which the lab offers fast-forward in its body. */
export const IDLE_HINT_S = 8;

/** Parse a lab's `at` lines; bad ones are reported, not fatal. */
export function parseLabAt(at: readonly string[] | undefined): { events: TimelineEvent[]; errors: string[] } {
  const events: TimelineEvent[] = [];
  const errors: string[] = [];
  for (const spec of at ?? []) {
    try {
      events.push(parseAt(spec));
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return { events, errors };
}

/** A short description of a learner's action, for their run's story. */
function describe(a: Action): string {
  const verb: Record<string, string> = { kill: 'killed', stop: 'stopped', restore: 'restored', drain: 'drained', undrain: 'put back', promote: 'promoted', probe: 'probed', set_rate: 'set the rate to', set_algorithm: 'switched to', blackhole: 'hung', set_redispatch: 'set redispatch', set_workers: 'set the workers of' };
  return [verb[a.action] ?? a.action, a.node, a.action === 'probe' && a.value !== undefined ? `port ${a.value}` : a.value].filter((x) => x !== undefined).join(' ');
}

/** The actions that work on the selected node right now, for the footer. */
export function nodeActions(snapshot: Snapshot, selected: string | undefined): FooterItem[] {
  const n = selected ? snapshot.nodes[selected] : undefined;
  if (!n) return [];
  const items: FooterItem[] = [];
  if (n.state === 'up' || n.state === 'draining') items.push({ label: 'x', description: 'kill' });
  if (n.state !== 'up') items.push({ label: 'u', description: n.state === 'draining' ? 'undrain' : 'restore' });
  if (n.lbView && Object.keys(n.lbView).length > 0) items.push({ label: 'd', description: n.state === 'draining' ? 'undrain' : 'drain' });
  if (n.dbRole === 'replica') items.push({ label: 'P', description: 'promote' });
  return items;
}

/** Lines painted with padding to `width`, so painting covers the slot's whole row. */
function padLine(line: StyledLine, width: number): StyledLine {
  const n = line.reduce((t, seg) => t + seg.text.length, 0);
  return n >= width ? line : [...line, { text: ' '.repeat(width - n), style: 'text' }];
}

/** "set to 200 (was 200)": an event that changed nothing, left out of the log. */
const noChange = (e: LabEvent): boolean => /\bto (\S+) \(was \1\)/.test(e.message);

function LabRunner(props: StepViewProps<LabStepData> & { scenario: Scenario; atEvents: TimelineEvent[]; atErrors: string[] }): React.ReactElement {
  const { step, width, height, theme, active, setContexts, onLabResult } = props;
  const lab = step.lab;
  const labId = step.id;
  const keys = useMemo(() => labKeys(lab), [lab]);
  const recipe = useMemo(() => showMeRecipe(lab), [lab]);
  const [reencrypt, setReencrypt] = useState(false);
  const scenario = useMemo(() => (reencrypt ? reencrypted(props.scenario) : props.scenario), [reencrypt, props.scenario]);

  // The judge outlives runs (reset, re-encryption): a ticked check stays ticked.
  const savedPassed = useRef(props.progress.labs[labId]?.passed ?? []);
  const judge = useMemo(() => new LabJudge(lab.checks, savedPassed.current.filter((i) => i < lab.checks.length)), [lab.checks]);
  const [verdicts, setVerdicts] = useState<Verdict[]>(() => [...judge.verdicts]);
  const focus = useRef<number | undefined>(undefined);
  const run = useRef<{ engine?: Engine; ui: LabEvent[]; mine: { t_s: number; text: string }[]; recipe: { atMs: number; ev: TimelineEvent }[]; lastEventMs: number; lastEvents: number }>({ ui: [], mine: [], recipe: [], lastEventMs: 0, lastEvents: 0 });

  const host = useContext(InlineCanvasContext);
  const { isRawModeSupported } = useStdin();
  const direct = host !== undefined && isRawModeSupported === true ? host : undefined;
  const frame = useRef<() => void>(() => undefined);
  const onFrame = useCallback(() => frame.current(), []);
  const engineOptions = useMemo<EngineOptions>(() => (props.atEvents.length ? { at: props.atEvents } : {}), [props.atEvents]);

  const observe = useRef<() => boolean>(() => false);
  const checkpointMs = useCallback(() => {
    const close = judge.nextCloseS();
    const due = run.current.recipe[0]?.atMs;
    const times = [close === undefined ? undefined : close * 1000, due].filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  }, [judge]);
  const onCheckpoint = useCallback(() => void observe.current(), []);
  const live = useLab({ scenario, engineOptions, visible: active, checkpointMs, onCheckpoint, onFrame: direct ? onFrame : undefined });
  const { state, dispatch } = live;

  /** Apply due recipe steps, then judge the run as it is now. True when a check changed. */
  observe.current = () => {
    const engine = live.sim.engine;
    const r = run.current;
    if (r.engine !== engine) {
      // A new run (reset or re-encryption): its windows and events start again.
      judge.newRun();
      run.current = { engine, ui: [], mine: [], recipe: [], lastEventMs: performance.now(), lastEvents: 0 };
    }
    const cur = run.current;
    while (cur.recipe.length && cur.recipe[0]!.atMs <= engine.now() + 1e-6) {
      const { ev } = cur.recipe.shift()!;
      try {
        engine.apply({ action: ev.action, node: ev.node, value: ev.value });
        cur.mine.push({ t_s: engine.now() / 1000, text: `(show me) ${describe(ev)}` });
      } catch (e) {
        dispatch({ type: 'notice', text: `show me: ${(e as Error).message}`, tone: 'error' });
      }
    }
    const report = engine.report();
    if (report.events.length !== cur.lastEvents) {
      cur.lastEvents = report.events.length;
      cur.lastEventMs = performance.now();
    }
    const changed = judge.observe(report, engine.now() / 1000, cur.ui);
    if (changed.length === 0) return false;
    focus.current = changed[changed.length - 1];
    setVerdicts([...judge.verdicts]);
    return true;
  };
  useEffect(() => {
    observe.current();
  }, [live.sim.snapshot, live.sim.engine]);

  // Save each time the set of passed checks grows.
  const saved = useRef(-1);
  useEffect(() => {
    const passed = verdicts.flatMap((v, i) => (v === 'pass' ? [i] : []));
    if (passed.length <= Math.max(0, saved.current) && saved.current >= 0) return;
    if (passed.length === 0) return;
    saved.current = passed.length;
    onLabResult(labId, { passed, completed: passed.length === lab.checks.length });
  }, [verdicts, labId, onLabResult, lab.checks.length]);

  const complete = verdicts.every((v) => v === 'pass');
  const snapshotNow = (): Snapshot => (direct ? live.sim.engine.snapshot({ maxInflight: 40 }) : live.sim.snapshot);

  // The footer: what works now, most useful first.
  const footer = useMemo<FooterItem[]>(() => {
    const items: FooterItem[] = [];
    if (complete) items.push({ label: theme.ascii ? '->/Enter' : '→/Enter', description: 'continue' });
    items.push(...nodeActions(live.sim.engine.snapshot({ maxInflight: 0 }), state.selected));
    for (const k of keys) items.push({ label: k.key, description: k.label });
    if (recipe.length) items.push({ label: 's', description: 'show me' });
    return items;
    // the node's state changes with the run: re-read on each snapshot
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [complete, state.selected, keys, recipe.length, live.sim.snapshot, live.sim.engine, theme.ascii, state.notice]);
  const footerKey = footer.map((f) => `${f.label}:${f.description}`).join('|');
  useEffect(() => {
    setContexts(['lab', 'labStep', 'stepDone'], footer);
    // footerKey stands for footer's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [setContexts, footerKey]);

  const [panel, setPanel] = useState<LabPanel>('live');
  const [logTop, setLogTop] = useState(Number.MAX_SAFE_INTEGER);

  // The learner's actions are recorded for the story of their run.
  const commands: LabCommandContext = {
    ...live.commands,
    apply: (a: Action) => {
      const err = live.sim.apply(a);
      if (!err) run.current.mine.push({ t_s: live.sim.engine.now() / 1000, text: describe(a) });
      observe.current();
      return err;
    },
  };

  const skip = (): void => {
    const engine = live.sim.engine;
    const ev = fastForward(engine, () => observe.current());
    live.sim.advance(0);
    run.current.lastEventMs = performance.now();
    dispatch({ type: 'notice', text: ev ? `skipped to ${fmtTime(ev.t_s * 1000)}: ${ev.message}` : `nothing changes in the next 2 minutes: try one of the keys (h hints)` });
  };

  const runLabKey = (k: (typeof keys)[number]): void => {
    const engine = live.sim.engine;
    if (k.effect.kind === 'action') {
      const err = commands.apply(k.effect.action);
      dispatch({ type: 'notice', text: err ? `${k.label}: ${err}` : `${k.label}: done`, tone: err ? 'error' : 'info' });
    } else if (k.effect.kind === 'readTraffic') {
      const r = readTraffic(live.topology, engine.snapshot({ maxInflight: 0 }), state.selected, engine.now() / 1000);
      if (r.event) run.current.ui.push(r.event);
      dispatch({ type: 'notice', text: r.text, tone: r.event ? 'info' : 'error' });
      observe.current();
    } else {
      setReencrypt((on) => !on);
      dispatch({ type: 'notice', text: reencrypt ? 'lb-1 back to plain HTTP behind it (TLS terminated): the run starts again' : 'load balancers now re-encrypt to the back ends (server … ssl): the run starts again' });
    }
  };

  useKeys(
    (input: string, key: Key) => {
      const cmd = matchCommand(['labStep', 'lab', 'stepDone'], input, key);
      if (panel === 'log') {
        const max = logPanel(visibleEvents(), width, height, 0, theme.ascii).maxTop;
        const top = Math.min(logTop, max);
        const page = Math.max(1, height - 4);
        // The log's scroll keys (Space stays the lab's pause).
        const scroll = input === ' ' ? undefined : matchCommand(['eventLog'], input, key);
        let to: number | undefined;
        if (scroll === 'up') to = Math.max(0, top - 1);
        else if (scroll === 'down') to = top + 1;
        else if (scroll === 'pageUp') to = Math.max(0, top - page);
        else if (scroll === 'pageDown') to = top + page;
        else if (scroll === 'home') to = 0;
        else if (scroll === 'end') to = max;
        if (to !== undefined) {
          setLogTop(to);
          return true;
        }
        if (cmd === 'log' || key.escape) {
          setPanel('live');
          return true;
        }
      }
      if (panel === 'hints' && (cmd === 'hints' || key.escape)) {
        setPanel('live');
        return true;
      }
      if (panel === 'live' && state.panel && key.escape) {
        dispatch({ type: 'showPanel', panel: undefined });
        return true;
      }
      const own = !key.ctrl && !key.meta ? keys.find((k) => k.key === input) : undefined;
      if (own) {
        runLabKey(own);
        return true;
      }
      switch (cmd) {
        case 'fastForward':
          skip();
          return true;
        case 'hints':
          setPanel('hints');
          return true;
        case 'log':
          setLogTop(Number.MAX_SAFE_INTEGER);
          setPanel('log');
          return true;
        case 'showMe': {
          if (!recipe.length) return false;
          const now = live.sim.engine.now();
          run.current.recipe = recipe.map((ev) => ({ atMs: now + ev.at_s * 1000, ev }));
          dispatch({ type: 'notice', text: `show me: ${recipe.map((e) => `${e.at_s} s ${describe(e)}`).join(', ')}` });
          observe.current();
          return true;
        }
        case 'reset':
          live.commands.reset();
          return true;
        case 'failures':
        case 'alerts':
          // The failures and alert panels take the live view's place (from the hints or the log too).
          setPanel('live');
          return labCommand(cmd, commands);
        default:
          if (cmd && LAB_COMMANDS.has(cmd)) return labCommand(cmd, commands);
          return false;
      }
    },
    active,
    LAYER.step,
  );

  const visibleEvents = (): LabEvent[] => [...live.sim.engine.report().events, ...run.current.ui].filter((e) => !noChange(e)).sort((a, b) => a.t_s - b.t_s);

  /** The topology drawn: the scenario's, plus servers the learner added during the run (add_server). */
  const topologyNow = (): typeof live.topology => {
    const now = live.sim.engine.topology;
    if (now.nodes.length <= live.topology.nodes.length) return live.topology;
    return { ...now, nodes: now.nodes.map((n) => live.topology.nodes.find((m) => m.id === n.id) ?? n) };
  };

  /** The lab's whole area for one snapshot. */
  const compose = (snap: Snapshot): StyledLine[] => {
    const idleS = (performance.now() - run.current.lastEventMs) / 1000;
    const idle = live.animating && panel === 'live' && idleS >= IDLE_HINT_S ? `nothing has changed for ${Math.floor(idleS)} s: f skips to the next event` : undefined;
    return labLines({
      lab,
      title: lab.title ?? scenario.name,
      verdicts,
      passedAtS: judge.passedAtS,
      focus: focus.current,
      topology: topologyNow(),
      snapshot: { ...snap, events: snap.events.filter((e) => !noChange(e)) },
      state,
      panel,
      logTop,
      events: panel === 'log' ? visibleEvents() : [],
      keyHints: [...keys.map((k) => `${k.key}: ${k.label}`), ...(recipe.length ? ['s: show me (the recipe plays from now)'] : []), 'f: skip to the next event', 'l: the whole event log'],
      idle,
      errors: props.atErrors,
      story: complete || panel === 'hints' ? ownRunStory(live.sim.engine.report(), run.current.mine, theme.ascii) : undefined,
      width,
      height,
      ascii: theme.ascii,
      animating: live.animating && !theme.reducedMotion,
    });
  };

  // Direct drawing: each tick paints from the engine and the latest render's state.
  const slotShown = direct !== undefined && active;
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(retry.current), []);
  frame.current = () => {
    observe.current();
    if (!direct || !slotShown) return;
    if (!direct.showing) {
      // Ink is between frames (the slot is not located yet): paint once it is, or a
      // paused lab would keep showing the moment before the last key (pause, f, x).
      retry.current ??= setTimeout(() => {
        retry.current = undefined;
        frame.current();
      }, 50);
      return;
    }
    const lines = compose(snapshotNow());
    while (lines.length < height) lines.push([]);
    direct.draw(paintLines(lines.map((l) => padLine(l, width)), theme), height);
  };
  useEffect(() => {
    if (!direct || !slotShown) return;
    return direct.attach(() => frame.current());
  }, [direct, slotShown]);
  useEffect(() => {
    if (slotShown) frame.current();
  });

  if (slotShown) return <InlineSlot width={width} height={height} mark={INLINE_MARK} />;
  return <Canvas lines={paintLines(compose(live.sim.snapshot), theme)} width={width} />;
}

/** Registered in steps/registry.tsx as the `lab` step view. */
export function LabStep(props: StepViewProps<LabStepData>): React.ReactElement {
  const lab = props.step.lab;
  const loaded = courseScenario(props.course, lab.scenario);
  // The loader parsed the lab's `at` lines (and reported bad ones); a hand-built step is parsed here.
  const at = useMemo(() => (props.step.atEvents ? { events: props.step.atEvents, errors: [] } : parseLabAt(lab.at)), [props.step.atEvents, lab.at]);
  const { setContexts } = props;
  useEffect(() => {
    if (!loaded.ok) setContexts(['lesson']);
  }, [loaded.ok, setContexts]);
  if (!loaded.ok) {
    return (
      <Text wrap="wrap">
        {`This lab needs the scenario '${lab.scenario}', which could not be loaded:\n${loaded.error}\n(${props.lesson.file}:${props.step.pos.line}) · → goes on`}
      </Text>
    );
  }
  return <LabRunner {...props} scenario={loaded.scenario} atEvents={at.events} atErrors={at.errors} />;
}
