/**
 * Every quiz kind, listed once. A kind is one module in kinds/ (block schema,
 * authoring checks, label, grading, session state, answer) plus its view in
 * ui/quiz/views.tsx and its type in types.ts. The course loader, the grader and
 * the session find kinds here and name none of them, so adding a kind touches
 * exactly the files CONTRIBUTING.md lists ("Add a quiz kind";
 * test/house/quiz-kinds.test.ts checks it).
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

/** Whether `name` is a kind's name (what a block's `kind:` may say). */
export function isQuestionKind(name: string): name is QuestionKind {
  return Object.hasOwn(QUIZ_KINDS, name);
}

/** Every kind's name, in the registry's order. */
export function questionKinds(): QuestionKind[] {
  return Object.keys(QUIZ_KINDS) as QuestionKind[];
}
