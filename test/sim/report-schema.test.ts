/**
 * assets/report.schema.json describes what `sim --json` prints: real reports of every
 * shipped scenario, and of runs with each kind of fault, validate against it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimCommand } from '../../src/cli/sim-command';
import { EVENT_TYPES, FAILURE_CAUSES } from '../../src/sim/spec/vocabulary';
import { type Schema, validate } from './json-schema';

const root = path.resolve(__dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'assets/report.schema.json'), 'utf8')) as Schema;
const scenarios = path.join(root, 'assets/scenarios');

async function simJson(args: string[]): Promise<unknown> {
  let out = '';
  let err = '';
  const code = await runSimCommand([...args, '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, env: {}, scenariosDir: scenarios });
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe('the sim --json report schema', () => {
  it('names every event type the simulator reports', () => {
    const events = (schema.properties!.events!.items as Schema).properties!.type!.enum;
    expect(events).toEqual([...EVENT_TYPES]);
  });

  it('names every failure cause the simulator attributes', () => {
    const causes = (schema.properties!.failures!.items as Schema).properties!.cause!.enum;
    expect(causes).toEqual(FAILURE_CAUSES.map((c) => c.cause));
  });

  const ids = readdirSync(scenarios).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
  for (const id of ids) {
    it(`validates the report of ${id}`, async () => {
      expect(validate(schema, await simJson([id, '--duration', '40']))).toEqual([]);
    });
  }

  const faults: [string, string[]][] = [
    ['distributed', ['--at', '5:hang:web-2:app', '--at', '8:kill:web-1:nginx', '--at', '12:restore:web-2', '--at', '15:add_server:web']],
    ['failover-demo', ['--at', '5:kill:lb-1:haproxy', '--at', '9:blackhole:web-1', '--at', '20:restore:web-1']],
    ['replication-lag', ['--at', '5:stop_replication:web-2', '--at', '15:start_replication:web-2', '--at', '18:kill:web-1:mysql']],
    ['distributed', ['--at', '10:set_redispatch:on', '--at', '12:set_workers:app:6', '--at', '20:stop_replication:web-2', '--at', '30:promote:web-2']],
    ['replica-write', ['--at', '10:promote:web-2', '--at', '20:promote:web-1']],
    ['failover-demo', ['--at', '5:hang:app-1', '--at', '6:stop_replication:db-2', '--at', '7:kill:lb-1:keepalived', '--at', '25:restore:app-1']],
  ];
  for (const [id, at] of faults) {
    it(`validates ${id} with ${at.filter((a) => a !== '--at').join(', ')}`, async () => {
      const report = (await simJson([id, '--duration', '40', ...at])) as { requests: { failed: number }; failures: { count: number }[] };
      expect(validate(schema, report)).toEqual([]);
      // Every failure is attributed once.
      expect(report.failures.reduce((n, f) => n + f.count, 0)).toBe(report.requests.failed);
    });
  }

  it('counts split brain writes in db.diverged_writes', async () => {
    const report = (await simJson(['distributed', '--duration', '40', '--at', '20:stop_replication:web-2', '--at', '30:promote:web-2'])) as { db: { diverged_writes: number } };
    expect(report.db.diverged_writes).toBeGreaterThan(50);
  });

  it('catches a report that does not match (the validator is not a no-op)', () => {
    expect(validate(schema, { scenario: 1 }).length).toBeGreaterThan(5);
  });
});
