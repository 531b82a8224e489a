/**
 * A ```lab step: a goal, things to try, the live simulation, and a checklist judged
 * by `judgeLab` (src/sim/checks.ts), the rule the course's lab tests use too: event
 * checks tick when their event happens; metric checks stay "pending — judged at
 * t = N s" until SETTLE_S after the last action (the lab's `at` events and the
 * learner's own kills, drains, …), then pass or fail with their sentence. The lesson's `at` events play at their virtual times; every newly passed
 * check is saved through `onLabResult`. The clock runs only while this step is the
 * visible, focused one (`active`), and only on a terminal.
 */
import React, { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Text, useStdin } from 'ink';
import type { LabBlock, LabCheck, Step } from '../../course/types';
import type { DiagramStyle, StyledLine } from '../../diagram';
import { judgeLab, judgeTimeS, parseAt, type Verdict } from '../../sim/checks';
import type { Engine, EngineOptions, Report, Scenario, Snapshot, TimelineEvent } from '../../sim/types';
import type { StepViewProps } from '../step-props';
import { liveLines } from './live-lines';
import { Canvas, InlineSlot } from './canvas';
import { INLINE_MARK, InlineCanvasContext } from './inline-canvas';
import { paintLines } from './paint';
import { scenarioById } from './scenario-cache';
import { fitLine, wrapSegments, wrapStyled } from '../text';
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

/** "checks 2/3" for the title line: checks passing now, out of all. */
export function checksSummary(lab: LabBlock, verdicts: readonly Verdict[]): { text: string; complete: boolean } {
  const passed = verdicts.filter((v) => v === 'pass').length;
  const complete = passed === lab.checks.length;
  return { text: complete ? `checks ${passed}/${lab.checks.length}: lab complete` : `checks ${passed}/${lab.checks.length}`, complete };
}

/** One check as styled segments: mark, text and (when there is one) its note. */
function checkSegments(check: LabCheck, verdict: Verdict, judgeAtS: number, ascii: boolean): { head: StyledLine; note?: { text: string; style: DiagramStyle } } {
  const mark = verdict === 'pass' ? (ascii ? '[x] ' : '[✓] ') : verdict === 'fail' ? (ascii ? '[!] ' : '[✗] ') : '[ ] ';
  const style: DiagramStyle = verdict === 'pass' ? 'up' : verdict === 'fail' ? 'down' : 'text';
  const head: StyledLine = [
    { text: mark, style: verdict === 'pending' ? 'muted' : style },
    { text: check.text, style },
  ];
  const judged = `judged at t = ${formatSeconds(judgeAtS)}`;
  const note =
    verdict === 'pass'
      ? check.pass && { text: check.pass, style: 'muted' as const }
      : verdict === 'fail'
        ? { text: check.fail ?? `not so at t = ${formatSeconds(judgeAtS)}`, style: 'warn' as const }
        : { text: `pending ${ascii ? '-' : '—'} ${judged}`, style: 'muted' as const };
  return { head, note: note || undefined };
}

