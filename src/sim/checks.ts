/**
 * Lab checks against a simulation report, and the `--at` timeline syntax.
 * Pure: labs call these after (or during) a run; `sim --at` uses {@link parseAt}.
 */
import type { LabCondition } from '../course/types';
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
