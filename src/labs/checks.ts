/**
 * Reading a simulation report for a lab: a metric at a dotted path, and whether a
 * condition holds. Pure.
 */
import type { Report } from '../sim/types';
import type { CompareOp, Condition, EventRef, LabEvent } from './types';

/**
 * Value at a dotted path in the report, e.g. `requests.failed`, `latency_ms.p99`,
 * `nodes.web-2.served`, `db.stale_reads`. Undefined when the path does not exist or
 * does not end at a number (booleans count as 0/1).
 */
export function getMetric(report: Report, dottedPath: string): number | undefined {
  let cur: unknown = report;
  for (const part of dottedPath.split('.')) {
    if (cur === null || typeof cur !== 'object' || !(part in (cur as object))) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  if (typeof cur === 'number') return cur;
  if (typeof cur === 'boolean') return cur ? 1 : 0;
  return undefined;
}

export function compare(v: number, op: CompareOp, value: number): boolean {
  switch (op) {
    case '>':
      return v > value;
    case '>=':
      return v >= value;
    case '<':
      return v < value;
    case '<=':
      return v <= value;
    case '==':
      return v === value;
    case '!=':
      return v !== value;
  }
  return false;
}

/** Whether an event is the one a reference names. */
export const eventMatches = (e: Pick<LabEvent, 'type' | 'node'>, ref: EventRef): boolean => e.type === ref.event && (ref.node === undefined || e.node === ref.node);

/**
 * Does the report satisfy a lab condition? An `event` condition needs at least
 * `min_count` (default 1) events of that type, on `node` when given; a `metric`
 * condition compares the value at its path (a missing metric never passes).
 */
export function evaluateCondition(cond: Condition, report: Report): boolean {
  if ('event' in cond) {
    const min = cond.min_count ?? 1;
    let n = 0;
    for (const e of report.events) if (eventMatches(e, cond)) n++;
    return n >= min;
  }
  const v = getMetric(report, cond.metric);
  return v !== undefined && compare(v, cond.op, cond.value);
}
