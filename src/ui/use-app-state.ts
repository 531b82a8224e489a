/**
 * The app's router and the learner's progress as one reducer over named actions.
 * Every screen change and every progress change goes through here, so it is
 * tested directly (test/ui/app-state.test.ts) and the views only dispatch.
 *
 * Progress is part of the state on purpose: the root saves it whenever it changes
 * (see app.tsx), so quitting at any moment loses nothing.
 */
import { useMemo, useReducer } from 'react';
import type { Course } from '../course/types';
import type { Progress } from '../progress/types';
import { buildMap } from './map-model';
import {
  completeLesson,
  findLesson,
  flatLessons,
  markReviewed,
  missedQuestions,
  reachStep,
  recordLabResult,
  recordQuizAnswer,
  recordReviewAnswer,
  withLearner,
  type QuizRef,
} from './progress-ops';
import { clamp } from './layout';

export type Screen =
  | { name: 'map' }
  | { name: 'lesson'; lesson: string; step: number }
  /** Replaying the questions missed on the first try, one by one. */
  | { name: 'review'; items: QuizRef[]; index: number }
  | { name: 'complete' };

export interface AppState {
  screen: Screen;
  /** Help overlay open (drawn over whichever screen is current). */
  help: boolean;
  /** Selected entry on the course map. */
  mapCursor: number;
  progress: Progress;
  /** Messages shown once on the first screen; cleared by the first action. */
  notices: string[];
}

export type AppAction =
  | { type: 'mapMove'; delta: number }
  | { type: 'mapHome' }
  | { type: 'mapEnd' }
  | { type: 'mapSelect' }
  | { type: 'continue' }
  | { type: 'openLesson'; lesson: string; step?: number }
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'showMap' }
  | { type: 'startReview' }
  | { type: 'toggleHelp' }
  | { type: 'back' }
  | { type: 'quizAnswer'; questionId: string; correct: boolean }
  | { type: 'labResult'; labId: string; passed: number[]; completed: boolean }
  | { type: 'reviewMark'; itemId: string; marked: boolean }
  | { type: 'dismissNotices' };

export interface InitOptions {
  /** Deep link: open this lesson directly. */
  startLesson?: string;
  notices?: string[];
}

/** The first state: the map (cursor on "Continue" when there is one), or a deep-linked lesson. */
export function initialAppState(course: Course, saved: Progress, opts: InitOptions = {}): AppState {
  // A learner id on the first start (saved with the first save): it seeds choice orders.
  const progress = withLearner(saved);
  const notices = [...(opts.notices ?? [])];
  const base: AppState = { screen: { name: 'map' }, help: false, mapCursor: 0, progress, notices };
  if (opts.startLesson) {
    const info = findLesson(course, opts.startLesson);
    if (info && info.lesson.steps.length > 0) {
      return { ...base, screen: { name: 'lesson', lesson: info.lesson.id, step: 0 }, progress: reachStep(progress, info.lesson.id, 0) };
    }
    notices.push(`There is no lesson "${opts.startLesson}" in this course; showing the course map.`);
  }
  // A first start has no "Continue" entry: put the cursor on the first lesson not done.
  const model = buildMap(course, progress);
  const firstTodo = model.entries.findIndex((e) => e.kind === 'continue' || (e.kind === 'lesson' && !e.done));
  return { ...base, mapCursor: Math.max(0, firstTodo) };
}

function openAt(course: Course, state: AppState, lessonId: string, step: number): AppState {
  const info = findLesson(course, lessonId);
  if (!info) return state;
  const n = info.lesson.steps.length;
  if (n === 0) {
    // Nothing to read: count it as done rather than showing an empty screen.
    return { ...state, progress: completeLesson(state.progress, lessonId), screen: { name: 'map' } };
  }
  const s = clamp(step, 0, n - 1);
  return { ...state, help: false, screen: { name: 'lesson', lesson: lessonId, step: s }, progress: reachStep(state.progress, lessonId, s) };
}

