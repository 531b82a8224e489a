/**
 * The view for ```quiz steps. Single, multiple, order and text questions are
 * answered here (quiz-question.tsx); pick-node and predict questions need the
 * scenario's diagram and the simulator, so the lab views draw them.
 */
import React from 'react';
import type { StepViewProps } from '../step-props';
import { PickNodeQuiz } from '../lab/pick-node-quiz';
import { PredictQuiz } from '../lab/predict-quiz';
import { QuizQuestion, type QuizStepData } from './quiz-question';

/** Registered in steps/registry.tsx as the `quiz` step view. */
export function QuizStep(props: StepViewProps<QuizStepData>): React.ReactElement {
  switch (props.step.question.kind) {
    case 'pick-node':
      return <PickNodeQuiz {...props} />;
    case 'predict':
      return <PredictQuiz {...props} />;
    default:
      return <QuizQuestion {...props} />;
  }
}
