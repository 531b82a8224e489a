/**
 * Shared fixtures for diagram tests: the built-in scenarios' topologies and a
 * hand-made live snapshot (so these tests do not depend on the engine's timing).
 *
 * Goldens are drawn from the real scenarios in assets/scenarios, because the point
 * of the diagram is to agree with them: after a deliberate scenario change, review
 * the new drawings with `npx vitest run test/diagram -u`.
 */
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/sim/scenario';
import { buildTopology } from '../../src/sim/topology';
import type { NodeSnapshot, Snapshot, Topology } from '../../src/sim/types';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../assets/scenarios', import.meta.url));
export const MAIN_SCENARIOS = ['simple-web-stack', 'distributed', 'secured-monitored', 'scale-up'] as const;

const topologies = new Map<string, Topology>();
export function topologyOf(id: string): Topology {
  let t = topologies.get(id);
  if (!t) topologies.set(id, (t = buildTopology(loadScenario(id, SCENARIOS_DIR))));
  return t;
}

export function node(id: string, extra: Partial<NodeSnapshot> = {}): NodeSnapshot {
  return { id, state: 'up', active: 0, queued: 0, served: 0, failed: 0, utilization: 0.2, ...extra };
}

/** Distributed, a moment after web-1 was killed: the LB still sends it traffic. */
export function distributedAfterKill(): Snapshot {
  return {
    t_ms: 5000,
    nodes: {
      'lb-1': node('lb-1'),
      'web-1': node('web-1', { state: 'down', lbView: { 'lb-1': 'UP-going-down' }, dbRole: 'primary', utilization: 0 }),
      'web-2': node('web-2', { lbView: { 'lb-1': 'UP' }, dbRole: 'replica', replicationLagMs: 40, utilization: 0.55, queued: 3 }),
    },
    inflight: [
      { id: 1, kind: 'dynamic', encrypted: false, from: 'client', to: 'lb-1', progress: 0.5 },
      { id: 2, kind: 'write', encrypted: false, from: 'web-2', to: 'web-1', progress: 0.5, failed: true },
      { id: 3, kind: 'static', encrypted: false, from: 'lb-1', to: 'web-2', progress: 0.9 },
      { id: 4, kind: 'dynamic', encrypted: false, from: 'lb-1', to: 'web-2', progress: 0.1, atNode: true },
    ],
    totals: { total: 500, ok: 480, failed: 20, dropped: 0 },
    availability: 0.96,
    qps: 100,
    p50_ms: 21,
    p99_ms: 3050,
    error_rate: 0.4,
    series: { qps: [100, 99], p50_ms: [20, 21], p99_ms: [40, 3050], error_rate: [0, 0.4] },
    events: [{ t_s: 3, type: 'node_killed', node: 'web-1', message: 'web-1 killed (operator)' }],
    algorithm: 'roundrobin',
    rate_rps: 100,
    encryptedHops: {},
  };
}
