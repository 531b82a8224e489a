/**
 * One single-choice, multiple-choice, order or text question, answered in place:
 * the session reducer (use-quiz-state), its keys (use-quiz) and the lines it draws
 * (quiz-lines), in a window that scrolls when feedback is long.
 */
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import type { Step } from '../../course/types';
import type { StepViewProps } from '../step-props';
import { LineView } from './line-view';
import { lineWindow } from './lines';
import { quizContexts, quizLines } from './quiz-lines';
import { useQuizKeys } from './use-quiz';
import { useQuizState } from './use-quiz-state';

export type QuizStepData = Extract<Step, { kind: 'quiz' }>;

export function QuizQuestion(props: StepViewProps<QuizStepData>): React.ReactElement {
  const { step, progress, onQuizAnswer, active, width, height, theme, setContexts } = props;
  const [state, dispatch, getState] = useQuizState(step.question, progress.quizzes[step.question.id], onQuizAnswer, progress.learner);
  const [offset, setOffset] = useState(0);
  const screen = useMemo(() => quizLines(state, width, theme), [state, width, theme]);
  const lines = screen.lines;
  const answered = state.phase === 'answered';
  const keep = answered ? undefined : screen.cursor;

  // On each answer, bring the verdict and feedback into view (the window keeps the
  // end of the screen if all of it fits below the verdict).
  useEffect(() => {
    if (state.phase !== 'answered') {
      setOffset(0);
      return;
    }
    setOffset(Math.max(0, screen.verdict - 1));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new answer arrives, not on every redraw
  }, [state.phase, state.attempts]);

  const contexts = quizContexts(state);
  const contextKey = contexts.join(' ');
  useEffect(() => {
    setContexts(quizContexts(state));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the set of working keys changes, not on every keystroke
  }, [contextKey, setContexts]);

  const scroll = useCallback(
    (delta: number): boolean => {
      const win = lineWindow(lines.length, height, offset);
      const next = Math.max(0, Math.min(win.maxOffset, win.start + delta));
      if (next === win.start) return false;
      setOffset(next);
      return true;
    },
    [lines.length, height, offset],
  );

  useQuizKeys({ getState, dispatch, active, scroll });

  return <LineView lines={lines} offset={offset} keep={keep !== undefined && keep >= 0 ? keep : undefined} width={width} height={height} theme={theme} />;
}
