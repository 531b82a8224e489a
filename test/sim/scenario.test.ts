import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { scenariosDir } from '../../src/package-root';
import { listScenarios, loadScenario, parseScenario, ScenarioError } from '../../src/sim/scenario';
import { buildTopology } from '../../src/sim/topology';

const REQUIRED = ['simple-web-stack', 'distributed', 'secured-monitored', 'scale-up', 'replica-write', 'replication-lag', 'capacity'];

function problemsOf(text: string): string[] {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('built-in scenarios', () => {
  it('has every scenario the course refers to, and each loads', () => {
    const ids = listScenarios(scenariosDir()).map((s) => s.id);
    for (const id of REQUIRED) expect(ids).toContain(id);
    for (const id of ids) expect(() => loadScenario(id, scenariosDir())).not.toThrow();
  });

  it('keeps nodes a top-level list of {id, kind} for plain YAML readers', () => {
    for (const s of listScenarios(scenariosDir())) {
      const raw = parse(readFileSync(s.file, 'utf8'));
      expect(Array.isArray(raw.nodes)).toBe(true);
      for (const n of raw.nodes) expect(typeof n.id === 'string' && typeof n.kind === 'string').toBe(true);
    }
  });

  it('uses the fixed node ids of common scenarios', () => {
    const ids = (name: string) => loadScenario(name, scenariosDir()).nodes.map((n) => n.id).sort();
    expect(ids('simple-web-stack')).toEqual(['server-1']);
    expect(ids('distributed')).toEqual(['lb-1', 'web-1', 'web-2']);
    expect(ids('secured-monitored')).toEqual(['lb-1', 'web-1', 'web-2']);
    const big = ['app-1', 'app-2', 'db-1', 'db-2', 'lb-1', 'lb-2', 'web-1', 'web-2'];
    expect(ids('scale-up')).toEqual(big);
    expect(ids('capacity')).toEqual(big);
    expect(ids('replica-write')).toEqual(['lb-1', 'web-1', 'web-2']);
    expect(ids('replication-lag')).toEqual(['lb-1', 'web-1', 'web-2']);
  });

  it('fills in documented defaults', () => {
    const s = loadScenario('distributed', scenariosDir());
    const lb = s.nodes.find((n) => n.id === 'lb-1');
    expect(lb?.kind).toBe('load_balancer');
    if (lb?.kind !== 'load_balancer') return;
    expect(lb.health_check).toEqual({ inter_ms: 2000, fastinter_ms: 2000, fall: 3, rise: 2, timeout_ms: 2000, type: 'tcp', path: '/health' });
    expect(lb.retries).toBe(3);
    expect(lb.redispatch).toBe(false);
    expect(lb.weights).toEqual({ 'web-1': 1, 'web-2': 1 });
  });
});

describe('scenario validation', () => {
  it('reports problems with file:line', () => {
    const text = [
      'name: x', // 1
      'workload: { rate_rps: -3 }', // 2
      'nodes:', // 3
      '  - id: lb-1', // 4
      '    kind: load_balancer', // 5
      '    algoritm: roundrobin', // 6
      '    to: [web-9]', // 7
      '  - { id: web-1, kind: server, roles: [web, cache] }', // 8
      'timeline:', // 9
      '  - { at_s: 5, action: explode, node: web-1 }', // 10
    ].join('\n');
    const p = problemsOf(text);
    expect(p).toContain("bad.yaml:2: 'rate_rps' must be greater than 0, got -3 (range > 0 to 20000)");
    expect(p.some((m) => m.startsWith('bad.yaml:6:') && m.includes("did you mean 'algorithm'"))).toBe(true);
    expect(p.some((m) => m.startsWith('bad.yaml:7:') && m.includes("unknown node 'web-9'"))).toBe(true);
    expect(p.some((m) => m.startsWith('bad.yaml:8:') && m.includes("unknown role 'cache'"))).toBe(true);
    expect(p.some((m) => m.startsWith('bad.yaml:10:') && m.includes("'action' must be one of"))).toBe(true);
  });

  it('rejects a CNAME to an IP address with the reason', () => {
    const p = problemsOf(
      'name: x\nworkload: { rate_rps: 1 }\ndns:\n  records:\n    - { name: www.foobar.com, type: CNAME, value: 8.8.8.8 }\nnodes:\n  - { id: s, kind: server, roles: [web] }\n',
    );
    expect(p.some((m) => m.startsWith('bad.yaml:5:') && m.includes('never to an IP'))).toBe(true);
  });

  it('reports YAML syntax errors with their line', () => {
    const p = problemsOf('name: x\nnodes:\n  - { id: a, kind: server\n');
    expect(p[0]).toMatch(/^bad\.yaml:\d+: YAML syntax/);
  });

  it('accepts clients reaching a single server directly and gives it the entry address', () => {
    const s = parseScenario('name: one\nworkload: { rate_rps: 5 }\nnodes:\n  - { id: s1, kind: server, roles: [web] }\n', 'one.yaml');
    expect(s.nodes[0]!.ip).toBe('8.8.8.8');
    expect(s.dns?.records[0]).toMatchObject({ name: 'www.foobar.com', type: 'A', value: '8.8.8.8' });
  });

  it('loads a scenario from a path and names unknown built-ins', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'scn-'));
    const f = path.join(dir, 'mine.yaml');
    writeFileSync(f, 'name: mine\nworkload: { rate_rps: 5 }\nnodes:\n  - { id: s1, kind: server, roles: [web] }\n');
    expect(loadScenario(f, scenariosDir()).id).toBe('mine');
    expect(() => loadScenario('no-such-thing', scenariosDir())).toThrow(/Built-in scenarios: .*distributed/);
  });
});

