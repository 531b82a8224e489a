/**
 * The `--at` timeline syntax, `<seconds>:<action>:<node>[:<value>]`, used by
 * `sim --at` and by a lab's own timeline. Pure.
 */
import { ACTIONS } from './scenario';
import type { ActionName, TimelineEvent } from './types';

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
