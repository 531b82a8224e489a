/**
 * Judging a lab's checks while its run goes on. One rule for the lab screen and the
 * course's lab tests:
 * - a check ticks as soon as it is met and stays ticked (latched): experimenting
 *   afterwards, or starting the run again, never un-ticks it;
 * - a check with no window is met when its condition holds on the run so far;
 * - a check with a window (see {@link CheckWindow}) is judged when that window
 *   closes, on what happened inside it; a window that closes without the condition
 *   makes the check `fail` until a later window passes.
 * The judge is fed the report after each advance of the engine (`observe`); to judge
 * a `for_s` window at its exact end, the caller stops the clock at `nextCloseS()`.
 * Pure: no clock, no engine, no React.
 */
import type { Report } from '../sim/types';
import { compare, eventMatches, getMetric } from './checks';
import type { CheckWindow, Condition, JudgedCheck, LabEvent, Verdict } from './types';

/** Report paths that count things up (judged over a window as "how many inside it"). */
const COUNTER = /^(requests\.(total|ok|failed|dropped|by_code\..+)|nodes\.[^.]+\.(served|failed)|db\.(writes_ok|writes_failed|stale_reads|lost_writes)|firewall\.dropped)$/;

interface OpenWindow {
  startS: number;
  /** Values at the start, for counters and availability. */
  base: Record<string, number>;
  /** Matching events inside the window so far (event conditions). */
  events: number;
}

interface CheckState {
  /** Matching events this run (event conditions without a window). */
  events: number;
  windows: OpenWindow[];
}

/** Paths a metric condition needs at a window's start. */
function basePaths(cond: Condition): string[] {
  if ('event' in cond) return [];
  if (cond.metric === 'availability') return ['requests.ok', 'requests.failed'];
  if (cond.metric === 'latency_ms.mean') return ['latency_ms.mean', 'latency_ms.count'];
  return COUNTER.test(cond.metric) ? [cond.metric] : [];
}

function snapshotValues(report: Report, paths: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of paths) out[p] = getMetric(report, p) ?? 0;
  return out;
}

/** The metric's value over a window that started with `base` and ends at `report`. */
export function windowValue(metric: string, report: Report, base: Record<string, number>): number | undefined {
  if (metric === 'availability') {
    const ok = (getMetric(report, 'requests.ok') ?? 0) - (base['requests.ok'] ?? 0);
    const failed = (getMetric(report, 'requests.failed') ?? 0) - (base['requests.failed'] ?? 0);
    return ok + failed > 0 ? ok / (ok + failed) : undefined;
  }
  if (metric === 'latency_ms.mean') {
    // Exact over the window: the run's mean × count, minus the same at the window's start.
    const n = (getMetric(report, 'latency_ms.count') ?? 0) - (base['latency_ms.count'] ?? 0);
    const sum = (getMetric(report, 'latency_ms.mean') ?? 0) * (getMetric(report, 'latency_ms.count') ?? 0) - (base['latency_ms.mean'] ?? 0) * (base['latency_ms.count'] ?? 0);
    return n > 0 ? sum / n : undefined;
  }
  const v = getMetric(report, metric);
  if (v === undefined) return undefined;
  return COUNTER.test(metric) ? v - (base[metric] ?? 0) : v;
}

export class LabJudge {
  readonly verdicts: Verdict[];
  /** Virtual second (of the run it happened in) each check passed at. */
  readonly passedAtS: (number | undefined)[];
  private states: CheckState[];
  /** Events already looked at this run (absolute index: trimmed + position). */
  private seen = 0;
  private extraSeen = 0;

  constructor(
    private readonly checks: readonly JudgedCheck[],
    passed: readonly number[] = [],
  ) {
    this.verdicts = checks.map((_, i) => (passed.includes(i) ? 'pass' : 'pending'));
    this.passedAtS = checks.map(() => undefined);
    this.states = checks.map((c) => this.freshState(c));
  }

  private freshState(c: JudgedCheck): CheckState {
    // A window with no `after` opens at the run's start, with every counter at 0.
    const windows = c.window && !c.window.after ? [{ startS: 0, base: {}, events: 0 }] : [];
    return { events: 0, windows };
  }

  get complete(): boolean {
    return this.verdicts.every((v) => v === 'pass');
  }

  /** The engine was rebuilt (reset): windows start again; passed checks stay passed. */
  newRun(): void {
    this.states = this.checks.map((c) => this.freshState(c));
    this.seen = 0;
    this.extraSeen = 0;
  }

