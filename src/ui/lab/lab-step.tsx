/**
 * A ```lab step: a goal, things to try, the live simulation, and a checklist that
 * ticks itself as the run satisfies each check (`evaluateCondition` on the engine's
 * report). The lesson's `at` events play at their virtual times; every newly passed
 * check is saved through `onLabResult`. The clock runs only while this step is the
 * visible, focused one (`active`), and only on a terminal.
 */
import React, { useEffect, useMemo, useRef } from 'react';
import { Text } from 'ink';
import type { LabBlock, Step } from '../../course/types';
import type { StyledLine } from '../../diagram';
import { evaluateCondition, parseAt } from '../../sim/checks';
import type { EngineOptions, Scenario, TimelineEvent } from '../../sim/types';
import type { StepViewProps } from '../step-props';
import { liveLines, fitLine } from './live-lines';
import { Canvas } from './canvas';
import { paintLines } from './paint';
import { scenarioById } from './scenario-cache';
import { wrapStyled } from './text-lines';
import { useLab } from './use-lab';
import { useLabKeys } from './use-lab-keys';

type LabStepData = Extract<Step, { kind: 'lab' }>;

/** How often (real ms) checks are evaluated while running: a report per frame would be waste. */
export const CHECK_INTERVAL_MS = 500;

/** The lab's id in progress: the loader's, or `<lesson>#lab<n>` counted here. */
export function labIdOf(props: Pick<StepViewProps<LabStepData>, 'lesson' | 'step' | 'stepIndex'>): string {
  if (props.step.id) return props.step.id;
  const n = props.lesson.steps.slice(0, props.stepIndex + 1).filter((s) => s.kind === 'lab').length;
  return `${props.lesson.id}#lab${Math.max(1, n)}`;
}

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

/** "checks 2/3" for the title line. */
export function checksSummary(lab: LabBlock, passed: readonly number[]): { text: string; complete: boolean } {
  const complete = passed.length === lab.checks.length;
  return { text: complete ? `checks ${passed.length}/${lab.checks.length}: lab complete` : `checks ${passed.length}/${lab.checks.length}`, complete };
}

/** The checklist lines: ticked with the pass message, or open (with the fail hint once the run is over). */
export function checklistLines(lab: LabBlock, passed: readonly number[], over: boolean, width: number, ascii: boolean, maxLines: number): StyledLine[] {
  const lines: StyledLine[] = [];
  lab.checks.forEach((check, i) => {
    const ok = passed.includes(i);
    const mark = ok ? (ascii ? '[x] ' : '[✓] ') : '[ ] ';
    const note = ok ? check.pass : over ? check.fail : undefined;
    const line: StyledLine = [
      { text: mark, style: ok ? 'up' : 'muted' },
      { text: check.text, style: ok ? 'up' : 'text' },
    ];
    if (note) line.push({ text: ascii ? ' - ' : ' — ', style: 'muted' }, { text: note, style: ok ? 'muted' : 'warn' });
    lines.push(fitLine(line, width));
  });
  if (lines.length > maxLines) {
    // Not enough room for every check: the open ones matter most.
    const open = lab.checks.map((_, i) => i).filter((i) => !passed.includes(i));
    const keep = [...open, ...passed].slice(0, Math.max(1, maxLines)).sort((a, b) => a - b);
    return keep.map((i) => lines[i]!);
  }
  return lines;
}

