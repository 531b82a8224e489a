/**
 * What one quiz kind is, in one place: its block schema (the shape of its ```quiz
 * block in a lesson), its authoring checks, its instruction line, its grading, its
 * state in a session and the answer a session submits. Every kind is one module in
 * this folder, listed once in quiz/registry.ts; its view is listed once in
 * ui/quiz/views.tsx. The course loader and the grader read kinds only through the
 * registry and name none of them. Pure.
 */
import type * as z from 'zod/mini';
import type { Answer, Grade, GradeNote, Question, QuestionKind } from '../types';
import type { QuizAction, QuizSessionState } from '../session';
import type { Authored, Zod } from './block';

export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;
export type AnswerOf<K extends QuestionKind> = Extract<Answer, { kind: K }>;

/** Where a field is in a block, e.g. `['choices', 1, 'feedback']` (the loader turns it into a line). */
export type FieldPath = readonly (string | number)[];

/** One problem an author can fix (see quiz/check.ts); the loader reports it at `path`'s line. */
export interface QuestionProblem {
  severity: 'error' | 'warning';
  message: string;
  /** The field it is about (default: the whole block). */
  path?: FieldPath;
}

/**
 * What a question names in a scenario, for the loader to check against the
 * scenario's nodes (unknown scenario, unknown node, a bad `at:` event).
 */
export interface ScenarioRefs {
  /** The scenario's id, from the block's `scenario:` field. */
  scenario: string;
  /** Node ids, each list at its field. */
  nodes?: { path: FieldPath; ids: string[] }[];
  /** Timeline events in `--at` form ("10:kill:web-1"), at their field. */
  at?: { path: FieldPath; specs: string[] };
}

export interface QuizKind<K extends QuestionKind> {
  kind: K;
  /**
   * The shape of its ```quiz block, `kind:` included, made with the zod the loader
   * passes (build it from block.ts's `blockParts`). Its output is the question
   * minus the id, which the loader fills in when the author gave none.
   */
  schema(zod: Zod): z.ZodMiniType<Authored<QuestionOf<K>>>;
  /** The instruction shown above a question of this kind ("Choose one answer"). */
  label: string;
  /**
   * Grade one answer. Throws AnswerMismatchError when the answer does not fit the
   * question (a programming error, never a wrong answer).
   */
  grade(question: QuestionOf<K>, answer: AnswerOf<K>): Grade;
  /**
   * Authoring problems beyond the block's shape (the schema checks that): the
   * checks across fields, such as "exactly one right choice" or "a mistake names
   * one of the items". The loader reports each at its `path`'s line; the curriculum
   * tests read them through quiz/check.ts.
   */
  problems(question: QuestionOf<K>): QuestionProblem[];
  /** The scenario it names and what in it, for kinds drawn on a scenario (pick-node, predict). */
  scenario?(question: QuestionOf<K>): ScenarioRefs;
  /** Minutes to answer it, for the lesson's estimate (default: course/duration.ts's QUESTION_MINUTES). */
  minutes?: number;
  /**
   * The answer the generic session (quiz/session.ts) would submit now, or a notice
   * saying what is missing.
   */
  answer(state: QuizSessionState): AnswerOf<K> | { notice: string };
  /** Where the session starts for this kind (presented order, cursor, focus), over the blank session. */
  start?(question: QuestionOf<K>, learner: string | undefined): Partial<QuizSessionState>;
  /**
   * This kind's own actions (move, choose, toggle, typing …); the session handles
   * submit, retry and reveal. Returns the same state for an action it does not take.
   */
  act(state: QuizSessionState, action: QuizAction): QuizSessionState;
  /** A retry keeps the answer being built (an order keeps its arrangement); otherwise it starts blank. */
  keepOnRetry?: boolean;
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

export const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/**
 * The state with its list cursor moved by `delta` over `n` entries (from nothing,
 * -1, forward lands on the first and back on the last; clamped at the ends), or the
 * same state when it does not move.
 */
export function moveCursor(state: QuizSessionState, delta: number, n: number): QuizSessionState {
  if (state.phase !== 'answering' || n === 0) return state;
  const cursor = state.cursor < 0 ? (delta > 0 ? 0 : n - 1) : clamp(state.cursor + delta, 0, n - 1);
  return cursor === state.cursor ? state : { ...state, cursor, notice: null };
}

export function note(text: string, misconception?: number): GradeNote {
  return misconception === undefined ? { text } : { text, misconception };
}
