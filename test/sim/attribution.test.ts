/**
 * Failure attribution: every failed request is counted once, against the node that
 * produced it and the cause, with the client's wait. Each case is a seeded scenario
 * whose count and wait follow from the model (the reasoning is beside each one).
 */
import { describe, expect, it } from 'vitest';
import { FailTally } from '../../src/sim/engine/failures';
import type { Report } from '../../src/sim/types';
import { engine, events, run } from './helpers';

type Failure = NonNullable<Report['failures']>[number];
const only = (r: Report): Failure => {
  expect(r.failures).toHaveLength(1);
  return r.failures![0]!;
};
const of = (r: Report, node: string, cause: string): Failure[] => (r.failures ?? []).filter((f) => f.node === node && f.cause === cause);
const attributed = (r: Report): number => (r.failures ?? []).reduce((n, f) => n + f.count, 0);

const pair = (extra = '', opts: { rate?: number; arrival?: string; network?: string } = {}) => `name: pair
seed: 1
duration_s: 60
warmup_s: 5
dns: { lookup_ms: 0 }
${opts.network ?? ''}
workload: { rate_rps: ${opts.rate ?? 50}, arrival: ${opts.arrival ?? 'constant'} }
nodes:
  - { id: lb-1, kind: load_balancer, algorithm: roundrobin, to: [web-1, web-2]${extra ? `, ${extra}` : ''} }
  - { id: web-1, kind: server, roles: [web], workers: 4, service_ms: 5 }
  - { id: web-2, kind: server, roles: [web], workers: 4, service_ms: 5 }
`;

