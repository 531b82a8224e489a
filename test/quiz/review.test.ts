/**
 * "Review what I missed" shrinks: a question answered right in review leaves the
 * list, comes back once after a gap, and leaves for good when answered right
 * again; a wrong answer keeps it; a skipped one stays. The first-try score never
 * changes in review.
 */
import { describe, expect, it } from 'vitest';
import type { Course, Step } from '../../src/course/types';
import { REVIEW_GAP_MS, chapterScore, missedQuestions, recordQuizAnswer, recordReviewAnswer, withLearner } from '../../src/progress/progress';
import { checkProgress } from '../../src/progress/schema';
import { emptyProgress, type Progress } from '../../src/progress/types';
import { createAppReducer, initialAppState } from '../../src/ui/use-app-state';

const pos = { file: 'x.md', line: 1 };
const quiz = (id: string): Step => ({
  kind: 'quiz',
  pos,
  question: { id, kind: 'single', prompt: `question ${id}`, explain: 'e', choices: [{ text: 'a', correct: true }, { text: 'b', feedback: 'no' }] },
});
const course: Course = {
  root: '/c',
  chapters: [{ id: 'a', title: 'A', dir: '/c/01-a', lessons: [{ id: 'a1', title: 'A one', chapterId: 'a', file: 'a1.md', steps: [quiz('q1'), quiz('q2'), quiz('q3')] }] }],
};
const ids = (p: Progress, at: Date): string[] => missedQuestions(course, p, at).map((r) => r.questionId);

const t0 = new Date('2026-03-01T10:00:00Z');
const later = (ms: number): Date => new Date(t0.getTime() + ms);
/** q1 and q2 missed on the first try, q3 right. */
const missedTwo = (): Progress => {
  let p = emptyProgress();
  p = recordQuizAnswer(p, 'q1', false);
  p = recordQuizAnswer(p, 'q2', false);
  p = recordQuizAnswer(p, 'q3', true);
  return p;
};

describe('review what I missed', () => {
  it('lists the questions missed on the first try', () => {
    expect(ids(missedTwo(), t0)).toEqual(['q1', 'q2']);
  });

  it('a right answer in review takes the question off the list, it comes back once after the gap, then leaves for good', () => {
    let p = recordReviewAnswer(missedTwo(), 'q1', true, t0);
    expect(ids(p, t0)).toEqual(['q2']);
    expect(ids(p, later(REVIEW_GAP_MS - 1000))).toEqual(['q2']);
    // Spaced: back once, a day later.
    expect(ids(p, later(REVIEW_GAP_MS))).toEqual(['q1', 'q2']);
    p = recordReviewAnswer(p, 'q1', true, later(REVIEW_GAP_MS));
    expect(ids(p, later(10 * REVIEW_GAP_MS))).toEqual(['q2']);
  });

  it('a wrong answer in review keeps it on the list and starts over', () => {
    let p = recordReviewAnswer(missedTwo(), 'q1', true, t0);
    p = recordReviewAnswer(p, 'q1', false, later(REVIEW_GAP_MS));
    expect(ids(p, later(REVIEW_GAP_MS))).toEqual(['q1', 'q2']);
    p = recordReviewAnswer(p, 'q1', true, later(REVIEW_GAP_MS));
    expect(ids(p, later(REVIEW_GAP_MS + 1000))).toEqual(['q2']);
  });

  it('never changes the first-try score, and the record survives a save and load', () => {
    const p = recordReviewAnswer(missedTwo(), 'q1', true, t0);
    expect(p.quizzes.q1).toMatchObject({ firstTryCorrect: false, solved: true, attempts: 2, review: { streak: 1 } });
    expect(chapterScore(course, 'a', p)).toEqual({ correct: 1, answered: 3, total: 3 });
    const loaded = checkProgress(JSON.parse(JSON.stringify(p)));
    expect('progress' in loaded && loaded.progress.quizzes.q1?.review?.due).toBe(later(REVIEW_GAP_MS).toISOString());
  });

  it('skipped questions count as not answered (the map shows answered / total)', () => {
    const p = recordQuizAnswer(emptyProgress(), 'q1', true);
    expect(chapterScore(course, 'a', p)).toEqual({ correct: 1, answered: 1, total: 3 });
    expect(ids(p, t0)).toEqual([]);
  });

  it('in the app, answering right on the review screen shrinks the list; skipping leaves it', () => {
    const reduce = createAppReducer(course);
    let s = initialAppState(course, missedTwo());
    s = reduce(s, { type: 'startReview' });
    expect(s.screen).toMatchObject({ name: 'review', index: 0 });
    s = reduce(s, { type: 'quizAnswer', questionId: 'q1', correct: true });
    s = reduce(s, { type: 'next' }); // q2 skipped
    s = reduce(s, { type: 'next' });
    expect(s.screen.name).toBe('map');
    expect(missedQuestions(course, s.progress).map((r) => r.questionId)).toEqual(['q2']);
    // The same answer in the lesson itself is an attempt, not a review step.
    const inLesson = reduce(initialAppState(course, missedTwo()), { type: 'quizAnswer', questionId: 'q1', correct: true });
    expect(missedQuestions(course, inLesson.progress).map((r) => r.questionId)).toEqual(['q1', 'q2']);
  });
});

describe('the learner id', () => {
  it('is made once and kept', () => {
    const p = withLearner(emptyProgress(), () => 0.5);
    expect(p.learner).toMatch(/^[0-9a-f]{16}$/);
    expect(withLearner(p)).toBe(p);
    expect(initialAppState(course, p).progress.learner).toBe(p.learner);
    expect(initialAppState(course, emptyProgress()).progress.learner).toMatch(/^[0-9a-f]{16}$/);
  });
});
