/**
 * Databases (replication lag, stale reads, read_only replicas, promotion), firewalls,
 * TLS hops, monitoring alerts, DNS caching and source hashing.
 */
import { describe, expect, it } from 'vitest';
import { scenariosDir } from '../../src/package-root';
import { createEngine } from '../../src/sim/engine';
import { consistentHasher, mapBasedHasher } from '../../src/sim/hashing';
import { loadScenario } from '../../src/sim/scenario';
import type { TimelineEvent } from '../../src/sim/types';
import { engine, events, run } from './helpers';

const builtin = (name: string, at: TimelineEvent[] = [], opts: { duration_s?: number; rate_rps?: number; seed?: number } = {}) =>
  createEngine(loadScenario(name, scenariosDir()), { ...opts, at });

describe('MySQL primary and replica', () => {
  it('writes fail while the primary is down and succeed again after promotion', () => {
    const e = builtin('scale-up', [
      { at_s: 30, action: 'kill', node: 'db-1' },
      { at_s: 45, action: 'promote', node: 'db-2' },
    ]);
    e.runUntil(29_000);
    const before = e.report().db!;
    expect(before.writes_failed).toBe(0);
    e.runUntil(44_900);
    const during = e.report().db!;
    expect(during.writes_failed).toBeGreaterThan(100); // ~15 writes/s for 15 s
    expect(during.writes_ok - before.writes_ok).toBeLessThan(20); // only those already past the app
    e.runUntil(90_000);
    const after = e.report();
    expect(after.db!.writes_ok - during.writes_ok).toBeGreaterThan(500);
    expect(after.db!.writes_failed - during.writes_failed).toBeLessThan(5);
    expect(events(after, 'promoted', 'db-2')).toHaveLength(1);
    expect(after.nodes['db-2']!.db_role).toBe('primary');
  });

  it('promotes automatically after promote_after_s and counts writes lost with the old primary', () => {
    const yaml = `name: auto
seed: 2
duration_s: 60
dns: { lookup_ms: 0 }
workload: { rate_rps: 200, write_ratio: 0.5 }
nodes:
  - { id: app-1, kind: server, roles: [app], workers: 16, service_ms: 2, app: { db: db-1, read_from: [db-1] } }
  - { id: db-1, kind: server, roles: [db], workers: 8, service_ms: 1, db: { role: primary } }
  - { id: db-2, kind: server, roles: [db], workers: 8, service_ms: 1, db: { role: replica, of: db-1, lag_base_ms: 1000, promote_after_s: 15 } }
`;
    const r = run(yaml, { at: [{ at_s: 20, action: 'kill', node: 'db-1' }] });
    const p = events(r, 'promoted', 'db-2');
    expect(p).toHaveLength(1);
    expect(p[0]!.t_s).toBeCloseTo(35, 3);
    // 100 writes/s, shipped 1 s after commit: the last second of writes never reached db-2.
    expect(r.db!.lost_writes).toBeGreaterThan(70);
    expect(r.db!.lost_writes).toBeLessThan(130);
    expect(p[0]!.message).toMatch(/\d+ committed writes never reached it and are lost/);
  });

  it('semi-sync: writes wait for an acknowledgement, fall back to async after 10 s, lose nothing', () => {
    const yaml = (semi: boolean) => `name: semi
seed: 2
duration_s: 80
dns: { lookup_ms: 0 }
workload: { rate_rps: 200, write_ratio: 0.5 }
nodes:
  - { id: app-1, kind: server, roles: [app], workers: 64, service_ms: 2, app: { db: db-1, read_from: [db-1] } }
  - { id: db-1, kind: server, roles: [db], workers: 8, service_ms: 1, db: { role: primary } }
  - { id: db-2, kind: server, roles: [db], workers: 8, service_ms: 1, db: { role: replica, of: db-1, lag_base_ms: 20, semi_sync: ${semi} } }
`;
    const async = run(yaml(false));
    const semi = run(yaml(true));
    // Half the requests are writes that now wait ship + ack = 2 × 20 ms.
    expect(semi.latency_ms.mean - async.latency_ms.mean).toBeGreaterThan(15);
    expect(semi.latency_ms.mean - async.latency_ms.mean).toBeLessThan(25);

    const down = run(yaml(true), { at: [{ at_s: 20, action: 'kill', node: 'db-2' }, { at_s: 50, action: 'restore', node: 'db-2' }] });
    const off = events(down, 'semi_sync_off');
    expect(off).toHaveLength(1);
    expect(off[0]!.t_s).toBeGreaterThan(30);
    expect(off[0]!.t_s).toBeLessThan(30.1);
    expect(events(down, 'semi_sync_on', 'db-2')).toHaveLength(1);
    expect(down.latency_ms.p99).toBeGreaterThan(5000); // the writes that waited out the timeout

    const crash = (semi: boolean) =>
      run(yaml(semi), { at: [{ at_s: 20, action: 'kill', node: 'db-1' }, { at_s: 25, action: 'promote', node: 'db-2' }] }).db!.lost_writes;
    expect(crash(false)).toBeGreaterThan(0);
    expect(crash(true)).toBe(0);
  });

  it('replica lag grows when writes outpace the apply rate, and stale reads are counted', () => {
    const e = builtin('replication-lag');
    e.runUntil(60_000);
    const lag60 = e.snapshot().nodes['web-2']!.replicationLagMs!;
    e.runUntil(120_000);
    const lag120 = e.snapshot().nodes['web-2']!.replicationLagMs!;
    // 60 writes/s against 40 applied/s: at time t the replica is applying the write
    // committed at 40t/60, so the lag grows by 1 − 40/60 = 1/3 s every second.
    expect(lag60).toBeGreaterThan(15_000);
    expect(lag120 - lag60).toBeGreaterThan(60_000 * (1 - 40 / 60) * 0.85);
    expect(lag120 - lag60).toBeLessThan(60_000 * (1 - 40 / 60) * 1.15);
    const r = e.report();
    expect(r.db!.stale_reads).toBeGreaterThan(100);
    expect(events(r, 'stale_read', 'web-2').length).toBeGreaterThan(0);
    const healthy = builtin('distributed').run();
    expect(healthy.db!.max_lag_ms).toBeLessThan(50);
    expect(healthy.db!.stale_reads).toBeLessThan(r.db!.stale_reads / 20);
  });

  it('rejects writes sent to a read_only replica', () => {
    const r = builtin('replica-write').run();
    const rejected = events(r, 'write_rejected', 'web-2');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]!.message).toContain('read_only');
    // Half of the writes land on web-2 and fail; the other half succeed on web-1.
    const share = r.db!.writes_failed / (r.db!.writes_failed + r.db!.writes_ok);
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
    expect(r.requests.by_code?.['500']).toBe(r.db!.writes_failed);
  });
});

