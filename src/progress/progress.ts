/**
 * The rules of progress, as pure functions: each takes a Progress and returns a new
 * one (never mutating), so the UI can keep it in state and hand it to the store.
 */
import type { Course, Lesson } from '../course/types';
import { checkProgress } from './schema';
import { emptyProgress, type LabRecord, type Progress, type QuizRecord } from './types';

const now = (): string => new Date().toISOString();

/** A place in the course. */
export interface StepRef {
  lesson: string;
  step: number;
}

/** The learner is at `step` of `lesson`: it becomes current and may extend the furthest step. */
export function reachStep(progress: Progress, lesson: string, step: number): Progress {
  const furthest = Math.max(progress.furthest[lesson] ?? 0, step);
  if (progress.current?.lesson === lesson && progress.current.step === step && progress.furthest[lesson] === furthest) {
    return progress;
  }
  return { ...progress, current: { lesson, step }, furthest: { ...progress.furthest, [lesson]: furthest }, updatedAt: now() };
}

/** The learner finished `lesson`. */
export function completeLesson(progress: Progress, lesson: string): Progress {
  if (progress.completed.includes(lesson)) return progress;
  return { ...progress, completed: [...progress.completed, lesson], updatedAt: now() };
}

/**
 * Records an answer to `questionId`. The first answer fixes `firstTryCorrect` (the
 * score counts first tries); later answers add attempts, and a correct one marks the
 * question solved.
 */
export function recordQuizAnswer(progress: Progress, questionId: string, correct: boolean): Progress {
  const prev = progress.quizzes[questionId];
  const at = now();
  const record = prev
    ? { ...prev, attempts: prev.attempts + 1, solved: prev.solved || correct, at }
    : { firstTryCorrect: correct, solved: correct, attempts: 1, at };
  return { ...progress, quizzes: { ...progress.quizzes, [questionId]: record }, updatedAt: at };
}

/** How long a question answered right in review stays away before it comes back once. */
export const REVIEW_GAP_MS = 24 * 60 * 60 * 1000;

/**
 * Records an answer given in "review what I missed". It counts as an attempt (the
 * first-try score never changes here) and moves the question along the review:
 * right once, it leaves the list until REVIEW_GAP_MS later; right again when it
 * comes back, it leaves for good; wrong, it stays (and starts over).
 */
export function recordReviewAnswer(progress: Progress, questionId: string, correct: boolean, at: Date = new Date()): Progress {
  const next = recordQuizAnswer(progress, questionId, correct);
  const rec = next.quizzes[questionId]!;
  const streak = correct ? (rec.review?.streak ?? 0) + 1 : 0;
  const review = streak === 1 ? { streak, due: new Date(at.getTime() + REVIEW_GAP_MS).toISOString() } : { streak };
  return { ...next, quizzes: { ...next.quizzes, [questionId]: { ...rec, review } } };
}

/**
 * Progress with a learner id (made once, on the first start, and kept): it seeds
 * the per-learner order of quiz choices. `random` is injectable for tests.
 */
export function withLearner(progress: Progress, random: () => number = Math.random): Progress {
  if (progress.learner) return progress;
  const learner = Array.from({ length: 4 }, () => Math.floor(random() * 0x10000).toString(16).padStart(4, '0')).join('');
  return { ...progress, learner };
}

/** Records a lab run: passed checks accumulate over runs; completed stays completed. */
export function recordLab(
  progress: Progress,
  labId: string,
  result: { passed: number[]; completed: boolean },
): Progress {
  const prev = progress.labs[labId];
  const at = now();
  const record: LabRecord = {
    passed: [...new Set([...(prev?.passed ?? []), ...result.passed])].sort((a, b) => a - b),
    completed: (prev?.completed ?? false) || result.completed,
    at,
  };
  return { ...progress, labs: { ...progress.labs, [labId]: record }, updatedAt: at };
}

/** Marks (or unmarks) a review item, `<lesson-id>#review<n>:<item>`, as "I can say this". */
export function markReview(progress: Progress, itemId: string, marked: boolean): Progress {
  if ((progress.reviewed[itemId] ?? false) === marked) return progress;
  const reviewed = { ...progress.reviewed };
  if (marked) reviewed[itemId] = true;
  else delete reviewed[itemId];
  return { ...progress, reviewed, updatedAt: now() };
}

