/**
 * The design editor: the learner builds a task's infrastructure by keys, the
 * diagram redrawing as they go (build view), then checks it against the task's
 * requirements, predicts and runs the fault drill, and answers the mentor's
 * questions. Used full-screen by `webinfra-learn design` and inside a lesson by a
 * ```build step; it draws inside `width` × `height` and takes keys through the one
 * input owner (useKeys), returning false for keys it leaves to the lesson or root.
 */
import React, { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Scenario } from '../../sim/types';
import { editorReducer, initialEditorState, type EditorAction } from '../../design/editor/model';
import { runnable } from '../../design/editor/files';
import { checkDesign, type Requirement, type TaskNumber } from '../../design/requirements';
import { drillScenario, findSpofs, runFault, type DrillResult, type FaultResult } from '../../design/drill';
import { listFaults, unavailableFaults, type Fault } from '../../design/faults';
import { DEFAULT_RATES, yearlyAvailability, type ComponentRates } from '../../design/availability';
import type { StyledLine } from '../../diagram';
import { LAYER, useKeys, type KeyHandler } from '../input';
import { matchCommand, type Command, type Context } from '../keymap';
import type { Theme } from '../theme';
import { Canvas } from '../lab/canvas';
import { paintLines } from '../lab/paint';
import { fitLine } from '../text';
import { clamp } from '../layout';
import { buildView } from './build-lines';
import { checkLines, drillLines, predictLines, type Prediction } from './panel-lines';
import { ExplainPanel } from './explain-panel';

export type EditorMode = 'build' | 'check' | 'predict' | 'running' | 'drill' | 'explain';

export interface DesignEditorProps {
  task: TaskNumber;
  /** The design to start from. */
  initial: Scenario;
  /** Problems found when it was loaded (`file:line: message`). */
  loadProblems?: string[];
  /** The file it is saved to (named in problems). */
  file: string;
  width: number;
  height: number;
  theme: Theme;
  active: boolean;
  /** Key layer: LAYER.step inside a lesson, LAYER.screen full-screen. */
  layer?: number;
  /** Extra contexts after the editor's (the lesson's, inside a build step). */
  outerContexts?: Context[];
  setContexts(contexts: Context[]): void;
  /** Called with each new design (save it). */
  onChange?(design: Scenario): void;
  /** Called with the mode (the full-screen editor names it in its header). */
  onMode?(mode: EditorMode): void;
}

const RATE_KINDS = Object.keys(DEFAULT_RATES) as (keyof ComponentRates)[];

function contextsFor(mode: EditorMode): Context[] {
  switch (mode) {
    case 'build':
      return ['design'];
    case 'predict':
      return ['designPredict'];
    case 'drill':
      return ['designDrill', 'designPanel'];
    case 'explain':
      return ['designExplain'];
    default:
      return ['designPanel'];
  }
}

