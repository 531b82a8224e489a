/**
 * Grading: one pure function from a question and a learner's answer to a verdict
 * with feedback. The feedback is what makes a quiz teach: a wrong choice answers
 * with *why* it is wrong and the misconception behind it (see misconceptions.ts).
 * Each kind grades in its own module (kinds/, listed in registry.ts).
 *
 * Nothing in a Grade is shown all at once: after a wrong answer a view shows only
 * its `feedback`/`notes` and `summary`; `explain` and `revealNotes` name the right
 * answer and wait for a right answer or "show me the answer".
 */
import { AnswerMismatchError } from './kinds/kind';
import { quizKind } from './registry';
import type { Answer, Grade, Question } from './types';

export { AnswerMismatchError };

/**
 * Grade one answer (see each kind's module for its rule).
 *
 * @throws AnswerMismatchError if the answer's kind differs from the question's, or it
 *   names a choice/item/node that does not exist.
 */
export function gradeAnswer(question: Question, answer: Answer): Grade {
  if (question.kind !== answer.kind) {
    throw new AnswerMismatchError(`a ${answer.kind} answer was given to ${question.kind} question ${question.id}`);
  }
  return (quizKind(question.kind).grade as (q: Question, a: Answer) => Grade)(question, answer);
}
