import { describe, expect, it } from 'vitest';
import { lastSecondHadSuccess, orDash, recentWindow } from '../../src/ui/lab/windowed-numbers';

describe('windowed numbers', () => {
  it('averages answers per second over the window: a constant 100 req/s reads 100, not 48 then 152', () => {
    const w = recentWindow({ qps: [100, 48, 152, 100, 100], error_rate: [0, 0, 0, 0, 0] }, 5);
    expect(w.perSecond).toBe(100);
    expect(w.availability).toBe(1);
  });
  it('counts failures within the window only: availability recovers after the failures leave it', () => {
    const qps = [100, 100, 100, ...Array(10).fill(100)];
    const err = [0.5, 0.5, 0.5, ...Array(10).fill(0)];
    expect(recentWindow({ qps, error_rate: err }, 10).availability).toBe(1);
    const during = recentWindow({ qps, error_rate: err }, 13);
    expect(during.failed).toBe(150);
    expect(during.ok).toBe(1150);
    expect(during.errorRate).toBeCloseTo(150 / 1300, 10);
  });
  it('gives nothing (a dash) when nothing completed, not 0', () => {
    const w = recentWindow({ qps: [0, 0, 0], error_rate: [0, 0, 0] }, 10);
    expect(w.seconds).toBe(3);
    expect(w.errorRate).toBeUndefined();
    expect(w.availability).toBeUndefined();
    expect(orDash(w.errorRate, (v) => `${v}`)).toBe('–');
    expect(orDash(w.errorRate, (v) => `${v}`, true)).toBe('-');
    expect(recentWindow({ qps: [], error_rate: [] }, 10).perSecond).toBeUndefined();
  });
  it('knows when the last second had no success to measure latency on (all failed)', () => {
    expect(lastSecondHadSuccess({ qps: [10, 88], error_rate: [0, 1] })).toBe(false);
    expect(lastSecondHadSuccess({ qps: [10, 88], error_rate: [0, 0.5] })).toBe(true);
    expect(lastSecondHadSuccess({ qps: [], error_rate: [] })).toBe(false);
  });
});
