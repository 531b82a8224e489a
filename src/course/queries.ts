/** Small read-only questions about a loaded course, shared by the CLI, the UI and progress. */
import type { Question } from '../quiz/types';
import type { Chapter, Course, Lesson } from './types';

/** Every lesson in course order. */
export function allLessons(course: Course): Lesson[] {
  return course.chapters.flatMap((c) => c.lessons);
}

/** A lesson by id with its chapter and its position in course order, or undefined. */
export function findLesson(
  course: Course,
  id: string,
): { chapter: Chapter; lesson: Lesson; index: number } | undefined {
  let index = 0;
  for (const chapter of course.chapters) {
    for (const lesson of chapter.lessons) {
      if (lesson.id === id) return { chapter, lesson, index };
      index++;
    }
  }
  return undefined;
}

/** The questions of a lesson, in order. */
export function lessonQuestions(lesson: Lesson): Question[] {
  return lesson.steps.flatMap((s) => (s.kind === 'quiz' ? [s.question] : []));
}

/** How many quizzes and labs a lesson has (for outlines). */
export function lessonCounts(lesson: Lesson): { quizzes: number; labs: number } {
  let quizzes = 0;
  let labs = 0;
  for (const s of lesson.steps) {
    if (s.kind === 'quiz') quizzes++;
    else if (s.kind === 'lab') labs++;
  }
  return { quizzes, labs };
}
