/**
 * The simulator's public contract: what the diagram, the live view, lab checks and
 * the headless `sim` command rely on. Pure types; virtual time in milliseconds.
 *
 * Changes here must be additive: other modules (diagram/, ui/) are written against it.
 */

import type { ActionName, Algorithm, Component, EventType } from './vocabulary';

export type { ActionName, Algorithm, Component, EventType } from './vocabulary';

// ---------------------------------------------------------------- scenario (input)

export type ServiceDist = 'exponential' | 'deterministic';
export type Role = 'web' | 'app' | 'db';
export type TlsMode = 'none' | 'terminate' | 'passthrough' | 'reencrypt';

export interface DnsRecord {
  name: string;
  type: 'A' | 'CNAME' | 'MX' | 'TXT';
  value: string;
  ttl_s?: number;
  priority?: number; // MX preference
}

export interface FirewallRule {
  port: number | 'any';
  /** 'any', a node id, or 'admin' (the operator's workstation). */
  from: string;
  proto?: 'tcp' | 'udp';
}

export interface HealthCheckSpec {
  inter_ms?: number; // default 2000
  fastinter_ms?: number; // default inter_ms
  fall?: number; // default 3
  rise?: number; // default 2
  timeout_ms?: number; // default inter_ms (check timeout for blackholed servers)
  /**
   * `tcp` (default, HAProxy's plain `check`): a connection to the server's port, which
   * the kernel completes even when the process behind it is hung (until its backlog
   * fills) and which says nothing about the application behind Nginx. `http`
   * (`option httpchk GET <path>`, `http-check expect status 200`): a request that goes
   * through Nginx to the application and its database; a dead app or MySQL answers
   * 502/500 and fails it at once, a hung one fails it at the check timeout.
   */
  type?: 'tcp' | 'http';
  /** The HTTP check's path, default `/health`. */
  path?: string;
}

export interface VrrpSpec {
  vip: string;
  priority: number; // 1–254
  advert_int_s?: number; // default 1
  preempt?: boolean; // default true
  version?: 2 | 3; // default 2 (keepalived's default)
  /**
   * `vrrp_script chk_haproxy` + `track_script`: keepalived checks that HAProxy runs every
   * `interval_s` (default 2); after `fall` (default 2) failures in a row the node goes to
   * FAULT and gives up the VIP (priority-0 advert: the backup takes over after its skew);
   * after `rise` (default 2) successes it is a candidate again. Without it keepalived
   * watches only itself: a node whose HAProxy died keeps the VIP.
   */
  track_script?: { interval_s?: number; fall?: number; rise?: number };
}

export interface LoadBalancerSpec {
  id: string;
  kind: 'load_balancer';
  label?: string;
  ip?: string;
  algorithm?: Algorithm; // default roundrobin (HAProxy ≤ 3.2)
  hash_type?: 'map-based' | 'consistent'; // for `source`
  to: string[];
  weights?: Record<string, number>;
  health_check?: HealthCheckSpec;
  maxconn?: number; // per server; excess queues at the LB
  timeout_queue_ms?: number;
  retries?: number; // default 3
  redispatch?: boolean; // option redispatch, default false
  tls?: TlsMode; // default 'none'
  /** Draws for `random` (HAProxy `random(<draws>)`), default 2 = power of two choices. */
  random_draws?: number;
  /** `timeout connect`: how long a connection attempt to a hung server waits, default 5000. */
  timeout_connect_ms?: number;
  /** `timeout server`: how long a request on a hung server waits for its answer, default 30000. */
  timeout_server_ms?: number;
  /** Delay between retries of a refused connection, default 1000 (measured ≈ 1 s). */
  retry_delay_ms?: number;
  vrrp?: VrrpSpec;
  firewall?: { allow: FirewallRule[] };
  agent?: boolean; // monitoring agent installed
}

export interface RoleSpec {
  workers?: number;
  service_ms?: number;
  service?: ServiceDist;
}

export interface DbSpec extends RoleSpec {
  role: 'primary' | 'replica';
  /** For a replica: the primary it replicates from. */
  of?: string;
  /** Replica apply capacity, writes per second. */
  apply_rate_wps?: number;
  /** Base replication delay (network + relay), ms. */
  lag_base_ms?: number;
  semi_sync?: boolean;
  /** Automatic failover (MHA/orchestrator style): promote this replica after the primary has been down this long. */
  promote_after_s?: number;
  /** MySQL 8 `super_read_only`: a replica rejects writes even from users with SUPER (root). Default false. */
  super_read_only?: boolean;
}