export function DesignEditor(props: DesignEditorProps): React.ReactElement {
  const { task, width, height, theme, active, file, setContexts, onChange, onMode } = props;
  const layer = props.layer ?? LAYER.step;
  const [state, dispatch] = useReducer(editorReducer, props.initial, (d) => ({
    ...initialEditorState(d),
    note: `Your design of task ${props.task}: ${d.nodes.length ? `Tab picks a machine, ${props.theme.ascii ? '<- ->' : '←→'} change it` : 'a adds a server'}; c checks it against the task.`,
  }));
  const [cursor, setCursor] = useState(0);
  const [mode, setMode] = useState<EditorMode>('build');
  const [scroll, setScroll] = useState(0);
  const [problems, setProblems] = useState<string[]>(props.loadProblems ?? []);
  const [reqs, setReqs] = useState<Requirement[] | undefined>();
  const [faults, setFaults] = useState<Fault[]>([]);
  const [predictions, setPredictions] = useState<Prediction[]>([]);
  const [drill, setDrill] = useState<DrillResult | undefined>();
  const [progress, setProgress] = useState<[number, number]>([0, 0]);
  const [runAnyway, setRunAnyway] = useState(false);
  const [rates, setRates] = useState<ComponentRates>(DEFAULT_RATES);
  const [rateKind, setRateKind] = useState<keyof ComponentRates>('machine');
  const drilled = useRef<Scenario | undefined>(undefined);
  const explainKeys = useRef<KeyHandler | undefined>(undefined);

  const outer = props.outerContexts ?? [];
  // The explain panel reports its own contexts (typing while a field is open).
  const [explainContexts, setExplainContexts] = useState<Context[]>(['designExplain']);
  // In the commit too, so the footer and the header change with the key that changed the mode.
  useLayoutEffect(() => {
    // Inside a lesson, how to move on comes first (the footer keeps what fits, in order).
    setContexts([...(mode === 'build' ? outer : []), ...(mode === 'explain' ? explainContexts : contextsFor(mode))]);
    onMode?.(mode);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode, explainContexts, setContexts]);

  // Save every new design during the commit (not in a later passive effect), so a
  // quit right after a change never loses it.
  const first = useRef(state.design);
  useLayoutEffect(() => {
    if (state.design !== first.current) onChange?.(state.design);
  }, [state.design, onChange]);

  const build = useMemo(() => (mode === 'build' ? buildView(state, cursor, width, height, theme.ascii) : undefined), [mode, state, cursor, width, height, theme.ascii]);
  const fields = build?.fields ?? [];

  const open = (next: EditorMode) => {
    setScroll(0);
    setMode(next);
  };

  const runCheck = () => {
    const r = runnable(state.design, file);
    setProblems(r.problems);
    setReqs(r.scenario ? checkDesign(r.scenario, task) : undefined);
    open('check');
  };

  const startDrill = () => {
    const r = runnable(state.design, file);
    if (!r.scenario) {
      setProblems(r.problems);
      setReqs(undefined);
      open('check');
      return;
    }
    drilled.current = r.scenario;
    const list = listFaults(r.scenario);
    // Predictions survive a second drill of the same faults.
    const same = list.length === faults.length && list.every((f, i) => f.node === faults[i]!.node && f.fault === faults[i]!.fault && f.component === faults[i]!.component);
    setFaults(list);
    if (!same) setPredictions(list.map(() => undefined));
    setCursor(0);
    setRunAnyway(false);
    open('predict');
  };

  // The drill runs one fault per tick so the screen shows its progress and keys still work.
  useEffect(() => {
    if (mode !== 'running' || !drilled.current) return;
    const s = drilled.current;
    const ds = drillScenario(s);
    const results: FaultResult[] = [];
    const t0 = performance.now();
    let i = 0;
    let timer: NodeJS.Timeout | undefined;
    const step = () => {
      if (i < faults.length) {
        results.push(runFault(ds, faults[i]!, s.seed));
        i++;
        setProgress([i, faults.length]);
        timer = setTimeout(step, 0);
        return;
      }
      setDrill({ faults: results, spofs: findSpofs(results), skipped: unavailableFaults(s), wall_ms: Math.round(performance.now() - t0) });
      open('drill');
    };
    setProgress([0, faults.length]);
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [mode, faults]);

  const yearly = useMemo(() => (drill && drilled.current ? yearlyAvailability(drilled.current, drill, rates) : undefined), [drill, rates]);

  const act = (a: EditorAction | undefined) => {
    if (a) dispatch(a);
  };

  const panelLines: StyledLine[] = useMemo(() => {
    switch (mode) {
      case 'check':
        return checkLines(task, reqs, problems, width, theme.ascii);
      case 'predict':
        return predictLines(faults, predictions, cursor, width, theme.ascii, runAnyway);
      case 'running':
        return [[{ text: `Running the drill: fault ${progress[0]} of ${progress[1]}${theme.ascii ? '...' : '…'}`, style: 'title' }]];
      case 'drill':
        return drill ? drillLines(drill, predictions, yearly, rates, rateKind, width, theme.ascii) : [];
      default:
        return [];
    }
  }, [mode, task, reqs, problems, width, theme.ascii, faults, predictions, cursor, progress, drill, yearly, rates, rateKind, runAnyway]);

  const room = height;
  const maxScroll = Math.max(0, panelLines.length - room);

  useKeys(
    (input, key) => {
      const command: Command | undefined = matchCommand(mode === 'explain' ? [] : contextsFor(mode), input, key);
      if (mode === 'build') {
        const f = fields[Math.min(cursor, fields.length - 1)];
        switch (command) {
          case 'nextNode':
          case 'prevNode':
            dispatch({ type: 'selectNext', delta: command === 'nextNode' ? 1 : -1 });
            setCursor(0);
            return true;
          case 'up':
            setCursor((c) => clamp(c - 1, 0, Math.max(0, fields.length - 1)));
            return true;
          case 'down':
            setCursor((c) => clamp(c + 1, 0, Math.max(0, fields.length - 1)));
            return true;
          case 'valueNext':
            act(f?.next);
            return true;
          case 'valuePrev':
            act(f?.prev);
            return true;
          case 'toggle':
            act(f?.alt ?? f?.next);
            return true;
          case 'addServer':
            dispatch({ type: 'addServer' });
            setCursor(0);
            return true;
          case 'addLb':
            dispatch({ type: 'addLoadBalancer' });
            setCursor(0);
            return true;
          case 'removeMachine':
            dispatch({ type: 'remove', id: state.selected });
            setCursor(0);
            return true;
          case 'addRule':
            dispatch({ type: 'addRule', id: state.selected });
            setCursor(fields.length);
            return true;
          case 'removeRule':
            if (f?.rule !== undefined) dispatch({ type: 'removeRule', id: state.selected, index: f.rule });
            return true;
          case 'undo':
            dispatch({ type: 'undo' });
            return true;
          default:
            return command ? openKey(command) : false;
        }
      }
      if (mode === 'explain') return explainKeys.current?.(input, key) === true;
      if (command === 'back') {
        setCursor(0);
        open('build');
        return true;
      }
      if (mode === 'predict') {
        const set = (delta: number) => {
          const order: Prediction[] = [undefined, 'errors', 'no errors'];
          setPredictions((ps) => ps.map((p, i) => (i === cursor ? order[(order.indexOf(p) + delta + order.length) % order.length] : p)));
        };
        if (command === 'up') setCursor((c) => clamp(c - 1, 0, faults.length - 1));
        else if (command === 'down') setCursor((c) => clamp(c + 1, 0, faults.length - 1));
        else if (command === 'valueNext') set(1);
        else if (command === 'valuePrev') set(-1);
        else if (command === 'yes' || command === 'no') {
          // y / n answer this fault and move to the next one.
          setPredictions((ps) => ps.map((p, i) => (i === cursor ? (command === 'yes' ? 'errors' : 'no errors') : p)));
          setCursor((c) => clamp(c + 1, 0, faults.length - 1));
        } else if (command === 'submit') {
          const open_ = predictions.filter((p) => p === undefined).length;
          // Predicting first is the point: a first Enter with faults left says so, a second runs anyway.
          if (open_ > 0 && !runAnyway) setRunAnyway(true);
          else open('running');
        } else return false;
        if (command !== 'submit') setRunAnyway(false);
        return true;
      }
      if (mode === 'drill') {
        const adjust = (field: 'failures_per_year' | 'repair_hours', up: boolean) => {
          setRates((r) => {
            const cur = r[rateKind][field];
            const steps = field === 'failures_per_year' ? [0, 0.5, 1, 2, 4, 6, 12, 24, 52] : [0.1, 0.25, 0.5, 1, 2, 4, 8, 24, 72];
            const i = steps.findIndex((s) => s >= cur);
            const at = i < 0 ? steps.length - 1 : i;
            const next = steps[clamp(steps[at] === cur ? at + (up ? 1 : -1) : up ? at : at - 1, 0, steps.length - 1)]!;
            return { ...r, [rateKind]: { ...r[rateKind], [field]: next } };
          });
        };
        if (command === 'nextNode') setRateKind((k) => RATE_KINDS[(RATE_KINDS.indexOf(k) + 1) % RATE_KINDS.length]!);
        else if (command === 'valueNext') adjust('failures_per_year', true);
        else if (command === 'valuePrev') adjust('failures_per_year', false);
        else if (command === 'repairUp') adjust('repair_hours', true);
        else if (command === 'repairDown') adjust('repair_hours', false);
        else if (command !== undefined) return panelKey(command);
        else return false;
        return true;
      }
      if (mode === 'running') return command !== undefined;
      return command ? panelKey(command) : false;
    },
    active,
    layer,
  );

  function panelKey(command: Command): boolean {
    switch (command) {
      case 'up':
        setScroll((s) => clamp(s - 1, 0, maxScroll));
        return true;
      case 'down':
        setScroll((s) => clamp(s + 1, 0, maxScroll));
        return true;
      case 'pageUp':
        setScroll((s) => clamp(s - room + 1, 0, maxScroll));
        return true;
      case 'pageDown':
        setScroll((s) => clamp(s + room - 1, 0, maxScroll));
        return true;
      default:
        return openKey(command);
    }
  }

  /** The keys that open a panel (from the design or another panel). */
  function openKey(command: Command): boolean {
    switch (command) {
      case 'check':
        runCheck();
        return true;
      case 'drill':
        startDrill();
        return true;
      case 'explain':
        open('explain');
        return true;
      default:
        return false;
    }
  }

  if (mode === 'explain') {
    return (
      <ExplainPanel
        design={state.design}
        file={file}
        width={width}
        height={height}
        theme={theme}
        keys={explainKeys}
        setContexts={setExplainContexts}
        onBack={() => {
          setCursor(0);
          open('build');
        }}
      />
    );
  }

  let lines: StyledLine[];
  if (build) lines = build.lines;
  else if (mode === 'predict') {
    // Keep the cursor's row in view (the title takes the first lines).
    const head = panelLines.length - faults.length;
    const top = clamp(cursor + head - Math.floor(room / 2), 0, maxScroll);
    lines = panelLines.slice(top, top + room);
  } else {
    const top = Math.min(scroll, maxScroll);
    lines = panelLines.slice(top, top + room);
    if (panelLines.length > room) {
      const more = maxScroll - top;
      lines[room - 1] = fitLine([{ text: more > 0 ? `${theme.ascii ? 'v' : '↓'} ${more} more line${more === 1 ? '' : 's'}` : `${theme.ascii ? '^' : '↑'} top: ↑`, style: 'muted' }], width);
    }
  }
  return <Canvas lines={paintLines(lines.map((l) => fitLine(l, width)), theme)} width={width} />;
}
