/**
 * Scenario numbers have documented ranges (spec/limits.ts), refused with file:line
 * before anything runs, and the engine has a budget per frame and per run.
 */
import { describe, expect, it, vi } from 'vitest';
import { runSimCommand } from '../../src/cli/sim-command';
import { ScenarioError } from '../../src/sim/scenario';
import { LIMITS } from '../../src/sim/spec/limits';
import { engine, scenario } from './helpers';

// Long simulations (and a 10,000-entry YAML file): seconds each on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const base = (top: string, lb = '') => `name: limits
${top}
nodes:
  - { id: web-1, kind: server, roles: [web], workers: 4 }
  - { id: lb-1, kind: load_balancer, to: [web-1]${lb} }
`;

function problems(yaml: string): string {
  try {
    scenario(yaml, 'bad');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  return '';
}

describe('scenario number ranges', () => {
  const cases: [string, string, string, RegExp][] = [
    ['rate_rps: 1e7', 'workload: { rate_rps: 1e7 }', '', /bad\.yaml:2: 'rate_rps' must be at most 20000/],
    ['clients: 1e9', 'workload: { rate_rps: 10, clients: 1000000000 }', '', /bad\.yaml:2: 'clients' must be at most 100000/],
    ['duration_s: 1e9', 'duration_s: 1000000000', '', /bad\.yaml:2: 'duration_s' must be at most 86400/],
    ['inter_ms: 1e-6', 'workload: { rate_rps: 10 }', ', health_check: { inter_ms: 0.000001 }', /bad\.yaml:5: 'inter_ms' must be at least 100/],
    ['advert_int_s: 1e-6', 'workload: { rate_rps: 10 }', ', vrrp: { vip: 8.8.8.8, priority: 100, advert_int_s: 0.000001 }', /'advert_int_s' must be at least 0.1/],
    ['track_script interval', 'workload: { rate_rps: 10 }', ', vrrp: { vip: 8.8.8.8, priority: 100, track_script: { interval_s: 0.001 } }', /'interval_s' must be at least 0.1/],
    ['monitoring interval_s: 1e-6', 'workload: { rate_rps: 10 }\nmonitoring: { interval_s: 0.000001 }', '', /bad\.yaml:3: 'interval_s' must be at least 1/],
    ['retries: 1e6', 'workload: { rate_rps: 10 }', ', retries: 1000000', /'retries' must be at most 10/],
  ];
  for (const [what, top, lb, re] of cases) it(`refuses ${what} with file:line`, () => expect(problems(base(top, lb))).toMatch(re));

  it('refuses a timeline longer than 10,000 entries', () => {
    const timeline = `timeline:\n${Array.from({ length: 10_001 }, (_, i) => `  - { at_s: ${i % 50}, action: set_rate, value: 10 }`).join('\n')}`;
    expect(problems(base(`workload: { rate_rps: 10 }\n${timeline}`))).toMatch(/'timeline' has 10001 entries; at most 10000/);
  });

  it('keeps the documented defaults inside their ranges', () => {
    expect(() => scenario(base('workload: { rate_rps: 50 }'))).not.toThrow();
    for (const r of Object.values(LIMITS)) expect(r.max).toBeGreaterThan(r.min ?? r.gt ?? -Infinity);
  });
});

describe('engine budgets', () => {
  const heavy = base('duration_s: 600\nworkload: { rate_rps: 2000 }\ndns: { lookup_ms: 0 }');

  it('a frame budget stops runUntil short of its target; later frames catch up', () => {
    const e = engine(heavy);
    e.runUntil(60_000, { maxEvents: 10_000 });
    expect(e.now()).toBeLessThan(60_000);
    expect(e.report().sim.events_processed).toBe(10_000);
    while (e.now() < 60_000) e.runUntil(60_000, { maxEvents: 10_000 });
    expect(e.now()).toBe(60_000);
  });

  it('a run budget ends the run early and says so in the report', () => {
    const r = engine(heavy, { max_events: 50_000 }).run();
    expect(r.sim.budget_exhausted).toBe(true);
    expect(r.sim.events_processed).toBe(50_000);
    expect(r.duration_s).toBeLessThan(600);
  });

  it('sim --json refuses a run too big for its event budget with a clear message (exit 2)', async () => {
    let err = '';
    let out = '';
    const code = await runSimCommand(['distributed', '--json', '--rate', '20000', '--duration', '86400'], {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      env: {},
    });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/20000 req\/s for 86400 s is too much to simulate here \(budget 50,000,000 events\); lower --rate or --duration/);
  });
});
