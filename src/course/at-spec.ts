/**
 * Timeline events written as text, as in a lab's `at:` list and `sim --at`:
 * `<seconds>:<action>:<node>[:<value>]`, e.g. `10:kill:web-1`, `45:probe:web-1:3306`;
 * set_rate and set_algorithm may leave out the node (`60:set_rate:300`). The same
 * grammar as the simulator's `parseAt` (src/sim/checks.ts), re-implemented here so
 * lesson validation does not load the simulator.
 */

/** Every timeline action and what its value must be. */
export const AT_ACTIONS = {
  kill: 'none',
  blackhole: 'none',
  stop: 'none',
  restore: 'none',
  drain: 'none',
  undrain: 'none',
  promote: 'none',
  set_rate: 'rate',
  set_algorithm: 'algorithm',
  probe: 'port',
} as const;

export type AtAction = keyof typeof AT_ACTIONS;

export const ALGORITHMS = ['roundrobin', 'static-rr', 'leastconn', 'source', 'random', 'first'] as const;

export interface AtEvent {
  at_s: number;
  action: AtAction;
  node?: string;
  value?: number | string;
}

/** Parses one `at` string; returns the event or a message saying what is wrong. */
export function parseAtSpec(spec: string): { event: AtEvent } | { error: string } {
  const parts = spec.trim().split(':');
  const usage = `write it as <seconds>:<action>:<node>[:<value>], e.g. 10:kill:web-1`;
  if (parts.length < 3 || parts.length > 4) return { error: `'${spec}': ${usage}` };
  const [secs = '', action = ''] = parts;
  let [, , node, value] = parts as [string, string, string | undefined, string | undefined];
  const time = /^(\d+(?:\.\d+)?)s?$/.exec(secs.trim());
  if (!time) return { error: `'${spec}': '${secs}' is not a time in seconds (${usage})` };
  if (!Object.hasOwn(AT_ACTIONS, action)) {
    return { error: `'${spec}': unknown action '${action}' (one of ${Object.keys(AT_ACTIONS).join(', ')})` };
  }
  const kind = AT_ACTIONS[action as AtAction];
  if ((kind === 'rate' || kind === 'algorithm') && parts.length === 3) {
    // `60:set_rate:300`: the whole scenario's setting, no node.
    value = node;
    node = undefined;
  } else if (!node) return { error: `'${spec}': the node is missing (${usage})` };
  const event: AtEvent = { at_s: Number(time[1]), action: action as AtAction, ...(node ? { node } : {}) };
  if (kind === 'none') {
    if (value !== undefined) return { error: `'${spec}': ${action} takes no value` };
    return { event };
  }
  if (value === undefined || value === '') {
    if (kind === 'port') return { event };
    return { error: `'${spec}': ${action} needs a value` };
  }
  if (kind === 'algorithm') {
    if (!(ALGORITHMS as readonly string[]).includes(value)) {
      return { error: `'${spec}': unknown algorithm '${value}' (one of ${ALGORITHMS.join(', ')})` };
    }
    return { event: { ...event, value } };
  }
  const n = Number(value);
  if (kind === 'port' && !(Number.isInteger(n) && n >= 1 && n <= 65535)) {
    return { error: `'${spec}': '${value}' is not a port number (1-65535)` };
  }
  if (kind === 'rate' && !(Number.isFinite(n) && n >= 0)) {
    return { error: `'${spec}': '${value}' is not a request rate (requests per second)` };
  }
  return { event: { ...event, value: n } };
}
