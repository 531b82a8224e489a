/**
 * The map's minutes come from each lesson's words, questions and labs (duration.ts),
 * so a lesson with two labs never claims five minutes. Prints the course's total.
 */
import { describe, expect, it } from 'vitest';
import { estimateMinutes, LAB_MINUTES, QUESTION_MINUTES, WORDS_PER_MINUTE } from '../../src/course/duration';
import { loadCourse } from '../../src/course/load-course';
import type { Step } from '../../src/course/types';
import { lessonsDir } from '../../src/package-root';

const pos = { file: 'x.md', line: 1 };
const page = (n: number): Step => ({ kind: 'page', markdown: Array.from({ length: n }, () => 'word').join(' '), pos });

describe('estimateMinutes', () => {
  it('counts words at the reading pace, each question and each lab', () => {
    expect(estimateMinutes([page(WORDS_PER_MINUTE * 3)])).toBe(3);
    const lab = { kind: 'lab', id: 'x#lab1', lab: { scenario: 's', goal: 'g', checks: [] }, pos } as Step;
    expect(estimateMinutes([page(WORDS_PER_MINUTE), lab, lab])).toBe(1 + 2 * LAB_MINUTES);
    const quiz = { kind: 'quiz', question: { kind: 'single', id: 'q', prompt: 'p', choices: [], explain: '' }, pos } as unknown as Step;
    expect(estimateMinutes([quiz, quiz, quiz, quiz])).toBe(Math.round(4 * QUESTION_MINUTES));
    expect(estimateMinutes([page(3)])).toBe(1);
  });
});

describe('the shipped course', () => {
  const { course } = loadCourse(lessonsDir());
  it('gives every lesson minutes computed from its content, and lessons with two labs at least 10', () => {
    let total = 0;
    for (const lesson of course.chapters.flatMap((c) => c.lessons)) {
      expect(lesson.minutes, lesson.id).toBe(estimateMinutes(lesson.steps));
      total += lesson.minutes!;
      const labs = lesson.steps.filter((s) => s.kind === 'lab').length;
      if (labs >= 2) expect(lesson.minutes!, lesson.id).toBeGreaterThanOrEqual(10);
    }
    console.log(course.chapters.flatMap((c) => c.lessons).map((l) => `${l.id} ${l.minutes}`).join(" | "));
    console.log(`course: ${total} minutes over ${course.chapters.flatMap((c) => c.lessons).length} lessons`);
  });
});