  /** The earliest virtual second a `for_s` window closes at, if one is open. */
  nextCloseS(): number | undefined {
    let next: number | undefined;
    this.checks.forEach((c, i) => {
      if (this.verdicts[i] === 'pass' || c.window?.for_s === undefined) return;
      for (const w of this.states[i]!.windows) {
        const end = w.startS + c.window.for_s;
        if (next === undefined || end < next) next = end;
      }
    });
    return next;
  }

  /**
   * Look at the run at `nowS` (the report's moment). `extra` are events the screen
   * adds for what the learner did outside the simulator (e.g. reading a hop's
   * traffic), append-only for the run. Returns the indices of checks that changed.
   */
  observe(report: Report, nowS: number, extra: readonly LabEvent[] = []): number[] {
    const trimmed = typeof report.sim?.events_trimmed === 'number' ? report.sim.events_trimmed : 0;
    const fresh: LabEvent[] = [];
    for (let i = Math.max(0, this.seen - trimmed); i < report.events.length; i++) fresh.push(report.events[i]!);
    this.seen = trimmed + report.events.length;
    for (let i = this.extraSeen; i < extra.length; i++) fresh.push(extra[i]!);
    this.extraSeen = extra.length;
    fresh.sort((a, b) => a.t_s - b.t_s);

    const changed: number[] = [];
    const set = (i: number, v: Verdict): void => {
      if (this.verdicts[i] === v || this.verdicts[i] === 'pass') return;
      this.verdicts[i] = v;
      if (v === 'pass') this.passedAtS[i] = nowS;
      changed.push(i);
    };
    this.checks.forEach((check, i) => {
      if (this.verdicts[i] === 'pass') return;
      const st = this.states[i]!;
      const { when, window } = check;
      if (!window) {
        if ('event' in when) {
          st.events += fresh.filter((e) => eventMatches(e, when)).length;
          if (st.events >= (when.min_count ?? 1)) set(i, 'pass');
        } else {
          const v = getMetric(report, when.metric);
          if (v !== undefined && compare(v, when.op, when.value)) set(i, 'pass');
        }
        return;
      }
      this.judgeWindows(i, check.when, window, st, fresh, report, nowS, set);
    });
    return changed;
  }

  private judgeWindows(
    i: number,
    when: Condition,
    window: CheckWindow,
    st: CheckState,
    fresh: readonly LabEvent[],
    report: Report,
    nowS: number,
    set: (i: number, v: Verdict) => void,
  ): void {
    const closes = (w: OpenWindow): number | undefined => {
      if (window.until) {
        const end = fresh.find((e) => e.t_s >= w.startS && eventMatches(e, window.until!));
        if (end) return end.t_s;
      }
      if (window.for_s !== undefined && nowS >= w.startS + window.for_s - 1e-9) return w.startS + window.for_s;
      return undefined;
    };
    // Events inside open windows count before any window opens or closes on this batch.
    for (const e of fresh) {
      if ('event' in when && eventMatches(e, when)) for (const w of st.windows) if (e.t_s >= w.startS) w.events++;
      if (window.after && eventMatches(e, window.after)) st.windows.push({ startS: e.t_s, base: snapshotValues(report, basePaths(when)), events: 0 });
    }
    const still: OpenWindow[] = [];
    for (const w of st.windows) {
      const end = closes(w);
      if (end === undefined) {
        still.push(w);
        continue;
      }
      let met: boolean;
      if ('event' in when) met = w.events >= (when.min_count ?? 1);
      else {
        const v = windowValue(when.metric, report, w.base);
        met = v !== undefined && compare(v, when.op, when.value);
      }
      set(i, met ? 'pass' : 'fail');
      if (met) return;
    }
    st.windows = still;
  }
}

/**
 * Run-through helper for tests and headless checks: feed a judge the engine's report
 * every `stepS` virtual seconds (stopping exactly where windows close) up to `untilS`.
 */
export function judgeRun(
  engine: { now(): number; runUntil(ms: number): void; report(): Report },
  judge: LabJudge,
  untilS: number,
  stepS = 0.1,
): void {
  judge.observe(engine.report(), engine.now() / 1000);
  while (engine.now() / 1000 < untilS - 1e-9) {
    let next = Math.min(untilS, engine.now() / 1000 + stepS);
    const close = judge.nextCloseS();
    if (close !== undefined && close > engine.now() / 1000 && close < next) next = close;
    engine.runUntil(next * 1000);
    judge.observe(engine.report(), next);
  }
}
