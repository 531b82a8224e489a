/**
 * What one quiz kind is, in one place: its instruction line, its grading, its
 * authoring checks and, for kinds answered in place (quiz/session.ts), the answer
 * a session would submit. Every kind is one module in this folder, listed once in
 * quiz/registry.ts; its view is listed once in ui/quiz/views.tsx. Pure.
 */
import type { Answer, Grade, GradeNote, Question, QuestionKind } from '../types';
import type { QuizSessionState } from '../session';

export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;
export type AnswerOf<K extends QuestionKind> = Extract<Answer, { kind: K }>;

/** One problem an author can fix (see quiz/check.ts). */
export interface QuestionProblem {
  severity: 'error' | 'warning';
  message: string;
}

export interface QuizKind<K extends QuestionKind> {
  kind: K;
  /** The instruction shown above a question of this kind ("Choose one answer"). */
  label: string;
  /**
   * Grade one answer. Throws AnswerMismatchError when the answer does not fit the
   * question (a programming error, never a wrong answer).
   */
  grade(question: QuestionOf<K>, answer: AnswerOf<K>): Grade;
  /** Authoring problems beyond the block's shape (the loader's schema checks that). */
  problems(question: QuestionOf<K>): QuestionProblem[];
  /**
   * The answer the generic session (quiz/session.ts) would submit now, or a notice
   * saying what is missing.
   */
  answer(state: QuizSessionState): AnswerOf<K> | { notice: string };
}

/** Thrown when an answer does not fit its question (a programming error, not a wrong answer). */
export class AnswerMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnswerMismatchError';
  }
}

/** A verdict from its parts: `feedback` is the notes joined, `misconception` the first named. */
export function finish(correct: boolean, explain: string, notes: GradeNote[], summary?: string, revealNotes: GradeNote[] = []): Grade {
  const grade: Grade = { correct, explain };
  if (revealNotes.length > 0) grade.revealNotes = revealNotes;
  if (notes.length > 0) {
    grade.notes = notes;
    grade.feedback = notes.map((n) => n.text).join('\n');
    const first = notes.find((n) => n.misconception !== undefined);
    if (first) grade.misconception = first.misconception;
  }
  if (summary) grade.summary = summary;
  return grade;
}

export function note(text: string, misconception?: number): GradeNote {
  return misconception === undefined ? { text } : { text, misconception };
}
