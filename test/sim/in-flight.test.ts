/**
 * The snapshot's in-flight and slow counts, checked against a run whose every time is
 * known: constant arrivals at 1 req/s (the k-th at k s), one server with 2 workers and
 * a deterministic 1.5 s service, no network or DNS delay. Request k is answered at
 * k + 1.5 s (never more than 2 at once, so nobody queues): every answer is slow (≥ 1 s),
 * at most 2 are in flight, and one of them has waited ≥ 1 s when t − k ∈ [1, 1.5).
 */
import { describe, expect, it } from 'vitest';
import { engine } from './helpers';
import { recentWindow } from '../../src/ui/lab/windowed-numbers';

const YAML = `name: slow answers
seed: 1
duration_s: 30
warmup_s: 0
dns: { lookup_ms: 0 }
workload: { rate_rps: 1, arrival: constant, clients: 1000 }
nodes:
  - { id: web-1, kind: server, roles: [web], workers: 2, service_ms: 1500, service: deterministic }
`;

describe('in flight and slow requests', () => {
  it('counts what is in flight now, what has waited 1 s, and the slow answers of the last seconds', () => {
    const e = engine(YAML);
    e.runUntil(10_200);
    let s = e.snapshot({ maxInflight: 0 });
    // Arrived at 1 … 10 s; answered at 2.5 … 9.5 s (8); in flight: 9 s (waited 1.2 s) and 10 s (0.2 s).
    expect(s.totals.ok).toBe(8);
    expect(s.in_flight).toBe(2);
    expect(s.waiting_slow).toBe(1);
    expect(s.in_flight).toBe(e.report().requests.in_flight);
    // Closed seconds 0 … 9: one answer in each of 2 … 9, each after 1.5 s.
    expect(s.series.slow).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const w10 = recentWindow(s.series, 10);
    expect(w10.slow).toBe(8);
    expect(w10.perSecond).toBeCloseTo(0.8, 10);
    expect(recentWindow(s.series, 5).perSecond).toBe(1);
    expect(e.report().requests.slow).toBe(8);

    e.runUntil(10_700);
    s = e.snapshot({ maxInflight: 0 });
    // 9 s was answered at 10.5 s; 10 s has waited 0.7 s: in flight, not slow yet.
    expect(s.in_flight).toBe(1);
    expect(s.waiting_slow).toBe(0);
  });

  it('has nothing to measure before the first answer: no error rate, no availability (a dash)', () => {
    const e = engine(YAML);
    e.runUntil(1_200);
    const s = e.snapshot({ maxInflight: 0 });
    expect(s.in_flight).toBe(1);
    expect(s.waiting_slow).toBe(0);
    const w = recentWindow(s.series, 10);
    expect(w.errorRate).toBeUndefined();
    expect(w.availability).toBeUndefined();
    expect(w.slow).toBe(0);
  });
});
