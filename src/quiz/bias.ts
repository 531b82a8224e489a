/**
 * Authoring checks for answers that give themselves away by their shape: a right
 * choice much longer than the wrong ones (the carefully qualified one is usually
 * right), and, over a chapter, right answers that sit in the same place or are
 * the longest choice time after time. Learners see choices shuffled (shuffle.ts),
 * so position matters only for `shuffle: false` questions and as a sign of habit;
 * length survives any shuffle. `webinfra-learn validate` reports these as warnings.
 * Pure: questions in, findings out.
 */
import type { Choice, MultipleQuestion, PredictQuestion, Question, SingleQuestion } from './types';

type ChoiceQuestion = SingleQuestion | MultipleQuestion | PredictQuestion;

/** A right choice this many times the distractors' mean length (and ≥ MIN_EXTRA characters longer) stands out. */
export const LENGTH_RATIO = 1.75;
export const MIN_EXTRA = 15;
/** A chapter needs this many single-answer questions before its pattern means anything. */
export const MIN_CHAPTER_QUESTIONS = 4;
/** Share of a chapter's right answers at one position, or being the longest choice, that is a pattern. */
export const CLUSTER_SHARE = 0.5;
export const LONGEST_SHARE = 0.6;

/** A question with choices (single, multiple, predict, and any kind added with a `choices` list). */
const isChoiceQuestion = (q: Question): q is ChoiceQuestion => 'choices' in q;
const len = (c: Choice): number => [...c.text.trim()].length;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Why `question`'s right choice stands out by length, or undefined. */
export function lengthGiveaway(question: Question): string | undefined {
  if (!isChoiceQuestion(question)) return undefined;
  const right = question.choices.filter((c) => c.correct === true).map(len);
  const wrong = question.choices.filter((c) => c.correct !== true).map(len);
  if (right.length === 0 || wrong.length === 0) return undefined;
  const r = mean(right);
  const w = mean(wrong);
  if (r < LENGTH_RATIO * w || r - w < MIN_EXTRA) return undefined;
  const what = right.length === 1 ? 'the right choice is' : 'the right choices are';
  return `${what} much longer than the wrong ones (${Math.round(r)} characters against ${Math.round(w)} on average): learners pick the long, careful one without knowing why; shorten it or give the distractors the same care`;
}

/** One question of a chapter, with where it was written (for file:line). */
export interface PlacedQuestion<P> {
  question: Question;
  at: P;
}

/**
 * Patterns over one chapter's single-answer questions (single and predict): the
 * right answer at one position in more than CLUSTER_SHARE of them, or the longest
 * choice in more than LONGEST_SHARE. Each finding names the questions it counts.
 */
export function chapterPatterns<P>(questions: readonly PlacedQuestion<P>[]): { message: string; questions: PlacedQuestion<P>[] }[] {
  const singles = questions.filter((q): q is PlacedQuestion<P> & { question: SingleQuestion | PredictQuestion } => q.question.kind === 'single' || q.question.kind === 'predict');
  if (singles.length < MIN_CHAPTER_QUESTIONS) return [];
  const out: { message: string; questions: PlacedQuestion<P>[] }[] = [];
  const positions = new Map<number, PlacedQuestion<P>[]>();
  for (const q of singles) {
    const pos = q.question.choices.findIndex((c) => c.correct === true);
    if (pos >= 0) positions.set(pos, [...(positions.get(pos) ?? []), q]);
  }
  for (const [pos, qs] of positions) {
    if (qs.length / singles.length > CLUSTER_SHARE) {
      out.push({
        message: `the right answer is choice ${pos + 1} in ${qs.length} of this chapter's ${singles.length} single-answer questions: vary where it is written (it also shows wherever shuffle: false is set)`,
        questions: qs,
      });
    }
  }
  const longest = singles.filter(({ question }) => {
    const right = question.choices.find((c) => c.correct === true);
    return right !== undefined && question.choices.every((c) => c === right || len(c) < len(right));
  });
  if (longest.length / singles.length > LONGEST_SHARE) {
    out.push({
      message: `the right answer is the longest choice in ${longest.length} of this chapter's ${singles.length} single-answer questions: "pick the longest" passes it`,
      questions: longest,
    });
  }
  return out;
}