/** Build the reducer for one course (the course never changes while the app runs). */
export function createAppReducer(course: Course): (state: AppState, action: AppAction) => AppState {
  const lessons = flatLessons(course);

  function reduce(state: AppState, action: AppAction): AppState {
    const screen = state.screen;
    switch (action.type) {
      case 'dismissNotices':
        return state;
      case 'toggleHelp':
        return { ...state, help: !state.help };
      case 'back':
        if (state.help) return { ...state, help: false };
        if (screen.name === 'map') return state;
        return { ...state, screen: { name: 'map' }, mapCursor: 0 };
      case 'showMap':
        return { ...state, help: false, screen: { name: 'map' }, mapCursor: screen.name === 'map' ? state.mapCursor : 0 };
      case 'mapMove': {
        const n = buildMap(course, state.progress).entries.length;
        return { ...state, mapCursor: clamp(state.mapCursor + action.delta, 0, Math.max(0, n - 1)) };
      }
      case 'mapHome':
        return { ...state, mapCursor: 0 };
      case 'mapEnd': {
        const n = buildMap(course, state.progress).entries.length;
        return { ...state, mapCursor: Math.max(0, n - 1) };
      }
      case 'mapSelect': {
        const entry = buildMap(course, state.progress).entries[state.mapCursor];
        if (!entry) return state;
        if (entry.kind === 'continue') return openAt(course, state, entry.target.lesson, entry.target.step);
        if (entry.kind === 'review') return reduce(state, { type: 'startReview' });
        // Reopening a lesson part-way through lands where the learner left it.
        const resume = state.progress.current?.lesson === entry.lessonId ? state.progress.current.step : 0;
        return openAt(course, state, entry.lessonId, resume);
      }
      case 'continue': {
        const entry = buildMap(course, state.progress).entries[0];
        if (entry?.kind === 'continue') return openAt(course, state, entry.target.lesson, entry.target.step);
        const firstTodo = lessons.find((l) => !state.progress.completed.includes(l.lesson.id)) ?? lessons[0];
        return firstTodo ? openAt(course, state, firstTodo.lesson.id, 0) : state;
      }
      case 'openLesson':
        return openAt(course, state, action.lesson, action.step ?? 0);
      case 'startReview': {
        const items = missedQuestions(course, state.progress);
        if (items.length === 0) return { ...state, notices: ['Nothing to review: every question answered so far was right the first time.'] };
        return { ...state, help: false, screen: { name: 'review', items, index: 0 } };
      }
      case 'next': {
        if (screen.name === 'review') {
          if (screen.index + 1 < screen.items.length) return { ...state, screen: { ...screen, index: screen.index + 1 } };
          return { ...state, screen: { name: 'map' }, mapCursor: 0, notices: [`Review done: ${screen.items.length} question(s) replayed.`] };
        }
        if (screen.name !== 'lesson') return state;
        const info = findLesson(course, screen.lesson);
        if (!info) return state;
        if (screen.step + 1 < info.lesson.steps.length) return openAt(course, state, screen.lesson, screen.step + 1);
        // Finishing the last step completes the lesson and moves on.
        const done = { ...state, progress: completeLesson(state.progress, screen.lesson) };
        const following = lessons[info.flatIndex + 1];
        if (following) return openAt(course, done, following.lesson.id, 0);
        return { ...done, screen: { name: 'complete' } };
      }
      case 'prev': {
        if (screen.name === 'review') return screen.index > 0 ? { ...state, screen: { ...screen, index: screen.index - 1 } } : state;
        if (screen.name === 'complete') {
          const last = lessons[lessons.length - 1];
          return last ? openAt(course, state, last.lesson.id, last.lesson.steps.length - 1) : state;
        }
        if (screen.name !== 'lesson') return state;
        if (screen.step > 0) return openAt(course, state, screen.lesson, screen.step - 1);
        const info = findLesson(course, screen.lesson);
        const previous = info ? lessons[info.flatIndex - 1] : undefined;
        return previous ? openAt(course, state, previous.lesson.id, previous.lesson.steps.length - 1) : state;
      }
      case 'quizAnswer': {
        // In "review what I missed", a right answer moves the question off the list.
        const record = screen.name === 'review' ? recordReviewAnswer : recordQuizAnswer;
        return { ...state, progress: record(state.progress, action.questionId, action.correct) };
      }
      case 'labResult':
        return { ...state, progress: recordLabResult(state.progress, action.labId, { passed: action.passed, completed: action.completed }) };
      case 'reviewMark':
        return { ...state, progress: markReviewed(state.progress, action.itemId, action.marked) };
    }
  }

  return (state, action) => {
    const next = reduce(state, action);
    // Notices are shown once: the first action after they appeared clears them,
    // unless that action produced new ones.
    if (state.notices.length > 0 && next.notices === state.notices) return { ...next, notices: [] };
    return next;
  };
}

/** The reducer bound to a course, for the root component. */
export function useAppState(course: Course, init: () => AppState): [AppState, (action: AppAction) => void] {
  const reducer = useMemo(() => createAppReducer(course), [course]);
  const [state, dispatch] = useReducer(reducer, undefined, init);
  return [state, dispatch];
}
