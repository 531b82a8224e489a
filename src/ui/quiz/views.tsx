/**
 * The view that answers each quiz kind, listed once (the kinds themselves are
 * listed in quiz/registry.ts). Single, multiple, order and text questions are
 * answered in place (quiz-question.tsx, with each kind's rows in quiz-lines.ts);
 * pick-node and predict questions need the scenario's diagram and the simulator,
 * so the lab views draw them.
 */
import type React from 'react';
import type { QuestionKind } from '../../quiz/types';
import { PickNodeQuiz } from '../lab/pick-node-quiz';
import { PredictQuiz } from '../lab/predict-quiz';
import type { StepViewProps } from '../step-props';
import { QuizQuestion, type QuizStepData } from './quiz-question';

export const QUIZ_VIEWS: { readonly [K in QuestionKind]: (props: StepViewProps<QuizStepData>) => React.ReactElement } = {
  single: QuizQuestion,
  multiple: QuizQuestion,
  order: QuizQuestion,
  text: QuizQuestion,
  'pick-node': PickNodeQuiz,
  predict: PredictQuiz,
};