describe('firewalls', () => {
  it('drops what no rule allows and counts it; allowed ports answer', () => {
    const r = builtin('secured-monitored', [
      { at_s: 5, action: 'probe', node: 'web-1', value: 3306 },
      { at_s: 6, action: 'probe', node: 'lb-1', value: 443 },
      { at_s: 7, action: 'probe', node: 'web-1', value: 22 },
    ], { duration_s: 10 }).run();
    expect(events(r, 'firewall_drop', 'web-1')).toHaveLength(2);
    expect(events(r, 'probe_open', 'lb-1')).toHaveLength(1);
    expect(r.firewall!.dropped).toBe(2);
    expect(r.requests.failed).toBe(0);
  });

  it('a dropped packet never reaches the service: a back end the LB may not reach serves nothing', () => {
    const yaml = `name: fw
seed: 1
duration_s: 40
dns: { lookup_ms: 0 }
workload: { rate_rps: 50 }
nodes:
  - { id: lb-1, kind: load_balancer, to: [web-1, web-2] }
  - { id: web-1, kind: server, roles: [web], service_ms: 5, firewall: { allow: [{ port: 80, from: lb-1 }] } }
  - { id: web-2, kind: server, roles: [web], service_ms: 5, firewall: { allow: [{ port: 22, from: admin }] } }
`;
    const r = run(yaml);
    expect(r.nodes['web-2']!.served).toBe(0);
    expect(events(r, 'marked_down', 'web-2')).toHaveLength(1);
    expect(r.firewall!.dropped).toBeGreaterThan(0);
    expect(events(r, 'firewall_drop', 'web-2')[0]!.message).toContain('never reached the service');
  });
});

describe('TLS', () => {
  const hops = (tls: string) => {
    const e = engine(`name: tls
duration_s: 5
workload: { rate_rps: 10 }
nodes:
  - { id: lb-1, kind: load_balancer, tls: ${tls}, to: [web-1] }
  - { id: web-1, kind: server, roles: [web] }
`);
    e.runUntil(1000);
    return e.snapshot().encryptedHops;
  };
  it('terminate: only users → LB is encrypted', () => expect(hops('terminate')).toEqual({ 'users>lb-1': true, 'lb-1>web-1': false }));
  it('passthrough: encrypted all the way to the server', () => expect(hops('passthrough')).toEqual({ 'users>lb-1': true, 'lb-1>web-1': true }));
  it('reencrypt: both hops encrypted', () => expect(hops('reencrypt')).toEqual({ 'users>lb-1': true, 'lb-1>web-1': true }));
  it('none: plaintext', () => expect(hops('none')).toEqual({ 'users>lb-1': false, 'lb-1>web-1': false }));
});

