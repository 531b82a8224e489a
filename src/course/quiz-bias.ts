/**
 * `validate`'s warnings for quiz answers that give themselves away by shape (the
 * rules are in quiz/bias.ts), placed at each question's `file:line`: one per
 * question whose right choice is much longer than its distractors, and one per
 * question counted in a chapter-wide pattern (right answers at one position, or
 * the longest choice, time after time).
 */
import { chapterPatterns, lengthGiveaway, type PlacedQuestion } from '../quiz/bias';
import type { Course, CourseProblem, SourcePos } from './types';

export function quizBiasWarnings(course: Course): CourseProblem[] {
  const out: CourseProblem[] = [];
  const warn = (at: SourcePos, message: string): void => {
    out.push({ file: at.file, line: at.line, message: `quiz: ${message}`, severity: 'warning' });
  };
  for (const chapter of course.chapters) {
    const placed: PlacedQuestion<SourcePos>[] = chapter.lessons.flatMap((l) => l.steps.flatMap((s) => (s.kind === 'quiz' ? [{ question: s.question, at: s.pos }] : [])));
    for (const { question, at } of placed) {
      const why = lengthGiveaway(question);
      if (why) warn(at, why);
    }
    for (const pattern of chapterPatterns(placed)) {
      for (const { at } of pattern.questions) warn(at, pattern.message);
    }
  }
  return out;
}