export interface ServerSpec {
  id: string;
  kind: 'server';
  label?: string;
  ip?: string;
  roles: Role[];
  /** Shorthands applied to each role that does not set its own. */
  workers?: number;
  service_ms?: number;
  service?: ServiceDist;
  /**
   * `proxy_connect_timeout_ms` / `proxy_read_timeout_ms`: Nginx's `proxy_connect_timeout`
   * and `proxy_read_timeout` towards the app servers, default 60000 each.
   */
  web?: RoleSpec & { upstream?: string[]; static_ms?: number; proxy_connect_timeout_ms?: number; proxy_read_timeout_ms?: number };
  /** `db_user`: the MySQL user the app connects as, `app` (default, no SUPER) or `root` (SUPER: `read_only` does not stop it). */
  app?: RoleSpec & { db?: string; read_from?: string[]; db_user?: 'app' | 'root' };
  db?: DbSpec;
  firewall?: { allow: FirewallRule[] };
  agent?: boolean;
}

export type NodeSpec = LoadBalancerSpec | ServerSpec;

export interface AlertRule {
  name: string;
  /** qps | error_rate | p99_ms | up */
  metric: string;
  node?: string;
  op: '>' | '<' | '>=' | '<=';
  threshold: number;
  for_s?: number;
}


export interface TimelineEvent {
  at_s: number;
  action: ActionName;
  node?: string;
  value?: number | string;
  /** The process a kill, hang or restore aims at (`kill:web-1:app`); absent = the whole machine. */
  component?: Component;
}

export interface Workload {
  rate_rps: number;
  arrival?: 'poisson' | 'constant'; // default poisson
  write_ratio?: number; // default 0
  static_ratio?: number; // share of requests for static files, default 0
  https_ratio?: number; // default 0 (1 when the LB terminates TLS)
  clients?: number; // distinct client addresses (source hashing), default 1000
}

export interface Scenario {
  name: string;
  /** File-derived id, e.g. "distributed". */
  id: string;
  description?: string;
  file?: string;
  seed: number;
  duration_s: number;
  warmup_s: number;
  domain?: string;
  /** `lookup_ms`: time a client's resolver takes for an uncached lookup (default 20). */
  dns?: { records: DnsRecord[]; lookup_ms?: number };
  /**
   * `hop_ms`: one-way latency of each hop between hosts, ms (default 0).
   * `client_ms`: one-way latency between the users and the entry point over the
   * internet, ms (default 0). Both add to response times and make requests visible
   * on the diagram's edges while they travel.
   */
  network?: {
    hop_ms?: number;
    client_ms?: number;
    /**
     * How long a client waits for an answer, s (default 30, a browser's connect timeout).
     * While nobody answers on an address the client retransmits its SYN after 1, 3, 7,
     * 15 s… (Linux); a request not answered within this time is a failure.
     */
    client_timeout_s?: number;
  };
  workload: Workload;
  nodes: NodeSpec[];
  monitoring?: { interval_s?: number; eval_interval_s?: number; service?: string; alerts?: AlertRule[] };
  timeline: TimelineEvent[];
  /** The presenter's cues written in the timeline (pause, set_speed, say; spec/cues.ts), in time order. */
  cues?: import('./cues').Cue[];
}

// ---------------------------------------------------------------- topology (for drawing)

export type NodeKind = 'users' | 'dns' | 'load_balancer' | 'server' | 'monitoring' | 'admin';

export interface TopologyNode {
  id: string;
  kind: NodeKind;
  label: string;
  ip?: string;
  roles: Role[];
  /** Display names of what the machine hosts, e.g. ["Nginx", "App server", "Code base", "MySQL"]. */
  components: string[];
  /** Left-to-right column: 0 users (and admin), 1 dns, 2 load balancers, 3 web, 4 app, 5 db, 6 monitoring. */
  tier: number;
  firewall: boolean;
  /** The firewall's allow rules, as written (absent without a firewall). */
  allow?: FirewallRule[];
  agent: boolean;
  tls?: TlsMode;
  vip?: string;
  dbRole?: 'primary' | 'replica';
  /** A load balancer's algorithm, shown on the diagram ("HAProxy roundrobin"). */
  algorithm?: Algorithm;
}

export type EdgeKind = 'http' | 'https' | 'sql' | 'replication' | 'dns' | 'vrrp' | 'metrics';