describe('monitoring', () => {
  it('an alert fires after collection interval + evaluation interval + for, and resolves', () => {
    const r = builtin('secured-monitored', [
      { at_s: 40, action: 'set_rate', value: 300 },
      { at_s: 150, action: 'set_rate', value: 100 },
    ], { duration_s: 240 }).run();
    const fired = events(r, 'alert_fired').filter((e) => e.alert === 'web-qps-high');
    expect(fired.map((e) => e.node).sort()).toEqual(['web-1', 'web-2']);
    for (const f of fired) {
      expect(f.t_s).toBeGreaterThanOrEqual(40 + 30);
      expect(f.t_s).toBeLessThanOrEqual(40 + 15 + 15 + 30 + 0.01);
    }
    expect(events(r, 'alert_resolved').filter((e) => e.alert === 'web-qps-high')).toHaveLength(2);
  });

  it('a host that stops reporting trips the up alert', () => {
    const r = builtin('secured-monitored', [{ at_s: 31, action: 'kill', node: 'web-2' }], { duration_s: 70 }).run();
    const down = events(r, 'alert_fired', 'web-2').filter((e) => e.alert === 'web-down');
    expect(down).toHaveLength(1);
    expect(down[0]!.t_s).toBeGreaterThan(31);
    expect(down[0]!.t_s).toBeLessThanOrEqual(31 + 15 + 15 + 0.01);
  });
});

describe('DNS', () => {
  it('clients cache the answer for its TTL', () => {
    const yaml = (ttl: number) => `name: dns
seed: 4
duration_s: 600
dns:
  lookup_ms: 20
  records: [{ name: www.foobar.com, type: A, value: 8.8.8.8, ttl_s: ${ttl} }]
workload: { rate_rps: 200, clients: 100 }
nodes:
  - { id: s1, kind: server, ip: 8.8.8.8, roles: [web], workers: 8, service_ms: 1 }
`;
    const r60 = run(yaml(60));
    // Each client asks again on its first request after expiry: ~ once per TTL.
    expect(r60.dns).toBeDefined();
    const d = r60.dns as { lookups: number; cache_hits: number };
    expect(d.lookups).toBeGreaterThan(100 * 9);
    expect(d.lookups).toBeLessThanOrEqual(100 * 10 + 100);
    const r0 = run(yaml(0));
    const d0 = r0.dns as { lookups: number; cache_hits: number };
    expect(d0.lookups + d0.cache_hits).toBe(r0.requests.total + r0.requests.in_flight!);
    // TTL 0: only requests made while the client's lookup is under way share it.
    expect(d0.lookups).toBeGreaterThan(0.9 * r0.requests.total);
    // Uncached lookups cost latency.
    expect(r0.latency_ms.mean - r60.latency_ms.mean).toBeGreaterThan(15);
  });
});

describe('active-active load balancers', () => {
  it("losing one LB affects only its clients, until they try the other A record", () => {
    const r = builtin('active-active', [{ at_s: 30, action: 'kill', node: 'lb-2' }]).run();
    expect(r.requests.by_code?.no_answer).toBe(r.requests.failed);
    // Each client fails once: the clients holding lb-2's address when it dies (half of
    // 1000: the resolver alternates the two records) fail on their next request and move
    // to the other record; then, when a client's cached answer expires (TTL 60 s; first
    // lookups fall in the first seconds, so nearly every client looks up again between
    // 60 s and 120 s), half of the new answers are lb-2 again and fail once more.
    // 1000 × (½ + ½ × ≈0.99) ≈ 995. Without the move to the other record it would be
    // thousands; without the second lookup, ~500.
    expect(r.requests.failed).toBeGreaterThan(950);
    expect(r.requests.failed).toBeLessThan(1050);
    expect(r.availability).toBeGreaterThan(0.9);
    expect(r.nodes['lb-1']!.served).toBeGreaterThan(r.nodes['lb-2']!.served * 3);
  });
});

