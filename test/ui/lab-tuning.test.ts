/**
 * The lab's before/after keys as pure functions (src/ui/lab/tuning.ts): what `r`,
 * `{` / `}` and `P` turn into, on snapshots of real runs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';
import { bigMoment } from '../../src/ui/lab/instructor-lines';
import { layoutDiagram, renderDiagram, toPlainText } from '../../src/diagram';
import { redispatchState, redispatchToggle, splitBrainWarning, tierOf, workersStep } from '../../src/ui/lab/tuning';

const scenarios = path.resolve(__dirname, '../../assets/scenarios');
const engineOf = (id: string) => createEngine(loadScenario(id, scenarios), { duration_s: 60 });

describe('r: redispatch on every load balancer', () => {
  it('switches both load balancers of a pair, and back', () => {
    const e = engineOf('scale-up');
    expect(redispatchState(e.snapshot())).toBe('off');
    const on = redispatchToggle(e.snapshot());
    expect(on).toEqual({ action: { action: 'set_redispatch', value: 'on' }, done: 'redispatch on: lb-1, lb-2 retry a refused request at once on another server' });
    if ('error' in on) throw new Error(on.error);
    e.apply(on.action);
    expect(redispatchState(e.snapshot())).toBe('on');
    expect(redispatchToggle(e.snapshot())).toMatchObject({ action: { value: 'off' } });
  });
  it('says there is nothing to switch without a load balancer', () => {
    expect(redispatchToggle(engineOf('simple-web-stack').snapshot())).toEqual({ error: 'no load balancer in this design: no redispatch to switch' });
  });
});

describe('{ }: the workers of the selected server\'s tier', () => {
  it('uses the app role of a server that runs several, and changes every server of it', () => {
    expect(tierOf(['web', 'app', 'db'])).toBe('app');
    expect(tierOf(['db'])).toBe('db');
    const e = engineOf('distributed');
    expect(workersStep(e.snapshot(), e.topology, 'web-2', 1)).toEqual({ action: { action: 'set_workers', node: 'app', value: 5 }, done: 'app workers 4 → 5 on every app server (web-1, web-2)' });
    expect(workersStep(e.snapshot(), e.topology, 'lb-1', 1)).toEqual({ error: 'lb-1 is not a server: select a web, app or db server (Tab), then { or }' });
    e.apply({ action: 'set_workers', node: 'app', value: 1 });
    expect(workersStep(e.snapshot(), e.topology, 'web-1', -1)).toEqual({ error: 'app workers already 1 (at least 1)' });
  });
});

describe('P while the primary lives', () => {
  it('warns of split brain with the writes only the old primary has, and the banner says it', () => {
    const e = createEngine(loadScenario('distributed', scenarios), { duration_s: 60, at: [{ at_s: 5, action: 'stop_replication', node: 'web-2' }] });
    e.runUntil(15_000);
    const s = e.snapshot();
    const backlog = s.nodes['web-2']!.replicationBacklog!;
    expect(backlog).toBeGreaterThan(0);
    expect(splitBrainWarning(s, 'web-2')).toBe(`SPLIT BRAIN: web-1 still writable beside web-2; ${backlog} writes only on web-1`);
    e.apply({ action: 'promote', node: 'web-2' });
    const split = e.events().find((ev) => ev.type === 'split_brain')!;
    expect(split.diverged_writes).toBe(backlog);
    expect(bigMoment(e.events(), e.snapshot(), 15)).toMatchObject({ text: 'split brain: web-1 and web-2 both take writes', style: 'down' });
    // The diagram no longer calls the old primary a replica.
    const box = toPlainText(renderDiagram(layoutDiagram(e.topology, { width: 100, live: true }), e.snapshot())).join('\n');
    expect(box).toContain('MySQL split brain');
    expect(box).toContain('MySQL primary');
  });
  it('says nothing more than "promoted" when the primary is dead', () => {
    const e = createEngine(loadScenario('distributed', scenarios), { duration_s: 60, at: [{ at_s: 5, action: 'kill', node: 'web-1', component: 'mysql' }] });
    e.runUntil(6_000);
    expect(e.snapshot().nodes['web-1']!.mysql).toBe('down');
    expect(splitBrainWarning(e.snapshot(), 'web-2')).toBeUndefined();
    expect(splitBrainWarning(e.snapshot(), 'web-1')).toBeUndefined(); // not a replica
  });
});
