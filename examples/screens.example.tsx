/**
 * Every screen of the app, drawn with the fixture course (test/fixtures/course) at
 * 80×24 and 60×18, printed so you can see them without a terminal:
 *
 *   npm run examples            (or: npx vitest run --config examples/vitest.config.ts)
 *
 * It drives the real root component through ink-testing-library with the same
 * harness as the screen tests (test/ui/app-harness.tsx): keys go in, frames come
 * out. Each frame is also checked to fit (at most rows − 1 lines, each at most
 * `columns` cells), so a screen that overflows fails here too.
 */
import { describe, expect, it } from 'vitest';
import { cellWidth } from '../src/ui/text';
import { KEY, fixtureCourse, renderApp } from '../test/ui/app-harness';

const SIZES = [
  { columns: 80, rows: 24 },
  { columns: 60, rows: 18 },
] as const;

function show(title: string, frame: string, size: { columns: number; rows: number }): void {
  const lines = frame.split('\n');
  const rule = '─'.repeat(size.columns);
  console.log(`${title} (${size.columns}×${size.rows})\n${rule}\n${frame}\n${rule}\n`);
  expect(lines.length, `${title}: lines`).toBeLessThanOrEqual(size.rows - 1);
  for (const line of lines) expect(cellWidth(line), `${title}: ${line}`).toBeLessThanOrEqual(size.columns);
}

describe.each(SIZES)('screens at $columns×$rows', (size) => {
  it('course map, and its help overlay', async () => {
    const app = renderApp(size);
    show('Course map', await app.waitFor('lessons done'), size);
    await app.press('?');
    show('Help (from the map)', await app.waitFor('Esc'), size);
    app.unmount();
  });

  for (const chapter of fixtureCourse().chapters) {
    for (const lesson of chapter.lessons) {
      it(`every step of ${lesson.id}`, async () => {
        const app = renderApp({ ...size, startLesson: lesson.id });
        const n = lesson.steps.length;
        for (let k = 1; k <= n; k++) {
          const frame = await app.waitFor(`step ${k}/${n}`);
          show(`${lesson.title}, step ${k}/${n} (${lesson.steps[k - 1]?.kind})`, frame, size);
          if (k < n) await app.press(KEY.right);
        }
        app.unmount();
      }, 30_000);
    }
  }

  it('a terminal that is too small', async () => {
    const small = { columns: size.columns - 20, rows: size.rows - 8 };
    const app = renderApp(small);
    const frame = await app.waitFor(/too small/i);
    console.log(`Too small (${small.columns}×${small.rows})\n${frame}\n`);
    app.unmount();
  });
});