/** Everything recorded for one lesson, forgotten; the rest is untouched. */
export function resetLesson(progress: Progress, course: Course, lessonId: string): Progress {
  const lesson = course.chapters.flatMap((c) => c.lessons).find((l) => l.id === lessonId);
  const questionIds = new Set(lesson ? questionIdsOf(lesson) : []);
  const own = (key: string): boolean => key.startsWith(`${lessonId}#`) || questionIds.has(key);
  const keep = <T>(rec: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(rec).filter(([k]) => !own(k)));
  const furthest = { ...progress.furthest };
  delete furthest[lessonId];
  return {
    ...progress,
    completed: progress.completed.filter((id) => id !== lessonId),
    current: progress.current?.lesson === lessonId ? undefined : progress.current,
    furthest,
    quizzes: keep(progress.quizzes),
    labs: keep(progress.labs),
    reviewed: keep(progress.reviewed),
    updatedAt: now(),
  };
}

/** A fresh start. */
export function resetAll(): Progress {
  return { ...emptyProgress(), updatedAt: now() };
}

/** A chapter's quiz score: first-try correct, answered, and questions in the chapter. */
export interface ChapterScore {
  correct: number;
  answered: number;
  total: number;
}

export function chapterScore(course: Course, chapterId: string, progress: Progress): ChapterScore {
  const score: ChapterScore = { correct: 0, answered: 0, total: 0 };
  const chapter = course.chapters.find((c) => c.id === chapterId);
  for (const lesson of chapter?.lessons ?? []) {
    for (const id of questionIdsOf(lesson)) {
      score.total++;
      const rec = progress.quizzes[id];
      if (!rec) continue;
      score.answered++;
      if (rec.firstTryCorrect) score.correct++;
    }
  }
  return score;
}

/** Share of the course's lessons completed, 0–100 (whole number). Unknown ids do not count. */
export function overallPercent(course: Course, progress: Progress): number {
  const lessons = course.chapters.flatMap((c) => c.lessons);
  if (lessons.length === 0) return 0;
  const done = new Set(progress.completed);
  const n = lessons.filter((l) => done.has(l.id)).length;
  return Math.floor((n * 100) / lessons.length);
}

/**
 * Where "continue" leads: the saved current step if that lesson still exists (clamped
 * to its length, as a lesson may have been shortened), else the first lesson not yet
 * completed at its start. `resume` says which. Undefined when every lesson is done.
 */
export function continueTarget(course: Course, progress: Progress): (StepRef & { resume: boolean }) | undefined {
  const lessons = course.chapters.flatMap((c) => c.lessons);
  const cur = progress.current;
  const at = cur && lessons.find((l) => l.id === cur.lesson);
  if (cur && at && at.steps.length > 0) {
    return { lesson: at.id, step: Math.min(Math.max(0, cur.step), at.steps.length - 1), resume: true };
  }
  const done = new Set(progress.completed);
  const next = lessons.find((l) => !done.has(l.id));
  return next ? { lesson: next.id, step: 0, resume: false } : undefined;
}

/** A quiz step in the course. */
export interface QuizRef extends StepRef {
  questionId: string;
}

/**
 * Whether a question is on the "review what I missed" list at `at`: missed on the
 * first try, not yet answered right twice in review, and not resting after the
 * first right answer there (see recordReviewAnswer).
 */
export function dueForReview(record: QuizRecord | undefined, at: Date = new Date()): boolean {
  if (record?.firstTryCorrect !== false) return false;
  const review = record.review;
  if (!review) return true;
  if (review.streak >= 2) return false;
  return review.streak === 0 || !review.due || Date.parse(review.due) <= at.getTime();
}

/** Questions to review, in course order: "review what I missed" (see dueForReview). */
export function missedQuestions(course: Course, progress: Progress, at: Date = new Date()): QuizRef[] {
  const out: QuizRef[] = [];
  for (const chapter of course.chapters) {
    for (const lesson of chapter.lessons) {
      lesson.steps.forEach((s, step) => {
        if (s.kind === 'quiz' && dueForReview(progress.quizzes[s.question.id], at)) {
          out.push({ lesson: lesson.id, step, questionId: s.question.id });
        }
      });
    }
  }
  return out;
}

/** Progress as the JSON text `progress export` writes. */
export function exportProgress(progress: Progress, designs: DesignTexts = {}): string {
  const out = Object.keys(designs).length > 0 ? { ...progress, designs } : progress;
  return `${JSON.stringify(out, null, 2)}\n`;
}

/**
 * The learner's own designs (`designs/task-N.yaml`), carried in an export beside the
 * progress: file name without `.yaml` ("task-2") → the file's YAML text.
 */
export type DesignTexts = Record<string, string>;

/** Names a design may have in an export: one per task. */
export const DESIGN_NAME = /^task-[0-9]$/;
/** The largest design text an import takes (a real design is a few KiB). */
export const MAX_DESIGN_CHARS = 256 * 1024;

