/** Small helpers shared by the simulator tests. */
import { createEngine } from '../../src/sim/engine';
import { parseScenario } from '../../src/sim/scenario';
import type { EngineOptions, Engine, Report, Scenario } from '../../src/sim/types';

/** Parse an inline YAML scenario (throws with file:line problems if it is wrong). */
export function scenario(yaml: string, id = 'test'): Scenario {
  return parseScenario(yaml, `${id}.yaml`, id);
}

export function run(yaml: string, opts: EngineOptions = {}): Report {
  return createEngine(scenario(yaml), opts).run();
}

export function engine(yaml: string, opts: EngineOptions = {}): Engine {
  return createEngine(scenario(yaml), opts);
}

export function events(report: Report, type: string, node?: string) {
  return report.events.filter((e) => e.type === type && (node === undefined || e.node === node));
}

/** |actual − expected| / expected. */
export function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / expected;
}

/** N single-worker exponential servers behind one LB, no DNS or network delay. */
export function farm(opts: { n: number; rate: number; serviceMs: number; algorithm: string; extra?: string; duration: number; service?: string }): string {
  const servers = Array.from({ length: opts.n }, (_, i) => `web-${i + 1}`);
  return `name: farm
seed: 11
duration_s: ${opts.duration}
warmup_s: 50
dns: { lookup_ms: 0 }
workload: { rate_rps: ${opts.rate}, clients: 5000 }
nodes:
  - { id: lb-1, kind: load_balancer, algorithm: ${opts.algorithm}, to: [${servers.join(', ')}]${opts.extra ? `, ${opts.extra}` : ''} }
${servers.map((s) => `  - { id: ${s}, kind: server, roles: [web], workers: 1, service_ms: ${opts.serviceMs}, service: ${opts.service ?? 'exponential'} }`).join('\n')}
`;
}
