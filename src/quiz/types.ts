/**
 * Question kinds of the course. These are the parsed, validated forms of the
 * ```quiz blocks in lessons (see README "Writing a lesson"). Pure data.
 *
 * Every question has a stable `id` (from the block, or `<lesson-id>#q<n>` when the
 * author gave none) so that saved progress survives edits to the prose around it.
 */

/** One option of a single/multiple choice question. */
export interface Choice {
  text: string;
  correct?: boolean;
  /** Why this choice is wrong (or, for a correct one, a note shown when chosen). */
  feedback?: string;
  /** Number of the misconception in CURRICULUM.md this distractor confronts. */
  misconception?: number;
}

interface QuestionBase {
  id: string;
  prompt: string;
  /** Shown after answering, right or wrong. */
  explain: string;
  /** CURRICULUM.md points this question checks, e.g. "t0.a-record" (free-form tags). */
  covers?: string[];
}

export interface SingleQuestion extends QuestionBase {
  kind: 'single';
  choices: Choice[];
  /**
   * Choices are shown in an order shuffled per learner (stable for one learner,
   * different between learners), so the position of the right answer teaches
   * nothing. `shuffle: false` keeps the author's order, for choices such as "all
   * of the above" that depend on it.
   */
  shuffle?: boolean;
}

export interface MultipleQuestion extends QuestionBase {
  kind: 'multiple';
  choices: Choice[];
  /** As for single choice: `false` keeps the author's order (default: shuffled per learner). */
  shuffle?: boolean;
}

/** Put the items in order. `items` is the correct order; the screen shuffles them. */
export interface OrderQuestion extends QuestionBase {
  kind: 'order';
  items: string[];
  /**
   * Feedback for common wrong orders, keyed by a short rule the grader checks.
   * Each rule states the CORRECT relation: item `before` must come before item
   * `after` (both exact item texts). When the learner's order breaks it, its
   * `feedback` is shown; the first broken rule in this list wins.
   */
  mistakes?: { before: string; after: string; feedback: string; misconception?: number }[];
}

/** Short text answer; matching forgives case, spacing and surrounding punctuation. */
export interface TextQuestion extends QuestionBase {
  kind: 'text';
  accept: string[];
  /** Known wrong answers with their own feedback. */
  wrong?: { answer: string; feedback: string; misconception?: number }[];
  placeholder?: string;
}

/** Pick a node on a scenario's diagram (e.g. the single point of failure). */
export interface PickNodeQuestion extends QuestionBase {
  kind: 'pick-node';
  scenario: string;
  /** Node ids that are correct answers (any one of them is right). */
  answer: string[];
  /** Feedback for particular wrong nodes. */
  feedback?: Record<string, string>;
}

/** Predict an outcome, then run the scenario in the live view to see it happen. */
export interface PredictQuestion extends QuestionBase {
  kind: 'predict';
  scenario: string;
  choices: Choice[];
  /** Extra timeline events for the run, as in `--at` (e.g. "10:kill:web-1"). */
  at?: string[];
  /** Virtual seconds to run after answering (default: the scenario's duration). */
  run_s?: number;
}

export type Question =
  | SingleQuestion
  | MultipleQuestion
  | OrderQuestion
  | TextQuestion
  | PickNodeQuestion
  | PredictQuestion;

export type QuestionKind = Question['kind'];

/** A learner's answer, per kind. */
export type Answer =
  | { kind: 'single'; choice: number }
  | { kind: 'multiple'; choices: number[] }
  | { kind: 'order'; order: string[] }
  | { kind: 'text'; text: string }
  | { kind: 'pick-node'; node: string }
  | { kind: 'predict'; choice: number };

/** The grader's verdict on one answer. */
export interface Grade {
  correct: boolean;
  /** Feedback specific to what was answered (misconception explanation), if any. */
  feedback?: string;
  misconception?: number;
  /**
   * The question's general explanation. It names the right answer, so a view shows
   * it only after a right answer or once the learner asks to see the answer.
   */
  explain: string;
  /**
   * The separate points behind `feedback`, one per wrongly ticked or missed choice
   * (multiple choice) or one for other kinds, each with the misconception it
   * confronts, so a view can mark each. `feedback` is these joined.
   */
  notes?: GradeNote[];
  /** One line on a partly right answer, e.g. "2 of 3 right answers ticked, 1 wrong one." */
  summary?: string;
  /**
   * Points that name a right answer the learner did not give (multiple choice: each
   * right choice left unticked). Like `explain`, shown only once the answer is
   * revealed: before that, a wrong answer shows only its own feedback.
   */
  revealNotes?: GradeNote[];
}

/** One point of feedback. */
export interface GradeNote {
  text: string;
  misconception?: number;
}

/**
 * One question's saved record (kept in progress, read here to resume a question).
 * The first try is what the score counts.
 */
export interface QuizRecord {
  /** Correct on the first try. */
  firstTryCorrect: boolean;
  /** Has it been answered correctly since (retries allowed). */
  solved: boolean;
  attempts: number;
  /** ISO time of the last answer. */
  at: string;
  /**
   * "Review what I missed" for a question missed on the first try: how many times
   * in a row it was answered right in review (2 = learnt, it leaves the list for
   * good), and after the first, when it comes back once (ISO time).
   */
  review?: { streak: number; due?: string };
}
