/**
 * Lab checks against a simulation report, and the `--at` timeline syntax.
 * Pure: labs call these after (or during) a run; `sim --at` uses {@link parseAt}.
 */
import type { LabCheck, LabCondition } from '../course/types';
import { ACTIONS } from './scenario';
import type { ActionName, Report, TimelineEvent } from './types';

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

/**
 * Does the report satisfy a lab condition? An `event` condition needs at least
 * `min_count` (default 1) events of that type, on `node` when given; a `metric`
 * condition compares the value at its path (a missing metric never passes).
 */
export function evaluateCondition(cond: LabCondition, report: Report): boolean {
  if ('event' in cond) {
    const min = cond.min_count ?? 1;
    let n = 0;
    for (const e of report.events) if (e.type === cond.event && (cond.node === undefined || e.node === cond.node)) n++;
    return n >= min;
  }
  const v = getMetric(report, cond.metric);
  if (v === undefined) return false;
  switch (cond.op) {
    case '>':
      return v > cond.value;
    case '>=':
      return v >= cond.value;
    case '<':
      return v < cond.value;
    case '<=':
      return v <= cond.value;
    case '==':
      return v === cond.value;
    case '!=':
      return v !== cond.value;
  }
  return false;
}

/**
 * Virtual seconds a lab's consequences get after its last action before metric
 * checks are judged. The slowest consequence in the shipped labs is the QPS alert,
 * which fires about 41 s after the rate rises (its rule wants the rate held); a
 * VRRP failover needs about 19 s before the run's availability is back above 90 %.
 */
export const SETTLE_S = 45;

/** A check's state at some moment of a lab run. */
export type Verdict = 'pass' | 'fail' | 'pending';

/**
 * When a lab's checks are judged (virtual seconds): {@link SETTLE_S} after the last
 * action, counting the lab's scripted `at` events, the scenario's own timeline and
 * whatever the learner did by key; the run's end (`durationS`) when nothing was
 * done at all. A learner's later action moves the moment later again.
 */
export function judgeTimeS(actionTimesS: readonly number[], durationS: number): number {
  if (actionTimesS.length === 0) return durationS;
  return Math.max(...actionTimesS) + SETTLE_S;
}

/**
 * Each lab check's verdict, the one rule shared by the lab screen and the course's
 * lab tests, so they cannot disagree:
 * - an event check passes as soon as its event is in the report (it ticks live);
 * - a metric check is `pending` until `judgeAtS`, then passes or fails on the
 *   report taken at that moment: a metric that is true before anything happened
 *   (no failures at t = 0) teaches nothing, so it is not ticked early;
 * - an event check still missing at `judgeAtS` fails.
 *
 * `report` is the run's report at `nowS`, or, once `nowS >= judgeAtS`, the report
 * taken at `judgeAtS` (the screen keeps it; a headless run stops there).
 */
export function judgeLab(checks: readonly Pick<LabCheck, 'when'>[], report: Report, nowS: number, judgeAtS: number): Verdict[] {
  const judged = nowS >= judgeAtS;
  return checks.map((c) => {
    if ('event' in c.when && evaluateCondition(c.when, report)) return 'pass';
    if (!judged) return 'pending';
    return evaluateCondition(c.when, report) ? 'pass' : 'fail';
  });
}

/** Actions whose third field is a value, not a node (`30:set_rate:300`). */
const VALUE_ONLY = new Set<ActionName>(['set_rate', 'set_algorithm']);

/**
 * Parse a timeline spec `<seconds>:<action>:<node>[:<value>]`, e.g. `30:kill:web-2`,
 * `45:probe:web-1:3306`, `60:set_rate:300`, `60:set_algorithm:lb-1:leastconn`.
 * Throws an Error that quotes the spec and says what is wrong. Node names are
 * checked against a scenario separately (`timelineProblem` in scenario.ts).
 */
export function parseAt(spec: string): TimelineEvent {
  const fail = (why: string): never => {
    throw new Error(`--at '${spec}': ${why} (expected <seconds>:<action>:<node>[:<value>], e.g. 30:kill:web-2)`);
  };
  const parts = spec.trim().split(':');
  if (parts.length < 2 || parts.length > 4) fail('wrong number of fields');
  const [secs, action, third, fourth] = parts as [string, string, string?, string?];
  const m = /^(\d+(?:\.\d+)?)s?$/.exec(secs);
  if (!m) fail(`'${secs}' is not a time in seconds`);
  const at_s = Number(m![1]);
  if (!ACTIONS.includes(action as ActionName)) {
    const near = ACTIONS.find((a) => a.startsWith(action.slice(0, 3)) && action.length > 2);
    fail(`unknown action '${action}'${near ? ` (did you mean '${near}'?)` : ''}; actions: ${ACTIONS.join(', ')}`);
  }
  const ev: TimelineEvent = { at_s, action: action as ActionName };
  const toValue = (s: string): number | string => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
  if (VALUE_ONLY.has(ev.action) && fourth === undefined) {
    if (third === undefined || third === '') fail(`${action} needs a value`);
    ev.value = toValue(third!);
    return ev;
  }
  if (third === undefined || third === '') fail(`${action} needs a node`);
  ev.node = third;
  if (fourth !== undefined) {
    if (fourth === '') fail('empty value');
    ev.value = toValue(fourth);
  }
  return ev;
}
