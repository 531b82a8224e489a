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
}

export interface LabRecord {
  /** Check texts (or indices) that passed. */
  passed: number[];
  completed: boolean;
  at: string;
}

export interface Progress {
  version: 1;
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
