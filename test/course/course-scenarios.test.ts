/**
 * The loader hands the UI finished objects: every scenario the lessons name, parsed
 * (a course folder may bring its own in `scenarios/`), and each lab's `at` lines
 * parsed, so the lab screen reads no file and parses nothing.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCourseCached } from '../../src/course/cached';
import { scenariosDir } from '../../src/package-root';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'course');
let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A copy of the fixture course whose lab names `own`, a scenario only the course folder has. */
function courseWithOwnScenario(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'course-own-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const lesson = path.join(dir, '02-distributed', '01-load-balancer.md');
  const text = readFileSync(lesson, 'utf8');
  writeFileSync(lesson, text.replace('```lab\nscenario: distributed', '```lab\nscenario: own'));
  mkdirSync(path.join(dir, 'scenarios'));
  const yaml = readFileSync(path.join(scenariosDir(), 'distributed.yaml'), 'utf8').replace(/^name: .*$/m, 'name: "The course\'s own copy"');
  writeFileSync(path.join(dir, 'scenarios', 'own.yaml'), yaml);
  return dir;
}

describe('course scenarios', () => {
  it('resolves the scenarios the lessons name, the course folder first, and parses each lab timeline', async () => {
    const dir = courseWithOwnScenario();
    const loaded = await loadCourseCached(dir, { scenariosDir: scenariosDir(), cwd: dir });
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const scenarios = loaded.course.scenarios!;
    expect(scenarios.own?.name).toBe("The course's own copy");
    expect(scenarios.distributed?.nodes.map((n) => n.id)).toContain('lb-1');
    const lab = loaded.course.chapters[1]!.lessons[0]!.steps.find((s) => s.kind === 'lab')!;
    expect(lab.kind === 'lab' && lab.id).toBe('load-balancer#lab1');
    expect(lab.kind === 'lab' && lab.atEvents).toEqual([
      { at_s: 5, action: 'kill', node: 'web-1' },
      { at_s: 20, action: 'restore', node: 'web-1' },
    ]);
  });

  it('reports a scenario neither folder has at its file:line', async () => {
    const dir = courseWithOwnScenario();
    rmSync(path.join(dir, 'scenarios', 'own.yaml'));
    const loaded = await loadCourseCached(dir, { scenariosDir: scenariosDir(), cwd: dir });
    const p = loaded.problems.find((x) => x.message.includes("unknown scenario 'own'"));
    expect(p?.file).toMatch(/01-load-balancer\.md$/);
    expect(p?.severity).toBe('error');
    expect(loaded.course.scenarios?.own).toBeUndefined();
  });
});
