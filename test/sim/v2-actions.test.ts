/**
 * Simulator v2 actions and report consistency: the `at` grammar with processes,
 * add_server, and report numbers that agree with each other.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/sim/engine';
import { loadScenario, timelineProblem } from '../../src/sim/scenario';
import { parseAt, parseAtSpec } from '../../src/sim/spec/at';
import { events, run, scenario } from './helpers';

const scenarios = `${__dirname}/../../assets/scenarios`;

describe('the at grammar', () => {
  it('reads processes, tiers and values', () => {
    expect(parseAt('30:kill:lb-1:haproxy')).toEqual({ at_s: 30, action: 'kill', node: 'lb-1', component: 'haproxy' });
    expect(parseAt('30:hang:web-2:app')).toEqual({ at_s: 30, action: 'hang', node: 'web-2', component: 'app' });
    expect(parseAt('30:hang:web-2')).toEqual({ at_s: 30, action: 'hang', node: 'web-2' });
    expect(parseAt('40:add_server:app')).toEqual({ at_s: 40, action: 'add_server', value: 'app' });
    expect(parseAt('20:stop_replication:db-2')).toEqual({ at_s: 20, action: 'stop_replication', node: 'db-2' });
    expect(parseAt('60:set_algorithm:lb-1:leastconn')).toEqual({ at_s: 60, action: 'set_algorithm', node: 'lb-1', value: 'leastconn' });
  });

  it('says what is wrong', () => {
    expect(parseAtSpec('30:kill:web-1:apache')).toEqual({ error: expect.stringMatching(/unknown process 'apache' \(one of haproxy, keepalived, nginx, app, mysql\)/) });
    expect(parseAtSpec('30:add_server:cache')).toEqual({ error: expect.stringMatching(/add_server needs a tier: web, app, db/) });
    expect(parseAtSpec('30:han:web-1')).toEqual({ error: expect.stringMatching(/did you mean 'hang'/) });
  });

  it('checks a process against the node that runs it', () => {
    const s = loadScenario('failover-demo', scenarios);
    expect(timelineProblem(parseAt('30:kill:web-1:haproxy'), s.nodes)).toMatch(/'web-1' runs no haproxy \(it runs nginx\)/);
    expect(timelineProblem(parseAt('30:kill:lb-1:keepalived'), s.nodes)).toBeUndefined();
    expect(timelineProblem(parseAt('30:stop_replication:db-1'), s.nodes)).toMatch(/applies to a replica/);
    // An older reader of the grammar carries the process as the value: still understood.
    expect(timelineProblem({ at_s: 30, action: 'kill', node: 'app-1', value: 'app' }, s.nodes)).toBeUndefined();
  });
});

describe('add_server', () => {
  it('adds a copy of the last server of a tier that the load balancer uses at once', () => {
    const s = loadScenario('distributed', scenarios);
    const before = JSON.stringify(s);
    const e = createEngine(s, { duration_s: 90, at: [{ at_s: 30, action: 'add_server', value: 'web' }] });
    const r = e.run();
    const added = events(r, 'server_added')[0]!;
    expect(added.node).toBe('web-3');
    expect(added.message).toMatch(/web-3 added, a copy of web-2 .*lb-1 sends it work now/);
    expect(r.nodes['web-3']!.served).toBeGreaterThan(0);
    expect(e.topology.nodes.some((n) => n.id === 'web-3')).toBe(true);
    expect(e.scenario.nodes.some((n) => n.id === 'web-3')).toBe(true);
    expect(JSON.stringify(s)).toBe(before); // the caller's scenario is not changed
    expect(r.requests.total + (r.requests.in_flight ?? 0)).toBe(r.sim.arrivals);
  });
});

describe('at strings as the lab screen reads them (sim/spec parseAt)', () => {
  it('give events the engine runs: a process, and add_server\'s tier', () => {
    const s = loadScenario('distributed', scenarios);
    const at = ['10:kill:web-1:app', '20:restore:web-1:app', '30:add_server:web'].map((a) => parseAt(a));
    for (const ev of at) expect(timelineProblem(ev, s.nodes)).toBeUndefined();
    const r = createEngine(s, { duration_s: 40, at }).run();
    expect(events(r, 'process_killed', 'web-1')).toHaveLength(1);
    expect(events(r, 'server_added', 'web-3')).toHaveLength(1);
  });
});

describe('report numbers agree', () => {
  it('requests.dropped counts client requests a firewall dropped; firewall.dropped every packet; the snapshot agrees', () => {
    const yaml = `name: fw
seed: 1
duration_s: 30
dns: { lookup_ms: 0 }
workload: { rate_rps: 20, https_ratio: 0.5 }
nodes:
  - { id: web-1, kind: server, roles: [web, app, db], firewall: { allow: [{ port: 80, from: any }] } }
`;
    const e = createEngine(scenario(yaml));
    const r = e.run();
    expect(r.requests.dropped).toBeGreaterThan(0);
    expect(r.requests.dropped).toBeLessThanOrEqual(r.requests.failed);
    expect(r.firewall!.dropped).toBeGreaterThanOrEqual(r.requests.dropped!);
    expect(e.snapshot().totals.dropped).toBe(r.requests.dropped);
  });

  it('a write to a dead replica says replica, not primary', () => {
    const r = run(`name: w
seed: 1
duration_s: 20
dns: { lookup_ms: 0 }
workload: { rate_rps: 20, write_ratio: 1 }
nodes:
  - { id: app-1, kind: server, roles: [app], app: { db: db-2 } }
  - { id: db-1, kind: server, roles: [db], db: { role: primary } }
  - { id: db-2, kind: server, roles: [db], db: { role: replica, of: db-1 } }
timeline:
  - { at_s: 5, action: kill, node: db-2 }
`);
    const msg = events(r, 'write_failed', 'db-2')[0]!.message;
    expect(msg).toMatch(/app-1's database db-2 \(a replica\) is down/);
    expect(msg).not.toMatch(/the primary db-2/);
  });
});
