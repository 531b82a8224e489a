import { describe, expect, it } from 'vitest';
import { drillDesign, listFaults, parseDesign, unavailableFaults } from '../../src/design';
import { componentFaultsSupported } from '../../src/design/faults';
import type { Scenario } from '../../src/sim/spec/types';
import { fixture } from './helpers';

const components = componentFaultsSupported();

/** The 5-machine task 3 design, with or without keepalived tracking HAProxy. */
function task3(trackScript: boolean): Scenario {
  return fixture(trackScript ? 'task3-track' : 'task3-complete');
}

describe('single points of failure of designs whose answer is known', () => {
  it('one server: that server', () => {
    expect(drillDesign(fixture('task0-complete')).spofs).toEqual(['server-1']);
  });

  it('task 1: the load balancer and the primary', () => {
    expect(drillDesign(fixture('task1-complete')).spofs).toEqual(['lb-1', 'web-1']);
  });

  it.skipIf(!components)('task 3 with track_script: web, app and database, but neither load balancer', () => {
    expect(drillDesign(task3(true)).spofs).toEqual(['web-1', 'app-1', 'db-1']);
  });

  it.skipIf(!components)("task 3 without track_script: also lb-1's HAProxy", () => {
    expect(drillDesign(task3(false)).spofs).toEqual(['lb-1:haproxy', 'web-1', 'app-1', 'db-1']);
  });

  it('task 3, machine faults only: web, app and database, neither load balancer', () => {
    const s = task3(false);
    const machineFaults = listFaults(s).filter((f) => f.component === null || f.fault !== 'crash');
    expect(drillDesign(s, { faults: machineFaults }).spofs).toEqual(['web-1', 'app-1', 'db-1']);
  });

  it('the active load balancer of a VRRP pair is not one: the backup takes the VIP', () => {
    const s = fixture('task3-complete');
    expect(drillDesign(s, { faults: [{ node: 'lb-1', component: null, fault: 'crash' }] }).spofs).toEqual([]);
  });

  it('a design that never serves has no SPOF: nothing can break what never worked', () => {
    const s = parseDesign('name: db only\nworkload: { rate_rps: 20 }\nnodes:\n  - { id: d, kind: server, roles: [db] }\n', 'db-only.yaml');
    const d = drillDesign(s, { seconds: 20 });
    expect(d.baseline).toMatchObject({ reads_work: false, writes_work: false });
    expect(d.spofs).toEqual([]);
    expect(drillDesign(fixture('task0-complete'), { seconds: 20 }).baseline).toMatchObject({ reads_work: true, writes_work: true });
  });

  it('names what it could not drill instead of playing something coarser', () => {
    const skipped = unavailableFaults(fixture('task1-complete'));
    if (components) expect(skipped).toEqual([]);
    else {
      expect(skipped.map((f) => `${f.node}:${f.component}`)).toContain('web-1:app');
      for (const f of skipped) expect(f.why).toMatch(/cannot/);
      // A process that is its machine's only one is a faithful crash already.
      expect(listFaults(fixture('task1-complete')).some((f) => f.node === 'lb-1' && f.component === 'haproxy')).toBe(true);
    }
  });
});

describe('what the drill measures', () => {
  const d = drillDesign(fixture('task1-complete'));
  const row = (node: string, fault: string, component: string | null = null) => d.faults.find((r) => r.node === node && r.fault === fault && r.component === component)!;

  it('runs every machine fault, traffic x3 and the deploys it can play', () => {
    for (const node of ['lb-1', 'web-1', 'web-2']) for (const fault of ['crash', 'hang', 'stop']) expect(row(node, fault), `${node} ${fault}`).toBeDefined();
    expect(row('users', 'traffic_x3')).toBeDefined();
  });

  it('a crashed back end is noticed by the load balancer after its health checks, with the setting that caused the delay', () => {
    const r = row('web-2', 'crash');
    expect(r.detected_by).toBe('lb-1');
    expect(r.detected_after_s).toBeGreaterThan(4);
    expect(r.detected_after_s).toBeLessThanOrEqual(6);
    expect(r.cause).toMatch(/fall 3/);
    expect(r.users_see_errors).toBe(true);
    expect(r.breaks_service).toBe(false);
  });

  it('a hung back end takes longer to notice than a crashed one', () => {
    expect(row('web-2', 'hang').detected_after_s!).toBeGreaterThan(row('web-2', 'crash').detected_after_s!);
  });

  it('the lone load balancer down: nobody notices and nothing answers', () => {
    const r = row('lb-1', 'crash');
    expect(r.detected_after_s).toBeNull();
    expect(r.availability).toBeLessThan(0.01);
    expect(r.still_failing).toBe(1);
  });

  it('reports progress after each fault', () => {
    const seen: string[] = [];
    const s = fixture('task0-complete');
    drillDesign(s, { seconds: 20, onProgress: (done, total) => seen.push(`${done}/${total}`) });
    const total = listFaults(s).length;
    expect(seen).toHaveLength(total);
    expect(seen.at(-1)).toBe(`${total}/${total}`);
  });
});
