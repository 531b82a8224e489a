/**
 * A `predict` question: choose what will happen, then the scenario runs with its
 * `at` events in the live view (run_s virtual seconds, at 2× by default; Enter jumps
 * to the end) and the outcome is shown beside the prediction: the verdict, the
 * choice's feedback, the explanation and the run's own numbers. The answer is
 * recorded when it is given, before the run, so watching cannot change the score.
 */
import React, { useEffect, useMemo, useRef } from 'react';
import { Text } from 'ink';
import type { Step } from '../../course/types';
import type { StyledLine } from '../../diagram';
import { choiceAt, gradePrediction, predictReducer, predictStart, type PredictState } from '../../quiz/kinds/predict-state';
import type { PredictQuestion } from '../../quiz/types';
import type { EngineOptions, Report, Scenario, TimelineEvent } from '../../sim/types';
import type { StepViewProps } from '../step-props';
import { useKeys, LAYER } from '../input';
import { useMachine } from '../quiz/use-machine';
import { matchCommand, type Context } from '../keymap';
import { fmtLatency, fmtPercent, liveLines } from './live-lines';
import { Canvas } from './canvas';
import { paintLines } from './paint';
import { gradeLines } from './pick-node-quiz';
import { parseLabAt } from './lab-step';
import { courseScenario } from './scenario-cache';
import { fitLine, wrapSegments, wrapStyled } from '../text';
import { useLab } from './use-lab';
import { useLabKeys } from './use-lab-keys';

type QuizStepData = Extract<Step, { kind: 'quiz' }>;

/** Speed a prediction run starts at: most runs are 20–60 virtual seconds. */
export const PREDICT_SPEED = 2;

/** The verdict beside "You predicted: …" once the run is over (the choice is already named above). */
const PREDICT_VERDICTS = { right: 'Correct: that is what happened.', wrong: 'That is not what happened.' };

/**
 * The span a predict question asks about: from its first `at` event (questions say
 * "killed at 10 s … what happens after?") to the first restore/undrain after it, or
 * to the end of the run. Undefined without an event inside the run.
 */
export function predictWindow(events: readonly TimelineEvent[], untilMs: number): { fromMs: number; toMs: number } | undefined {
  const times = events.map((e) => e.at_s * 1000).filter((ms) => ms > 0 && ms < untilMs);
  if (!times.length) return undefined;
  const fromMs = Math.min(...times);
  const ends = events.filter((e) => (e.action === 'restore' || e.action === 'undrain') && e.at_s * 1000 > fromMs && e.at_s * 1000 < untilMs).map((e) => e.at_s * 1000);
  return { fromMs, toMs: ends.length ? Math.min(...ends) : untilMs };
}

/** Requests counted so far, read at a window's edges. */
export interface RequestCounts {
  total: number;
  failed: number;
}

/** The window's own numbers: what the question asks about, apart from the whole run. */
export interface WindowOutcome {
  fromMs: number;
  toMs: number;
  /** Whether the window ends with the run ("after 10 s") or earlier ("10 s to 20 s"). */
  toEnd: boolean;
  total: number;
  failed: number;
}

const secs = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;

/**
 * The run's outcome in numbers, next to the prediction. With a window, its requests
 * come first: the whole run's share (mostly healthy seconds before the event) would
 * otherwise contradict a right "they all fail".
 */
export function outcomeLine(report: Report, ascii: boolean, window?: WindowOutcome): StyledLine {
  const sep = { text: ascii ? ' | ' : ' · ', style: 'muted' as const };
  const count = (failed: number, total: number): StyledLine[number] => ({
    text: `${failed.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} requests failed`,
    style: failed > 0 ? 'down' : 'up',
  });
  const availability = { text: `availability ${fmtPercent(report.availability, 2)}`, style: report.availability < 0.999 ? ('warn' as const) : ('up' as const) };
  const line: StyledLine = window
    ? [
        { text: `What happened ${window.toEnd ? `after ${secs(window.fromMs)}` : `from ${secs(window.fromMs)} to ${secs(window.toMs)}`}: `, style: 'title' },
        count(window.failed, window.total),
        sep,
        { text: 'whole run: ', style: 'muted' },
        availability,
      ]
    : [{ text: 'What happened: ', style: 'title' }, count(report.requests.failed, report.requests.total), sep, availability];
  // Latency is of successful requests after the warm-up: with none (the way in died
  // early), a "p99 0.0 ms" would read as instant answers, so it is left out.
  if (report.latency_ms.count !== 0) line.push(sep, { text: `p99 ${fmtLatency(report.latency_ms.p99)}`, style: 'text' });
  if (report.db && (report.db.writes_failed > 0 || report.db.stale_reads > 0)) {
    line.push(sep, { text: `writes failed ${report.db.writes_failed}, stale reads ${report.db.stale_reads}`, style: 'warn' });
  }
  return line;
}

