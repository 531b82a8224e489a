import { describe, expect, it } from 'vitest';
import type { Course, Step } from '../../src/course/types';
import { emptyProgress, type Progress } from '../../src/progress/types';
import { createAppReducer, initialAppState, type AppAction, type AppState } from '../../src/ui/use-app-state';
import { buildMap } from '../../src/ui/map-model';

const pos = { file: 'x.md', line: 1 };
const page = (text: string): Step => ({ kind: 'page', markdown: text, pos });
const quiz = (id: string): Step => ({
  kind: 'quiz',
  pos,
  question: { id, kind: 'single', prompt: `question ${id}`, explain: '', choices: [{ text: 'a', correct: true }, { text: 'b' }] },
});

/** Two chapters: a (2 lessons), b (1 lesson). */
const course: Course = {
  root: '/c',
  chapters: [
    {
      id: 'a',
      title: 'Chapter A',
      dir: '/c/01-a',
      lessons: [
        { id: 'a1', title: 'A one', chapterId: 'a', file: 'a1.md', steps: [page('p1'), quiz('a1#q1'), page('p3')] },
        { id: 'a2', title: 'A two', chapterId: 'a', file: 'a2.md', steps: [page('p1'), quiz('a2#q1')] },
      ],
    },
    { id: 'b', title: 'Chapter B', dir: '/c/02-b', lessons: [{ id: 'b1', title: 'B one', chapterId: 'b', file: 'b1.md', steps: [page('only')] }] },
  ],
};

const reduce = createAppReducer(course);
const run = (state: AppState, ...actions: AppAction[]): AppState => actions.reduce(reduce, state);
const start = (progress: Progress = emptyProgress(), opts = {}) => initialAppState(course, progress, opts);

