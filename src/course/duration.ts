/**
 * How long a lesson takes, from what it asks of the learner rather than from a number
 * an author guessed: its words read at a learner's pace, each question, each lab and
 * each review item. The course map shows this; the front matter's `minutes` is not used.
 */
import { quizKind } from '../quiz/registry';
import type { Step } from './types';

/** Words a minute for technical prose read carefully (slower than the ~240 of light reading). */
export const WORDS_PER_MINUTE = 200;
/**
 * Minutes per question: read the prompt and choices, answer, read the feedback. A
 * kind that takes longer says so in its module (`minutes`: a predict question also
 * plays its run).
 */
export const QUESTION_MINUTES = 0.6;
/** A lab: read the goal, run it (about a minute of virtual time at 1×), look, read the checks. */
export const LAB_MINUTES = 3.5;
/** A diagram: look at it and read its caption. */
export const DIAGRAM_MINUTES = 0.25;
/** A review item: say the point out loud. */
export const REVIEW_ITEM_MINUTES = 0.4;

const words = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Estimated minutes for a lesson's steps, rounded to a whole minute (at least 1). */
export function estimateMinutes(steps: readonly Step[]): number {
  let minutes = 0;
  for (const step of steps) {
    switch (step.kind) {
      case 'page':
        minutes += words(step.markdown) / WORDS_PER_MINUTE;
        break;
      case 'diagram':
        minutes += DIAGRAM_MINUTES;
        break;
      case 'quiz':
        minutes += quizKind(step.question.kind).minutes ?? QUESTION_MINUTES;
        break;
      case 'lab':
        minutes += LAB_MINUTES;
        break;
      case 'review':
        minutes += step.review.items.length * REVIEW_ITEM_MINUTES;
        break;
    }
  }
  return Math.max(1, Math.round(minutes));
}