/** The window's numbers from the counts read at its edges (the end of the run is the final report). */
function windowOutcome(window: { fromMs: number; toMs: number } | undefined, at: ReadonlyMap<number, RequestCounts>, report: Report, untilMs: number): WindowOutcome | undefined {
  if (!window) return undefined;
  const from = at.get(window.fromMs);
  const toEnd = window.toMs >= untilMs;
  const to = toEnd ? report.requests : at.get(window.toMs);
  if (!from || !to) return undefined;
  return { ...window, toEnd, total: to.total - from.total, failed: to.failed - from.failed };
}

/** The choices in the learner's order; the right one is marked only once it is no secret. */
function choiceLines(question: PredictQuestion, state: PredictState, width: number, ascii: boolean): StyledLine[] {
  const shown = state.grade?.correct || state.revealed;
  return question.choices.map((_, pos) => choiceAt(state, pos)).flatMap((i, pos) => {
    const c = question.choices[i]!;
    const chosen = state.phase === 'choosing' ? state.cursor === pos : state.choice === i;
    const mark = chosen ? (ascii ? '(*) ' : '(•) ') : '( ) ';
    const style = state.phase === 'done' && shown && c.correct ? 'up' : chosen ? 'selected' : 'text';
    // On a retry the last try stays named (as on the other choice questions).
    const lastTry = state.phase === 'choosing' && state.run > 0 && state.choice === i ? ' (last try)' : '';
    return wrapStyled(`${pos + 1}. ${c.text}${lastTry}`, width, style, mark, chosen ? 'selected' : 'muted');
  });
}

/**
 * The keymap contexts for a predict question in this state, so the footer lists
 * only keys that work now (as quizContexts does for the other kinds): while
 * choosing, the quiz keys with → skip (Enter locks the prediction in, it does not
 * go on); while the run plays, Enter skips to its end and the lab keys work; once
 * it is over, the lesson's keys, with r first after a wrong prediction.
 */
export function predictContexts(state: Pick<PredictState, 'phase' | 'grade' | 'revealed'>): Context[] {
  if (state.phase === 'choosing') return ['quiz', 'question'];
  if (state.phase === 'running') return ['predictRun', 'lab'];
  // The outcome is fitted to the body and does not scroll: no ↑↓ on offer.
  return state.grade?.correct || state.revealed ? ['stepDone'] : ['wrongAnswer', 'stepDone'];
}

