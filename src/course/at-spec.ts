/**
 * Timeline events written as text, as in a lab's `at:` list and `sim --at`:
 * `<seconds>:<action>:<node>[:<value>]`, e.g. `10:kill:web-1` or `5:set_rate:lb-1:400`.
 * Parsed here (not in sim/) so lesson validation does not load the simulator.
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
  node: string;
  value?: number | string;
}

/** Parses one `at` string; returns the event or a message saying what is wrong. */
export function parseAtSpec(spec: string): { event: AtEvent } | { error: string } {
  const parts = spec.trim().split(':');
  const usage = `write it as <seconds>:<action>:<node>[:<value>], e.g. 10:kill:web-1`;
  if (parts.length < 3 || parts.length > 4) return { error: `'${spec}': ${usage}` };
  const [secs, action, node, value] = parts;
  const at = Number(secs);
  if (secs.trim() === '' || !Number.isFinite(at) || at < 0) {
    return { error: `'${spec}': '${secs}' is not a time in seconds (${usage})` };
  }
  if (!Object.hasOwn(AT_ACTIONS, action)) {
    return { error: `'${spec}': unknown action '${action}' (one of ${Object.keys(AT_ACTIONS).join(', ')})` };
  }
  if (!node) return { error: `'${spec}': the node is missing (${usage})` };
  const kind = AT_ACTIONS[action as AtAction];
  const event: AtEvent = { at_s: at, action: action as AtAction, node };
  if (kind === 'none') {
    if (value !== undefined) return { error: `'${spec}': ${action} takes no value` };
    return { event };
  }
  if (value === undefined || value === '') return { error: `'${spec}': ${action} needs a value after the node` };
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
