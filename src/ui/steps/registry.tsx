/**
 * Step kind → the component that draws it.
 *
 * TO ADD A STEP VIEW (quiz, review, diagram, lab): write a component taking
 * `StepViewProps<Extract<Step, { kind: 'yourKind' }>>` (see ../step-props.ts) and add
 * ONE line to `STEP_VIEWS` below, e.g.
 *
 *   import { QuizView } from '../quiz/quiz-view';
 *   …
 *   quiz: QuizView,
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
import type React from 'react';
import type { Step, StepKind } from '../../course/types';
import type { StepViewProps } from '../step-props';
import { PageView } from './page-view';
import { FallbackView } from './fallback-view';
import { QuizStep } from '../quiz/quiz-step';
import { ReviewStep } from '../quiz/review-step';
import { DiagramStep } from '../diagram/diagram-step';
import { LabStep } from '../lab/lab-step';

type ViewFor<K extends StepKind> = React.ComponentType<StepViewProps<Extract<Step, { kind: K }>>>;

export const STEP_VIEWS: { [K in StepKind]?: ViewFor<K> } = {
  page: PageView,
  quiz: QuizStep,
  review: ReviewStep,
  diagram: DiagramStep,
  lab: LabStep,
};

/** The view for a step: its registered component, or the labelled fallback. */
export function stepViewFor(kind: StepKind): React.ComponentType<StepViewProps> {
  return (STEP_VIEWS[kind] as React.ComponentType<StepViewProps> | undefined) ?? FallbackView;
}

/** Whether a kind has a real view (the fallback is a placeholder). */
export function hasStepView(kind: StepKind): boolean {
  return STEP_VIEWS[kind] !== undefined;
}
