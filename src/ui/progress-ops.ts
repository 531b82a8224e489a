/**
 * The progress operations the app uses, in one place. The pure rules live in
 * `src/progress/progress.ts`; this module adapts them to what the screens need
 * (lesson lookups, map rows) so a screen never reaches into the data shape.
 */
import type { Course, Lesson, Step } from '../course/types';
import type { Progress } from '../progress/types';

/** A place in the course: a lesson and a step index in it. */
export interface StepRef {
  lesson: string;
  step: number;
}

/** Lesson by id, with its chapter and global position. */
export interface LessonInfo {
  lesson: Lesson;
  chapterIndex: number;
  lessonIndex: number;
  /** Index in the flat, ordered list of all lessons. */
  flatIndex: number;
}

/** Every lesson of the course in reading order. */
export function flatLessons(course: Course): LessonInfo[] {
  const out: LessonInfo[] = [];
  course.chapters.forEach((chapter, chapterIndex) =>
    chapter.lessons.forEach((lesson, lessonIndex) => out.push({ lesson, chapterIndex, lessonIndex, flatIndex: out.length })),
  );
  return out;
}

export function findLesson(course: Course, id: string): LessonInfo | undefined {
  return flatLessons(course).find((l) => l.lesson.id === id);
}

function now(): string {
  return new Date().toISOString();
}

/** The learner is now at `step` of `lesson`: remembered as current and as furthest reached. */
export function reachStep(progress: Progress, lesson: string, step: number): Progress {
  const furthest = Math.max(progress.furthest[lesson] ?? 0, step);
  if (progress.current?.lesson === lesson && progress.current.step === step && progress.furthest[lesson] === furthest) {
    return progress;
  }
  return { ...progress, current: { lesson, step }, furthest: { ...progress.furthest, [lesson]: furthest }, updatedAt: now() };
}

/** The learner finished the last step of `lesson`. */
export function completeLesson(progress: Progress, lesson: string): Progress {
  if (progress.completed.includes(lesson)) return progress;
  return { ...progress, completed: [...progress.completed, lesson], updatedAt: now() };
}

/**
 * Record an answer. The first answer fixes `firstTryCorrect`; later ones only add
 * attempts and may mark the question solved.
 */
export function recordQuizAnswer(progress: Progress, questionId: string, correct: boolean): Progress {
  const prev = progress.quizzes[questionId];
  const record = prev
    ? { ...prev, attempts: prev.attempts + 1, solved: prev.solved || correct, at: now() }
    : { firstTryCorrect: correct, solved: correct, attempts: 1, at: now() };
  return { ...progress, quizzes: { ...progress.quizzes, [questionId]: record }, updatedAt: now() };
}

export function recordLabResult(progress: Progress, labId: string, record: { passed: number[]; completed: boolean }): Progress {
  const prev = progress.labs[labId];
  const merged = {
    passed: [...new Set([...(prev?.passed ?? []), ...record.passed])].sort((a, b) => a - b),
    completed: (prev?.completed ?? false) || record.completed,
    at: now(),
  };
  return { ...progress, labs: { ...progress.labs, [labId]: merged }, updatedAt: now() };
}

export function markReviewed(progress: Progress, itemId: string, marked: boolean): Progress {
  if ((progress.reviewed[itemId] ?? false) === marked) return progress;
  return { ...progress, reviewed: { ...progress.reviewed, [itemId]: marked }, updatedAt: now() };
}

/**
 * Where "Continue" leads: the saved current step if it still exists in the course
 * (a lesson may have been removed or shortened since), clamped to the lesson's
 * length; undefined for a first start.
 */
export function continueTarget(course: Course, progress: Progress): StepRef | undefined {
  const cur = progress.current;
  if (!cur) return undefined;
  const info = findLesson(course, cur.lesson);
  if (!info || info.lesson.steps.length === 0) return undefined;
  return { lesson: cur.lesson, step: Math.min(Math.max(0, cur.step), info.lesson.steps.length - 1) };
}

/** A quiz step of the course, by its question id. */
export interface QuizRef extends StepRef {
  questionId: string;
}

/** All quiz steps, in course order. */
export function quizSteps(course: Course): QuizRef[] {
  const out: QuizRef[] = [];
  for (const { lesson } of flatLessons(course)) {
    lesson.steps.forEach((step: Step, i) => {
      if (step.kind === 'quiz') out.push({ lesson: lesson.id, step: i, questionId: step.question.id });
    });
  }
  return out;
}

/** Questions answered wrong on the first try, in course order: what "review what I missed" replays. */
export function missedQuestions(course: Course, progress: Progress): QuizRef[] {
  return quizSteps(course).filter((q) => progress.quizzes[q.questionId]?.firstTryCorrect === false);
}

/** A chapter's quiz score: first-try correct out of answered, and the chapter's total. */
export interface ChapterScore {
  correct: number;
  answered: number;
  total: number;
}

export function chapterScore(course: Course, chapterId: string, progress: Progress): ChapterScore {
  const chapter = course.chapters.find((c) => c.id === chapterId);
  const score: ChapterScore = { correct: 0, answered: 0, total: 0 };
  if (!chapter) return score;
  for (const lesson of chapter.lessons) {
    for (const step of lesson.steps) {
      if (step.kind !== 'quiz') continue;
      score.total++;
      const rec = progress.quizzes[step.question.id];
      if (!rec) continue;
      score.answered++;
      if (rec.firstTryCorrect) score.correct++;
    }
  }
  return score;
}

/** Lessons done out of all lessons (only lessons still in the course count). */
export function overallProgress(course: Course, progress: Progress): { done: number; total: number } {
  const all = flatLessons(course);
  const done = all.filter((l) => progress.completed.includes(l.lesson.id)).length;
  return { done, total: all.length };
}
