/**
 * Numeric codes shared by the engine's modules: event types, request stages and kinds,
 * process states, ports and the documented defaults they stand for.
 */
import { ALGORITHMS } from '../spec/vocabulary';
import type { Algorithm, NodeState } from '../spec/types';

// ------------------------------------------------------------------ constants

export const EV_ARRIVAL = 1;
export const EV_DONE = 2; // service finished at the request's station
export const EV_HOP = 3; // request reaches its next station (or the client, on the way back)
export const EV_RETRY = 4; // LB retries a failed connection
export const EV_CHECK = 5; // LB health check starts
export const EV_CHECK_RESULT = 6; // a check that had to wait for its timeout
export const EV_ADVERT = 7; // VRRP master advertisement
export const EV_VRRP_TIMER = 8; // VRRP master-down timer
export const EV_TIMELINE = 9;
export const EV_COLLECT = 10; // monitoring agents push their metrics
export const EV_EVAL = 11; // alert rules evaluated
export const EV_QUEUE_TIMEOUT = 12; // `timeout queue` at the LB
export const EV_PROMOTE = 13; // automatic promotion of a replica
export const EV_FAIL = 14; // a request fails at a later time (timeouts)
export const EV_DNS = 15; // a client's DNS lookup finished
export const EV_SEMI_TIMEOUT = 16; // rpl_semi_sync_master_timeout: the primary gives up waiting
export const EV_SYN = 17; // a client retransmits its SYN to an address nobody answered
export const EV_TRACK = 18; // keepalived's track_script runs
export const EV_CHECK_OK = 19; // a check in progress succeeds (its server came back before the check timed out)

// request stages
export const S_FREE = 0;
export const S_DNS = 1;
export const S_LBQUEUE = 2;
export const S_CONNECT = 3;
export const S_HOP = 4;
export const S_QUEUED = 5;
export const S_SERVICE = 6;
export const S_RETURN = 7;
export const S_FAILING = 8;
export const S_TO_ENTRY = 9; // on the internet between the client and the entry point
export const S_ACK = 10; // a semi-sync write waiting for a replica's acknowledgement

// request kinds
export const K_STATIC = 0;
export const K_READ = 1;
export const K_WRITE = 2;

// node states
export const UP = 0;
export const DOWN = 1; // killed: connections refused
export const HUNG = 2; // blackholed: nothing answers, everything times out
export const STOPPED = 3; // clean stop

export const STATE_NAMES: NodeState[] = ['up', 'down', 'hung', 'stopped'];

/** The process serving each station role (R_WEB, R_APP, R_DB). */
export const STATION_PROCESS = ['nginx', 'app', 'mysql'] as const;

// roles of stations
export const R_WEB = 0;
export const R_APP = 1;
export const R_DB = 2;

/** Algorithms by index (lb.alg), in the vocabulary's order. */
export const ALG: readonly Algorithm[] = ALGORITHMS;
export const A_RR = 0;
export const A_SRR = 1;
export const A_LC = 2;
export const A_SRC = 3;
export const A_RAND = 4;
export const A_FIRST = 5;

// HTTP-like result codes; 0 = the client got no answer at all (dropped, nobody at the address)
export const C_OK = 200;
/** The client gave up: no answer within `network.client_timeout_s` (reported as `client_timeout`). */
export const C_CLIENT_TIMEOUT = 1;
/** Not a result: Nginx's `proxy_read_timeout` fires (GETs are retried on the next upstream, POSTs get 504). */
export const C_NGX_READ_TIMEOUT = -1;
/** Not a result: Nginx's `proxy_connect_timeout` fires (nothing was sent: every method is retried). */
export const C_NGX_CONNECT_TIMEOUT = -2;
/** Linux retransmits an unanswered SYN 1, 3, 7, 15, 31… s after the first (`tcp_syn_retries`, doubling from 1 s). */
export const SYN_FIRST_RTO_MS = 1000;
/**
 * The listen backlog of a hung process (the kernel completes handshakes into it while
 * nobody accepts): 1024, measured with HAProxy 2.6 checking a SIGSTOPped back end. While
 * it has room a TCP check passes; once full, SYNs are dropped and connects time out.
 */
