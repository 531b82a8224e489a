/**
 * Authoring checks on one parsed question, beyond its shape (its kind's block
 * schema checks that): does it have a right answer, does every distractor explain
 * itself, can its rules ever fire. Each kind's own checks are in its module
 * (kinds/, listed in registry.ts). The course loader reports these at their
 * fields' lines; the curriculum tests read them per question.
 */
import type { QuestionProblem, ScenarioRefs } from './kinds/kind';
import { quizKind } from './registry';
import type { Question } from './types';

export type { QuestionProblem, ScenarioRefs };

/** Problems with `question`; an empty list means it is fine. */
export function questionProblems(question: Question): QuestionProblem[] {
  const out: QuestionProblem[] = [];
  if (!question.explain?.trim()) out.push({ severity: 'error', message: "has no explanation ('explain' is empty)", path: ['explain'] });
  out.push(...(quizKind(question.kind).problems as (q: Question) => QuestionProblem[])(question));
  return out;
}

/** What `question` names in a scenario, for kinds drawn on one (undefined for the others). */
export function scenarioRefs(question: Question): ScenarioRefs | undefined {
  return (quizKind(question.kind).scenario as ((q: Question) => ScenarioRefs) | undefined)?.(question);
}
