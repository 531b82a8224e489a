/**
 * Authoring checks on one parsed question, beyond its shape (the course loader's
 * schema checks that): does it have a right answer, does every distractor explain
 * itself, can its rules ever fire. Each kind's own checks are in its module
 * (kinds/, listed in registry.ts). The curriculum tests report these per question.
 */
import type { QuestionProblem } from './kinds/kind';
import { quizKind } from './registry';
import type { Question } from './types';

export type { QuestionProblem };

/** Problems with `question`; an empty list means it is fine. */
export function questionProblems(question: Question): QuestionProblem[] {
  const out: QuestionProblem[] = [];
  if (!question.explain?.trim()) out.push({ severity: 'error', message: 'has no explanation (explain:)' });
  out.push(...(quizKind(question.kind).problems as (q: Question) => QuestionProblem[])(question));
  return out;
}
