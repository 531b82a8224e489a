/** The view for ```quiz steps: each kind's own view, as listed in views.tsx. */
import React from 'react';
import type { StepViewProps } from '../step-props';
import type { QuizStepData } from './quiz-question';
import { QUIZ_VIEWS } from './views';

/** Registered in steps/registry.tsx as the `quiz` step view. */
export function QuizStep(props: StepViewProps<QuizStepData>): React.ReactElement {
  const View = QUIZ_VIEWS[props.step.question.kind];
  return <View {...props} />;
}