export interface TopologyEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface Topology {
  domain?: string;
  records: DnsRecord[];
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

// ---------------------------------------------------------------- live state (snapshot)

/** The node's real state. */
export type NodeState = 'up' | 'down' | 'hung' | 'draining' | 'stopped';
/** The state of one process on a node (`processes` in a snapshot or report). */
export type ProcessState = 'up' | 'down' | 'hung' | 'stopped';
/** How a load balancer currently sees a back end (HAProxy's view). */
export type LbView = 'UP' | 'DOWN' | 'UP-going-down' | 'DOWN-going-up' | 'DRAIN';

export interface NodeSnapshot {
  id: string;
  state: NodeState;
  /** Per load balancer id, how it sees this node. */
  lbView?: Record<string, LbView>;
  vipHolder?: boolean;
  vrrpState?: 'MASTER' | 'BACKUP' | 'FAULT';
  dbRole?: 'primary' | 'replica';
  /** A database server's MySQL process: running (`up`, also while its machine is draining), `hung`, or `down` (crashed, or its machine is not up). */
  mysql?: ProcessState;
  replicationLagMs?: number;
  active: number;
  queued: number;
  served: number;
  failed: number;
  /** Busy fraction of its workers over the last second. */
  utilization: number;
  /** Each process of the node (haproxy, keepalived, nginx, app, mysql) and its state. */
  processes?: Partial<Record<Component, ProcessState>>;
  /** A replica's SQL thread: `stopped` after `stop_replication` (then its lag reads unknown, like `Seconds_Behind_Master` NULL). */
  replication?: 'running' | 'stopped';
  /** Writes received but not yet applied by a replica. */
  replicationBacklog?: number;
  /** A server's worker processes per role (changed at run time by `set_workers`). */
  workers?: { web?: number; app?: number; db?: number };
  /** A load balancer's `option redispatch` (switched at run time by `set_redispatch`). */
  redispatch?: boolean;
  /** An old primary still running and writable after another server was promoted. */
  splitBrain?: boolean;
  /** Failed requests this node produced, by cause and result code (most first); absent when none. */
  failures?: FailureCount[];
  /** Packets its firewall dropped (requests, probes, replication), and when the last one was, ms. */
  firewallDrops?: number;
  lastDropMs?: number;
}

/**
 * Failed requests attributed to the node that produced them and the cause
 * (spec/vocabulary.ts FAILURE_CAUSES), per result code ("503", "no_answer",
 * "client_timeout"…): how many, how many in the last 10 s, and how long the client
 * waited before the failure.
 */
export interface FailureCount {
  node: string;
  cause: string;
  code: string;
  total: number;
  recent: number;
  wait_mean_ms: number;
  wait_max_ms: number;
}

/** One alert rule on one host, as the monitoring service sees it now. */
export interface AlertView {
  name: string;
  node: string;
  metric: string;
  op: string;
  threshold: number;
  /** The rule's `for`, s (0: fires at the first evaluation that matches). */
  for_s: number;
  /** The value the rule last saw (the agent's last push; p99 of the last second); undefined before the first push. */
  value?: number;
  state: 'ok' | 'pending' | 'firing';
  /** How long the condition has held (pending or firing), ms. */
  pending_ms: number;
  /** When the agents push next and the rules are evaluated next, ms of simulated time. */
  next_push_ms: number;
  next_eval_ms: number;
}

export type RequestKind = 'static' | 'dynamic' | 'write' | 'health' | 'replication' | 'probe';

/** A request in flight on a hop, for animation. */
export interface InFlight {
  id: number;
  kind: RequestKind;
  encrypted: boolean;
  from: string;
  to: string;
  /** 0..1 along the hop (1 = arrived), or processing at `to` when `atNode`. */
  progress: number;
  atNode?: boolean;
  failed?: boolean;
  /** The answer on its way back to the client (drawn on the same edge, progress running 1 → 0). */
  returning?: boolean;
}

/** Per-second series over the last minute (oldest first). */
export interface Series {
  qps: number[];
  p50_ms: number[];
  p99_ms: number[];
  error_rate: number[];
  /** Per second: successful answers that took at least SLOW_MS (1 s). */
  slow?: number[];
}

export interface SimEvent {
  t_s: number;
  /** One of {@link EventType} (spec/vocabulary.ts). */
  type: EventType;
  node?: string;
  /** Human sentence with its cause, e.g. "lb-1 marked web-2 DOWN: 3 failed checks, 2 s apart". */
  message: string;
  [extra: string]: unknown;
}

export interface Snapshot {
  t_ms: number;
  nodes: Record<string, NodeSnapshot>;
  inflight: InFlight[];
  totals: { total: number; ok: number; failed: number; dropped: number };
  availability: number;
  /** Over the last second. */
  qps: number;
  p50_ms: number;
  p99_ms: number;
  error_rate: number;
  series: Series;
  /** Requests sent and not yet answered or failed, now. */
  in_flight?: number;
  /** Of those, how many have waited at least SLOW_MS (1 s) so far. */
  waiting_slow?: number;
  /** Most recent events, newest last. */
  events: SimEvent[];
  algorithm: Algorithm;
  rate_rps: number;
  /** Which hops carry encrypted traffic right now ("from>to" → true). */
  encryptedHops: Record<string, boolean>;
  /** Every failure's node and cause, most first (the nodes' `failures`, together). */
  failures?: FailureCount[];
  /** Each alert rule on each host it watches (absent without monitoring rules). */
  alerts?: AlertView[];
}

// ---------------------------------------------------------------- report (output)

export interface Report {
  scenario: string;
  seed: number;
  duration_s: number;
  /**
   * `by_code`: failures by HTTP-like status ("503", "502", "504", "500"; "no_answer" when nothing answered).
   * `backlog_full`: requests that found a service's accept queue full (4096 waiting) and timed out connecting; present only when > 0.
   */
  requests: {
    total: number;
    ok: number;
    failed: number;
    dropped?: number;
    by_code?: Record<string, number>;
    in_flight?: number;
    backlog_full?: number;
    /** Successful requests that took at least 1 s (SLOW_MS), e.g. after SYN retries during a failover. */
    slow?: number;
  };
  availability: number;
  /** Of successful requests after warm-up; `count` = how many. `mean` is exact; percentiles are nearest-rank within 0.5 % (a fixed-size log histogram, see `histogram.ts`). */
  latency_ms: { mean: number; p50: number; p95: number; p99: number; count?: number; max?: number };
  /** How long failed requests waited before their error, overall and per result code (e.g. "503" after 20 s of connect timeouts). */
  failed_latency_ms?: { mean: number; max: number; by_code?: Record<string, { count: number; mean: number; max: number }> };
  nodes: Record<string, { kind: string; state: string; served: number; utilization: number; [k: string]: unknown }>;
  events: SimEvent[];
  /** `drifted_writes`: writes a read_only replica accepted from a SUPER user (root) — the replica no longer matches its primary. */
  /** `diverged_writes`: split brain — writes that exist only on an old primary left running after a promote (never on the new one). */
  db?: { writes_ok: number; writes_failed: number; stale_reads: number; lost_writes: number; max_lag_ms: number; drifted_writes?: number; diverged_writes?: number };
  /** Every failure once, with the node and cause that produced it (spec/vocabulary.ts FAILURE_CAUSES), per result code, most first. */
  failures?: { node: string; cause: string; code: string; count: number; wait_ms: { mean: number; max: number } }[];
  /** `by_node`: what each node's firewall dropped (present when any was). */
  firewall?: { dropped: number; by_node?: Record<string, number> };
  /** `events_trimmed`: old repeated notices (firewall_drop, stale_read, write_rejected, write_failed) dropped from `events` after 10 000 events; present only when > 0. State changes are never dropped. */
  /** `arrivals`: requests the clients sent; every one ends once: arrivals = requests.total + requests.in_flight. */
  sim: { events_processed: number; wall_ms: number; events_trimmed?: number; arrivals?: number; budget_exhausted?: boolean };
  [extra: string]: unknown;
}

// ---------------------------------------------------------------- engine

export interface EngineOptions {
  seed?: number;
  duration_s?: number;
  rate_rps?: number;
  /** Extra timeline events (from `--at`). */
  at?: TimelineEvent[];
  /** Events the whole run may process (spec/limits.ts RUN_EVENT_BUDGET for `sim --json`); past it the run stops where it is and the report says `sim.budget_exhausted`. */
  max_events?: number;
}

export interface Action {
  action: ActionName;
  node?: string;
  value?: number | string;
  component?: Component;
}

export interface Engine {
  readonly scenario: Scenario;
  readonly topology: Topology;
  /** Current virtual time, ms. */
  now(): number;
  /**
   * Advance virtual time to `t_ms`, processing every event up to it. With `maxEvents`
   * (a frame's budget, spec/limits.ts FRAME_EVENT_BUDGET) it stops after that many
   * events, short of `t_ms`: `now()` says where.
   */
  runUntil(t_ms: number, opts?: { maxEvents?: number }): void;
  /** Run to the scenario's end and return the report. */
  run(): Report;
  /** Apply an operator action at the current virtual time. Throws on unknown node/action. */
  apply(action: Action): void;
  /** Cheap view of the current state for drawing (≤ `maxInflight` requests sampled). */
  snapshot(opts?: { maxInflight?: number }): Snapshot;
  /** Report of the run so far. */
  report(): Report;
  /** The run's events so far: the engine's own list, not a copy (read it, do not change it). */
  events(): readonly SimEvent[];
}