export const HUNG_BACKLOG = 1024;
/** Nginx `proxy_connect_timeout` and `proxy_read_timeout` default: 60 s. */
export const NGINX_TIMEOUT_MS = 60_000;
/** Nginx `fail_timeout` in whole seconds (Nginx's clock ticks in seconds). */
export const NGINX_FAIL_TIMEOUT_S = 10;

// latency histogram: log bins 2 % wide from 0.05 ms
export const H_MIN = 0.05;
export const H_BINS = 800;
export const H_INV_LN = 1 / Math.log(1.02);
export const SERIES_LEN = 60;
/** Ports the model knows services listen on, for firewalls and probes. */
export const PORT_HTTP = 80;
export const PORT_HTTPS = 443;
export const PORT_APP = 8000;
export const PORT_DB = 3306;
export const PORT_SSH = 22;
/**
 * The event log keeps every state change (they are few: kills, restores, checks, VIP
 * moves, alerts). Repeated notices, throttled to one per node every 5–10 s, are the
 * only entries that grow with run length: past this many events in all, the oldest
 * notice is dropped for each new event, so a run of many hours stays bounded.
 */
export const MAX_EVENTS = 10_000;
/** Repeated events of one kind on one node (stale reads, rejected writes) are reported at most this often, with a count. */
export const REPEAT_EVENT_MS = 10_000;
/** `rpl_semi_sync_source_timeout` default: after 10 s without an acknowledgement the primary falls back to async. */
export const SEMI_SYNC_TIMEOUT_MS = 10_000;
/**
 * Connections a service's accept queue holds beyond its busy workers: 4096, the cap Linux
 * puts on any listen backlog by default (`net.core.somaxconn` since 5.4). Without a cap an
 * overloaded tier (ρ > 1) would queue without bound and a long run's memory would grow
 * with it; at this size a two-minute lab never reaches it.
 */
export const LISTEN_BACKLOG = 4096;
/** MySQL client connect timeout the app uses when the database host does not answer. */
export const DB_CONNECT_TIMEOUT_MS = 5_000;

/** Stages in which a request sits at a node (queued or being served) rather than travelling. */
export function isAtNode(stage: number): boolean {
  return stage === S_SERVICE || stage === S_QUEUED || stage === S_LBQUEUE || stage === S_ACK || stage === S_FAILING;
}

export function histBin(ms: number): number {
  if (ms <= H_MIN) return 0;
  const b = Math.floor(Math.log(ms / H_MIN) * H_INV_LN);
  return b < H_BINS ? b : H_BINS - 1;
}
export function binValue(b: number): number {
  return H_MIN * Math.pow(1.02, b + 0.5);
}
export function histQuantile(h: Uint32Array, total: number, q: number): number {
  if (total === 0) return 0;
  const target = Math.max(1, Math.ceil(q * total));
  let acc = 0;
  for (let b = 0; b < H_BINS; b++) {
    acc += h[b]!;
    if (acc >= target) return binValue(b);
  }
  return binValue(H_BINS - 1);
}

export const fmtS = (ms: number): string => {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : +s.toFixed(2)} s`;
};

// failure causes (spec/vocabulary.ts FAILURE_CAUSES, same order)
export const F_REFUSED = 0;
export const F_NO_ANSWER = 1;
export const F_HUNG = 2;
export const F_FIREWALL = 3;
export const F_BACKLOG = 4;
export const F_DIED = 5;
export const F_NO_SERVER = 6;
export const F_QUEUE = 7;
export const F_SLOW = 8;
export const F_VIP_DOWN = 9;
export const F_VIP_FREE = 10;
export const F_PRIMARY_DOWN = 11;
export const F_DB_DOWN = 12;
export const F_READ_ONLY = 13;
export const F_NO_UPSTREAM = 14;
export const F_NO_ADDRESS = 15;
/** The node a failure is blamed on when no machine produced it: the DNS (the name has no address). */
export const BLAME_DNS = -2;
