import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';
import { loadCourseCached, writePrebuiltCourse } from '../../src/course/cached';

const fixtures = path.resolve(__dirname, '../fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadCourseCached', () => {
  const course = path.join(tmp, 'course');
  const scen = path.join(tmp, 'scenarios');
  cpSync(path.join(fixtures, 'course'), course, { recursive: true });
  cpSync(path.join(fixtures, 'scenarios'), scen, { recursive: true });
  const cacheFile = path.join(tmp, 'cache', 'course-cache.json');
  const opts = { scenariosDir: scen, cwd: tmp, cacheFile };

  it('gives the same course as loadCourse, from the cache the second time', async () => {
    const direct = loadCourse(course, { scenarios: scenarioLookupFromDir(scen), cwd: tmp });
    const first = await loadCourseCached(course, opts);
    expect(first.cache).toBe('miss');
    const second = await loadCourseCached(course, opts);
    expect(second.cache).toBe('hit');
    // JSON drops undefined fields; compare as JSON.
    expect(JSON.parse(JSON.stringify(second.course))).toEqual(JSON.parse(JSON.stringify(direct.course)));
    expect(second.problems).toEqual(direct.problems);
  });

  it('reloads when a lesson changes', async () => {
    appendFileSync(path.join(course, '02-distributed/02-chapter-review.md'), '\n```quiz\nkind: nope\n```\n');
    const r = await loadCourseCached(course, opts);
    expect(r.cache).toBe('miss');
    expect(r.problems.map((p) => p.message)).toEqual([expect.stringContaining("unknown kind 'nope'")]);
    expect((await loadCourseCached(course, opts)).cache).toBe('hit');
  });

  it('reloads when a scenario it was checked against changes', async () => {
    writeFileSync(path.join(scen, 'distributed.yaml'), 'nodes:\n  - id: lb-1\n  - id: web-1\n');
    const r = await loadCourseCached(course, opts);
    expect(r.cache).toBe('miss');
    expect(r.problems.some((p) => p.message.includes("'web-2' is not a node"))).toBe(true);
  });

  it('ignores a corrupt cache file and rewrites it', async () => {
    writeFileSync(cacheFile, '{ not json');
    expect((await loadCourseCached(course, opts)).cache).toBe('miss');
    expect(() => JSON.parse(readFileSync(cacheFile, 'utf8'))).not.toThrow();
    expect((await loadCourseCached(course, opts)).cache).toBe('hit');
  });

  it('still loads when the cache cannot be written', async () => {
    // A cache path under a regular file fails even for root.
    const blocker = path.join(tmp, 'blocker');
    writeFileSync(blocker, 'not a folder');
    const r = await loadCourseCached(course, { ...opts, cacheFile: path.join(blocker, 'c.json') });
    expect(r.course.chapters).toHaveLength(2);
    expect(r.cache).toBe('miss');
  });

  it('without a cache file it just loads', async () => {
    const r = await loadCourseCached(course, { scenariosDir: scen, cwd: tmp });
    expect(r.cache).toBe('off');
    expect(r.course.chapters).toHaveLength(2);
  });
});

describe('a prebuilt course file', () => {
  it('is used wherever the course folder sits, with its absolute paths moved there', async () => {
    const a = path.join(tmp, 'pkg-a');
    const b = path.join(tmp, 'pkg-b');
    for (const pkg of [a, b]) {
      cpSync(path.join(fixtures, 'course'), path.join(pkg, 'lessons'), { recursive: true });
      cpSync(path.join(fixtures, 'scenarios'), path.join(pkg, 'scenarios'), { recursive: true });
    }
    const prebuilt = path.join(a, 'dist', 'course.json');
    const made = await writePrebuiltCourse(path.join(a, 'lessons'), prebuilt, { scenariosDir: path.join(a, 'scenarios'), cwd: a });
    expect(made.problems).toEqual([]);
    // The same files installed elsewhere: the prebuilt file still matches.
    const r = await loadCourseCached(path.join(b, 'lessons'), { scenariosDir: path.join(b, 'scenarios'), cwd: b, prebuilt });
    expect(r.cache).toBe('hit');
    expect(r.course.root).toBe(path.join(b, 'lessons'));
    expect(r.course.chapters[0].dir).toBe(path.join(b, 'lessons', '01-simple-web-stack'));
    expect(r.course.chapters[0].lessons[0].file).toBe(path.join('lessons', '01-simple-web-stack', '01-one-server.md'));
    // Edit one lesson in b: the prebuilt file no longer applies.
    appendFileSync(path.join(b, 'lessons', '02-distributed', '02-chapter-review.md'), '\nMore.\n');
    const edited = await loadCourseCached(path.join(b, 'lessons'), { scenariosDir: path.join(b, 'scenarios'), cwd: b, prebuilt });
    expect(edited.cache).toBe('off');
  });
});
