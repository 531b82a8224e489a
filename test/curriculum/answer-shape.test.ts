/**
 * `validate` only advises authors about answers that give themselves away by shape
 * (a deliberate long answer must not block someone else's CI). The shipped course
 * holds itself to it: no question's right answer stands out by length, and no
 * chapter's right answers cluster by position or length.
 */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { formatProblem } from '../../src/course/problems';
import { quizBiasWarnings } from '../../src/course/quiz-bias';
import { lessonsDir } from '../../src/package-root';

describe('the shipped course', () => {
  it('has no quiz answer-shape warnings', () => {
    const { course } = loadCourse(lessonsDir());
    expect(quizBiasWarnings(course).map(formatProblem)).toEqual([]);
  });
});
