import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanup, render } from 'ink-testing-library';
import { emptyProgress, type Progress } from '../../src/progress/types';
import type { Course } from '../../src/course/types';
import { App } from '../../src/ui/app';
import { makeTheme } from '../../src/ui/theme';
import { prefetchStepViews } from '../../src/ui/steps/registry';
import { KEY, MemoryStore, pagesCourse, renderApp } from './app-harness';
import { until } from './press-key';

afterEach(() => cleanup());
// The quiz view is loaded on first use; compiling it (and the simulator it can
// drive) takes seconds in a cold test run, so load it once up front.
beforeAll(async () => {
  await prefetchStepViews();
}, 60_000);

const missedOne = (): Progress => ({
  ...emptyProgress(),
  current: { lesson: 'one-server', step: 0 },
  quizzes: { 'one-server#q2': { firstTryCorrect: false, solved: false, attempts: 1, at: '2026-01-01T00:00:00Z' } },
});

describe('review what I missed', { timeout: 20_000 }, () => {
  it('replays the missed question from the map with r, then returns to the map', async () => {
    const app = renderApp({ store: new MemoryStore(missedOne()) });
    await app.waitFor('Review what I missed (1 question)');
    await app.press('r');
    const f = await app.waitFor('Which port does plain HTTP use by default?');
    expect(f.split('\n')[0]).toMatch(/Review what I missed › One server does it all\s+question 1\/1/);
    // A text question: its field has the keys, so Esc leaves it before m works.
    await app.press(KEY.escape);
    await app.press('m');
    await app.waitFor('lessons done');
  });

  it('opens from its map entry with Enter', async () => {
    const app = renderApp({ store: new MemoryStore(missedOne()) });
    await app.waitFor('Review what I missed');
    await app.press(KEY.down);
    await app.press(KEY.enter);
    await app.waitFor('question 1/1');
  });
});

describe('saving', { timeout: 20_000 }, () => {
  it('keeps going and says so when progress cannot be saved', async () => {
    const store = new MemoryStore();
    store.save = () => {
      throw new Error('EROFS: read-only file system');
    };
    const app = renderApp({ course: pagesCourse(), store });
    await app.waitFor('Lesson 1.1');
    await app.press(KEY.enter);
    await app.waitFor('progress not saved');
    const f = await app.waitFor('Page 1.1.1');
    // Shown in the header, where the lesson's progress line was, and the lesson goes on.
    expect(f.split('\n')[1]).toContain('read-only file system');
    await app.press(KEY.right);
    await app.waitFor('Page 1.1.2');
  });

  it('does not write when nothing changed', async () => {
    const app = renderApp({ course: pagesCourse() });
    await app.waitFor('Lesson 1.1');
    await app.press(KEY.down);
    await app.press('?');
    await app.press(KEY.escape);
    expect(app.store.saves).toHaveLength(0);
  });
});

describe('a screen that fails', { timeout: 20_000 }, () => {
  it('shows one line instead of a stack trace and reports the error', async () => {
    const broken: Course = pagesCourse(1, 1, 1);
    // A page without text makes the Markdown renderer throw while drawing.
    (broken.chapters[0]!.lessons[0]!.steps[0] as { markdown: unknown }).markdown = undefined;
    const errors: Error[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const r = render(
        <App
          course={broken}
          store={new MemoryStore()}
          initialProgress={emptyProgress()}
          theme={makeTheme({ color: false })}
          startLesson="l1-1"
          interactive={true}
          size={{ columns: 80, rows: 24 }}
          onError={(e) => errors.push(e)}
        />,
      );
      await until(() => errors.length > 0, () => 'the error reported');
      expect(errors).toHaveLength(1);
      const f = r.lastFrame() ?? '';
      expect(f).toMatch(/^webinfra-learn stopped: /);
      expect(f.split('\n')).toHaveLength(1);
    } finally {
      quiet.mockRestore();
    }
  });
});
