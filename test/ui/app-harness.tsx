/**
 * Rendering the whole app in ink-testing-library: the fixture course, a progress
 * store in memory, a fixed terminal size, named keys, and `waitFor` so tests wait
 * for what a learner would see instead of sleeping.
 */
import path from 'node:path';
import { render } from 'ink-testing-library';
import { loadCourse } from '../../src/course/load-course';
import type { Course } from '../../src/course/types';
import { emptyProgress, type Progress, type ProgressStore } from '../../src/progress/types';
import { App } from '../../src/ui/app';
import { makeTheme } from '../../src/ui/theme';

import { pressKey, until } from './press-key';
export { KEY } from '../keys';

let fixture: Course | undefined;
/** The fixture course of test/fixtures/course (loaded once). */
export function fixtureCourse(): Course {
  if (!fixture) {
    const { course, problems } = loadCourse(path.resolve(__dirname, '../fixtures/course'));
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`fixture course has problems: ${errors.map((p) => p.message).join('; ')}`);
    fixture = course;
  }
  return fixture;
}

/**
 * A course of prose only (no quiz or lab whose view would take the arrow keys), for
 * navigation tests: chapters × lessons × pages, titles "Lesson c.l", text "Page c.l.p".
 */
export function pagesCourse(chapters = 2, lessons = 2, pages = 3): Course {
  const pos = { file: 'x.md', line: 1 };
  return {
    root: '/',
    chapters: Array.from({ length: chapters }, (_, ci) => ({
      id: `c${ci + 1}`,
      title: `Chapter ${ci + 1}`,
      dir: `/c${ci + 1}`,
      lessons: Array.from({ length: lessons }, (_, li) => ({
        id: `l${ci + 1}-${li + 1}`,
        title: `Lesson ${ci + 1}.${li + 1}`,
        chapterId: `c${ci + 1}`,
        file: `l${ci + 1}-${li + 1}.md`,
        steps: Array.from({ length: pages }, (_, pi) => ({ kind: 'page' as const, markdown: `Page ${ci + 1}.${li + 1}.${pi + 1}`, pos })),
      })),
    })),
  };
}

/** A course of one chapter and one lesson (`l1`, "Lesson 1") with the given steps. */
export function oneLessonCourse(steps: Course['chapters'][number]['lessons'][number]['steps']): Course {
  return {
    root: '/',
    chapters: [{ id: 'c1', title: 'Chapter 1', dir: '/c1', lessons: [{ id: 'l1', title: 'Lesson 1', chapterId: 'c1', file: 'l1.md', steps }] }],
  };
}

/** A store in memory that remembers every save. */
export class MemoryStore implements ProgressStore {
  readonly path = '(memory)';
  saves: Progress[] = [];
  constructor(private progress: Progress = emptyProgress(), private notice?: string) {}
  load(): { progress: Progress; notice?: string } {
    const notice = this.notice;
    this.notice = undefined;
    return { progress: this.progress, notice };
  }
  save(progress: Progress): void {
    this.progress = progress;
    this.saves.push(progress);
  }
  get last(): Progress {
    return this.progress;
  }
}

export interface RenderAppOptions {
  course?: Course;
  store?: MemoryStore;
  columns?: number;
  rows?: number;
  notices?: string[];
  startLesson?: string;
  ascii?: boolean;
}

export function renderApp(opts: RenderAppOptions = {}) {
  const course = opts.course ?? fixtureCourse();
  const store = opts.store ?? new MemoryStore();
  const exits: number[] = [];
  const size = { columns: opts.columns ?? 80, rows: opts.rows ?? 24 };
  const element = (s: { columns: number; rows: number }) => (
    <App
      course={course}
      store={store}
      initialProgress={store.load().progress}
      theme={makeTheme({ color: false, ascii: opts.ascii ?? false })}
      notices={opts.notices}
      startLesson={opts.startLesson}
      interactive={true}
      size={s}
      onExit={(code) => exits.push(code)}
    />
  );
  const r = render(element(size));
  const frame = (): string => r.lastFrame() ?? '';
  return {
    ...r,
    store,
    exits,
    frame,
    /** Send one key; returns once React has handled it and drawn the result. */
    async press(key: string): Promise<void> {
      await pressKey(r.stdin, key);
    },
    /** Wait until the frame contains `what` (or matches it, or passes it). */
    async waitFor(what: string | RegExp | ((frame: string) => boolean), timeout = 5000): Promise<string> {
      const seen = (f: string) => (typeof what === 'string' ? f.includes(what) : what instanceof RegExp ? what.test(f) : what(f));
      await until(() => seen(frame()), () => `waiting for ${String(what)}; frame was:\n${frame()}`, timeout);
      return frame();
    },
    /** Change the injected terminal size. */
    resize(columns: number, rows: number): void {
      r.rerender(element({ columns, rows }));
    },
  };
}