function formatSeconds(s: number): string {
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A check on one line: its note cut to the width (ends in "…" when cut). */
function checkLine(check: LabCheck, verdict: Verdict, judgeAtS: number, width: number, ascii: boolean): StyledLine {
  const { head, note } = checkSegments(check, verdict, judgeAtS, ascii);
  const line: StyledLine = [...head];
  if (note) line.push({ text: ascii ? ' - ' : ' — ', style: 'muted' }, note);
  const full = line.reduce((n, seg) => n + seg.text.length, 0);
  if (full <= width) return line;
  const cut = fitLine(line, width - 1);
  cut.push({ text: ascii ? '~' : '…', style: 'muted' });
  return cut;
}

/** A check with its note wrapped over as many lines as it needs, under the check's text. */
function checkBlock(check: LabCheck, verdict: Verdict, judgeAtS: number, width: number, ascii: boolean): StyledLine[] {
  const { head, note } = checkSegments(check, verdict, judgeAtS, ascii);
  const segs: StyledLine = [...head];
  if (note) segs.push({ text: ascii ? ' - ' : ' — ', style: 'muted' }, note);
  return wrapSegments(segs, width, 4);
}

/** The first `rows` lines of a block, the last ending in "…" when some were left out. */
function clipBlock(block: StyledLine[], rows: number, width: number, ascii: boolean): StyledLine[] {
  if (block.length <= rows) return block;
  const kept = block.slice(0, Math.max(1, rows));
  const last = fitLine(kept[kept.length - 1]!, width - 1);
  kept[kept.length - 1] = [...last, { text: ascii ? '~' : '…', style: 'muted' }];
  return kept;
}

/**
 * The checklist in at most `maxLines` lines. Each check shows its verdict: ticked
 * with its pass sentence, crossed with its fail sentence once judged, or pending
 * with the moment it will be judged. Sentences wrap when there is room; when there
 * is not, the check that changed last (`focus`) keeps its whole sentence and the
 * others are cut to one line; with fewer lines than checks, open ones come first.
 */
export function checklistLines(lab: LabBlock, verdicts: readonly Verdict[], judgeAtS: number, width: number, ascii: boolean, maxLines: number, focus?: number): StyledLine[] {
  const n = lab.checks.length;
  const verdict = (i: number): Verdict => verdicts[i] ?? 'pending';
  const blocks = lab.checks.map((c, i) => checkBlock(c, verdict(i), judgeAtS, width, ascii));
  if (blocks.reduce((t, b) => t + b.length, 0) <= maxLines) return blocks.flat();
  const ones = lab.checks.map((c, i) => checkLine(c, verdict(i), judgeAtS, width, ascii));
  if (n <= maxLines) {
    const f = focus !== undefined && focus >= 0 && focus < n ? focus : -1;
    if (f >= 0) {
      const room = maxLines - (n - 1);
      const block = clipBlock(blocks[f]!, room, width, ascii);
      return lab.checks.flatMap((_, i) => (i === f ? block : [ones[i]!]));
    }
    return ones;
  }
  // Not enough room for every check: the ones not passed matter most.
  const open = lab.checks.map((_, i) => i).filter((i) => verdict(i) !== 'pass');
  const passed = lab.checks.map((_, i) => i).filter((i) => verdict(i) === 'pass');
  const keep = [...open, ...passed].slice(0, Math.max(1, maxLines)).sort((a, b) => a - b);
  return keep.map((i) => ones[i]!);
}

function LabRunner(props: StepViewProps<LabStepData> & { scenario: Scenario; atEvents: TimelineEvent[]; atErrors: string[] }): React.ReactElement {
  const { step, width, height, theme, active, setContexts, onLabResult, scenario } = props;
  const lab = step.lab;
  // On a terminal the animation is painted straight into a blank slot of Ink's frame
  // (inline-canvas.ts): a tick then re-renders nothing. Without one (tests), Ink draws it.
  const host = useContext(InlineCanvasContext);
  const { isRawModeSupported } = useStdin();
  const direct = host !== undefined && isRawModeSupported === true ? host : undefined;
  const frame = useRef<() => void>(() => undefined);
  const onFrame = useCallback(() => frame.current(), []);
  const engineOptions = useMemo<EngineOptions>(() => (props.atEvents.length ? { at: props.atEvents } : {}), [props.atEvents]);
  // Checks are judged SETTLE_S after the last action (scripted or by key): see judgeLab.
  const scriptedTimes = useMemo(() => [...scenario.timeline, ...props.atEvents].map((e) => e.at_s), [scenario.timeline, props.atEvents]);
  const judgeAtRef = useRef(scenario.duration_s);
  const [judged, setJudged] = useState<{ report: Report; atS: number; engine: Engine } | undefined>(undefined);
  const onCheckpoint = useCallback((engine: Engine) => setJudged({ report: engine.report(), atS: engine.now() / 1000, engine }), []);
  const checkpointMs = useCallback(() => judgeAtRef.current * 1000, []);
  const live = useLab({ scenario, engineOptions, visible: active, checkpointMs, onCheckpoint, onFrame: direct ? onFrame : undefined });
  const judgeAtS = judgeTimeS([...scriptedTimes, ...live.sim.actionTimesS], scenario.duration_s);
  judgeAtRef.current = judgeAtS;
  useLabKeys(live.commands, active);
  useEffect(() => {
    setContexts(['lab', 'lesson']);
  }, [setContexts]);

  // Verdicts: at most every CHECK_INTERVAL_MS while running (a report per frame would
  // be waste), at once when paused or stepped, and from the report kept at the
  // judging moment once it has passed.
  const lastEval = useRef(0);
  const snapshot = live.sim.snapshot;
  const [verdicts, setVerdicts] = useState<Verdict[]>(() => lab.checks.map(() => 'pending'));
  const focus = useRef<number | undefined>(undefined);
  const evaluate = useRef<() => void>(() => undefined);
  evaluate.current = () => {
    const nowS = live.sim.engine.now() / 1000;
    const atS = judgeTimeS([...scriptedTimes, ...live.sim.actionTimesS], scenario.duration_s);
    const judgedNow = judged && judged.engine === live.sim.engine && judged.atS >= atS - 1e-6 ? judged : undefined;
    if (!judgedNow) {
      const now = performance.now();
      if (!live.state.paused && live.animating && now - lastEval.current < CHECK_INTERVAL_MS) return;
      lastEval.current = now;
    }
    const next = judgedNow ? judgeLab(lab.checks, judgedNow.report, Math.max(nowS, judgedNow.atS), atS) : judgeLab(lab.checks, live.sim.engine.report(), Math.min(nowS, atS - 1e-3), atS);
    setVerdicts((prev) => {
      const changed = next.findIndex((v, i) => v !== prev[i]);
      if (changed < 0) return prev;
      focus.current = next.findIndex((v, i) => v !== prev[i] && v !== 'pending');
      if (focus.current < 0) focus.current = undefined;
      return next;
    });
  };
  useEffect(() => {
    evaluate.current();
  }, [snapshot, judged, judgeAtS, live.state.paused, live.animating, live.sim.engine, lab.checks]);
  const liveDispatch = live.dispatch;
  useEffect(() => {
    const newly = verdicts.map((v, i) => (v === 'pass' ? i : -1)).filter((i) => i >= 0 && !live.state.passed.includes(i));
    if (newly.length) liveDispatch({ type: 'checksPassed', indices: newly });
  }, [verdicts, live.state.passed, liveDispatch]);

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
    focus.current = undefined;
    setVerdicts(lab.checks.map(() => 'pending'));
  }, [live.state.runId, lab.checks]);

  /** The lab's whole area (title, goal, live view, checklist) for one snapshot. */
  const compose = (snap: Snapshot): StyledLine[] => {
    const ascii = theme.ascii;
    const top: StyledLine[] = [];
    const summary = checksSummary(lab, verdicts);
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
    const view = liveLines({ topology: live.topology, snapshot: snap, state: live.state, width, height: liveHeight, ascii, title: undefined, requests: live.animating || live.state.paused });
    const hints = !roomy && lab.try?.length && snap.events.length === 0 ? lab.try : undefined;
    let body = view.lines;
    if (hints) {
      // Before anything happens, the log area shows what to try.
      const keep = body.length - 1;
      body = [...body.slice(0, keep), ...hints.slice(0, Math.max(1, liveHeight - keep)).map((t) => fitLine([{ text: ascii ? '  * try: ' : '  • try: ', style: 'muted' }, { text: t, style: 'text' }], width))];
      body = body.slice(0, liveHeight);
    }
    // Whole check sentences matter more than the log (whose newest line is also in
    // the checks' sentences by then): give the checklist the rows it wants from it.
    const want = checklistLines(lab, verdicts, judgeAtS, width, ascii, Number.MAX_SAFE_INTEGER).length;
    const short = want - (height - top.length - body.length);
    if (!hints && short > 0 && view.logLines > 0) {
      const drop = Math.min(short, view.logLines);
      const logStart = body.length - view.logLines;
      body = [...body.slice(0, logStart), ...body.slice(logStart + drop)];
    }
    const checks = checklistLines(lab, verdicts, judgeAtS, width, ascii, height - top.length - body.length, focus.current);
    return [...top, ...body, ...checks].slice(0, height);
  };

  // Direct drawing: each tick (and each frame Ink writes) paints from the engine and
  // the latest render's state; the slot is blank in Ink's frame.
  const slotShown = direct !== undefined && active;
  frame.current = () => {
    evaluate.current();
    if (!direct || !slotShown || !direct.showing) return;
    const lines = compose(live.sim.engine.snapshot({ maxInflight: 40 }));
    while (lines.length < height) lines.push([]);
    direct.draw(paintLines(lines.map((l) => padLine(l, width)), theme), height);
  };
  useEffect(() => {
    if (!direct || !slotShown) return;
    // Registering paints at once when the slot is on screen; every render repaints
    // too (a key's effect, a verdict), only the lines that changed.
    return direct.attach(() => frame.current());
  }, [direct, slotShown]);
  useEffect(() => {
    if (slotShown) frame.current();
  });

  const text = useMemo(
    () => (slotShown ? [] : paintLines(compose(direct ? live.sim.engine.snapshot({ maxInflight: 40 }) : snapshot), theme)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- compose, a closure, reads exactly these values
    [slotShown, snapshot, live.state, live.topology, live.animating, width, height, theme, lab, scenario.name, verdicts, judgeAtS, props.atErrors],
  );
  if (slotShown) return <InlineSlot width={width} height={height} mark={INLINE_MARK} />;
  return <Canvas lines={text} width={width} />;
}

/** A line padded with spaces to `width` cells, so painting it covers the slot's whole row. */
function padLine(line: StyledLine, width: number): StyledLine {
  const n = line.reduce((t, seg) => t + seg.text.length, 0);
  return n >= width ? line : [...line, { text: ' '.repeat(width - n), style: 'text' }];
}

/** Registered in steps/registry.tsx as the `lab` step view. */
export function LabStep(props: StepViewProps<LabStepData>): React.ReactElement {
  const lab = props.step.lab;
  const loaded = scenarioById(lab.scenario);
  const at = useMemo(() => parseLabAt(lab.at), [lab.at]);
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
