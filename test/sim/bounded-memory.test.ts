/**
 * A long run must not keep per-request state that grows with its length: an overloaded
 * tier's accept queue is capped (Linux's default listen-backlog ceiling), so requests in
 * flight stay bounded, while a short lab never reaches the cap.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/sim/engine';
import { scenariosDir } from '../../src/package-root';
import { loadScenario } from '../../src/sim/scenario';
import { engine } from './helpers';

const OVERLOADED = `name: overloaded
seed: 5
duration_s: 200
warmup_s: 0
dns: { lookup_ms: 0 }
workload: { rate_rps: 200 }
nodes:
  - { id: lb-1, kind: load_balancer, algorithm: roundrobin, to: [web-1] }
  - { id: web-1, kind: server, roles: [web], workers: 1, service_ms: 10, service: deterministic }
`;

describe('bounded state in long runs', () => {
  it('caps an overloaded server’s queue at 4096: in-flight requests stop growing and the rest time out', () => {
    // ρ = 2: the queue grows by ~100 requests/s and reaches the cap after ~41 s.
    const e = engine(OVERLOADED);
    e.runUntil(100_000);
    const at100 = e.report().requests.in_flight!;
    e.runUntil(200_000);
    const r = e.report();
    expect(at100).toBeGreaterThan(4096);
    expect(r.requests.in_flight!).toBeLessThanOrEqual(at100 + 200); // flat, not +10 000
    expect(r.requests.in_flight!).toBeLessThan(4096 + 200 * 31); // queue + 30 s of timing-out arrivals
    expect(r.requests.backlog_full!).toBeGreaterThan(5000);
    expect(r.requests.by_code!['504']!).toBeGreaterThan(r.requests.backlog_full! * 0.8);
    // The server keeps working flat out the whole time.
    expect(r.nodes['web-1']!.utilization).toBeGreaterThan(0.99);
  });

  it('leaves a two-minute overloaded lab untouched (the cap is not reached)', () => {
    const sc = loadScenario('capacity', scenariosDir());
    const r = createEngine(sc).run();
    expect(r.requests.backlog_full).toBeUndefined();
  });

  it('keeps every state change but trims the oldest repeated notices past 10 000 events', () => {
    // Every request hits a closed port 80: a firewall_drop notice every 5 s, ~12 000 in 17 h.
    const r = engine(`name: closed
seed: 2
duration_s: 61000
warmup_s: 0
dns: { lookup_ms: 0 }
workload: { rate_rps: 1, arrival: constant }
nodes:
  - { id: s1, kind: server, roles: [web], workers: 1, service_ms: 5, firewall: { allow: [{ port: 22, from: admin }] } }
timeline:
  - { at_s: 30, action: kill, node: s1 }
  - { at_s: 40, action: restore, node: s1 }
`).run();
    expect(r.events.length).toBeLessThanOrEqual(10_000);
    expect(r.sim.events_trimmed!).toBeGreaterThan(1000);
    expect(r.events.filter((e) => e.type === 'node_killed' || e.type === 'node_restored')).toHaveLength(2);
    const drops = r.events.filter((e) => e.type === 'firewall_drop');
    expect(drops.at(-1)!.t_s).toBeGreaterThan(60_900); // the newest notices are kept
    expect(drops[0]!.t_s).toBeGreaterThan(1000); // the oldest went
  });
});
