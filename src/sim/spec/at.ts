/**
 * The `at` grammar: timeline events written as text, in a lab's `at:` list and in
 * `sim --at`. One definition, used by the course loader, the `sim` command and the
 * live view:
 *
 *   <seconds>:<action>:<node>[:<value>]
 *
 * - `30:kill:web-2` — the whole machine's processes crash (keepalived included);
 * - `30:kill:lb-1:haproxy`, `30:kill:web-1:app`, `30:kill:web-1:nginx`,
 *   `30:kill:db-1:mysql`, `30:kill:lb-1:keepalived` — one process only;
 * - `30:hang:web-2:app` — that process stops answering while the kernel still accepts
 *   connections; `30:hang:web-2` hangs every process of the machine;
 * - `60:restore:web-2` restores the machine, `60:restore:web-1:app` one process;
 * - `45:probe:web-1:3306` — the value is a port;
 * - `60:set_rate:300`, `60:set_algorithm:leastconn` (every LB) or
 *   `60:set_algorithm:lb-1:leastconn` — no node for the whole scenario;
 * - `40:add_server:app` — no node: the value is the tier (web, app or db);
 * - `20:stop_replication:db-2`, `50:start_replication:db-2`;
 * - `30:set_redispatch:on` (every LB) or `30:set_redispatch:lb-1:off` — `on` or `off`;
 * - `30:set_workers:app:8` — every app server gets 8 app workers (the tier: `web`,
 *   `app` or `db`), `30:set_workers:app-1:8` — that server only (one with one role).
 *
 * Times are seconds (`30` or `30s`, decimals allowed). Node names are checked against
 * a scenario separately (`timelineProblem` in ./scenario.ts).
 */
import type { TimelineEvent } from './types';
import { LIMITS } from './limits';
import { ACTION_VALUES, ACTIONS, ALGORITHMS, COMPONENTS, TIERS, type ActionName, type Component } from './vocabulary';

export const AT_USAGE = '<seconds>:<action>:<node>[:<value>], e.g. 30:kill:web-2 or 30:kill:web-1:app';

/** Parses one `at` string; returns the event or a message saying what is wrong (quoting the spec). */
export function parseAtSpec(spec: string): { event: TimelineEvent } | { error: string } {
  const bad = (why: string) => ({ error: `'${spec}': ${why} (write it as ${AT_USAGE})` });
  const parts = spec.trim().split(':');
  if (parts.length < 2 || parts.length > 4) return bad('wrong number of fields');
  const [secs, action] = parts as [string, string];
  let node: string | undefined = parts[2];
  let value: string | undefined = parts[3];
  const time = /^(\d+(?:\.\d+)?)s?$/.exec(secs.trim());
  if (!time) return bad(`'${secs}' is not a time in seconds`);
  if (!Object.hasOwn(ACTION_VALUES, action)) {
    const near = ACTIONS.find((a) => action.length > 2 && a.startsWith(action.slice(0, 3)));
    return { error: `'${spec}': unknown action '${action}'${near ? ` (did you mean '${near}'?)` : ''}; actions: ${ACTIONS.join(', ')}` };
  }
  const name = action as ActionName;
  const kind = ACTION_VALUES[name];
  if ((kind === 'rate' || kind === 'algorithm' || kind === 'tier' || kind === 'onoff') && parts.length === 3) {
    // `60:set_rate:300`, `40:add_server:app`: the third field is the value, there is no node.
    value = node;
    node = undefined;
  }
  if (kind === 'tier' && node !== undefined) return bad(`${name} takes a tier, not a node`);
  if (kind === 'workers' && parts.length === 3) return bad(`${name} needs a tier or a node and a count, e.g. 30:set_workers:app:8`);
  if (node === '' || (node === undefined && kind !== 'rate' && kind !== 'algorithm' && kind !== 'tier' && kind !== 'onoff')) return bad(`the node is missing`);
  const event: TimelineEvent = { at_s: Number(time[1]), action: name, ...(node !== undefined ? { node } : {}) };
  if (value === '') return bad(`${name} needs a value`);
  switch (kind) {
    case 'none':
      return value === undefined ? { event } : bad(`${name} takes no value`);
    case 'component':
      if (value === undefined) return { event };
      if (!(COMPONENTS as readonly string[]).includes(value)) return bad(`unknown process '${value}' (one of ${COMPONENTS.join(', ')})`);
      return { event: { ...event, component: value as Component } };
    case 'algorithm':
      if (value === undefined) return bad(`${name} needs a value`);
      if (!(ALGORITHMS as readonly string[]).includes(value)) return bad(`unknown algorithm '${value}' (one of ${ALGORITHMS.join(', ')})`);
      return { event: { ...event, value } };
    case 'tier':
      if (value === undefined || !(TIERS as readonly string[]).includes(value)) return bad(`${name} needs a tier: ${TIERS.join(', ')}`);
      return { event: { ...event, value } };
    case 'port': {
      if (value === undefined) return { event };
      const n = Number(value);
      if (!(Number.isInteger(n) && n >= 1 && n <= 65535)) return bad(`'${value}' is not a port number (1-65535)`);
      return { event: { ...event, value: n } };
    }
    case 'onoff':
      if (value !== 'on' && value !== 'off') return bad(`${name} needs on or off, got '${value ?? ''}'`);
      return { event: { ...event, value } };
    case 'workers': {
      const n = Number(value);
      if (value === undefined || !(Number.isInteger(n) && n >= 1 && n <= LIMITS.workers!.max)) return bad(`'${value ?? ''}' is not a worker count (a whole number from 1 to ${LIMITS.workers!.max})`);
      return { event: { ...event, value: n } };
    }
    case 'rate': {
      if (value === undefined) return bad(`${name} needs a value`);
      const n = Number(value);
      if (!(Number.isFinite(n) && n > 0)) return bad(`'${value ?? ''}' is not a request rate (requests per second)`);
      return { event: { ...event, value: n } };
    }
  }
}

/** {@link parseAtSpec} for the command line: throws an Error naming the `--at` spec and what is wrong. */
export function parseAt(spec: string): TimelineEvent {
  const r = parseAtSpec(spec);
  if ('error' in r) throw new Error(`--at ${r.error}`);
  return r.event;
}
