import { describe, expect, it } from 'vitest';
import { evaluateCondition, getMetric } from '../../src/labs/checks';
import type { Report } from '../../src/sim/types';

const report: Report = {
  scenario: 'distributed',
  seed: 7,
  duration_s: 60,
  requests: { total: 100, ok: 90, failed: 10 },
  availability: 0.9,
  latency_ms: { mean: 12, p50: 10, p95: 30, p99: 50 },
  nodes: { 'web-2': { kind: 'server', state: 'up', served: 40, utilization: 0.3, vip_holder: true } },
  events: [
    { t_s: 30, type: 'node_killed', node: 'web-2', message: 'web-2 crashed' },
    { t_s: 35, type: 'marked_down', node: 'web-2', message: 'lb-1 marked web-2 DOWN' },
    { t_s: 36, type: 'marked_down', node: 'web-1', message: 'lb-1 marked web-1 DOWN' },
  ],
  db: { writes_ok: 5, writes_failed: 0, stale_reads: 3, lost_writes: 0, max_lag_ms: 12 },
  sim: { events_processed: 1000, wall_ms: 3 },
};

describe('getMetric', () => {
  it('reads dotted paths, including node ids with dashes', () => {
    expect(getMetric(report, 'requests.failed')).toBe(10);
    expect(getMetric(report, 'latency_ms.p99')).toBe(50);
    expect(getMetric(report, 'nodes.web-2.served')).toBe(40);
    expect(getMetric(report, 'db.stale_reads')).toBe(3);
    expect(getMetric(report, 'nodes.web-2.vip_holder')).toBe(1);
  });
  it('is undefined for missing paths and non-numbers', () => {
    expect(getMetric(report, 'nodes.web-9.served')).toBeUndefined();
    expect(getMetric(report, 'nodes.web-2.state')).toBeUndefined();
    expect(getMetric(report, 'firewall.dropped')).toBeUndefined();
  });
});

describe('evaluateCondition', () => {
  it('counts events by type and node', () => {
    expect(evaluateCondition({ event: 'marked_down', node: 'web-2' }, report)).toBe(true);
    expect(evaluateCondition({ event: 'marked_down', min_count: 2 }, report)).toBe(true);
    expect(evaluateCondition({ event: 'marked_down', node: 'web-2', min_count: 2 }, report)).toBe(false);
    expect(evaluateCondition({ event: 'vip_moved' }, report)).toBe(false);
  });
  it('compares metrics with every operator; a missing metric fails', () => {
    expect(evaluateCondition({ metric: 'availability', op: '<', value: 1 }, report)).toBe(true);
    expect(evaluateCondition({ metric: 'availability', op: '>=', value: 0.9 }, report)).toBe(true);
    expect(evaluateCondition({ metric: 'requests.failed', op: '==', value: 0 }, report)).toBe(false);
    expect(evaluateCondition({ metric: 'requests.failed', op: '!=', value: 0 }, report)).toBe(true);
    expect(evaluateCondition({ metric: 'requests.failed', op: '<=', value: 10 }, report)).toBe(true);
    expect(evaluateCondition({ metric: 'requests.failed', op: '>', value: 10 }, report)).toBe(false);
    expect(evaluateCondition({ metric: 'firewall.dropped', op: '==', value: 0 }, report)).toBe(false);
  });
});

