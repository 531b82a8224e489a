/** Load-balancing algorithms beyond the queueing comparisons: weights, first, drain. */
import { describe, expect, it } from 'vitest';
import { engine, run } from './helpers';

const lb = (extra: string, servers = 3, serverExtra = '') => `name: lb
seed: 9
duration_s: 60
warmup_s: 5
dns: { lookup_ms: 0 }
workload: { rate_rps: 120 }
nodes:
  - { id: lb-1, kind: load_balancer, to: [${Array.from({ length: servers }, (_, i) => `web-${i + 1}`).join(', ')}], ${extra} }
${Array.from({ length: servers }, (_, i) => `  - { id: web-${i + 1}, kind: server, roles: [web], workers: 4, service_ms: 5${serverExtra} }`).join('\n')}
`;

describe('balancing algorithms', () => {
  it('roundrobin shares traffic in proportion to weight; weight 0 gets nothing', () => {
    const r = run(lb('algorithm: roundrobin, weights: { web-1: 3, web-2: 1, web-3: 0 }'));
    const [a, b, c] = ['web-1', 'web-2', 'web-3'].map((id) => r.nodes[id]!.served);
    expect(a! / b!).toBeGreaterThan(2.9);
    expect(a! / b!).toBeLessThan(3.1);
    expect(c).toBe(0);
  });

  it('smooth weighted round robin interleaves instead of sending bursts', () => {
    // Constant arrivals and service times: completions come in dispatch order.
    const yaml = lb('algorithm: roundrobin, weights: { web-1: 2, web-2: 1, web-3: 1 }', 3, ', service: deterministic').replace(
      'workload: { rate_rps: 120 }',
      'workload: { rate_rps: 100, arrival: constant }',
    );
    const e = engine(yaml);
    const ids = ['web-1', 'web-2', 'web-3'];
    const served = () => {
      const s = e.snapshot({ maxInflight: 0 });
      return ids.map((id) => s.nodes[id]!.served);
    };
    e.runUntil(10_000);
    let prev = served();
    const order: string[] = [];
    for (let t = 10_001; order.length < 40; t += 1) {
      e.runUntil(t);
      const now = served();
      ids.forEach((id, i) => {
        for (let k = 0; k < now[i]! - prev[i]!; k++) order.push(id);
      });
      prev = now;
    }
    // nginx's smooth weighted round robin: a b c a | a b c a … — every window of four
    // requests holds web-1 twice and the others once; never three in a row.
    for (let i = 0; i + 4 <= order.length; i++) {
      const w = order.slice(i, i + 4);
      expect(w.filter((x) => x === 'web-1')).toHaveLength(2);
    }
    expect(order.join(',')).not.toMatch(/web-1,web-1,web-1/);
  });

  it('first fills the lowest server up to maxconn before using the next', () => {
    const r = run(lb('algorithm: first, maxconn: 2', 3, ''));
    const served = ['web-1', 'web-2', 'web-3'].map((id) => r.nodes[id]!.served);
    const total = served.reduce((a, b) => a + b, 0);
    const share = served.map((s) => s / total);
    // Each server is a loss system for the one before it: a request overflows past
    // the first k slots with Erlang B(k, A), A = 120 req/s × 5 ms = 0.6 (whatever the
    // service distribution). B(2, 0.6) = 0.101 and B(4, 0.6) = 0.003, so web-1 serves
    // 89.9 %, web-2 9.8 % and web-3 0.3 %. Any other policy (round robin: a third
    // each; least connections: near-equal) lands far outside these bands.
    expect(share[0]!).toBeGreaterThan(0.88);
    expect(share[0]!).toBeLessThan(0.92);
    expect(share[1]!).toBeGreaterThan(0.08);
    expect(share[1]!).toBeLessThan(0.12);
    expect(served[2]!).toBeGreaterThan(0); // web-3 only when both before it are full
    expect(share[2]!).toBeLessThan(0.01);
    expect(r.requests.failed).toBe(0);
  });

  it('set_algorithm switches policy mid-run and says so', () => {
    const r = run(lb('algorithm: roundrobin'), { at: [{ at_s: 30, action: 'set_algorithm', node: 'lb-1', value: 'leastconn' }] });
    expect(r.events.find((e) => e.type === 'algorithm_changed')!.message).toBe('lb-1 now balances with leastconn');
    expect(r.nodes['lb-1']!.algorithm).toBe('leastconn');
  });

  it('a drained server gets no new requests, finishes what it has, then is reported drained', () => {
    const r = run(lb('algorithm: leastconn'), { at: [{ at_s: 20, action: 'drain', node: 'web-2' }] });
    const drained = r.events.find((e) => e.type === 'drained')!;
    expect(drained.t_s).toBeGreaterThanOrEqual(20);
    expect(drained.t_s).toBeLessThan(20.2);
    expect(r.requests.failed).toBe(0);
    expect(r.nodes['web-2']!.served).toBeLessThan(r.nodes['web-1']!.served / 2);
  });

  it('draining an app server behind Nginx: web servers stop using it, nothing fails', async () => {
    const { createEngine } = await import('../../src/sim/engine');
    const { loadScenario } = await import('../../src/sim/scenario');
    const { scenariosDir } = await import('../../src/package-root');
    const e = createEngine(loadScenario('scale-up', scenariosDir()), {
      duration_s: 60,
      at: [
        { at_s: 20, action: 'drain', node: 'app-1' },
        { at_s: 25, action: 'kill', node: 'app-1' },
      ],
    });
    e.runUntil(20_000);
    const before = e.report().nodes['app-1']!.served;
    const r = e.run();
    const started = r.events.find((x) => x.type === 'drain_started')!;
    expect(started.message).toContain('web-1, web-2 send it no new requests');
    const drained = r.events.find((x) => x.type === 'drained' && x.node === 'app-1')!;
    expect(drained.t_s).toBeLessThan(20.5);
    expect(r.requests.failed).toBe(0);
    expect(r.nodes['app-1']!.served - before).toBeLessThan(10);
  });
});
