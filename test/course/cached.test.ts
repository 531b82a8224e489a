import { appendFileSync, cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { scenarioDirs, withScenarios } from '../../src/course/course-scenarios';
import { loadCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';
import { loadCourseCached, writePrebuiltCourse } from '../../src/course/cached';

const fixtures = path.resolve(__dirname, '../fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-prebuilt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A package folder with lessons/ and scenarios/ copied from the fixtures. */
function makePackage(name: string): { root: string; lessons: string; scenarios: string } {
  const root = path.join(tmp, name);
  rmSync(root, { recursive: true, force: true });
  cpSync(path.join(fixtures, 'course'), path.join(root, 'lessons'), { recursive: true });
  cpSync(path.join(fixtures, 'scenarios'), path.join(root, 'scenarios'), { recursive: true });
  return { root, lessons: path.join(root, 'lessons'), scenarios: path.join(root, 'scenarios') };
}

/** JSON drops undefined fields; compare courses as JSON. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('a prebuilt course file', () => {
  let pkg: ReturnType<typeof makePackage>;
  let prebuilt: string;
  let opts: { scenariosDir: string; cwd: string; prebuilt: string };
  beforeEach(async () => {
    pkg = makePackage('pkg');
    prebuilt = path.join(pkg.root, 'dist', 'course.json');
    const made = await writePrebuiltCourse(pkg.lessons, prebuilt, { scenariosDir: pkg.scenarios, cwd: pkg.root });
    expect(made.problems).toEqual([]);
    opts = { scenariosDir: pkg.scenarios, cwd: pkg.root, prebuilt };
  });

  it('is used when nothing changed, and gives the same course as a fresh load', async () => {
    const r = await loadCourseCached(pkg.lessons, opts);
    expect(r.source).toBe('prebuilt');
    const direct = loadCourse(pkg.lessons, { scenarios: scenarioLookupFromDir(pkg.scenarios), cwd: pkg.root });
    // The cached load hands the UI the scenarios and parsed timelines too.
    expect(asJson(r.course)).toEqual(asJson(withScenarios(direct.course, scenarioDirs(pkg.lessons, pkg.scenarios))));
    expect(r.problems).toEqual(direct.problems);
  });

  it('is ignored once a lesson is edited after the build, and the edit is seen', async () => {
    appendFileSync(path.join(pkg.lessons, '02-distributed/02-chapter-review.md'), '\n```quiz\nkind: nope\n```\n');
    const r = await loadCourseCached(pkg.lessons, opts);
    expect(r.source).toBe('fresh');
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining("unknown kind 'nope'")]);
  });

  it('is ignored when a lesson file is renamed (its order may have changed)', async () => {
    const dir = path.join(pkg.lessons, '02-distributed');
    renameSync(path.join(dir, '02-chapter-review.md'), path.join(dir, '09-chapter-review.md'));
    const r = await loadCourseCached(pkg.lessons, opts);
    expect(r.source).toBe('fresh');
    expect(r.course.chapters[1]?.lessons.at(-1)?.file).toBe(path.join('lessons', '02-distributed', '09-chapter-review.md'));
  });

  it('is ignored when a scenario the lessons were checked against changes', async () => {
    writeFileSync(path.join(pkg.scenarios, 'distributed.yaml'), 'nodes:\n  - id: lb-1\n  - id: web-1\n');
    const r = await loadCourseCached(pkg.lessons, opts);
    expect(r.source).toBe('fresh');
    expect(r.problems.some((p) => p.message.includes("'web-2' is not a node"))).toBe(true);
  });

  it('is ignored when corrupt or missing', async () => {
    writeFileSync(prebuilt, '{ not json');
    const corrupt = await loadCourseCached(pkg.lessons, opts);
    expect(corrupt.source).toBe('fresh');
    expect(corrupt.course.chapters).toHaveLength(2);
    rmSync(prebuilt);
    expect((await loadCourseCached(pkg.lessons, opts)).source).toBe('fresh');
  });

  it('is used wherever the package sits, with its absolute paths moved there', async () => {
    const other = makePackage('pkg-elsewhere');
    const r = await loadCourseCached(other.lessons, { scenariosDir: other.scenarios, cwd: other.root, prebuilt });
    expect(r.source).toBe('prebuilt');
    expect(r.course.root).toBe(other.lessons);
    expect(r.course.chapters[0]?.dir).toBe(path.join(other.lessons, '01-simple-web-stack'));
    expect(r.course.chapters[0]?.lessons[0]?.file).toBe(path.join('lessons', '01-simple-web-stack', '01-one-server.md'));
  });
});

it('without a prebuilt file the course is simply loaded', async () => {
  const pkg = makePackage('plain');
  const r = await loadCourseCached(pkg.lessons, { scenariosDir: pkg.scenarios, cwd: pkg.root });
  expect(r.source).toBe('fresh');
  expect(r.course.chapters).toHaveLength(2);
});