describe('app state', () => {
  it('starts on the map with the cursor on the first lesson', () => {
    const s = start();
    expect(s.screen).toEqual({ name: 'map' });
    const entry = buildMap(course, s.progress).entries[s.mapCursor];
    expect(entry).toMatchObject({ kind: 'lesson', lessonId: 'a1' });
  });

  it('opens the selected lesson and records the step reached', () => {
    const s = run(start(), { type: 'mapMove', delta: 1 }, { type: 'mapSelect' });
    expect(s.screen).toEqual({ name: 'lesson', lesson: 'a2', step: 0 });
    expect(s.progress.current).toEqual({ lesson: 'a2', step: 0 });
  });

  it('walks next through steps, completes the lesson and moves into the next one', () => {
    let s = run(start(), { type: 'openLesson', lesson: 'a1' }, { type: 'next' }, { type: 'next' });
    expect(s.screen).toEqual({ name: 'lesson', lesson: 'a1', step: 2 });
    expect(s.progress.furthest.a1).toBe(2);
    expect(s.progress.completed).toEqual([]);
    s = run(s, { type: 'next' });
    expect(s.progress.completed).toEqual(['a1']);
    expect(s.screen).toEqual({ name: 'lesson', lesson: 'a2', step: 0 });
  });

  it('goes back across the lesson boundary to the previous lesson’s last step', () => {
    const s = run(start(), { type: 'openLesson', lesson: 'a2' }, { type: 'prev' });
    expect(s.screen).toEqual({ name: 'lesson', lesson: 'a1', step: 2 });
    // …and stays put at the very first step of the course.
    expect(run(start(), { type: 'openLesson', lesson: 'a1' }, { type: 'prev' }).screen).toEqual({ name: 'lesson', lesson: 'a1', step: 0 });
  });

  it('shows "course complete" after the last step of the last lesson', () => {
    const s = run(start(), { type: 'openLesson', lesson: 'b1' }, { type: 'next' });
    expect(s.screen).toEqual({ name: 'complete' });
    expect(s.progress.completed).toContain('b1');
    expect(run(s, { type: 'prev' }).screen).toEqual({ name: 'lesson', lesson: 'b1', step: 0 });
  });

  it('offers Continue to a returning learner, landing on the exact step', () => {
    const progress: Progress = { ...emptyProgress(), current: { lesson: 'a1', step: 2 }, furthest: { a1: 2 } };
    const s = start(progress);
    const entries = buildMap(course, s.progress).entries;
    expect(entries[0]).toMatchObject({ kind: 'continue', target: { lesson: 'a1', step: 2 } });
    expect(s.mapCursor).toBe(0);
    expect(run(s, { type: 'mapSelect' }).screen).toEqual({ name: 'lesson', lesson: 'a1', step: 2 });
    expect(run(s, { type: 'continue' }).screen).toEqual({ name: 'lesson', lesson: 'a1', step: 2 });
  });

  it('clamps a saved step that no longer exists', () => {
    const progress: Progress = { ...emptyProgress(), current: { lesson: 'a2', step: 9 } };
    expect(run(start(progress), { type: 'continue' }).screen).toEqual({ name: 'lesson', lesson: 'a2', step: 1 });
  });

  it('records the first try of a quiz answer and keeps it on retries', () => {
    let s = run(start(), { type: 'quizAnswer', questionId: 'a1#q1', correct: false });
    s = run(s, { type: 'quizAnswer', questionId: 'a1#q1', correct: true });
    expect(s.progress.quizzes['a1#q1']).toMatchObject({ firstTryCorrect: false, solved: true, attempts: 2 });
  });

  it('replays missed questions in the review flow and returns to the map', () => {
    let s = run(start(), { type: 'quizAnswer', questionId: 'a1#q1', correct: false }, { type: 'quizAnswer', questionId: 'a2#q1', correct: true });
    s = run(s, { type: 'startReview' });
    expect(s.screen).toMatchObject({ name: 'review', index: 0, items: [{ lesson: 'a1', step: 1, questionId: 'a1#q1' }] });
    s = run(s, { type: 'next' });
    expect(s.screen).toEqual({ name: 'map' });
    expect(s.notices[0]).toMatch(/Review done/);
  });

  it('says there is nothing to review when nothing was missed', () => {
    const s = run(start(), { type: 'startReview' });
    expect(s.screen).toEqual({ name: 'map' });
    expect(s.notices[0]).toMatch(/Nothing to review/);
  });

  it('toggles help, closes it with back, and back from a lesson goes to the map', () => {
    let s = run(start(), { type: 'openLesson', lesson: 'a1' }, { type: 'toggleHelp' });
    expect(s.help).toBe(true);
    s = run(s, { type: 'back' });
    expect(s.help).toBe(false);
    expect(s.screen.name).toBe('lesson');
    expect(run(s, { type: 'back' }).screen).toEqual({ name: 'map' });
  });

  it('shows notices until the first action', () => {
    const s = start(emptyProgress(), { notices: ['progress file was corrupt'] });
    expect(s.notices).toEqual(['progress file was corrupt']);
    expect(run(s, { type: 'mapMove', delta: 1 }).notices).toEqual([]);
  });

  it('deep-links into a lesson, or explains an unknown id', () => {
    expect(start(emptyProgress(), { startLesson: 'a2' }).screen).toEqual({ name: 'lesson', lesson: 'a2', step: 0 });
    const s = start(emptyProgress(), { startLesson: 'nope' });
    expect(s.screen).toEqual({ name: 'map' });
    expect(s.notices[0]).toContain('"nope"');
  });

  it('keeps the map cursor within the entries', () => {
    const s = run(start(), { type: 'mapMove', delta: -5 });
    expect(s.mapCursor).toBe(0);
    const end = run(start(), { type: 'mapEnd' });
    expect(end.mapCursor).toBe(buildMap(course, end.progress).entries.length - 1);
    expect(run(end, { type: 'mapMove', delta: 10 }).mapCursor).toBe(end.mapCursor);
  });

  it('leaves progress untouched (same object) when nothing changed', () => {
    const s = run(start(), { type: 'openLesson', lesson: 'a1' });
    expect(run(s, { type: 'toggleHelp' }).progress).toBe(s.progress);
  });
});
