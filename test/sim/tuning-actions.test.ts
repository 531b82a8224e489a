/**
 * Before and after in the same run: `set_redispatch` (HAProxy's `option redispatch`) and
 * `set_workers` (a tier's worker processes), in the `at` grammar, validated with clear
 * errors, and their effect checked against the models of SIM-REFERENCE.md.
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../src/sim/engine';
import { loadScenario, timelineProblem } from '../../src/sim/scenario';
import { parseAt, parseAtSpec } from '../../src/sim/spec/at';
import { engine, relErr } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

const scenarios = path.resolve(__dirname, '../../assets/scenarios');
const error = (spec: string): string => {
  const r = parseAtSpec(spec);
  return 'error' in r ? r.error : '';
};

describe('set_redispatch and set_workers in the at grammar', () => {
  it('parses them', () => {
    expect(parseAt('30:set_redispatch:on')).toEqual({ at_s: 30, action: 'set_redispatch', value: 'on' });
    expect(parseAt('30:set_redispatch:lb-1:off')).toEqual({ at_s: 30, action: 'set_redispatch', node: 'lb-1', value: 'off' });
    expect(parseAt('30:set_workers:app:8')).toEqual({ at_s: 30, action: 'set_workers', node: 'app', value: 8 });
    expect(parseAt('30:set_workers:app-1:8')).toEqual({ at_s: 30, action: 'set_workers', node: 'app-1', value: 8 });
  });

  it('explains what is wrong', () => {
    expect(error('30:set_redispatch:maybe')).toMatch(/set_redispatch needs on or off, got 'maybe'/);
    expect(error('30:set_redispatch')).toMatch(/the node is missing|needs/);
    expect(error('30:set_workers:8')).toMatch(/set_workers needs a tier or a node and a count, e\.g\. 30:set_workers:app:8/);
    expect(error('30:set_workers:app:0')).toMatch(/'0' is not a worker count \(a whole number from 1 to 1024\)/);
    expect(error('30:set_workers:app:2.5')).toMatch(/not a worker count/);
    expect(error('30:set_workers:app:5000')).toMatch(/not a worker count/);
  });

  it('checks them against the scenario', () => {
    const s = loadScenario('distributed', scenarios);
    const problem = (spec: string) => timelineProblem(parseAt(spec), s.nodes);
    expect(problem('30:set_workers:app:8')).toBeUndefined();
    expect(problem('30:set_redispatch:on')).toBeUndefined();
    expect(problem('30:set_redispatch:lb-1:on')).toBeUndefined();
    expect(problem('30:set_redispatch:web-1:on')).toMatch(/set_redispatch applies to a load balancer; 'web-1' is not one/);
    expect(problem('30:set_workers:web-1:8')).toMatch(/'web-1' runs web, app, db: name the tier instead \(set_workers:app:8 changes every server of that role\)/);
    expect(problem('30:set_workers:lb-1:8')).toMatch(/set_workers applies to servers; 'lb-1' is a load balancer/);
    expect(problem('30:set_workers:cache:8')).toMatch(/unknown tier or node 'cache' \(tiers: web, app, db; nodes: lb-1, web-1, web-2\)/);
    const single = loadScenario('simple-web-stack', scenarios);
    expect(timelineProblem(parseAt('30:set_redispatch:on'), single.nodes)).toMatch(/no load balancer in this scenario/);
  });
});

describe('set_redispatch', () => {
  it('turns the 503s of a dead server into retries on the other one from the moment it is on', () => {
    // distributed: roundrobin over web-1 and web-2, retries 3, no redispatch. web-2
    // crashes at 15 s (refused) and again at 55 s; it is restored at 25 s; redispatch
    // goes on at 40 s. The model (SIM-REFERENCE, measured HAProxy 2.6): without
    // redispatch every request routed to the dead server before it is marked DOWN gets a
    // 503 after 3 retries ≈ 1 s apart: half the traffic over the detection window D, so
    // ≈ λ/2 · D 503s (λ the rate reaching the LB). With redispatch those requests go to
    // the other server at once: no 503 at all.
    const e = createEngine(loadScenario('distributed', scenarios), {
      duration_s: 80,
      at: [
        { at_s: 15, action: 'kill', node: 'web-2' },
        { at_s: 25, action: 'restore', node: 'web-2' },
        { at_s: 40, action: 'set_redispatch', value: 'on' },
        { at_s: 55, action: 'kill', node: 'web-2' },
      ],
    });
    e.runUntil(40_000);
    const before = e.report();
    const downAt = before.events.find((ev) => ev.type === 'marked_down' && ev.node === 'web-2')!.t_s;
    const D = downAt - 15;
    expect(D).toBeGreaterThan(4); // (4, 6] s with inter 2 s, fall 3
    expect(D).toBeLessThanOrEqual(6);
    const fails503 = before.requests.by_code?.['503'] ?? 0;
    const lambda = 100; // req/s, every one through lb-1
    const expected = (lambda / 2) * D;
    // Poisson: σ ≈ √expected ≈ 16; allow 4σ.
    expect(Math.abs(fails503 - expected)).toBeLessThan(4 * Math.sqrt(expected));
    const changed = before.events.find((ev) => ev.type === 'redispatch_changed')!;
    expect(changed.message).toBe('redispatch on: lb-1 now retries a refused connection at once on another server instead of waiting on the same one');
    const end = e.run();
    expect(end.events.filter((ev) => ev.type === 'marked_down' && ev.node === 'web-2')).toHaveLength(2);
    expect(end.requests.by_code?.['503'] ?? 0).toBe(fails503); // not one more after 40 s
    expect(e.snapshot().nodes['lb-1']!.redispatch).toBe(true);
  });

  it('says so when nothing changes', () => {
    const e = createEngine(loadScenario('distributed', scenarios), { duration_s: 5 });
    e.apply({ action: 'set_redispatch', value: 'off' });
    expect(e.events().at(-1)).toMatchObject({ type: 'action_ignored', message: 'redispatch is already off on lb-1' });
  });
});

describe('set_workers', () => {
  /** Erlang C: probability an arrival waits in M/M/c, with a = λ/μ and ρ = a/c (SIM-REFERENCE "Queueing"). */
  function erlangC(c: number, a: number): number {
    const rho = a / c;
    let sum = 0;
    let term = 1;
    for (let k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    const top = term / (1 - rho);
    return top / (sum + top);
  }

  it('more workers drain the queue and the latency lands on M/M/c', () => {
    // One server, exponential 10 ms (μ = 0.1/ms per worker), λ = 150 req/s = 0.15/ms.
    // With 1 worker ρ = 1.5: the queue grows. At 1 s the tier gets 2 workers: ρ = 0.75,
    // and after the warm-up the mean response is M/M/2's
    //   W = C(2, a) / (cμ − λ) + 1/μ,  a = λ/μ = 1.5  →  C = 0.643, W = 22.86 ms.
    const yaml = `name: single
seed: 5
duration_s: 1500
warmup_s: 50
dns: { lookup_ms: 0 }
workload: { rate_rps: 150 }
nodes:
  - { id: s1, kind: server, roles: [web], workers: 1, service_ms: 10 }
timeline:
  - { at_s: 1, action: set_workers, node: web, value: 2 }
`;
    const e = engine(yaml);
    e.runUntil(999);
    expect(e.snapshot().nodes.s1!.queued).toBeGreaterThan(10); // overloaded: ≈ 50 req/s pile up
    e.runUntil(1000);
    expect(e.events().at(-1)).toMatchObject({ type: 'workers_changed', tier: 'web', workers: 2 });
    expect(e.events().at(-1)!.message).toBe('web workers 1 → 2 on every web server (s1): each serves up to 2 requests at once; more requests are served at once, fewer wait in the queue');
    expect(e.snapshot().nodes.s1!.workers).toEqual({ web: 2 });
    const r = e.run();
    const mu = 0.1;
    const lambda = 0.15;
    const c = 2;
    const W = erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
    expect(W).toBeCloseTo(22.86, 1);
    expect(relErr(r.latency_ms.mean, W)).toBeLessThan(0.04);
  });

  it('fewer workers: no more than the new count serve at once', () => {
    const e = createEngine(loadScenario('distributed', scenarios), { duration_s: 30, at: [{ at_s: 10, action: 'set_workers', node: 'app', value: 1 }] });
    e.runUntil(12_000);
    // ≈ 35 dynamic req/s per app server at 15 ms with 1 worker: ρ ≈ 0.5 each — a queue
    // forms whenever a request finds the one worker busy (with 4 workers it almost never did).
    let queued = 0;
    for (let t = 12_000; t < 20_000; t += 37) {
      e.runUntil(t);
      const s = e.snapshot();
      expect(s.nodes['web-1']!.workers!.app).toBe(1);
      expect(s.nodes['web-2']!.workers).toEqual({ web: 8, app: 1, db: 8 });
      queued += s.nodes['web-1']!.queued + s.nodes['web-2']!.queued;
    }
    expect(queued).toBeGreaterThan(0);
    expect(e.report().events.find((ev) => ev.type === 'workers_changed')!.message).toMatch(/^app workers 4 → 1 on every app server \(web-1, web-2\)/);
  });
});
