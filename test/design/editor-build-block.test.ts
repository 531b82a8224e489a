import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/course';
import { loadCourse } from '../../src/course/load-course';

const dir = mkdtempSync(path.join(os.tmpdir(), 'build-block-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function course(block: string) {
  const chapter = path.join(dir, `c-${Math.random().toString(36).slice(2)}`, '01-chapter');
  mkdirSync(chapter, { recursive: true });
  writeFileSync(path.join(chapter, 'chapter.yaml'), 'id: chapter\ntitle: A chapter\n');
  writeFileSync(path.join(chapter, '01-review.md'), `---\nid: review\ntitle: Review\n---\n\nBuild it.\n\n\`\`\`build\n${block}\n\`\`\`\n`);
  return loadCourse(path.dirname(chapter), { cwd: dir });
}

describe('the build step', () => {
  it('a ```build block is a step that opens the editor for a task', () => {
    const { course: c, problems } = course('task: 2');
    expect(problems.map(formatProblem)).toEqual([]);
    const steps = c.chapters[0]!.lessons[0]!.steps;
    expect(steps.map((s) => s.kind)).toEqual(['page', 'build']);
    expect(steps[1]).toMatchObject({ kind: 'build', build: { task: 2 }, pos: { line: 8 } });
  });

  it('a task that is not 0–3, or an unknown field, is an error at its line', () => {
    const bad = course('task: 7').problems.map(formatProblem).join('\n');
    expect(bad).toMatch(/01-review\.md:9: .*task/);
    const typo = course('task: 1\ntsk: 2').problems.map(formatProblem).join('\n');
    expect(typo).toMatch(/01-review\.md:10: .*tsk/);
  });

  it('each chapter of the shipped course ends with the build step of its task', () => {
    const { course: c } = loadCourse(path.resolve(__dirname, '../../lessons'));
    const tasks = c.chapters.map((ch) => ch.lessons.at(-1)!.steps.filter((s) => s.kind === 'build').map((s) => (s.kind === 'build' ? s.build.task : -1)));
    expect(tasks).toEqual([[0], [1], [2], [3]]);
  });
});
