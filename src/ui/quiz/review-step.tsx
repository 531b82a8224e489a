/**
 * The view for ```review steps: the chapter's "can you say this out loud?"
 * checklist. Each item names the lesson that taught it; Space marks it, and the
 * mark is saved at once (`<lesson-id>#review<n>:<item index>`).
 */
import React, { useEffect, useMemo } from 'react';
import type { Step } from '../../course/types';
import type { StepViewProps } from '../step-props';
import { LineView } from './line-view';
import { reviewLines } from './review-lines';
import { useReviewKeys } from './use-review';
import { reviewBlockId, reviewItemId, useReviewState } from './use-review-state';

type ReviewStepData = Extract<Step, { kind: 'review' }>;

export function ReviewStep({ course, lesson, step, stepIndex, progress, width, height, theme, active, onReviewMark, setContexts }: StepViewProps<ReviewStepData>): React.ReactElement {
  const items = step.review.items;
  const blockId = reviewBlockId(lesson, stepIndex);
  const [state, dispatch] = useReviewState(blockId, items.length, progress);
  // ↑↓ move between items here (not scroll) and Space marks one; the lesson's keys do the rest.
  useEffect(() => setContexts(['checklist', 'lesson']), [setContexts]);

  const toggle = () => {
    if (items.length === 0) return;
    const next = dispatch({ type: 'toggle' });
    onReviewMark(reviewItemId(blockId, next.cursor), next.marked[next.cursor] === true);
  };
  useReviewKeys(dispatch, toggle, active);

  const screen = useMemo(() => reviewLines(step.review, state, course, width, theme), [step.review, state, course, width, theme]);
  return <LineView lines={screen.lines} offset={0} keep={screen.cursor >= 0 ? screen.cursor : undefined} width={width} height={height} theme={theme} />;
}
