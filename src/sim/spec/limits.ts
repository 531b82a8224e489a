/**
 * The documented range of every number a scenario holds, and the caps on its lists.
 * A value outside its range is refused with `file:line` (exit 2) before anything
 * runs, so no scenario can make the engine allocate without bound or loop forever
 * (a 1e-6 ms check interval, 1e9 clients, a rate of 1e7 req/s). The README's scenario
 * reference prints this table. Keys are field names; `parent.field` when the same
 * name means different things in two places.
 */
export interface Range {
  min?: number;
  /** Exclusive lower bound. */
  gt?: number;
  max: number;
  int?: boolean;
}

const HOUR_MS = 3_600_000;
/** A timeout this long means "never" for any run; larger ones are typos. */
const TIMEOUT_MAX_MS = 1_000_000_000;

export const LIMITS: Readonly<Record<string, Range>> = {
  seed: { min: 0, max: 2_147_483_647, int: true },
  duration_s: { gt: 0, max: 86_400 },
  warmup_s: { min: 0, max: 86_400 },
  rate_rps: { gt: 0, max: 20_000 },
  clients: { min: 1, max: 100_000, int: true },
  workers: { min: 1, max: 1_024, int: true },
  service_ms: { gt: 0, max: 600_000 },
  static_ms: { gt: 0, max: 600_000 },
  maxconn: { min: 1, max: 100_000, int: true },
  timeout_queue_ms: { gt: 0, max: TIMEOUT_MAX_MS },
  retries: { min: 0, max: 10, int: true },
  random_draws: { min: 1, max: 16, int: true },
  timeout_connect_ms: { gt: 0, max: TIMEOUT_MAX_MS },
  timeout_server_ms: { gt: 0, max: TIMEOUT_MAX_MS },
  retry_delay_ms: { min: 0, max: 60_000 },
  inter_ms: { min: 100, max: HOUR_MS },
  fastinter_ms: { min: 100, max: HOUR_MS },
  timeout_ms: { min: 10, max: HOUR_MS },
  fall: { min: 1, max: 100, int: true },
  rise: { min: 1, max: 100, int: true },
  'vrrp.priority': { min: 1, max: 255, int: true },
  advert_int_s: { min: 0.1, max: 255 },
  'track_script.interval_s': { min: 0.1, max: 3_600 },
  proxy_connect_timeout_ms: { gt: 0, max: TIMEOUT_MAX_MS },
  proxy_read_timeout_ms: { gt: 0, max: TIMEOUT_MAX_MS },
  apply_rate_wps: { gt: 0, max: 1_000_000 },
  lag_base_ms: { min: 0, max: HOUR_MS },
  promote_after_s: { min: 0, max: 86_400 },
  lookup_ms: { min: 0, max: 60_000 },
  ttl_s: { min: 0, max: 604_800 },
  'records.priority': { min: 0, max: 65_535, int: true },
  hop_ms: { min: 0, max: 10_000 },
  client_ms: { min: 0, max: 10_000 },
  client_timeout_s: { min: 1, max: 600 },
  'monitoring.interval_s': { min: 1, max: 3_600 },
  eval_interval_s: { min: 1, max: 3_600 },
  for_s: { min: 0, max: 86_400 },
  threshold: { min: -1e12, max: 1e12 },
  at_s: { min: 0, max: 86_400 },
};

/** The most entries a scenario's lists may hold. */
export const LIST_LIMITS: Readonly<Record<string, number>> = {
  nodes: 100,
  to: 64,
  upstream: 31,
  read_from: 16,
  records: 1_000,
  allow: 100,
  alerts: 100,
  timeline: 10_000,
};

/**
 * Events one engine processes per live-view frame at most (≈ 20 ms at 5 M events/s):
 * a heavy scenario then runs slower than asked instead of freezing the keys.
 */
export const FRAME_EVENT_BUDGET = 100_000;

/**
 * Events a headless run (`sim --json`) processes at most (≈ 10 s at 5 M events/s)
 * before it stops with a message. A run whose requests alone (an arrival and an end
 * each: {@link MIN_EVENTS_PER_REQUEST}) would exceed it is refused before it starts.
 */
export const RUN_EVENT_BUDGET = 50_000_000;
export const MIN_EVENTS_PER_REQUEST = 2;

/** The range that applies to `key` under the mapping named `parent` (the last name in its path). */
export function rangeOf(parent: string | undefined, key: string): Range | undefined {
  return (parent !== undefined ? LIMITS[`${parent}.${key}`] : undefined) ?? LIMITS[key];
}
