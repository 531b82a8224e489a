import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import {
  chapterScore,
  completeLesson,
  continueTarget,
  describeProgress,
  exportProgress,
  importProgress,
  markReview,
  missedQuestions,
  overallPercent,
  reachStep,
  recordLab,
  recordQuizAnswer,
  resetAll,
  resetLesson,
} from '../../src/progress/progress';
import { emptyProgress, type Progress } from '../../src/progress/types';

const { course } = loadCourse(path.resolve(__dirname, '../fixtures/course'));
const p0 = emptyProgress();

describe('recording', () => {
  it('reachStep sets current and only ever extends furthest', () => {
    let p = reachStep(p0, 'one-server', 4);
    p = reachStep(p, 'one-server', 2);
    expect(p.current).toEqual({ lesson: 'one-server', step: 2 });
    expect(p.furthest).toEqual({ 'one-server': 4 });
    expect(reachStep(p, 'one-server', 2)).toBe(p);
    expect(p0).toEqual(emptyProgress());
  });

  it('the first answer fixes firstTryCorrect; a later right answer solves it', () => {
    let p = recordQuizAnswer(p0, 'q', false);
    expect(p.quizzes.q).toMatchObject({ firstTryCorrect: false, solved: false, attempts: 1 });
    p = recordQuizAnswer(p, 'q', true);
    expect(p.quizzes.q).toMatchObject({ firstTryCorrect: false, solved: true, attempts: 2 });
    p = recordQuizAnswer(p, 'q', false);
    expect(p.quizzes.q).toMatchObject({ firstTryCorrect: false, solved: true, attempts: 3 });
    expect(recordQuizAnswer(p0, 'r', true).quizzes.r).toMatchObject({ firstTryCorrect: true, solved: true });
  });

  it('labs accumulate passed checks; completion sticks', () => {
    let p = recordLab(p0, 'l#lab1', { passed: [1], completed: false });
    p = recordLab(p, 'l#lab1', { passed: [0, 1], completed: true });
    p = recordLab(p, 'l#lab1', { passed: [], completed: false });
    expect(p.labs['l#lab1']).toMatchObject({ passed: [0, 1], completed: true });
  });

  it('completeLesson and markReview are idempotent', () => {
    const p = completeLesson(completeLesson(p0, 'a'), 'a');
    expect(p.completed).toEqual(['a']);
    const r = markReview(p0, 'x#review1:0', true);
    expect(r.reviewed).toEqual({ 'x#review1:0': true });
    expect(markReview(r, 'x#review1:0', false).reviewed).toEqual({});
    expect(markReview(r, 'x#review1:0', true)).toBe(r);
  });
});

describe('reading progress against the course', () => {
  // one-server has questions one-server-record and one-server#q2; dns-basics has three.
  let p: Progress = recordQuizAnswer(p0, 'one-server-record', true);
  p = recordQuizAnswer(p, 'one-server#q2', false);
  p = recordQuizAnswer(p, 'dns-basics#q1', false);
  p = recordQuizAnswer(p, 'dns-basics#q1', true);
  p = completeLesson(p, 'one-server');
  p = completeLesson(p, 'removed-lesson');

  it('scores a chapter by first tries', () => {
    expect(chapterScore(course, 'simple-web-stack', p)).toEqual({ correct: 1, answered: 3, total: 5 });
    expect(chapterScore(course, 'distributed', p)).toEqual({ correct: 0, answered: 0, total: 1 });
    expect(chapterScore(course, 'nope', p)).toEqual({ correct: 0, answered: 0, total: 0 });
  });

  it('computes overall percent over lessons, ignoring unknown ids', () => {
    expect(overallPercent(course, p)).toBe(25);
    expect(overallPercent(course, p0)).toBe(0);
  });

  it('lists first-try misses in course order with their steps', () => {
    expect(missedQuestions(course, p)).toEqual([
      { lesson: 'one-server', step: 4, questionId: 'one-server#q2' },
      { lesson: 'dns-basics', step: 1, questionId: 'dns-basics#q1' },
    ]);
  });

  it('continues where the learner left off, clamped, or at the first unfinished lesson', () => {
    expect(continueTarget(course, p0)).toEqual({ lesson: 'one-server', step: 0, resume: false });
    expect(continueTarget(course, p)).toEqual({ lesson: 'dns-basics', step: 0, resume: false });
    expect(continueTarget(course, reachStep(p, 'load-balancer', 2))).toEqual({ lesson: 'load-balancer', step: 2, resume: true });
    expect(continueTarget(course, reachStep(p, 'load-balancer', 99))).toEqual({ lesson: 'load-balancer', step: 3, resume: true });
    expect(continueTarget(course, reachStep(p, 'gone', 1))).toEqual({ lesson: 'dns-basics', step: 0, resume: false });
    let all = p0;
    for (const id of ['one-server', 'dns-basics', 'load-balancer', 'chapter-review']) all = completeLesson(all, id);
    expect(continueTarget(course, all)).toBeUndefined();
  });

  it('resets one lesson and nothing else', () => {
    let q = reachStep(p, 'one-server', 2);
    q = recordLab(q, 'one-server#lab1', { passed: [0], completed: true });
    q = markReview(q, 'chapter-review#review1:0', true);
    const r = resetLesson(q, course, 'one-server');
    expect(r.completed).toEqual(['removed-lesson']);
    expect(r.current).toBeUndefined();
    expect(Object.keys(r.quizzes)).toEqual(['dns-basics#q1']);
    expect(r.labs).toEqual({});
    expect(r.reviewed).toEqual({ 'chapter-review#review1:0': true });
    expect(resetAll()).toMatchObject(emptyProgress());
  });
});

describe('export and import', () => {
  it('round-trips, keeping ids the course does not know', () => {
    const p = completeLesson(recordQuizAnswer(p0, 'future#q1', true), 'future-lesson');
    const back = importProgress(exportProgress(p));
    expect(back).toEqual({ progress: p, designs: {} });
    expect(describeProgress(p)).toBe('1 lesson completed, 1 question answered, 0 labs done');
  });

  it('carries designs beside the progress, never inside it, and refuses names that are not tasks', () => {
    const p = completeLesson(p0, 'one-server');
    const back = importProgress(exportProgress(p, { 'task-2': 'name: x\n' }));
    expect(back).toEqual({ progress: p, designs: { 'task-2': 'name: x\n' } });
    expect('designs' in (back as { progress: object }).progress).toBe(false);
    expect(importProgress(JSON.stringify({ ...p, designs: { 'task-x': '' } }))).toEqual({ error: expect.stringContaining("'task-x', not a task") });
    expect(importProgress(JSON.stringify({ ...p, designs: { 'task-1': 3 } }))).toEqual({ error: expect.stringContaining("designs.task-1: expected the design's text") });
    expect(importProgress(JSON.stringify({ ...p, designs: ['a'] }))).toEqual({ error: expect.stringContaining("'designs' must map task-N") });
  });

  it.each([
    ['', 'not valid JSON'],
    ['[1,2]', 'expected a JSON object'],
    ['{"completed":[]}', "no 'version'"],
    ['{"version":7}', 'unsupported progress version 7'],
    [JSON.stringify({ ...emptyProgress(), completed: 'all' }), 'completed: expected array'],
    [JSON.stringify({ ...emptyProgress(), quizzes: { q: { firstTryCorrect: 'yes' } } }), 'quizzes.q.firstTryCorrect'],
  ])('rejects %j', (text, message) => {
    const r = importProgress(text);
    expect('error' in r && r.error).toContain(message);
  });
});
