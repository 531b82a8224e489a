/**
 * The progress operations the app uses, in one place. The pure rules live in
 * `src/progress/progress.ts`; this module adapts them to what the screens need
 * (lesson lookups, map rows) so a screen never reaches into the data shape.
 */
import type { Course, Lesson, Step } from '../course/types';
import type { Progress } from '../progress/types';
import * as rules from '../progress/progress';
import type { ChapterScore, QuizRef, StepRef } from '../progress/progress';

export type { ChapterScore, QuizRef, StepRef } from '../progress/progress';
export {
  chapterScore,
  completeLesson,
  markReview as markReviewed,
  missedQuestions,
  reachStep,
  recordLab as recordLabResult,
  recordQuizAnswer,
  recordReviewAnswer,
} from '../progress/progress';

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

/**
 * Where "Continue" leads for a returning learner: the saved current step (clamped if
 * the lesson was shortened since). Undefined on a first start, when there is no
 * place to go back to, so the map offers no "Continue" entry.
 */
export function continueTarget(course: Course, progress: Progress): StepRef | undefined {
  const target = rules.continueTarget(course, progress);
  return target?.resume ? { lesson: target.lesson, step: target.step } : undefined;
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

/** Lessons done out of all lessons (only lessons still in the course count). */
export function overallProgress(course: Course, progress: Progress): { done: number; total: number } {
  const all = flatLessons(course);
  const done = all.filter((l) => progress.completed.includes(l.lesson.id)).length;
  return { done, total: all.length };
}

/**
 * A chapter's quiz score, as the map and the end of the course show it: questions
 * answered out of all of them (a skipped one is not answered), then how many were
 * right on the first try.
 */
export function quizScore(score: ChapterScore): string {
  return `quiz ${score.answered}/${score.total} answered, ${score.correct} right`;
}