describe('failure attribution', () => {
  it('refused by a dead web server: 503 after 3 retries 1 s apart, one per request it got until marked DOWN', () => {
    // 50 req/s, constant arrivals, roundrobin: web-2 gets 25 req/s. From the kill to
    // lb-1 marking it DOWN (d s) each of them is refused, retried 3 times on web-2
    // (no redispatch) 1 s apart: 503 after exactly 3 s. Nothing else fails.
    const r = run(pair('retries: 3'), { at: [{ at_s: 20, action: 'kill', node: 'web-2' }] });
    const d = events(r, 'marked_down', 'web-2')[0]!.t_s - 20;
    const f = only(r);
    expect(f).toMatchObject({ node: 'web-2', cause: 'refused', code: '503' });
    expect(f.count).toBe(r.requests.failed);
    expect(Math.abs(f.count - 25 * d)).toBeLessThanOrEqual(1);
    expect(f.wait_ms.mean).toBe(3000);
    expect(f.wait_ms.max).toBe(3000);
  });

  it('a hung web server: 504 from lb-1 after timeout server 30 s (the client gives up at the same moment: the answer wins)', () => {
    // hang:web-2 stops its Nginx; the kernel still accepts (a TCP check passes until its
    // backlog of 1024 fills at 25 req/s, ≈ 41 s), so web-2 keeps getting its 25 req/s.
    // Each waits timeout server 30 s (the client's 30 s ends at the same moment, and the
    // 504 wins the tie). Those sent in [10, 30] s have failed by 60 s: 25 × 20 = 500.
    const r = run(pair(), { at: [{ at_s: 10, action: 'hang', node: 'web-2' }] });
    const f = only(r);
    expect(f).toMatchObject({ node: 'web-2', cause: 'hung', code: '504' });
    expect(Math.abs(f.count - 500)).toBeLessThanOrEqual(2);
    expect(f.wait_ms.mean).toBe(30000);
  });

  it('no server available: the load balancer answers 503 at once once every server is DOWN', () => {
    // One server, killed at 10 s, 20 req/s: until lb-1 marks it DOWN at 10 + d its
    // requests are refused (503 after 3 s of retries, blamed on web-1); after that
    // lb-1 has no server and answers 503 at once (blamed on lb-1): 20 × (60 − 10 − d).
    const yaml = pair('retries: 3', { rate: 20 }).replace('to: [web-1, web-2]', 'to: [web-1]');
    const r = run(yaml, { at: [{ at_s: 10, action: 'kill', node: 'web-1' }] });
    const d = events(r, 'marked_down', 'web-1')[0]!.t_s - 10;
    const [refused] = of(r, 'web-1', 'refused');
    const [none] = of(r, 'lb-1', 'no_server');
    expect(Math.abs(refused!.count - 20 * d)).toBeLessThanOrEqual(1);
    expect(refused!.wait_ms.mean).toBe(3000);
    expect(Math.abs(none!.count - 20 * (50 - d))).toBeLessThanOrEqual(1);
    expect(none!.wait_ms.max).toBe(0);
    expect(attributed(r)).toBe(r.requests.failed);
  });

  it('queue timeout: requests that waited timeout queue at the load balancer, each exactly that long', () => {
    // maxconn 1 on two 1-worker servers of 100 ms: 20 req/s capacity for 50 offered, so
    // the queue at lb-1 grows and each request that reaches the head after 2 s leaves with 503.
    const yaml = pair('maxconn: 1, timeout_queue_ms: 2000').replace(/workers: 4, service_ms: 5/g, 'workers: 1, service_ms: 100');
    const r = run(yaml, { duration_s: 30 });
    const f = only(r);
    expect(f).toMatchObject({ node: 'lb-1', cause: 'queue_timeout', code: '503' });
    expect(f.wait_ms.mean).toBe(2000);
    expect(f.wait_ms.max).toBe(2000);
    // Offered 50/s, served ≈ 20/s (2 servers × 1 / 0.1 s): ≈ 30/s time out once the queue is full.
    expect(f.count / r.requests.total).toBeGreaterThan(0.5);
  });

  it('no answer because the VIP holder is dead: the client gives up after its SYN retries', () => {
    // lb-1 (priority 150) holds the VIP and is killed at 20 s: its address answers
    // nothing until lb-2 takes it, 3 × 1 s + skew (256 − 100)/256 s after lb-1's last advert. A client
    // retransmits its SYN after 1 s; with client_timeout_s 2 it gives up 2 s after its
    // first SYN, so those that sent it before the move − 1 s fail: 20 × (moved − 1 − 20).
    const yaml = `name: vip
seed: 3
duration_s: 40
warmup_s: 0
dns: { lookup_ms: 0, records: [{ name: www.foobar.com, type: A, value: 8.8.8.8 }] }
network: { client_timeout_s: 2 }
workload: { rate_rps: 20, arrival: constant }
nodes:
  - { id: lb-1, kind: load_balancer, to: [web-1], vrrp: { vip: 8.8.8.8, priority: 150 } }
  - { id: lb-2, kind: load_balancer, to: [web-1], vrrp: { vip: 8.8.8.8, priority: 100 } }
  - { id: web-1, kind: server, roles: [web], workers: 4, service_ms: 5 }
`;
    const r = run(yaml, { at: [{ at_s: 20, action: 'kill', node: 'lb-1' }] });
    const moved = events(r, 'vip_moved', 'lb-2')[0]!.t_s;
    // The master-down timer runs from lb-2's last advert, up to 1 s before the kill.
    expect(moved - 20).toBeGreaterThan(2 + 156 / 256 - 0.01);
    expect(moved - 20).toBeLessThanOrEqual(3 + 156 / 256 + 0.01);
    const [f] = of(r, 'lb-1', 'vip_down');
    expect(f).toMatchObject({ code: 'client_timeout' });
    expect(Math.abs(f!.count - 20 * (moved - 1 - 20))).toBeLessThanOrEqual(1);
    expect(f!.wait_ms.mean).toBe(2000);
    // The only other failures: requests inside lb-1 when it died (5 ms of service at 20 req/s: at most one).
    expect(attributed(r) - f!.count).toBeLessThanOrEqual(1);
    expect(attributed(r)).toBe(r.requests.failed);
  });

  it("dropped by the entry's firewall: every request, at once, with no answer", () => {
    const yaml = pair('firewall: { allow: [{ port: 22, from: admin }] }', { rate: 10 });
    const r = run(yaml, { duration_s: 10 });
    const f = only(r);
    expect(f).toMatchObject({ node: 'lb-1', cause: 'firewall', code: 'no_answer', count: r.requests.total });
    expect(f.wait_ms.max).toBe(0);
    expect(r.firewall).toMatchObject({ dropped: r.requests.total, by_node: { 'lb-1': r.requests.total } });
  });

  it('writes fail because the primary is down; reads of a dead database fail too (500 at once)', () => {
    // One server runs web, app and MySQL; its MySQL is killed at 5 s. 30 % of requests
    // are writes: each fails with 500 blamed on the primary; the reads fail as db_down.
    const yaml = `name: lamp
seed: 5
duration_s: 25
warmup_s: 0
dns: { lookup_ms: 0 }
workload: { rate_rps: 40, write_ratio: 0.3 }
nodes:
  - { id: web-1, kind: server, roles: [web, app, db], web: { upstream: [web-1] }, app: { db: web-1 }, db: { role: primary }, workers: 8, service_ms: 2 }
`;
    const r = run(yaml, { at: [{ at_s: 5, action: 'kill', node: 'web-1', component: 'mysql' }] });
    const [w] = of(r, 'web-1', 'primary_down');
    const [rd] = of(r, 'web-1', 'db_down');
    expect(w!.code).toBe('500');
    expect(w!.count).toBe(r.db!.writes_failed - 0);
    // Writes are 30 % of what failed (binomial: within 4 standard deviations).
    const n = w!.count + rd!.count;
    expect(Math.abs(w!.count / n - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
    expect(attributed(r)).toBe(r.requests.failed);
  });

  it("a write to a read-only replica is rejected there, not blamed on the app", () => {
    const yaml = `name: ro
seed: 5
duration_s: 10
warmup_s: 0
dns: { lookup_ms: 0 }
workload: { rate_rps: 20, write_ratio: 0.5 }
nodes:
  - { id: web-1, kind: server, roles: [web, app], web: { upstream: [web-1] }, app: { db: db-2 } }
  - { id: db-1, kind: server, roles: [db], db: { role: primary } }
  - { id: db-2, kind: server, roles: [db], db: { role: replica, of: db-1 } }
`;
    const r = run(yaml);
    const f = only(r);
    expect(f).toMatchObject({ node: 'db-2', cause: 'read_only', code: '500', count: r.db!.writes_failed });
  });

  it('capacity + add_server:app: the new app server is blocked by the database firewall, and the log says so', () => {
    // app-3 is a copy of app-2, whose address db-1's firewall does not list: each query
    // from app-3 is dropped, and the app gives up after its MySQL connect timeout, 5 s.
    const e = engine(readScenario('capacity'), { duration_s: 60, at: [{ at_s: 20, action: 'add_server', value: 'app' }] });
    const r = e.run();
    const blocked = of(r, 'db-1', 'firewall');
    expect(blocked.length).toBeGreaterThan(0);
    expect(blocked[0]!).toMatchObject({ code: '504' });
    expect(blocked[0]!.wait_ms.max).toBeGreaterThanOrEqual(5000);
    const msgs = events(r, 'write_failed').map((x) => x.message);
    expect(msgs.length).toBeGreaterThan(0);
    for (const m of msgs) {
      expect(m).toMatch(/db-1's firewall drops app-3's connections to port 3306/);
      expect(m).not.toMatch(/is down/);
    }
    expect(events(r, 'write_failed')[0]!.reason).toBe('firewall');
    expect(attributed(r)).toBe(r.requests.failed);
  });

  it('Nginx 504 from a hung app server: a POST is not retried after proxy_read_timeout', () => {
    const yaml = `name: tiers
seed: 2
duration_s: 40
warmup_s: 0
dns: { lookup_ms: 0 }
workload: { rate_rps: 20, write_ratio: 0.5 }
nodes:
  - { id: web-1, kind: server, roles: [web], web: { upstream: [app-1, app-2], proxy_read_timeout_ms: 2000 } }
  - { id: app-1, kind: server, roles: [app], workers: 4, service_ms: 5 }
  - { id: app-2, kind: server, roles: [app], workers: 4, service_ms: 5 }
`;
    const r = run(yaml, { at: [{ at_s: 10, action: 'hang', node: 'app-1' }] });
    const f = only(r);
    expect(f).toMatchObject({ node: 'app-1', cause: 'hung', code: '504' });
    // Each waited proxy_read_timeout from when Nginx sent it (plus Nginx's few ms before).
    expect(f.wait_ms.mean).toBeGreaterThanOrEqual(2000);
    expect(f.wait_ms.max).toBeLessThan(2100);
  });
});

describe('the recent window of a failure count', () => {
  it('counts the last 10 whole seconds, the current one included', () => {
    const t = new FailTally(0, 0, 503);
    for (let s = 0; s < 20; s++) t.add(s * 1000 + 500, 0); // one a second, 0.5 s … 19.5 s
    expect(t.count).toBe(20);
    expect(t.recent(19_900)).toBe(10); // seconds 10 … 19
    expect(t.recent(24_000)).toBe(5); // seconds 15 … 19
    expect(t.recent(29_000)).toBe(0);
    t.add(40_000, 0);
    expect(t.recent(40_000)).toBe(1);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
function readScenario(id: string): string {
  return readFileSync(path.resolve(__dirname, '../../assets/scenarios', `${id}.yaml`), 'utf8');
}
