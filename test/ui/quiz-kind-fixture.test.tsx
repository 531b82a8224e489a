/**
 * A quiz kind the course does not ship, added the way CONTRIBUTING.md "Add a quiz
 * kind" says and nowhere else: its module (test/fixtures/quiz-kind/yes-no.ts: block
 * schema, checks, label, grading, state, answer) goes into the registry and its view
 * into ui/quiz/views.tsx, here at run time. The loader, `validate`, the grader, the
 * session and the lesson's quiz step then take it, with its authoring mistakes
 * reported at `file:line` like any other kind's: none of them knows a kind by name.
 * (types.ts, the other listed file, only names it for the compiler.)
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../src/cli/validate';
import { estimateMinutes, QUESTION_MINUTES } from '../../src/course/duration';
import { loadCourse } from '../../src/course/load-course';
import { formatProblem } from '../../src/course/problems';
import { gradeAnswer } from '../../src/quiz/grade';
import { QUIZ_KINDS } from '../../src/quiz/registry';
import { initQuizSession, quizReducer } from '../../src/quiz/session';
import type { Answer, Question } from '../../src/quiz/types';
import { QuizStep } from '../../src/ui/quiz/quiz-step';
import { QUIZ_VIEWS } from '../../src/ui/quiz/views';
import { yesNo } from '../fixtures/quiz-kind/yes-no';
import { YesNoView } from '../fixtures/quiz-kind/yes-no-view';
import { KEY, mount, quizStep } from './quiz-harness';

const dir = path.join('test', 'fixtures', 'quiz-kind', 'course');
const lesson = path.join(dir, '01-claims', '01-claims.md');

// The two entries CONTRIBUTING.md names (registry.ts, views.tsx), made at run time.
const kinds = QUIZ_KINDS as unknown as Record<string, unknown>;
const views = QUIZ_VIEWS as unknown as Record<string, unknown>;
beforeAll(() => {
  kinds['yes-no'] = yesNo;
  views['yes-no'] = YesNoView;
});
afterAll(() => {
  delete kinds['yes-no'];
  delete views['yes-no'];
});

const load = () => loadCourse(dir, { cwd: process.cwd() });
const yes = (v: boolean) => ({ kind: 'yes-no', yes: v }) as unknown as Answer;

describe('a quiz kind added through the registry alone', () => {
  it('loads from a lesson, with its schema and its own checks reported at file:line', () => {
    const { course, problems } = load();
    expect(problems.map(formatProblem)).toEqual([
      `${lesson}:18: quiz (yes-no): missing 'answer'`,
      `${lesson}:20: quiz (yes-no): unknown field 'answr' (did you mean 'answer'?)`,
      `${lesson}:33: quiz (yes-no): both answers read 'Sure'`,
    ]);
    const steps = course.chapters[0]!.lessons[0]!.steps;
    const questions = steps.flatMap((s) => (s.kind === 'quiz' ? [s.question] : []));
    // The block with a broken shape is left out; the other two load (ids as for any kind).
    expect(questions.map((q) => [q.kind, q.id])).toEqual([
      ['yes-no', 'replica-writes'],
      ['yes-no', 'claims#q3'],
    ]);
    expect(estimateMinutes(steps.filter((s) => s.kind === 'quiz'))).toBe(Math.max(1, Math.round(2 * QUESTION_MINUTES)));
  });

  it('`validate` reports its blocks like the others', async () => {
    let out = '';
    const io = { stdout: { write: (s: string) => void (out += s) }, stderr: { write: () => {} }, cwd: process.cwd() };
    const code = await runValidate(dir, { color: false, ascii: true } as never, io as never);
    expect(code).toBe(1);
    expect(out).toContain(`${lesson}:20: quiz (yes-no): unknown field 'answr' (did you mean 'answer'?)\n`);
    expect(out).toContain(`${lesson}:33: quiz (yes-no): both answers read 'Sure'\n`);
    expect(out).toContain('3 errors, 0 warnings');
  });

  it('is graded and answered in a session by its module', () => {
    const q = load().course.chapters[0]!.lessons[0]!.steps.find((s) => s.kind === 'quiz')!;
    const question = (q as { question: Question }).question;
    expect(gradeAnswer(question, yes(false))).toMatchObject({ correct: true });
    expect(gradeAnswer(question, yes(true))).toMatchObject({ correct: false, feedback: expect.stringContaining('A replica only applies') });
    let s = initQuizSession(question);
    s = quizReducer(s, { type: 'submit' });
    expect(s.notice).toBe('Press y or n first.');
    s = quizReducer(quizReducer(s, { type: 'choose', index: 1 }), { type: 'submit' });
    expect(s).toMatchObject({ phase: 'answered', firstTryCorrect: true, lastAnswer: { kind: 'yes-no', yes: false } });
  });

  it('is drawn and answered by its own view in a lesson step', async () => {
    const question = load().course.chapters[0]!.lessons[0]!.steps.find((s) => s.kind === 'quiz')!;
    const h = await mount(QuizStep, quizStep((question as { question: Question }).question));
    expect(h.frame()).toContain('A MySQL replica accepts writes');
    await h.press('y', KEY.enter);
    await h.waitFor('Not quite. A replica only applies');
    expect(h.answers).toEqual([{ id: 'replica-writes', correct: false }]);
    h.unmount();
  });
});