describe('topology', () => {
  it('names the components of the task 1 design', () => {
    const t = buildTopology(loadScenario('distributed', scenariosDir()));
    const node = (id: string) => t.nodes.find((n) => n.id === id)!;
    expect(node('lb-1').components).toEqual(['HAProxy']);
    expect(node('web-1').components).toEqual(['Nginx', 'App server', 'Code base', 'MySQL (primary)']);
    expect(node('web-2').components).toEqual(['Nginx', 'App server', 'Code base', 'MySQL (replica)']);
    expect(t.edges).toContainEqual({ from: 'web-1', to: 'web-2', kind: 'replication' });
    expect(t.edges).toContainEqual({ from: 'web-2', to: 'web-1', kind: 'sql' });
    expect(t.edges).toContainEqual({ from: 'users', to: 'lb-1', kind: 'http' });
    expect(t.records[0]).toMatchObject({ name: 'www.foobar.com', type: 'A', value: '8.8.8.8' });
  });

  it('draws the scale-up tiers, the VRRP pair and TLS termination', () => {
    const t = buildTopology(loadScenario('scale-up', scenariosDir()));
    const tier = (id: string) => t.nodes.find((n) => n.id === id)!.tier;
    expect([tier('users'), tier('dns'), tier('lb-1'), tier('web-1'), tier('app-1'), tier('db-1')]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(t.edges).toContainEqual({ from: 'lb-1', to: 'lb-2', kind: 'vrrp' });
    expect(t.edges).toContainEqual({ from: 'users', to: 'lb-1', kind: 'https' });
    expect(t.edges).toContainEqual({ from: 'lb-1', to: 'web-1', kind: 'http' });
    const lb = t.nodes.find((n) => n.id === 'lb-1')!;
    expect(lb).toMatchObject({ vip: '8.8.8.8', tls: 'terminate', firewall: true, agent: true });
    expect(lb.components).toEqual(['HAProxy', 'keepalived', 'SSL certificate']);
    expect(t.nodes.find((n) => n.id === 'db-2')!.components).toEqual(['MySQL (replica)']);
  });

  it('simple web stack: one server with the whole stack, users reach it directly', () => {
    const t = buildTopology(loadScenario('simple-web-stack', scenariosDir()));
    expect(t.nodes.find((n) => n.id === 'server-1')!.components).toEqual(['Nginx', 'App server', 'Code base', 'MySQL']);
    expect(t.edges).toContainEqual({ from: 'users', to: 'server-1', kind: 'http' });
  });
});

describe('the scenario README', () => {
  it('documents a scenario that loads', () => {
    const text = readFileSync(path.join(scenariosDir(), 'README.md'), 'utf8');
    const block = /```yaml\n([\s\S]*?)```/.exec(text)![1]!;
    const s = parseScenario(block, 'README.md');
    expect(s.nodes.map((n) => n.id)).toEqual(['lb-1', 'web-1', 'web-2']);
    expect(s.monitoring?.alerts).toHaveLength(1);
  });
});
