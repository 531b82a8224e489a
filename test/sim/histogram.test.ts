import { describe, expect, it } from 'vitest';
import { HIST_BUCKETS, HIST_MAX_MS, HIST_RELATIVE_ERROR, LatencyHistogram } from '../../src/sim/histogram';
import { Rng } from '../../src/sim/rng';

/** Exact nearest-rank percentile of sorted values. */
function exact(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const QS = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

function check(values: number[]): void {
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  const sorted = [...values].sort((a, b) => a - b);
  const got = h.quantiles(QS);
  QS.forEach((q, i) => {
    const want = exact(sorted, q);
    // The stated bound, plus a hair for floating-point rounding at bucket edges.
    expect(Math.abs(got[i]! - want) / want, `q=${q}: got ${got[i]}, exact ${want}`).toBeLessThanOrEqual(HIST_RELATIVE_ERROR + 1e-9);
  });
  expect(h.count).toBe(values.length);
  expect(h.mean()).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
}

describe('LatencyHistogram', () => {
  it('is small and fixed-size with a stated precision of at most 0.5 %', () => {
    expect(HIST_RELATIVE_ERROR).toBeLessThanOrEqual(0.005);
    expect(HIST_BUCKETS).toBeGreaterThan(1000);
    expect(HIST_BUCKETS).toBeLessThan(5000);
  });

  it('gives percentiles of an exponential distribution within the stated precision', () => {
    const rng = new Rng(42);
    check(Array.from({ length: 200_000 }, () => -Math.log(1 - rng.next()) * 12.5));
  });

  it('gives percentiles of a uniform and a heavy-tailed (log-uniform) distribution within the stated precision', () => {
    const rng = new Rng(7);
    check(Array.from({ length: 50_000 }, () => 3 + rng.next() * 40));
    check(Array.from({ length: 50_000 }, () => 0.01 * Math.pow(10, rng.next() * 7))); // 10 µs … 100 s
  });

  it('reports a constant exactly (percentiles are clamped to the observed range)', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 1000; i++) h.record(10);
    expect(h.quantiles([0.5, 0.99])).toEqual([10, 10]);
    expect(h.mean()).toBe(10);
  });

  it('reports p50 of 1..100 as 50 and p99 as 99 within the precision', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) h.record(i);
    expect(Math.abs(h.quantile(0.5) - 50) / 50).toBeLessThanOrEqual(HIST_RELATIVE_ERROR);
    expect(Math.abs(h.quantile(0.99) - 99) / 99).toBeLessThanOrEqual(HIST_RELATIVE_ERROR);
    expect(h.quantile(1)).toBe(100);
    expect(h.mean()).toBe(50.5);
  });

  it('reports a value beyond the top bucket as the largest value seen, without disturbing the rest', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 999; i++) h.record(20);
    const huge = HIST_MAX_MS * 30;
    h.record(huge);
    expect(h.quantile(1)).toBe(huge);
    expect(Math.abs(h.quantile(0.5) - 20) / 20).toBeLessThanOrEqual(HIST_RELATIVE_ERROR);
    expect(Math.abs(h.quantile(0.999) - 20) / 20).toBeLessThanOrEqual(HIST_RELATIVE_ERROR);
    // Two values past the top: below p100, the overflow bucket answers with the largest seen (an upper bound).
    h.record(HIST_MAX_MS * 2);
    expect(h.quantile(0.999)).toBe(huge); // rank 1000 of 1001: the smaller overflow value, reported as the max
    expect(h.max).toBe(huge);
    expect(h.mean()).toBeCloseTo((999 * 20 + huge + HIST_MAX_MS * 2) / 1001, 6);
  });

  it('handles zero, sub-microsecond values and an empty histogram', () => {
    const h = new LatencyHistogram();
    expect(h.quantiles([0.5, 0.99])).toEqual([0, 0]);
    expect(h.mean()).toBe(0);
    h.record(0);
    h.record(0.0005);
    h.record(5);
    expect(h.quantile(0.34)).toBe(0); // the first bucket reports the smallest value seen
    expect(h.quantile(1)).toBe(5);
  });

  it('answers percentiles asked in any order', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.record(i);
    const [p99, p50, p95] = h.quantiles([0.99, 0.5, 0.95]);
    expect(p50!).toBeLessThan(p95!);
    expect(p95!).toBeLessThan(p99!);
    expect(Math.abs(p95! - 950) / 950).toBeLessThanOrEqual(HIST_RELATIVE_ERROR);
  });
});
