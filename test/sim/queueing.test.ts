/**
 * Faithfulness: long runs against the queueing formulas of SIM-REFERENCE.md, each
 * expected value computed here from the formula. Means within a few percent at ρ ≤ 0.8.
 */
import { describe, expect, it, vi } from 'vitest';
import { engine, farm, relErr, run } from './helpers';

// Long simulations (and a 10,000-entry YAML file): seconds each on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const TOL = 0.04;

function single(opts: { rate: number; serviceMs: number; workers: number; service: string; duration: number }): string {
  return `name: single
seed: 3
duration_s: ${opts.duration}
warmup_s: 50
dns: { lookup_ms: 0 }
workload: { rate_rps: ${opts.rate} }
nodes:
  - { id: s1, kind: server, roles: [web], workers: ${opts.workers}, service_ms: ${opts.serviceMs}, service: ${opts.service} }
`;
}

/** Erlang C: probability an arrival waits in M/M/c, with a = λ/μ and ρ = a/c. */
function erlangC(c: number, a: number): number {
  const rho = a / c;
  let sum = 0;
  let term = 1; // a^k / k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const top = term / (1 - rho); // term is now a^c / c!
  return top / (sum + top);
}

/** σ of E_N/M/1 under round robin: σ = (λ / (λ + μ(1 − σ)))^N, λ the total rate. */
function roundRobinSigma(lambda: number, mu: number, n: number): number {
  let sigma = 0.5;
  for (let i = 0; i < 10_000; i++) {
    const next = Math.pow(lambda / (lambda + mu * (1 - sigma)), n);
    if (Math.abs(next - sigma) < 1e-12) return next;
    sigma = next;
  }
  return sigma;
}

describe('queueing faithfulness', () => {
  it('M/M/1: mean response 1/(μ−λ), exponential percentiles, utilisation ρ', () => {
    // λ = 80/s, μ = 100/s (10 ms): ρ = 0.8, W = 50 ms; ~480k requests.
    const lambda = 0.08;
    const mu = 0.1;
    const r = run(single({ rate: 80, serviceMs: 10, workers: 1, service: 'exponential', duration: 6000 }));
    const W = 1 / (mu - lambda);
    expect(r.latency_ms.count).toBeGreaterThan(400_000);
    expect(relErr(r.latency_ms.mean, W)).toBeLessThan(TOL);
    expect(relErr(r.latency_ms.p50, -Math.log(0.5) / (mu - lambda))).toBeLessThan(0.05);
    expect(relErr(r.latency_ms.p95, -Math.log(0.05) / (mu - lambda))).toBeLessThan(0.05);
    expect(relErr(r.nodes.s1!.utilization, lambda / mu)).toBeLessThan(0.02);
  });

  it('M/M/c (one shared queue): Erlang C', () => {
    // c = 3 workers, μ = 0.1/ms each, λ = 0.21/ms: ρ = 0.7.
    const c = 3;
    const mu = 0.1;
    const lambda = 0.21;
    const W = erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
    const r = run(single({ rate: 210, serviceMs: 10, workers: c, service: 'exponential', duration: 2000 }));
    expect(relErr(r.latency_ms.mean, W)).toBeLessThan(TOL);
  });

  it('M/D/1: waiting time is half of M/M/1', () => {
    const lambda = 0.08;
    const mu = 0.1;
    const rho = lambda / mu;
    const W = rho / (2 * mu * (1 - rho)) + 1 / mu; // 30 ms
    const r = run(single({ rate: 80, serviceMs: 10, workers: 1, service: 'deterministic', duration: 3000 }));
    expect(relErr(r.latency_ms.mean, W)).toBeLessThan(TOL);
  });

  it('random dispatch over N servers: each is an M/M/1 at λ/N', () => {
    const n = 3;
    const mu = 0.1;
    const lambda = 0.24; // ρ = 0.8
    const r = run(farm({ n, rate: 240, serviceMs: 10, algorithm: 'random', extra: 'random_draws: 1', duration: 2500 }));
    expect(relErr(r.latency_ms.mean, 1 / (mu - lambda / n))).toBeLessThan(TOL);
  });

  it('roundrobin over N servers: each is an E_N/M/1', () => {
    const n = 3;
    const mu = 0.1;
    const lambda = 0.24;
    const sigma = roundRobinSigma(lambda, mu, n);
    const W = 1 / (mu * (1 - sigma));
    const r = run(farm({ n, rate: 240, serviceMs: 10, algorithm: 'roundrobin', duration: 2500 }));
    expect(relErr(r.latency_ms.mean, W)).toBeLessThan(TOL);
  });

  it('maxconn 1 per server and a queue at the LB make one shared M/M/N queue', () => {
    const n = 3;
    const mu = 0.1;
    const lambda = 0.24;
    const W = erlangC(n, lambda / mu) / (n * mu - lambda) + 1 / mu;
    const r = run(farm({ n, rate: 240, serviceMs: 10, algorithm: 'roundrobin', extra: 'maxconn: 1, timeout_queue_ms: 100000000', duration: 2500 }));
    expect(relErr(r.latency_ms.mean, W)).toBeLessThan(TOL);
  });

  it('orders policies: random > roundrobin > power-of-two ≥ leastconn > shared queue', () => {
    const mean = (algorithm: string, extra?: string) =>
      run(farm({ n: 3, rate: 240, serviceMs: 10, algorithm, extra, duration: 1500 })).latency_ms.mean;
    const random = mean('random', 'random_draws: 1');
    const rr = mean('roundrobin');
    const p2c = mean('random', 'random_draws: 2');
    const lc = mean('leastconn');
    const shared = mean('roundrobin', 'maxconn: 1, timeout_queue_ms: 100000000');
    expect(random).toBeGreaterThan(rr);
    expect(rr).toBeGreaterThan(p2c);
    expect(p2c).toBeGreaterThanOrEqual(lc * 0.98);
    expect(lc).toBeGreaterThan(shared);
  }, 30_000); // five 25-minute runs: seconds on a busy machine

  it("Little's law: time-average requests in the system = λ × W", () => {
    const e = engine(farm({ n: 2, rate: 140, serviceMs: 10, algorithm: 'leastconn', duration: 2000 }));
    e.runUntil(50_000);
    let sum = 0;
    let samples = 0;
    for (let t = 50_000; t <= 1_500_000; t += 37) {
      e.runUntil(t);
      const s = e.snapshot({ maxInflight: 0 });
      sum += s.nodes['web-1']!.active + s.nodes['web-1']!.queued + s.nodes['web-2']!.active + s.nodes['web-2']!.queued;
      samples++;
    }
    const L = sum / samples;
    const r = e.report();
    const lambda = r.requests.total / (e.now() / 1000) / 1000; // per ms
    expect(relErr(L, lambda * r.latency_ms.mean)).toBeLessThan(0.05);
  });
});
