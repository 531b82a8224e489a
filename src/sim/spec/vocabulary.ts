/**
 * The simulator's vocabulary, written once: load-balancing algorithms, operator
 * actions (with the value each takes), the processes an action can aim at, the event
 * types a run reports, and the report's metric names. The scenario loader, the `--at`
 * grammar, the engine, the course loader (lab checks) and the design editor all read
 * these lists; nothing else spells them out.
 */

export const ALGORITHMS = ['roundrobin', 'static-rr', 'leastconn', 'source', 'random', 'first'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/**
 * Every operator action and what its value is:
 * - `none`: no value; `component`: an optional process name (`kill:web-1:app`);
 * - `rate`, `algorithm`, `port`: a number of req/s, an algorithm, a port;
 * - `tier`: a role (`web`, `app`, `db`) for `add_server`, which takes no node;
 * - `onoff`: `on` or `off` (`set_redispatch`, every load balancer or the one named);
 * - `workers`: a count, for the tier (`set_workers:app:8`: every app server) or the
 *   single-role node (`set_workers:app-1:8`) named in the node's place.
 */
export const ACTION_VALUES = {
  kill: 'component', // process crashes (connections refused); bare = every process of the machine, keepalived included
  hang: 'component', // process stops answering, the kernel still accepts connections into its backlog
  blackhole: 'none', // host unreachable: packets go unanswered, checks time out
  stop: 'none', // clean shutdown (keepalived sends priority 0)
  restore: 'component', // bare = the whole machine; with a component, that process only
  drain: 'none',
  undrain: 'none',
  promote: 'none',
  set_rate: 'rate',
  set_algorithm: 'algorithm',
  probe: 'port', // a connection attempt from the internet to node:port, e.g. firewall tests
  stop_replication: 'none', // STOP REPLICA SQL_THREAD on a replica
  start_replication: 'none',
  add_server: 'tier', // a new server like the last one of that tier, added to whatever sends to it
  set_redispatch: 'onoff', // HAProxy `option redispatch` on the load balancers (all, or the one named)
  set_workers: 'workers', // worker processes of a tier (every server of that role) or of one single-role server
} as const;
export type ActionName = keyof typeof ACTION_VALUES;
export const ACTIONS = Object.keys(ACTION_VALUES) as ActionName[];
/** Actions that take no node: the whole scenario's setting (`set_rate`, `set_algorithm` on every LB) or a new node. */
export const NODELESS_ACTIONS: ReadonlySet<ActionName> = new Set<ActionName>(['set_rate', 'set_algorithm', 'add_server', 'set_redispatch']);

/** Processes an action can aim at (`kill:lb-1:haproxy`). `app` is the application server, `nginx` the web server. */
export const COMPONENTS = ['haproxy', 'keepalived', 'nginx', 'app', 'mysql'] as const;
export type Component = (typeof COMPONENTS)[number];
/** Which roles host which process: a load balancer runs haproxy (and keepalived with `vrrp`); a server its roles' processes. */
export const ROLE_COMPONENT = { web: 'nginx', app: 'app', db: 'mysql' } as const;
/** Tiers `add_server` accepts. */
export const TIERS = ['web', 'app', 'db'] as const;

/** Event types a run reports (the `type` of each entry of `events`). */
export const EVENT_TYPES = [
  'node_killed',
  'node_hung',
  'node_stopped',
  'node_restored',
  'process_killed',
  'process_hung',
  'process_restored',
  'backlog_full',
  'marked_down',
  'marked_up',
  'vip_moved',
  'vrrp_fault',
  'vrrp_recovered',
  'promoted',
  'promote_ignored',
  'split_brain',
  'split_brain_write',
  'alert_fired',
  'alert_resolved',
  'write_rejected',
  'write_failed',
  'replica_drift',
  'stale_read',
  'replication_stopped',
  'replication_started',
  'firewall_drop',
  'probe_open',
  'probe_closed',
  'drain_started',
  'drained',
  'undrained',
  'semi_sync_on',
  'semi_sync_off',
  'rate_changed',
  'algorithm_changed',
  'redispatch_changed',
  'workers_changed',
  'server_added',
  'upstream_failed',
  'upstream_timeout',
  'upstream_retried',
  'syn_retry',
  'action_ignored',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
/** Event types that repeat for as long as their cause lasts (throttled notices with a count); the log may trim the oldest of them. */
export const NOTICE_TYPES: ReadonlySet<string> = new Set<EventType>([
  'firewall_drop',
  'stale_read',
  'write_rejected',
  'write_failed',
  'replica_drift',
  'split_brain_write',
  'syn_retry',
  'upstream_timeout',
  'upstream_retried',
]);

/** Report numbers a lab check or a design requirement can test (dotted paths into the report). */
export const METRICS = [
  'requests.total',
  'requests.ok',
  'requests.failed',
  'requests.dropped',
  'requests.slow',
  'availability',
  'latency_ms.mean',
  'latency_ms.p50',
  'latency_ms.p95',
  'latency_ms.p99',
  'db.writes_ok',
  'db.writes_failed',
  'db.stale_reads',
  'db.lost_writes',
  'db.drifted_writes',
  'db.diverged_writes',
  'db.max_lag_ms',
  'firewall.dropped',
] as const;
/** Per-node metrics: `nodes.<id>.<field>`. */
export const NODE_METRIC = /^nodes\.([^.]+)\.(served|utilization|failed)$/;
/** Metrics an alert rule can watch. */
export const ALERT_METRICS = ['qps', 'error_rate', 'p99_ms', 'up'] as const;

/** A request that succeeded but took at least this long counts as slow in the report (`requests.slow`): a SYN retry's worth. */
export const SLOW_MS = 1000;

/**
 * Why a request failed, as the engine tells it apart: each failure is attributed to
 * one node (the one that produced it) and one of these causes, in the order of the
 * engine's codes (engine/constants.ts F_*). `words` is what a class reads on screen.
 */
export const FAILURE_CAUSES = [
  { cause: 'refused', words: 'refused: the process is dead' },
  { cause: 'no_answer', words: 'no answer: the machine is unreachable' },
  { cause: 'hung', words: 'hung: connected, never answered' },
  { cause: 'firewall', words: 'dropped by its firewall' },
  { cause: 'backlog_full', words: 'overloaded: its accept queue was full' },
  { cause: 'died', words: 'died during the request' },
  { cause: 'no_server', words: 'no server available' },
  { cause: 'queue_timeout', words: 'waited too long in its queue' },
  { cause: 'too_slow', words: 'answered too late' },
  { cause: 'vip_down', words: 'holds the VIP but does not answer' },
  { cause: 'vip_free', words: 'gave up the VIP: nobody holds it yet' },
  { cause: 'primary_down', words: 'writes fail: the primary is down' },
  { cause: 'db_down', words: 'its MySQL is down' },
  { cause: 'read_only', words: 'write rejected: a read-only replica' },
  { cause: 'no_upstream', words: 'no live app server (Nginx)' },
  { cause: 'no_address', words: 'the name resolves to no address' },
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number]['cause'];
/** A failure's cause in plain words. */
export function causeWords(cause: string): string {
  return FAILURE_CAUSES.find((c) => c.cause === cause)?.words ?? cause;
}
/** The recent window of the failure counts (snapshot `recent`): the last 10 whole seconds. */
export const FAILURE_WINDOW_S = 10;