function PredictRunner(props: StepViewProps<QuizStepData> & { scenario: Scenario; atEvents: TimelineEvent[]; atErrors: string[] }): React.ReactElement {
  const { step, width, height, theme, active, setContexts, onQuizAnswer, scenario, progress } = props;
  const question = step.question as PredictQuestion;
  // Answered wrong in an earlier visit: a right prediction now does not change the score.
  const firstTryWrong = progress.quizzes[question.id]?.firstTryCorrect === false;
  const [state, dispatch, latest] = useMachine(predictReducer, () => predictStart(question, progress.learner));
  const untilMs = (question.run_s ?? scenario.duration_s) * 1000;
  const engineOptions = useMemo<EngineOptions>(() => (props.atEvents.length ? { at: props.atEvents } : {}), [props.atEvents]);
  // Request counts at the edges of the span the question asks about, read at the
  // exact virtual moment (the clock stops there first, even when skipping), per run.
  const window = useMemo(() => predictWindow(props.atEvents, untilMs), [props.atEvents, untilMs]);
  const edges = useRef<{ run: number; at: Map<number, RequestCounts> }>({ run: 0, at: new Map() });
  if (edges.current.run !== state.run) edges.current = { run: state.run, at: new Map() };
  const nextEdge = (): number | undefined => (window ? [window.fromMs, window.toMs].find((ms) => ms < untilMs && !edges.current.at.has(ms)) : undefined);
  const live = useLab({
    scenario,
    engineOptions,
    visible: active && state.phase === 'running',
    speed: PREDICT_SPEED,
    untilMs,
    checkpointMs: nextEdge,
    onCheckpoint: (engine) => {
      const ms = nextEdge();
      const { total, failed } = engine.report().requests;
      if (ms !== undefined) edges.current.at.set(ms, { total, failed });
    },
    onUntil: () => {
      live.dispatch({ type: 'setPaused', paused: true }); // the status line then says so
      dispatch({ type: 'finished' });
    },
  });
  const running = state.phase === 'running';
  useLabKeys(live.commands, active && running);
  const contextKey = predictContexts(state).join(' ');
  useEffect(() => {
    setContexts(predictContexts(state));
    // Only when the set of working keys changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contextKey, setContexts]);

  useKeys(
    (input, key) => {
      // The latest state, not this render's: keys can arrive faster than redraws.
      const state = latest();
      const command = matchCommand(state.phase === 'done' ? ['wrongAnswer'] : ['quiz'], input, key);
      const n = question.choices.length;
      if (state.phase === 'choosing') {
        if (command === 'down') dispatch({ type: 'move', by: 1, count: n });
        else if (command === 'up') dispatch({ type: 'move', by: -1, count: n });
        else if (/^[1-9]$/.test(input) && !key.ctrl && !key.meta) dispatch({ type: 'choose', index: Number(input) - 1, count: n });
        else if (command === 'submit') {
          if (state.cursor < 0) {
            dispatch({ type: 'nudge' });
            return true;
          }
          const grade = gradePrediction(question, state, state.cursor);
          onQuizAnswer(question.id, grade.correct);
          // Each new run starts from the beginning with the same seed, rebuilt in the
          // same render that starts it (so Enter on the running screen skips this run).
          if (state.run > 0) live.commands.reset();
          live.dispatch({ type: 'setPaused', paused: false });
          dispatch({ type: 'submit', grade });
        } else return false;
        return true;
      }
      if (state.phase === 'running' && command === 'submit') {
        // Skip to the end, stopping at each window edge on the way (one per advance).
        for (let edge = nextEdge(); edge !== undefined && edge > live.sim.engine.now(); edge = nextEdge()) live.sim.advance(edge - live.sim.engine.now());
        live.sim.advance(untilMs - live.sim.engine.now());
        return true;
      }
      if (state.phase === 'done' && (command === 'retry' || command === 'reveal') && !state.grade?.correct && !state.revealed) {
        dispatch({ type: command });
        return true;
      }
      return false;
    },
    active,
    LAYER.step,
  );

  const snapshot = live.sim.snapshot;
  const text = useMemo(() => {
    const ascii = theme.ascii;
    const head: StyledLine[] = [[{ text: 'PREDICT, THEN RUN', style: 'muted' }], ...wrapStyled(question.prompt, width, 'title')];
    for (const err of props.atErrors) head.push(fitLine([{ text: `! ${err}`, style: 'warn' }], width));
    if (state.phase === 'choosing') {
      const keys = `${ascii ? 'up/down' : '↑↓'} or 1-${question.choices.length}`;
      const hint: StyledLine = state.nudged
        ? [{ text: `Choose a prediction first: ${keys}, then Enter runs it`, style: 'warn' }]
        : [{ text: `${keys}: choose · Enter: lock in your prediction and run it`, style: 'muted' }];
      return paintLines([...head, [], ...choiceLines(question, state, width, ascii), [], ...wrapSegments(hint, width, 2)].slice(0, height), theme);
    }
    const chosen = question.choices[state.choice ?? 0]!;
    const prediction = wrapStyled(chosen.text, width, 'selected', 'You predicted: ', 'muted').slice(0, 2);
    const over = state.phase === 'done';
    const tail: StyledLine[] = [];
    if (over) {
      const report = live.sim.engine.report();
      tail.push(...wrapSegments(outcomeLine(report, ascii, windowOutcome(window, edges.current.at, report, untilMs)), width, 2));
      // A second run means an earlier prediction was wrong (only a wrong one can be retried).
      tail.push(...gradeLines(state.grade!, chosen.text, width, ascii, state.run > 1 || firstTryWrong, PREDICT_VERDICTS, state.revealed));
      tail.push([{ text: state.grade?.correct || state.revealed ? '→ or Enter: next' : 'r: predict again · s: show the answer · → or Enter: next', style: 'muted' }]);
    } else {
      const left = Math.max(0, (untilMs - snapshot.t_ms) / 1000);
      tail.push([{ text: `runs to ${untilMs / 1000} s: ${left.toFixed(1)} s left · Enter skips to the end`, style: 'muted' }]);
    }
    const room = Math.max(over ? 3 : 6, height - 1 - prediction.length - tail.length);
    let view = liveLines({ topology: live.topology, snapshot, state: live.state, width, height: room, ascii, requests: !theme.reducedMotion });
    // Once the run is over the verdict matters most: rather than a cut diagram,
    // show the run's numbers and its last events (the diagram is back on retry).
    if (view.clipped && over) view = liveLines({ topology: live.topology, snapshot, state: live.state, width, height: room, ascii, noDiagram: true, requests: !theme.reducedMotion });
    return paintLines([head[0]!, ...prediction, ...view.lines, ...tail.map((l) => fitLine(l, width))].slice(0, height), theme);
  }, [question, state, snapshot, live.state, live.topology, live.sim.engine, width, height, theme, untilMs, window, props.atErrors, firstTryWrong]);
  return <Canvas lines={text} width={width} />;
}

export function PredictQuiz(props: StepViewProps<QuizStepData>): React.ReactElement {
  const question = props.step.question as PredictQuestion;
  const loaded = courseScenario(props.course, question.scenario);
  const at = useMemo(() => parseLabAt(question.at), [question.at]);
  const { setContexts } = props;
  useEffect(() => {
    if (!loaded.ok) setContexts(['lesson']);
  }, [loaded.ok, setContexts]);
  if (!loaded.ok) return <Text wrap="wrap">{`This question needs the scenario '${question.scenario}', which could not be loaded:\n${loaded.error}`}</Text>;
  return <PredictRunner {...props} scenario={loaded.scenario} atEvents={at.events} atErrors={at.errors} />;
}
