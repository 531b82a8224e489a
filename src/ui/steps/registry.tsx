/**
 * Step kind → the component that draws it.
 *
 * TO ADD A STEP VIEW (quiz, review, diagram, lab): write a component taking
 * `StepViewProps<Extract<Step, { kind: 'yourKind' }>>` (see ../step-props.ts) and add
 * ONE line to `STEP_VIEW_LOADERS` below, e.g.
 *
 *   quiz: () => import('../quiz/quiz-step').then((m) => m.QuizStep),
 *
 * Views are loaded on first use (a dynamic import, its own bundle chunk), so the
 * course map draws without the quiz engine, the simulator or the diagram code; the
 * root prefetches them all right after the first frame.
 *
 * Your view:
 * - draws inside `width` × `height` cells (never more: the frame is rows − 1 high);
 * - takes keys with `useKeys(handler, props.active, LAYER.step)` and returns `false`
 *   for keys it does not use, so → / ← / m / ? / q keep working;
 * - calls `props.setContexts([...])` once on mount with the keymap contexts whose
 *   footer keys apply (most specific first, e.g. `['quiz', 'lesson']`); the footer
 *   and the help overlay are generated from them ('global' is always added);
 * - reports results with `onQuizAnswer` / `onLabResult` / `onReviewMark`: the app
 *   saves progress on every call.
 * The lesson screen remounts the view for each step (it is keyed by lesson and step
 * index), so local state starts fresh on every step.
 */
import React from 'react';
import type { Step, StepKind } from '../../course/types';
import type { StepViewProps } from '../step-props';
import { PageView } from './page-view';
import { FallbackView } from './fallback-view';

type ViewFor<K extends StepKind> = React.ComponentType<StepViewProps<Extract<Step, { kind: K }>>>;
type AnyView = React.ComponentType<StepViewProps>;

/** Step views loaded on first use. `page` is built in (it is the first thing a lesson shows). */
export const STEP_VIEW_LOADERS: { [K in StepKind]?: () => Promise<ViewFor<K>> } = {
  quiz: () => import('../quiz/quiz-step').then((m) => m.QuizStep),
  review: () => import('../quiz/review-step').then((m) => m.ReviewStep),
  diagram: () => import('../diagram/diagram-step').then((m) => m.DiagramStep),
  lab: () => import('../lab/lab-step').then((m) => m.LabStep),
  build: () => import('../design/build-step').then((m) => m.BuildStep),
};

const BUILT_IN: { [K in StepKind]?: ViewFor<K> } = { page: PageView };
const loaded = new Map<StepKind, AnyView>();
const lazyViews = new Map<StepKind, AnyView>();

function load(kind: StepKind): Promise<AnyView> | undefined {
  const loader = STEP_VIEW_LOADERS[kind] as (() => Promise<AnyView>) | undefined;
  return loader?.().then((view) => {
    loaded.set(kind, view);
    return view;
  });
}

/**
 * The view for a step: built in, already loaded, or a lazy wrapper that suspends
 * while its chunk loads (the lesson screen shows "loading…" meanwhile); the
 * labelled fallback for kinds without a view.
 */
export function stepViewFor(kind: StepKind): AnyView {
  const builtIn = BUILT_IN[kind] as AnyView | undefined;
  if (builtIn) return builtIn;
  // The lazy wrapper, once made, stays the view of its kind: swapping it for the
  // loaded component would remount the step and restart its question.
  let view = lazyViews.get(kind);
  if (view) return view;
  const ready = loaded.get(kind);
  if (ready) return ready;
  if (!STEP_VIEW_LOADERS[kind]) return FallbackView;
  view = React.lazy(async () => ({ default: (await load(kind))! }));
  lazyViews.set(kind, view);
  return view;
}

/** Whether a kind has a real view (the fallback is a placeholder). */
export function hasStepView(kind: StepKind): boolean {
  return BUILT_IN[kind] !== undefined || STEP_VIEW_LOADERS[kind] !== undefined;
}

/** Load every step view now (after the first frame), so opening a step never waits. */
export function prefetchStepViews(): Promise<unknown> {
  return Promise.all((Object.keys(STEP_VIEW_LOADERS) as StepKind[]).filter((k) => !loaded.has(k)).map((k) => load(k)));
}
