/**
 * The learner's saved state. Versioned JSON in `<config dir>/progress.json`
 * (or `$WEBINFRA_LEARN_HOME/progress.json`).
 */

/** One question's record. The first try is what the score counts. */
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

export interface LabRecord {
  /** Check texts (or indices) that passed. */
  passed: number[];
  completed: boolean;
  at: string;
}

export interface Progress {
  version: 1;
  /**
   * A random id for this learner, made on the first start: it seeds the order of
   * quiz choices, so one learner always sees the same order and two learners
   * different ones. Not personal data.
   */
  learner?: string;
  /** Lesson ids finished. */
  completed: string[];
  /** Where the learner is: lesson id and step index. */
  current?: { lesson: string; step: number };
  /** Per lesson, the furthest step reached. */
  furthest: Record<string, number>;
  /** Per question id. */
  quizzes: Record<string, QuizRecord>;
  /** Per lab id (`<lesson-id>#lab<n>`). */
  labs: Record<string, LabRecord>;
  /** Per review item (`<lesson-id>#review<n>:<item>`): marked "I can say this out loud". */
  reviewed: Record<string, boolean>;
  updatedAt?: string;
}

export function emptyProgress(): Progress {
  return { version: 1, completed: [], furthest: {}, quizzes: {}, labs: {}, reviewed: {} };
}

/** Where progress is kept. Implemented by progress/store.ts (files) and by tests (memory). */
export interface ProgressStore {
  /** Absolute path of progress.json (for messages), or a label for non-file stores. */
  readonly path: string;
  /**
   * Read saved progress. Never throws: a corrupt or unreadable file is moved aside
   * (`progress.json.corrupt-<timestamp>`) and `notice` says so once.
   */
  load(): { progress: Progress; notice?: string };
  /** Write atomically (temp file + rename). Never throws: a failure is kept in `saveError`. */
  save(progress: Progress): void;
  /**
   * Why the last save failed (e.g. a read-only folder), cleared by the next successful
   * save. Undefined for stores that cannot fail. The app shows it instead of crashing.
   */
  readonly saveError?: string;
}
