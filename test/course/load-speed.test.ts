import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { allLessons } from '../../src/course';
import { loadCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';

const fixtures = path.resolve(__dirname, '../fixtures');

/** A course of `chapters` × 4 lessons built from the fixture's lessons with fresh ids. */
export function makeBigCourse(dir: string, chapters: number): void {
  const src = path.join(fixtures, 'course');
  const lessons = readdirSync(src).flatMap((c) =>
    readdirSync(path.join(src, c))
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(path.join(src, c, f), 'utf8')),
  );
  for (let c = 1; c <= chapters; c++) {
    const cdir = path.join(dir, `${String(c).padStart(2, '0')}-ch${c}`);
    cpSync(path.join(src, '01-simple-web-stack'), cdir, { recursive: true });
    writeFileSync(path.join(cdir, 'chapter.yaml'), `id: ch${c}\ntitle: Chapter ${c}\n`);
    for (const f of readdirSync(cdir)) if (f.endsWith('.md')) rmSync(path.join(cdir, f));
    lessons.forEach((text, i) => {
      const id = `c${c}-l${i}`;
      const body = text
        .replace(/^id: .*$/m, `id: ${id}`)
        .replace(/^id: one-server-record$/m, `id: ${id}-record`)
        .replace(/lesson: (load-balancer|one-server)/g, `lesson: c${c}-l0`);
      writeFileSync(path.join(cdir, `${String(i + 1).padStart(2, '0')}-l.md`), body);
    });
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-speed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('loads a 32-lesson course in a few milliseconds once warm', () => {
  makeBigCourse(tmp, 8);
  const scenarios = scenarioLookupFromDir(path.join(fixtures, 'scenarios'));
  const first = performance.now();
  const r = loadCourse(tmp, { scenarios, cwd: tmp });
  const cold = performance.now() - first;
  expect(r.problems).toEqual([]);
  expect(allLessons(r.course)).toHaveLength(32);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    loadCourse(tmp, { scenarios: scenarioLookupFromDir(path.join(fixtures, 'scenarios')), cwd: tmp });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`loadCourse, 32 lessons: first ${cold.toFixed(1)} ms, warm median ${times[3].toFixed(1)} ms`);
  // Generous: the machine is shared; a regression to per-lesson heavy work would blow this.
  expect(times[3]).toBeLessThan(250);
});
