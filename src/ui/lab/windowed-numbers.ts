/**
 * The live view's numbers over a recent window, from the snapshot's per-second
 * series: a window's requests answered per second (steadier than one second's
 * count), its error rate and availability — undefined (drawn as a dash) when
 * nothing completed in it, so "0.0 %" never stands for "nothing to measure". Pure.
 */
import type { Series } from '../../sim/types';

export interface WindowNumbers {
  /** Seconds the window covers (fewer at the start of a run). */
  seconds: number;
  completed: number;
  ok: number;
  failed: number;
  /** Requests answered (ok or failed) per second over the window. */
  perSecond?: number;
  errorRate?: number;
  availability?: number;
  /** Successful answers in the window that took at least 1 s (undefined when the series has no such count). */
  slow?: number;
}

/** The last `seconds` closed seconds of the series. */
export function recentWindow(series: Pick<Series, 'qps' | 'error_rate' | 'slow'>, seconds: number): WindowNumbers {
  const n = Math.min(seconds, series.qps.length);
  let ok = 0;
  let failed = 0;
  let slow = 0;
  for (let i = series.qps.length - n; i < series.qps.length; i++) {
    const done = series.qps[i]!;
    const f = Math.round(done * (series.error_rate[i] ?? 0));
    failed += f;
    ok += done - f;
    slow += series.slow?.[i] ?? 0;
  }
  const completed = ok + failed;
  return {
    seconds: n,
    completed,
    ok,
    failed,
    perSecond: n > 0 ? completed / n : undefined,
    errorRate: completed > 0 ? failed / completed : undefined,
    availability: completed > 0 ? ok / completed : undefined,
    slow: series.slow ? slow : undefined,
  };
}

/** Whether the last closed second had a successful request to measure latency on. */
export function lastSecondHadSuccess(series: Pick<Series, 'qps' | 'error_rate'>): boolean {
  const i = series.qps.length - 1;
  if (i < 0) return false;
  return series.qps[i]! - Math.round(series.qps[i]! * (series.error_rate[i] ?? 0)) > 0;
}

/** A number or a dash when there is nothing to measure. */
export function orDash(value: number | undefined, fmt: (v: number) => string, ascii = false): string {
  return value === undefined || !Number.isFinite(value) ? (ascii ? '-' : '–') : fmt(value);
}
