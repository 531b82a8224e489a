/**
 * The simulator against the real software: one row per measured behaviour, with the
 * real figure, the tolerance and the line of SIM-REFERENCE.md it comes from. The
 * simulated figure is computed from a run of the engine; the table printed by
 * `REAL_FIGURES=1 npx vitest run test/sim/real-figures.test.ts` is the one in the
 * closing note.
 *
 * Sources (SIM-REFERENCE.md): HAProxy 2.6.12 "Measured second round", keepalived 2.2.7,
 * Nginx 1.22 (two app back ends, default upstream settings, 50 req/s, 10 % POST),
 * MariaDB 10.11.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/sim/types';
import { engine, events, run } from './helpers';

interface Row {
  behaviour: string;
  /** The line of SIM-REFERENCE.md the real figure comes from. */
  source: string;
  real: number;
  tolerance: number;
  unit: string;
  simulate: () => number;
}

const byCode = (r: Report, code: string): { mean: number; max: number; count: number } => r.failed_latency_ms?.by_code?.[code] ?? { mean: NaN, max: NaN, count: 0 };

const tAfter = (r: Report, type: string, node: string | undefined, since: number): number => {
  const e = r.events.find((x) => x.type === type && (node === undefined || x.node === node) && x.t_s >= since);
  return e ? e.t_s - since : NaN;
};

/** Two web servers behind one HAProxy (roundrobin, retries 3, timeout connect 5 s), 50 req/s. */
const haproxyPair = (extra = '', web = '', duration = 60) => `name: pair
seed: 3
duration_s: ${duration}
warmup_s: 1
dns: { lookup_ms: 0 }
workload: { rate_rps: 50 }
nodes:
  - { id: lb-1, kind: load_balancer, to: [web-1, web-2], retries: 3, timeout_connect_ms: 5000${extra} }
  - { id: web-1, kind: server, roles: [web, app], workers: 8, service_ms: 5${web} }
  - { id: web-2, kind: server, roles: [web, app], workers: 8, service_ms: 5${web} }
`;

/** keepalived pair (priorities 150/100, advert_int 1) in front of one web server. */
const vrrpPair = (track = '') => `name: vrrp
seed: 1
duration_s: 60
warmup_s: 1
dns: { lookup_ms: 0 }
workload: { rate_rps: 20 }
nodes:
  - { id: lb-1, kind: load_balancer, ip: 10.0.0.1, to: [web-1], vrrp: { vip: 8.8.8.8, priority: 150${track} } }
  - { id: lb-2, kind: load_balancer, ip: 10.0.0.2, to: [web-1], vrrp: { vip: 8.8.8.8, priority: 100${track} } }
  - { id: web-1, kind: server, roles: [web], workers: 4, service_ms: 5 }
`;

/** Nginx 1.22 in front of two app servers, default upstream settings, 50 req/s, `post` share of POSTs. */
const nginxPair = (post = 0.1, extra = '', appMs = 20) => `name: nginx
seed: 5
duration_s: 150
warmup_s: 1
dns: { lookup_ms: 0 }
network: { client_timeout_s: 300 }
workload: { rate_rps: 50, write_ratio: ${post} }
nodes:
  - { id: web-1, kind: server, roles: [web], workers: 64, service_ms: 1, web: { upstream: [app-1, app-2]${extra} } }
  - { id: app-1, kind: server, roles: [app], workers: 16, service_ms: ${appMs} }
  - { id: app-2, kind: server, roles: [app], workers: 16, service_ms: ${appMs} }
`;

/** Primary and replica, the app on its own host connecting as `user`. */
const mysqlPair = (user: string, sro: boolean) => `name: mysql
seed: 2
duration_s: 40
warmup_s: 1
dns: { lookup_ms: 0 }
workload: { rate_rps: 50, write_ratio: 1 }
nodes:
  - { id: app-1, kind: server, roles: [app], workers: 8, service_ms: 5, app: { db: db-2, db_user: ${user} } }
  - { id: db-1, kind: server, roles: [db], workers: 8, service_ms: 2, db: { role: primary } }
  - { id: db-2, kind: server, roles: [db], workers: 8, service_ms: 2, db: { role: replica, of: db-1, super_read_only: ${sro} } }
`;