/** The `designs` of an export, checked: names of tasks, YAML text of a sane size. */
function checkDesigns(value: unknown): { designs: DesignTexts } | { error: string } {
  if (value === undefined) return { designs: {} };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: "progress file is damaged: 'designs' must map task-N to a design's text" };
  const designs: DesignTexts = {};
  for (const [name, text] of Object.entries(value)) {
    if (!DESIGN_NAME.test(name)) return { error: `progress file is damaged: 'designs' holds '${name.slice(0, 40).replace(/[^\x20-\x7e]/g, '?')}', not a task (task-0 to task-9)` };
    if (typeof text !== 'string') return { error: `progress file is damaged: designs.${name}: expected the design's text` };
    if (text.length > MAX_DESIGN_CHARS) return { error: `progress file is damaged: designs.${name} is larger than ${MAX_DESIGN_CHARS / 1024} KiB` };
    designs[name] = text;
  }
  return { designs };
}

/**
 * Reads exported progress. Nothing is replaced here: the caller replaces only on
 * success. Lesson and question ids the course does not know are kept (they may belong
 * to a newer course) and simply ignored by everything above.
 */
export function importProgress(text: string): { progress: Progress; designs: DesignTexts } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
  // The designs travel beside the progress, not in it: taken out before it is checked.
  let designs: DesignTexts = {};
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'designs' in value) {
    const { designs: raw, ...rest } = value as { designs?: unknown };
    const checked = checkDesigns(raw);
    if ('error' in checked) return checked;
    designs = checked.designs;
    value = rest;
  }
  const checked = checkProgress(value);
  return 'error' in checked ? checked : { progress: checked.progress, designs };
}

/** A short description of what progress holds, for "this will replace …" prompts. */
export function describeProgress(progress: Progress): string {
  const lessons = progress.completed.length;
  const quizzes = Object.keys(progress.quizzes).length;
  const labs = Object.values(progress.labs).filter((l) => l.completed).length;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(lessons, 'lesson')} completed, ${plural(quizzes, 'question')} answered, ${plural(labs, 'lab')} done`;
}

function questionIdsOf(lesson: Lesson): string[] {
  return lesson.steps.flatMap((s) => (s.kind === 'quiz' ? [s.question.id] : []));
}

/**
 * Progress saved by two copies of the app (or an import while the app runs), joined
 * so that nothing either of them recorded is lost. `disk` is what the file holds now,
 * `ours` what this copy wants to save, `base` what this copy last read or saved:
 * something in `base` but no longer in `ours` was removed here on purpose (a review
 * mark taken back) and stays removed; everything else from either side is kept.
 */
export function mergeProgress(disk: Progress, ours: Progress, base: Progress): Progress {
  const keys = (a: object, b: object): string[] => [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const join = <T>(d: Record<string, T>, o: Record<string, T>, b: Record<string, T>, both: (d: T, o: T) => T): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const k of keys(d, o)) {
      const inD = Object.hasOwn(d, k);
      const inO = Object.hasOwn(o, k);
      if (!inO && Object.hasOwn(b, k)) continue; // removed here since the last save
      out[k] = inD && inO ? both(d[k]!, o[k]!) : inO ? o[k]! : d[k]!;
    }
    return out;
  };
  const baseDone = new Set(base.completed);
  const oursDone = new Set(ours.completed);
  const completed = [...ours.completed, ...disk.completed.filter((id) => !oursDone.has(id) && !baseDone.has(id))];
  const later = (a?: string, b?: string): string | undefined => (a === undefined ? b : b === undefined ? a : a > b ? a : b);
  return {
    ...disk,
    ...ours,
    completed: [...new Set(completed)],
    current: ours.current ?? disk.current,
    furthest: join(disk.furthest, ours.furthest, base.furthest, (d, o) => Math.max(d, o)),
    quizzes: join(disk.quizzes, ours.quizzes, base.quizzes, (d, o) => {
      // The record with more attempts saw the first try too; solved anywhere is solved.
      const main = d.attempts > o.attempts ? d : o;
      return { ...main, solved: d.solved || o.solved };
    }),
    labs: join(disk.labs, ours.labs, base.labs, (d, o) => ({
      ...d,
      ...o,
      passed: [...new Set([...d.passed, ...o.passed])].sort((a, b) => a - b),
      completed: d.completed || o.completed,
      at: later(d.at, o.at) ?? o.at,
    })),
    reviewed: join(disk.reviewed, ours.reviewed, base.reviewed, (d, o) => d || o),
    ...(later(disk.updatedAt, ours.updatedAt) ? { updatedAt: later(disk.updatedAt, ours.updatedAt) } : {}),
  };
}
