/** The live view's contract: snapshots, operator actions and their cost. */
import { describe, expect, it } from 'vitest';
import { scenariosDir } from '../../src/package-root';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';

const make = (name: string) => createEngine(loadScenario(name, scenariosDir()));

describe('snapshot', () => {
  it('shows node states, the LB view, VRRP roles and replication', () => {
    const e = make('scale-up');
    e.runUntil(20_000);
    const s = e.snapshot();
    expect(s.t_ms).toBe(20_000);
    expect(Object.keys(s.nodes)).toEqual(['lb-1', 'lb-2', 'web-1', 'web-2', 'app-1', 'app-2', 'db-1', 'db-2']);
    expect(s.nodes['lb-1']).toMatchObject({ state: 'up', vrrpState: 'MASTER', vipHolder: true });
    expect(s.nodes['lb-2']).toMatchObject({ vrrpState: 'BACKUP', vipHolder: false });
    expect(s.nodes['web-1']!.lbView).toEqual({ 'lb-1': 'UP', 'lb-2': 'UP' });
    expect(s.nodes['db-2']).toMatchObject({ dbRole: 'replica' });
    expect(s.nodes['db-2']!.replicationLagMs).toBeGreaterThanOrEqual(0);
    expect(s.series.qps.length).toBe(20);
    expect(s.qps).toBeGreaterThan(100);
    expect(s.availability).toBe(1);
    expect(s.algorithm).toBe('roundrobin');
    expect(s.rate_rps).toBe(150);
  });

  it('places in-flight requests on edges of the topology, with progress in [0, 1]', () => {
    const e = make('secured-monitored');
    const edges = new Set(e.topology.edges.map((x) => `${x.from}>${x.to}`));
    let onEdges = 0;
    let returning = 0;
    for (let t = 1000; t <= 5000; t += 33) {
      e.runUntil(t);
      for (const r of e.snapshot().inflight) {
        expect(r.progress).toBeGreaterThanOrEqual(0);
        expect(r.progress).toBeLessThanOrEqual(1);
        if (r.atNode) continue;
        expect(edges.has(`${r.from}>${r.to}`)).toBe(true);
        onEdges++;
        if (r.returning) returning++;
        // TLS terminates at lb-1: the users' edge is encrypted, the back ends' are not.
        if (r.from === 'users' && r.to === 'lb-1') expect(r.encrypted).toBe(true);
        if (r.from === 'lb-1') expect(r.encrypted).toBe(false);
      }
    }
    expect(onEdges).toBeGreaterThan(100);
    expect(returning).toBeGreaterThan(20);
  });

  it('samples at most maxInflight requests', () => {
    const e = make('capacity');
    e.runUntil(60_000);
    expect(e.snapshot({ maxInflight: 25 }).inflight.length).toBe(25);
    expect(e.snapshot({ maxInflight: 0 }).inflight.length).toBe(0);
  });

  it('prefers requests travelling on edges when thousands wait in queues', () => {
    const e = make('capacity');
    e.runUntil(90_000);
    const all = e.snapshot({ maxInflight: 100_000 }).inflight;
    const moving = all.filter((r) => !r.atNode).length;
    expect(all.length - moving).toBeGreaterThan(1000); // queued at the app tier
    const sample = e.snapshot({ maxInflight: 40 }).inflight;
    expect(sample).toHaveLength(40);
    expect(sample.filter((r) => !r.atNode).length).toBe(Math.min(40, moving));
  });

  // Its cost per frame is measured by `npm run bench -- frame` (budget 3 ms), not asserted here.

  it('shows a draining server and its LB view', () => {
    const e = make('distributed');
    e.runUntil(5000);
    e.apply({ action: 'drain', node: 'web-1' });
    e.runUntil(6000);
    const s = e.snapshot();
    expect(s.nodes['web-1']).toMatchObject({ state: 'draining', lbView: { 'lb-1': 'DRAIN' } });
    expect(s.events.map((x) => x.type)).toEqual(expect.arrayContaining(['drain_started', 'drained']));
  });
});

describe('apply', () => {
  it('acts at the current virtual time', () => {
    const e = make('distributed');
    e.runUntil(12_345);
    e.apply({ action: 'kill', node: 'web-2' });
    e.apply({ action: 'set_rate', value: 50 });
    e.apply({ action: 'set_algorithm', node: 'lb-1', value: 'leastconn' });
    const s = e.snapshot();
    expect(s.nodes['web-2']!.state).toBe('down');
    expect(s.rate_rps).toBe(50);
    expect(s.algorithm).toBe('leastconn');
    expect(s.events.find((x) => x.type === 'node_killed')!.t_s).toBe(12.345);
  });

  it('throws on unknown nodes and bad values', () => {
    const e = make('distributed');
    expect(() => e.apply({ action: 'kill', node: 'web-9' })).toThrow(/unknown node 'web-9'/);
    expect(() => e.apply({ action: 'set_rate', value: -1 })).toThrow(/positive rate/);
    expect(() => e.apply({ action: 'promote', node: 'lb-1' })).toThrow(/no db role/);
    expect(() => e.apply({ action: 'explode' as never, node: 'web-1' })).toThrow(/unknown action/);
  });
});

describe('restarts', () => {
  it('an LB restart leaves consistent connection counts', () => {
    const e = createEngine(loadScenario('distributed', scenariosDir()), {
      at: [
        { at_s: 10, action: 'set_algorithm', node: 'lb-1', value: 'leastconn' },
        { at_s: 20, action: 'kill', node: 'lb-1' },
        { at_s: 20.01, action: 'restore', node: 'lb-1' },
      ],
    });
    for (let t = 20_000; t <= 40_000; t += 100) {
      e.runUntil(t);
      const s = e.snapshot({ maxInflight: 0 });
      expect(s.nodes['lb-1']!.active).toBeGreaterThanOrEqual(0);
    }
    const r = e.report();
    expect(r.nodes['web-1']!.served).toBeGreaterThan(0);
    expect(Math.abs(r.nodes['web-1']!.served - r.nodes['web-2']!.served)).toBeLessThan(r.requests.ok * 0.1);
  });
});