describe('source hashing', () => {
  const moved = (make: () => { pick(c: number, u: (i: number) => boolean): number }) => {
    const h = make();
    let movedOthers = 0;
    let moved = 0;
    const N = 20_000;
    for (let c = 0; c < N; c++) {
      const before = h.pick(c, () => true);
      const after = h.pick(c, (i) => i !== 2);
      if (before !== after) {
        moved++;
        if (before !== 2) movedOthers++;
      }
    }
    return { moved: moved / N, movedOthers: movedOthers / N };
  };

  it('map-based: most clients move when one of four servers leaves', () => {
    const m = moved(() => mapBasedHasher(4));
    expect(m.moved).toBeGreaterThan(0.6);
  });

  it('consistent: only the departed server’s clients move', () => {
    const m = moved(() => consistentHasher([1, 1, 1, 1]));
    expect(m.movedOthers).toBe(0);
    expect(m.moved).toBeGreaterThan(0.15);
    expect(m.moved).toBeLessThan(0.35);
  });

  it('source keeps each client on one server', () => {
    const yaml = `name: src
seed: 5
duration_s: 30
dns: { lookup_ms: 0 }
workload: { rate_rps: 100, clients: 1 }
nodes:
  - { id: lb-1, kind: load_balancer, algorithm: source, to: [web-1, web-2, web-3] }
  - { id: web-1, kind: server, roles: [web] }
  - { id: web-2, kind: server, roles: [web] }
  - { id: web-3, kind: server, roles: [web] }
`;
    const r = run(yaml);
    const served = ['web-1', 'web-2', 'web-3'].map((id) => r.nodes[id]!.served).sort((a, b) => a - b);
    expect(served.slice(0, 2)).toEqual([0, 0]);
    expect(served[2]).toBe(r.requests.ok);
  });
});

describe('determinism', () => {
  it('same scenario and seed give the same run; another seed differs', () => {
    const strip = (r: ReturnType<typeof run>) => ({ ...r, sim: { ...r.sim, wall_ms: 0 } });
    const at: TimelineEvent[] = [{ at_s: 20, action: 'kill', node: 'web-2' }];
    const a = builtin('distributed', at, { duration_s: 60 }).run();
    const b = builtin('distributed', at, { duration_s: 60 }).run();
    expect(strip(a)).toEqual(strip(b));
    const c = builtin('distributed', at, { duration_s: 60, seed: 99 }).run();
    expect(c.requests.total).not.toBe(a.requests.total);
  });

  it('a live view stepping frame by frame (with snapshots and reports) gets the same run', () => {
    const strip = (r: ReturnType<typeof run>) => ({ ...r, sim: { ...r.sim, wall_ms: 0 } });
    const at: TimelineEvent[] = [
      { at_s: 20, action: 'kill', node: 'web-1' },
      { at_s: 35, action: 'promote', node: 'web-2' },
    ];
    const once = builtin('replication-lag', at, { duration_s: 60 }).run();
    const stepped = builtin('replication-lag', at, { duration_s: 60 });
    for (let t = 0; t < 60_000; t += 33) {
      stepped.runUntil(t);
      stepped.snapshot();
      if (t % 990 === 0) stepped.report();
    }
    expect(strip(stepped.run())).toEqual(strip(once));
  });
});

describe('more failure modes', () => {
  it('Nginx skips a dead app server (max_fails 1): only requests inside it fail', () => {
    const r = builtin('scale-up', [{ at_s: 30, action: 'kill', node: 'app-1' }], { duration_s: 60 }).run();
    // Requests being served by app-1 when it died get a 502; the rest go to app-2.
    expect(r.requests.failed).toBeLessThan(10);
    expect(r.requests.by_code?.['502'] ?? 0).toBe(r.requests.failed);
    expect(r.nodes['app-2']!.served).toBeGreaterThan(r.nodes['app-1']!.served);
  });

  it('a blackholed server holds its requests until HAProxy’s timeout server: 504', () => {
    const yaml = `name: hang
seed: 1
duration_s: 80
dns: { lookup_ms: 0 }
workload: { rate_rps: 50 }
nodes:
  - { id: lb-1, kind: load_balancer, to: [web-1, web-2], timeout_server_ms: 30000 }
  - { id: web-1, kind: server, roles: [web], service_ms: 300 }
  - { id: web-2, kind: server, roles: [web], service_ms: 300 }
`;
    const r = run(yaml, { at: [{ at_s: 20, action: 'blackhole', node: 'web-2' }] });
    expect(r.requests.by_code?.['504']).toBeGreaterThan(0);
    const wait = r.failed_latency_ms as { max: number };
    expect(wait.max).toBeGreaterThanOrEqual(29_000);
  });

  it('a firewall between the databases stalls replication', () => {
    const e = builtin('secured-monitored');
    const sc = e.scenario;
    const web1 = sc.nodes.find((n) => n.id === 'web-1')!;
    web1.firewall = { allow: web1.firewall!.allow.filter((rule) => rule.port !== 3306) };
    const r = createEngine(sc, { duration_s: 60 }).run();
    expect(r.nodes['web-2']!.replication_lag_ms).toBeGreaterThan(40_000);
    expect(events(r, 'firewall_drop', 'web-1')[0]!.message).toContain('port 3306 from web-2');
  });
});