function LabRunner(props: StepViewProps<LabStepData> & { scenario: Scenario; atEvents: TimelineEvent[]; atErrors: string[] }): React.ReactElement {
  const { step, width, height, theme, active, setContexts, onLabResult, scenario } = props;
  const lab = step.lab;
  const engineOptions = useMemo<EngineOptions>(() => (props.atEvents.length ? { at: props.atEvents } : {}), [props.atEvents]);
  const live = useLab({ scenario, engineOptions, visible: active });
  useLabKeys(live.commands, active);
  useEffect(() => {
    setContexts(['lab', 'lesson']);
  }, [setContexts]);

  // Evaluate checks: at most every CHECK_INTERVAL_MS while running, at once when paused or stepped.
  const lastEval = useRef(0);
  const snapshot = live.sim.snapshot;
  useEffect(() => {
    const now = performance.now();
    if (!live.state.paused && live.animating && now - lastEval.current < CHECK_INTERVAL_MS) return;
    lastEval.current = now;
    const report = live.sim.engine.report();
    const newly = lab.checks.map((c, i) => (evaluateCondition(c.when, report) ? i : -1)).filter((i) => i >= 0 && !live.state.passed.includes(i));
    if (newly.length) live.dispatch({ type: 'checksPassed', indices: newly });
  }, [snapshot, live.state.paused, live.animating, live.state.passed, live.sim.engine, lab.checks, live.dispatch]);

  // Save each time the set of passed checks grows.
  const labId = labIdOf(props);
  const saved = useRef(0);
  useEffect(() => {
    if (live.state.passed.length <= saved.current) return;
    saved.current = live.state.passed.length;
    onLabResult(labId, { passed: [...live.state.passed], completed: live.state.passed.length === lab.checks.length });
  }, [live.state.passed, labId, onLabResult, lab.checks.length]);
  useEffect(() => {
    saved.current = 0; // a reset starts a fresh run: its checks are saved again as they pass
  }, [live.state.runId]);

  const over = snapshot.t_ms >= scenario.duration_s * 1000;
  const text = useMemo(() => {
    const ascii = theme.ascii;
    const top: StyledLine[] = [];
    const summary = checksSummary(lab, live.state.passed);
    const titleText = lab.title ?? scenario.name;
    const label = ascii ? 'LAB  ' : 'LAB · ';
    const gap = Math.max(2, width - label.length - titleText.length - summary.text.length);
    top.push(fitLine([{ text: label, style: 'highlight' }, { text: titleText, style: 'title' }, { text: ' '.repeat(gap), style: 'text' }, { text: summary.text, style: summary.complete ? 'up' : 'muted' }], width));
    top.push(...wrapStyled(lab.goal, width, 'text', 'Goal: ', 'muted').slice(0, height >= 24 ? 2 : 1));
    for (const err of props.atErrors) top.push(fitLine([{ text: `! ${err}`, style: 'warn' }], width));
    const roomy = height >= 26;
    if (roomy && lab.try?.length) for (const t of lab.try.slice(0, 3)) top.push(fitLine([{ text: ascii ? '  * ' : '  • ', style: 'muted' }, { text: t, style: 'muted' }], width));
    const checkRoom = Math.min(lab.checks.length, Math.max(1, Math.floor(height / 5)));
    const liveHeight = Math.max(6, height - top.length - checkRoom);
    const view = liveLines({ topology: live.topology, snapshot, state: live.state, width, height: liveHeight, ascii, title: undefined, requests: live.animating || live.state.paused });
    const hints = !roomy && lab.try?.length && snapshot.events.length === 0 ? lab.try : undefined;
    let body = view.lines;
    if (hints) {
      // Before anything happens, the log area shows what to try.
      const keep = body.length - 1;
      body = [...body.slice(0, keep), ...hints.slice(0, Math.max(1, liveHeight - keep)).map((t) => fitLine([{ text: ascii ? '  * try: ' : '  • try: ', style: 'muted' }, { text: t, style: 'text' }], width))];
      body = body.slice(0, liveHeight);
    }
    const checks = checklistLines(lab, live.state.passed, over, width, ascii, height - top.length - body.length);
    return paintLines([...top, ...body, ...checks].slice(0, height), theme);
  }, [snapshot, live.state, live.topology, live.animating, width, height, theme, lab, scenario.name, over, props.atErrors]);
  return <Canvas lines={text} width={width} />;
}

/** Registered in steps/registry.tsx as the `lab` step view. */
export function LabStep(props: StepViewProps<LabStepData>): React.ReactElement {
  const lab = props.step.lab;
  const loaded = scenarioById(lab.scenario);
  const at = useMemo(() => parseLabAt(lab.at), [lab.at]);
  useEffect(() => {
    if (!loaded.ok) props.setContexts(['lesson']);
  }, [loaded.ok, props.setContexts]);
  if (!loaded.ok) {
    return (
      <Text wrap="wrap">
        {`This lab needs the scenario '${lab.scenario}', which could not be loaded:\n${loaded.error}\n(${props.lesson.file}:${props.step.pos.line}) · → goes on`}
      </Text>
    );
  }
  return <LabRunner {...props} scenario={loaded.scenario} atEvents={at.events} atErrors={at.errors} />;
}
