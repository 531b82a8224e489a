/**
 * The text alternative of every shipped diagram: each ```diagram block, each lab and
 * predict/pick-node scenario of the course and every scenario in assets/scenarios,
 * static and after a run with a failure, names every node and every edge it draws.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { describeDiagram, edgeWords } from '../../src/diagram/describe';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';
import { buildTopology } from '../../src/sim/spec/topology';
import type { Topology } from '../../src/sim/types';

const { course } = loadCourse(lessonsDir());
const uses: { scenario: string; show?: string[]; where: string }[] = [];
for (const chapter of course.chapters) {
  for (const lesson of chapter.lessons) {
    for (const step of lesson.steps) {
      const where = `${lesson.file}:${step.pos.line}`;
      if (step.kind === 'diagram') uses.push({ scenario: step.diagram.scenario, show: step.diagram.show, where });
      if (step.kind === 'lab') uses.push({ scenario: step.lab.scenario, where });
      if (step.kind === 'quiz' && (step.question.kind === 'predict' || step.question.kind === 'pick-node'))
        uses.push({ scenario: step.question.scenario, where });
    }
  }
}
for (const file of readdirSync(scenariosDir()).filter((f) => f.endsWith('.yaml'))) uses.push({ scenario: file.replace(/\.yaml$/, ''), where: file });

function expectAllNamed(topology: Topology, lines: string[], show?: string[]): void {
  const drawn = (id: string): boolean => !show || id === 'users' || id === 'dns' || show.includes(id);
  for (const node of topology.nodes.filter((n) => drawn(n.id))) {
    expect(lines.some((l) => l.startsWith(`${node.id}, `)), `node ${node.id}`).toBe(true);
  }
  for (const e of topology.edges.filter((x) => drawn(x.from) && drawn(x.to))) {
    const line = lines.find((l) => l.startsWith(`${e.from}, `))!;
    expect(line, `edge ${e.from} → ${e.to}`).toMatch(new RegExp(`sends ${edgeWords(e.kind)} to [^;]*\\b${e.to}\\b`));
  }
}

describe('describeDiagram', () => {
  it('covers the course', () => {
    expect(uses.filter((u) => !u.where.endsWith('.yaml')).length).toBeGreaterThan(10);
  });

  it.each(uses.map((u) => [u.where, u] as const))('%s names every node and edge', (_where, use) => {
    const scenario = loadScenario(use.scenario, scenariosDir());
    const topology = buildTopology(scenario);
    expectAllNamed(topology, describeDiagram(topology, undefined, { show: use.show }), use.show);
  });

  it('says live state: the node, how the load balancer sees it, the VIP holder', () => {
    const scenario = loadScenario('distributed', scenariosDir());
    const engine = createEngine(scenario, { at: [{ at_s: 2, action: 'kill', node: 'web-2' }] });
    engine.runUntil(2500);
    const lines = describeDiagram(engine.topology, engine.snapshot());
    expectAllNamed(engine.topology, lines);
    const lb = lines.find((l) => l.includes('load balancer'))!;
    expect(lb).toMatch(/, up, /);
    expect(lb).toMatch(/web-2 \(down; lb-1 sees it UP\)/);
    engine.runUntil(20_000);
    const later = describeDiagram(engine.topology, engine.snapshot());
    expect(later.find((l) => l.includes('load balancer'))).toMatch(/web-2 \(down\)/);
  });

  it('reads users first and the DNS record', () => {
    const topology = buildTopology(loadScenario('simple-web-stack', scenariosDir()));
    const lines = describeDiagram(topology);
    expect(lines[0]).toMatch(/^users, the users/);
    expect(lines.find((l) => l.startsWith('dns, '))).toMatch(/record .*www/);
  });
});
