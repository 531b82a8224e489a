/**
 * Every quiz kind, listed once. A kind is one module in kinds/ (label, grading,
 * authoring checks, the in-place answer) plus its view in ui/quiz/views.tsx; its
 * block schema is in course/schemas.ts and its type in types.ts. Adding a kind
 * touches exactly those files (see CONTRIBUTING.md).
 */
import type { QuestionKind } from './types';
import type { QuizKind } from './kinds/kind';
import { multiple } from './kinds/multiple';
import { order } from './kinds/order';
import { pickNode } from './kinds/pick-node';
import { predict } from './kinds/predict';
import { single } from './kinds/single';
import { text } from './kinds/text';

export const QUIZ_KINDS: { readonly [K in QuestionKind]: QuizKind<K> } = {
  single,
  multiple,
  order,
  text,
  'pick-node': pickNode,
  predict,
};

/** The module for `kind`. */
export function quizKind<K extends QuestionKind>(kind: K): QuizKind<K> {
  return QUIZ_KINDS[kind] as QuizKind<K>;
}
