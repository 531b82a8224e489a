import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDesign, ScenarioError, serializeDesign } from '../../src/design';
import { parseScenario } from '../../src/sim/scenario';
import { FIXTURES, fixture, SCENARIOS, yamlFiles } from './helpers';

const loadable = [...yamlFiles(SCENARIOS), ...yamlFiles(FIXTURES).filter((f) => !path.basename(f).startsWith('bad-'))];

describe('a design is a scenario file', () => {
  it.each(loadable.map((f) => [path.relative(process.cwd(), f), f]))('load → save → load gives the same scenario: %s', (_, file) => {
    const name = path.basename(file);
    const s = parseDesign(readFileSync(file, 'utf8'), name);
    const saved = serializeDesign(s);
    expect(parseDesign(saved, name)).toEqual(s);
    // Saving again changes nothing: the file is stable under the editor's load/save.
    expect(serializeDesign(parseDesign(saved, name))).toBe(saved);
  });

  it('saves only what the loader would not fill in, as the shipped scenarios are written', () => {
    const saved = serializeDesign(fixture('task3-complete'));
    expect(saved).toContain('vrrp: { vip: 8.8.8.8, priority: 150 }');
    expect(saved).toContain('roles: [ web ]');
    // Defaults stay out: HAProxy's retries, health-check timings, keepalived's advert interval.
    expect(saved).not.toMatch(/retries|inter_ms|advert_int_s|hash_type|timeout_queue_ms/);
    expect(saved.split('\n').every((l) => l.length <= 100)).toBe(true);
  });

  it('what it saves is a scenario the simulator loads as is', () => {
    const s = fixture('task2-complete');
    const again = parseScenario(serializeDesign(s), 'task2-complete.yaml');
    expect(again.nodes.map((n) => n.id)).toEqual(['lb-1', 'web-1', 'web-2']);
  });

  it('keeps values the learner changed from the defaults', () => {
    const s = fixture('task1-complete');
    const lb = s.nodes[0]!;
    if (lb.kind !== 'load_balancer') throw new Error('expected a load balancer first');
    lb.redispatch = true;
    lb.health_check = { ...lb.health_check, inter_ms: 1000, fastinter_ms: 1000, timeout_ms: 1000 };
    const saved = serializeDesign(s);
    expect(saved).toContain('redispatch: true');
    expect(saved).toContain('health_check: { inter_ms: 1000 }');
    expect(parseDesign(saved, 'task1-complete.yaml')).toEqual(s);
  });

  it('a bad file is reported as file:line: message', () => {
    const file = 'bad-cname.yaml';
    let error: unknown;
    try {
      parseDesign(readFileSync(path.join(FIXTURES, file), 'utf8'), file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toMatch(/^bad-cname\.yaml:4: a CNAME points to another name/);
  });

  it('a YAML syntax error names its line', () => {
    expect(() => parseDesign('name: x\nnodes:\n  - { id: a, kind: server\n', 'mine.yaml')).toThrow(/^mine\.yaml:\d+: YAML syntax/);
  });
});
