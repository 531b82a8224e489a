/**
 * After a promotion the engine's scenario and topology say who is primary now, so
 * the diagram's SQL and replication arrows move (issue: promote left the SQL arrow on
 * the dead primary). The caller's scenario is untouched.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';

const scenarios = path.resolve(__dirname, '../../assets/scenarios');
const edges = (t: { edges: { from: string; to: string; kind: string }[] }, kind: string) =>
  t.edges.filter((e) => e.kind === kind).map((e) => `${e.from}>${e.to}`).sort();

describe('a promotion in the drawn topology', () => {
  it('moves SQL to the new primary and replication from it, and leaves the input scenario alone', () => {
    const s = loadScenario('failover-demo', scenarios);
    const e = createEngine(s, { duration_s: 120 });
    const before = { sql: edges(e.topology, 'sql'), repl: edges(e.topology, 'replication') };
    expect(before.repl).toEqual(['db-1>db-2']);
    expect(before.sql.some((x) => x.endsWith('>db-1'))).toBe(true);
    e.runUntil(101_000); // the primary dies at 60 s, db-2 is promoted at 100 s
    expect(e.report().events.some((ev) => ev.type === 'promoted' && ev.node === 'db-2')).toBe(true);
    expect(edges(e.topology, 'replication')).toEqual(['db-2>db-1']);
    // Writes go to db-2 now (reads still follow each app's read_from list).
    expect(edges(e.topology, 'sql')).toEqual(expect.arrayContaining(['app-1>db-2', 'app-2>db-2']));
    expect(e.scenario.nodes.filter((n) => n.kind === 'server' && n.app).map((n) => n.kind === 'server' && n.app?.db)).toEqual(['db-2', 'db-2']);
    expect(e.scenario.nodes.find((n) => n.id === 'db-2')).toMatchObject({ db: { role: 'primary' } });
    // The scenario the caller passed in still describes the design as written.
    expect(s.nodes.find((n) => n.id === 'db-2')).toMatchObject({ db: { role: 'replica', of: 'db-1' } });
  });
});
