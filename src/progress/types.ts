/**
 * The learner's saved state. Versioned JSON in `<config dir>/progress.json`
 * (or `$WEBINFRA_LEARN_HOME/progress.json`).
 */

import type { QuizRecord } from '../quiz/types';

/** One question's record lives with the quiz (which reads it to resume); saved here. */
export type { QuizRecord };

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
  /**
   * Write atomically (temp file + rename), joined with what another copy of the app
   * saved meanwhile; `replace` (a reset, an import) writes `progress` as it is.
   * Never throws: a failure is kept in `saveError`.
   */
  save(progress: Progress, opts?: { replace?: boolean }): void;
  /**
   * Why the last save failed, as "progress not saved: <reason>, <path>"; cleared by the
   * next successful save. Undefined for stores that cannot fail. The app shows it at
   * once and again on exit (exit code 1).
   */
  readonly saveError?: string;
}
