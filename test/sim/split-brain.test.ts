/**
 * Split brain: promoting a replica while the primary still runs leaves two writable
 * servers. The engine's model (src/sim/engine/replication.ts): app servers configured
 * with the primary's address follow the writer endpoint to the new primary at once; the
 * old primary is not fenced (nobody set read_only on it), so what it committed and the
 * new primary had not applied — its replication backlog at the promote — exists only on
 * the old one, and any app pinned to the old host keeps writing there.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';
import { EVENT_TYPES } from '../../src/sim/spec/vocabulary';

const scenarios = path.resolve(__dirname, '../../assets/scenarios');
const distributed = () => loadScenario('distributed', scenarios);

describe('promoting a replica while the primary lives', () => {
  it('reports split brain with the writes that exist only on the old primary', () => {
    // web-2's SQL thread stops at 20 s, so every write web-1 commits from then on stays
    // unapplied on web-2: at the promote (30 s) the diverged writes are exactly the
    // writes committed between 20 s and 30 s (each async write is shipped when it commits).
    const e = createEngine(distributed(), { duration_s: 60, at: [{ at_s: 20, action: 'stop_replication', node: 'web-2' }, { at_s: 30, action: 'promote', node: 'web-2' }] });
    e.runUntil(20_000);
    expect(e.report().events.some((ev) => ev.type === 'replication_stopped')).toBe(true);
    const before = e.report().db!.writes_ok;
    e.runUntil(29_999);
    const committed = e.report().db!.writes_ok - before;
    expect(committed).toBeGreaterThan(50); // ≈ 10 s × 100 req/s × 10 % writes
    e.runUntil(30_000);
    const split = e.report().events.filter((ev) => ev.type === 'split_brain');
    expect(split).toHaveLength(1);
    expect(split[0]).toMatchObject({ t_s: 30, node: 'web-1', old_primary: 'web-1', new_primary: 'web-2', diverged_writes: committed });
    expect(split[0]!.message).toContain(`split brain: web-1 is still up and writable while web-2 was promoted; ${committed} writes web-1 committed that web-2 had not applied`);
    // Both app servers follow the writer endpoint: web-1 takes no new writes after the promote.
    expect(split[0]!.message).toContain('follow the writer endpoint to web-2, so web-1 takes no new writes');
    const end = e.run();
    expect(end.db!.diverged_writes).toBe(committed);
    expect(end.db!.lost_writes).toBe(0);
    expect(end.db!.writes_failed).toBe(0);
    expect((end.db as { primary?: string }).primary).toBe('web-2');
    // The split_brain event follows the promotion (the instructor's banner shows the newest).
    const types = end.events.filter((ev) => ev.t_s === 30).map((ev) => ev.type);
    expect(types.indexOf('split_brain')).toBeGreaterThan(types.indexOf('promoted'));
  });

  it('counts the writes an app pinned to the old primary keeps making there', () => {
    // replica-write: web-2's app is pinned to web-2. web-2 is promoted (web-1 left
    // running), then web-1 is promoted back while web-2 still runs: web-2's app keeps
    // writing to web-2, which was never fenced; each of those writes diverges.
    const e = createEngine(loadScenario('replica-write', scenarios), { duration_s: 60, at: [{ at_s: 20, action: 'promote', node: 'web-2' }, { at_s: 40, action: 'promote', node: 'web-1' }] });
    e.runUntil(40_000);
    const second = e.report().events.filter((ev) => ev.type === 'split_brain')[1]!;
    expect(second).toMatchObject({ old_primary: 'web-2', new_primary: 'web-1', writers_on_old: ['web-2'] });
    expect(second.message).toContain("web-2's app still writes to web-2");
    const atPromote = e.report().db!.diverged_writes!;
    const end = e.run();
    const accepted = end.events.filter((ev) => ev.type === 'split_brain_write');
    expect(accepted.length).toBeGreaterThan(0);
    // Every write web-2 took after 40 s is a diverged one (reports are throttled: their counts are a lower bound).
    const reported = accepted.reduce((k, ev) => k + Number(ev.count), 0);
    expect(end.db!.diverged_writes! - atPromote).toBeGreaterThanOrEqual(reported);
    expect(end.db!.diverged_writes! - atPromote).toBeLessThan(reported + 120); // at most one 10 s report window unreported
  });

  it('is no split brain when the primary died first', () => {
    const e = createEngine(distributed(), { duration_s: 60, at: [{ at_s: 20, action: 'kill', node: 'web-1' }, { at_s: 25, action: 'promote', node: 'web-2' }] });
    const r = e.run();
    expect(r.events.some((ev) => ev.type === 'promoted' && ev.node === 'web-2')).toBe(true);
    expect(r.events.some((ev) => ev.type === 'split_brain' || ev.type === 'split_brain_write')).toBe(false);
    expect(r.db!.diverged_writes).toBe(0);
    expect(r.events.find((ev) => ev.type === 'promoted')!.message).toContain('web-1 will rejoin as a replica');
  });

  it('is an event type `--pause-on` accepts', () => {
    expect(EVENT_TYPES).toContain('split_brain');
  });
});
