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

const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-big-course-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// No timing assertions here: the shared test machine is too noisy for them, so load
// speed is measured by benchmarks (fresh processes, medians). This checks that a course
// several times the size of the shipped one still loads whole and clean.
it('loads a 32-lesson course whole, without problems', () => {
  makeBigCourse(tmp, 8);
  const r = loadCourse(tmp, { scenarios: scenarioLookupFromDir(path.join(fixtures, 'scenarios')), cwd: tmp });
  expect(r.problems).toEqual([]);
  expect(r.course.chapters).toHaveLength(8);
  expect(allLessons(r.course)).toHaveLength(32);
  expect(new Set(allLessons(r.course).map((l) => l.id)).size).toBe(32);
});