const rows: Row[] = [
  {
    behaviour: 'blackholed back end, no redispatch: a request routed to it gets 503 after',
    source: 'Measured second round: "every request routed to it fails with 503 after 20.0 s"',
    real: 20_000,
    tolerance: 50,
    unit: 'ms',
    simulate: () => byCode(run(haproxyPair(), { at: [{ at_s: 20, action: 'blackhole', node: 'web-2' }] }), '503').max,
  },
  {
    behaviour: 'blackholed back end: marked DOWN after the fault (TCP check)',
    source: 'Measured second round: "marked DOWN 10.8–11.9 s after the fault"',
    real: 11.35,
    tolerance: 1.0,
    unit: 's',
    simulate: () => tAfter(run(haproxyPair(), { at: [{ at_s: 20, action: 'blackhole', node: 'web-2' }] }), 'marked_down', 'web-2', 20),
  },
  {
    behaviour: 'blackholed back end with option redispatch: 503s',
    source: 'Measured second round: "same with option redispatch | 0 failures"',
    real: 0,
    tolerance: 0,
    unit: 'requests',
    // (a request in service on web-2 at the fault still waits out `timeout server`: 504, not counted here)
    simulate: () => run(haproxyPair(', redispatch: true'), { at: [{ at_s: 20, action: 'blackhole', node: 'web-2' }] }).requests.by_code?.['503'] ?? 0,
  },
  {
    behaviour: 'blackholed back end with option redispatch: slowest answer (one connect timeout, then the other server)',
    source: 'Measured second round: "those requests answer 200 after ≈ 5.0 s"',
    real: 5_000,
    tolerance: 100,
    unit: 'ms',
    simulate: () => run(haproxyPair(', redispatch: true'), { at: [{ at_s: 20, action: 'blackhole', node: 'web-2' }] }).latency_ms.max!,
  },
  {
    behaviour: 'hung back end (SIGSTOP), TCP check: marked DOWN after the hang (backlog 1024 fills first)',
    source: 'Measured second round: "marked DOWN only ≈ 52 s after the hang"',
    real: 52,
    tolerance: 3,
    unit: 's',
    simulate: () => tAfter(run(haproxyPair('', '', 100), { at: [{ at_s: 20, action: 'hang', node: 'web-2' }] }), 'marked_down', 'web-2', 20),
  },
  {
    behaviour: 'hung back end: clients get 504 after timeout server',
    source: 'Measured second round: "clients get 504 after timeout server (30 s)"',
    real: 30_000,
    tolerance: 50,
    unit: 'ms',
    simulate: () => byCode(run(haproxyPair('', '', 55), { at: [{ at_s: 20, action: 'hang', node: 'web-2' }] }), '504').max,
  },
  {
    behaviour: 'hung back end, HTTP check: marked DOWN after the hang (fails at its check timeout)',
    source: 'Measured second round: "an HTTP check … fails after its check timeout instead" (3 × (2 s timeout + 2 s inter), as the blackhole row)',
    real: 11.35,
    tolerance: 1.0,
    unit: 's',
    simulate: () => tAfter(run(haproxyPair(', health_check: { type: http }'), { at: [{ at_s: 20, action: 'hang', node: 'web-2', component: 'app' }] }), 'marked_down', 'web-2', 20),
  },
  {
    behaviour: 'app dead behind a live Nginx, TCP check: times the LB marks the server DOWN',
    source: 'Measured second round: "invisible to a TCP check on port 80: the LB keeps the web server UP and users get 502s"',
    real: 0,
    tolerance: 0,
    unit: 'events',
    simulate: () => events(run(haproxyPair(), { at: [{ at_s: 20, action: 'kill', node: 'web-2', component: 'app' }] }), 'marked_down').length,
  },
  {
    behaviour: 'app dead behind a live Nginx, HTTP check: marked DOWN after the kill (like a refused port)',
    source: 'Load balancer: "marked DOWN 4.0–5.9 s after the kill"; "Only an HTTP check … notices"',
    real: 4.95,
    tolerance: 1.0,
    unit: 's',
    simulate: () => tAfter(run(haproxyPair(', health_check: { type: http }'), { at: [{ at_s: 20, action: 'kill', node: 'web-2', component: 'app' }] }), 'marked_down', 'web-2', 20),
  },
  {
    behaviour: 'keepalived crash: the backup holds the VIP after the master\'s last advert',
    source: 'keepalived: "always 3.61 s after the master\'s last advertisement"',
    real: 3.61,
    tolerance: 0.01,
    unit: 's',
    simulate: () => {
      const r = run(vrrpPair(), { at: [{ at_s: 30.3, action: 'kill', node: 'lb-1' }] });
      const e = events(r, 'vip_moved', 'lb-2')[0]!;
      return e.t_s - (e.last_advert_s as number);
    },
  },
  {
    behaviour: 'keepalived clean stop: the backup takes over after the skew alone',
    source: 'keepalived: "the backup takes over after the skew alone (0.61 s)"',
    real: 0.61,
    tolerance: 0.01,
    unit: 's',
    simulate: () => tAfter(run(vrrpPair(), { at: [{ at_s: 30.3, action: 'stop', node: 'lb-1' }] }), 'vip_moved', 'lb-2', 30.3),
  },
  {
    behaviour: 'clean keepalived stop: slowest request (SYN retried after 1 s), requests failed = 0',
    source: 'keepalived: "a 0.6 s gap (clean stop) costs a ≈ 1 s delay … the request succeeds"',
    real: 1_000,
    tolerance: 50,
    unit: 'ms',
    simulate: () => {
      const r = run(vrrpPair(), { at: [{ at_s: 30.3, action: 'stop', node: 'lb-1' }] });
      expect(r.requests.failed).toBe(0);
      return r.latency_ms.max!;
    },
  },
  {
    behaviour: 'keepalived crash (a 2.7 s gap): slowest request (SYN retried at 1 s and 3 s), requests failed = 0',
    source: 'keepalived: "a 3 s gap (crash) a ≈ 3 s delay — and the request succeeds"',
    real: 3_000,
    tolerance: 50,
    unit: 'ms',
    simulate: () => {
      // Killed 0.9 s after an advert: nobody holds the VIP for 2.71 s (measured: 2.7–3.6 s).
      const r = run(vrrpPair(), { at: [{ at_s: 30.9, action: 'kill', node: 'lb-1' }] });
      // New requests all succeed; only a request in service through lb-1 at the crash loses its connection.
      expect(r.requests.failed).toBeLessThanOrEqual(1);
      expect(r.requests.by_code?.client_timeout).toBeUndefined();
      return r.latency_ms.max!;
    },
  },
  {
    behaviour: 'HAProxy killed, no track_script: share of requests failing after the kill (VIP stays on lb-1)',
    source: 'keepalived: "a node whose HAProxy process crashed keeps the VIP and every request fails"',
    real: 1,
    tolerance: 0.01,
    unit: 'share',
    simulate: () => {
      const r = run(vrrpPair(), { at: [{ at_s: 30, action: 'kill', node: 'lb-1', component: 'haproxy' }] });
      expect(events(r, 'vip_moved')).toHaveLength(0);
      return r.requests.failed / (20 * 30);
    },
  },
  {
    behaviour: 'HAProxy killed, track_script (interval 2, fall 2): the backup holds the VIP after the kill',
    source: 'keepalived: "the backup takes the VIP after the script\'s fall plus the normal takeover" ((2, 4] s + skew 0.61 s)',
    real: 3.61,
    tolerance: 1.0,
    unit: 's',
    simulate: () => tAfter(run(vrrpPair(', track_script: { interval_s: 2, fall: 2, rise: 2 }'), { at: [{ at_s: 30, action: 'kill', node: 'lb-1', component: 'haproxy' }] }), 'vip_moved', 'lb-2', 30),
  },
  {
    behaviour: 'Nginx, app killed (refused): client errors',
    source: 'Nginx: "app process killed (refused): 0 client errors"',
    real: 0,
    tolerance: 0,
    unit: 'requests',
    simulate: () => run(nginxPair(), { at: [{ at_s: 20, action: 'kill', node: 'app-2' }] }).requests.failed,
  },
  {
    behaviour: 'Nginx, app killed: the dead peer is re-tried every … (whole seconds)',
    source: 'Nginx: "re-tried with one live request every 10–11 s (whole seconds)"',
    real: 10.5,
    tolerance: 0.55, // 10–11 s, plus the gap to the next request once the peer may be used
    unit: 's',
    simulate: () => {
      const r = run(nginxPair(), { at: [{ at_s: 20.4, action: 'kill', node: 'app-2' }] });
      const t = events(r, 'upstream_retried', 'app-2').map((e) => e.t_s);
      const gaps = t.slice(1).map((x, i) => x - t[i]!);
      expect(gaps.length).toBeGreaterThan(5);
      for (const g of gaps) {
        expect(g).toBeGreaterThanOrEqual(10 - 0.05);
        expect(g).toBeLessThanOrEqual(11.05);
      }
      return gaps.reduce((a, b) => a + b, 0) / gaps.length;
    },
  },
  {
    behaviour: 'Nginx, GETs inside an app when it dies: failures (retried on the other app)',
    source: 'Nginx: "requests inside the app when it dies: GETs are retried on the other app and succeed"',
    real: 0,
    tolerance: 0,
    unit: 'requests',
    simulate: () => {
      const r = run(nginxPair(0, '', 200), { at: [{ at_s: 20, action: 'kill', node: 'app-2' }] });
      expect(events(r, 'upstream_failed', 'app-2')[0]!.t_s).toBe(20); // the peer is disabled at once
      return r.requests.failed;
    },
  },
  {
    behaviour: 'Nginx, POSTs inside an app when it dies: all answered 502',
    source: 'Nginx: "POSTs get 502 (non-idempotent requests are not retried once sent)"',
    real: 1,
    tolerance: 0,
    unit: 'share of failures that are 502',
    simulate: () => {
      const r = run(nginxPair(1, '', 200), { at: [{ at_s: 20, action: 'kill', node: 'app-2' }] });
      expect(r.requests.failed).toBeGreaterThan(0);
      return (r.requests.by_code?.['502'] ?? 0) / r.requests.failed;
    },
  },
  {
    behaviour: 'Nginx, app hung: first failure recorded after the hang (proxy_read_timeout)',
    source: 'Nginx: "nothing counts as failed until the first read timeout … for 60 s"',
    real: 60,
    tolerance: 0.1,
    unit: 's',
    simulate: () => tAfter(run(nginxPair(), { at: [{ at_s: 20, action: 'hang', node: 'app-2' }] }), 'upstream_failed', 'app-2', 20),
  },
  {
    behaviour: 'Nginx, app hung: POSTs get 504 after',
    source: 'Nginx: "POSTs get 504 after 60 s"',
    real: 60_000,
    tolerance: 100,
    unit: 'ms',
    simulate: () => {
      const r = run(nginxPair(), { at: [{ at_s: 20, action: 'hang', node: 'app-2' }] });
      expect(Object.keys(r.requests.by_code ?? {})).toEqual(['504']);
      return r.failed_latency_ms!.max;
    },
  },
  {
    behaviour: 'Nginx, app hung: GETs answer 200 after (retried on the other app)',
    source: 'Nginx: "GETs are retried and answer 200 after ≈ 60 s"',
    real: 60_000,
    tolerance: 200,
    unit: 'ms',
    simulate: () => run(nginxPair(0), { at: [{ at_s: 20, action: 'hang', node: 'app-2' }] }).latency_ms.max!,
  },
  {
    behaviour: 'Nginx, both apps dead: slowest 502 (Nginx\'s own service time only)',
    source: 'Nginx: "both apps dead: 502 at once"',
    real: 0,
    tolerance: 20,
    unit: 'ms',
    simulate: () => {
      const r = run(nginxPair(), { at: [{ at_s: 20, action: 'kill', node: 'app-1' }, { at_s: 20, action: 'kill', node: 'app-2' }] });
      expect(r.requests.by_code?.['502']).toBeGreaterThan(0);
      return r.failed_latency_ms!.max;
    },
  },
  {
    behaviour: 'MySQL read_only replica, app connects as root: writes accepted (the replica drifts)',
    source: 'Database: "a user with SUPER (often the app connects as root) writes silently and the replica drifts"',
    real: 1,
    tolerance: 0,
    unit: 'share of writes accepted',
    simulate: () => {
      const r = run(mysqlPair('root', false));
      expect(events(r, 'replica_drift', 'db-2').length).toBeGreaterThan(0);
      return r.db!.drifted_writes! / (r.db!.writes_ok + r.db!.writes_failed);
    },
  },
  {
    behaviour: 'MySQL super_read_only replica, app as root: writes rejected',
    source: 'Database: "super_read_only=ON (MySQL 8) closes that"',
    real: 0,
    tolerance: 0,
    unit: 'writes accepted',
    simulate: () => {
      const r = run(mysqlPair('root', true));
      expect(r.db!.writes_failed).toBeGreaterThan(0);
      return r.db!.writes_ok + (r.db!.drifted_writes ?? 0);
    },
  },
  {
    behaviour: 'MySQL replica SQL thread stopped then started under 50 writes/s: catch-up rate (rows/s, real ≥ 1,600)',
    source: 'Database: "once resumed it caught up at ≥ 1,600 rows/s"',
    real: 2_000,
    tolerance: 400,
    unit: 'rows/s',
    simulate: () => {
      const e = engine(`name: repl
seed: 4
duration_s: 60
warmup_s: 1
dns: { lookup_ms: 0 }
workload: { rate_rps: 50, write_ratio: 1 }
nodes:
  - { id: app-1, kind: server, roles: [app], workers: 8, service_ms: 2, app: { db: db-1 } }
  - { id: db-1, kind: server, roles: [db], workers: 8, service_ms: 2, db: { role: primary } }
  - { id: db-2, kind: server, roles: [db], workers: 8, service_ms: 2, db: { role: replica, of: db-1 } }
`);
      e.runUntil(10_000);
      e.apply({ action: 'stop_replication', node: 'db-2' });
      e.runUntil(30_000);
      const stopped = e.snapshot().nodes['db-2']!;
      expect(stopped.replication).toBe('stopped');
      expect(stopped.replicationLagMs).toBeUndefined(); // NULL, like Seconds_Behind_Master
      const backlog = stopped.replicationBacklog!;
      expect(backlog).toBeGreaterThan(50 * 20 * 0.9); // grew linearly: 50 writes/s for 20 s
      e.apply({ action: 'start_replication', node: 'db-2' });
      const t0 = e.now();
      while ((e.snapshot().nodes['db-2']!.replicationBacklog ?? 0) > 5 && e.now() < t0 + 10_000) e.runUntil(e.now() + 10);
      return backlog / ((e.now() - t0) / 1000);
    },
  },
];

describe('the simulator lands on the real figures (SIM-REFERENCE.md)', () => {
  const measured: string[] = [];
  for (const row of rows) {
    it(row.behaviour, () => {
      let sim = NaN;
      try {
        sim = row.simulate();
      } finally {
        measured.push(`| ${row.behaviour} | ${row.real} ${row.unit} | ${Math.round(sim * 1000) / 1000} ${row.unit} | ± ${row.tolerance} |`);
      }
      expect(Math.abs(sim - row.real), `${row.behaviour}: simulated ${sim}, real ${row.real} ± ${row.tolerance} (${row.source})`).toBeLessThanOrEqual(row.tolerance);
    });
  }
  it('prints the table on request', () => {
    if (process.env.REAL_FIGURES) console.log(['| behaviour | real | simulated | tolerance |', '|---|---|---|---|', ...measured].join('\n'));
    expect(measured.length).toBe(rows.length);
  });
});
