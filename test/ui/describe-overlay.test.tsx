/**
 * The diagram in words (D): over a lesson step with a diagram it opens the text
 * alternative of that diagram; Esc closes it back to the same step; on a step
 * without a diagram it says so.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { lessonsDir } from '../../src/package-root';
import { describeStep } from '../../src/ui/screens/describe-overlay';
import { KEY, renderApp } from './app-harness';

const { course } = loadCourse(lessonsDir());

describe('describeStep', () => {
  it("reads a diagram step's topology, and says when a step has none", () => {
    const lesson = course.chapters[0]!.lessons.find((l) => l.id === 'sws-stack')!;
    const at = lesson.steps.findIndex((s) => s.kind === 'diagram');
    const d = describeStep(course, 'sws-stack', at);
    expect(d.items.some((i) => i.startsWith('server-1, server (Nginx'))).toBe(true);
    expect(describeStep(course, 'sws-stack', 0).items).toEqual(['This step has no diagram.']);
  });
});

describe('the diagram-in-words overlay', { timeout: 20_000 }, () => {
  it('opens with D over a diagram step at 60×18 and closes with Esc', async () => {
    const lesson = course.chapters[0]!.lessons.find((l) => l.id === 'sws-stack')!;
    const at = lesson.steps.findIndex((s) => s.kind === 'diagram');
    const app = renderApp({ course, startLesson: 'sws-stack', columns: 60, rows: 18 });
    await app.waitFor('One server, four parts');
    for (let i = 0; i < at; i++) await app.press(KEY.right);
    await app.waitFor(`step ${at + 1}/`);
    await app.press('D');
    const open = await app.waitFor('The diagram in words');
    expect(open).toContain('server-1, server');
    for (const line of open.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes('The diagram in words') && f.includes(`step ${at + 1}/`));
  });
});
