/**
 * Does the shipped course teach and check every point of CURRICULUM.md?
 *
 * lessons/checklist.yaml is the course's promise, written by hand: for each curriculum
 * point (every Explain/Issues bullet of tasks 0–3, the project-wide objectives, the
 * mentor's questions and the facts stated exactly) the lessons that teach it, the
 * questions that ask it and the chapter review that rehearses it. The test holds the lessons to
 * that promise: every named lesson and question must exist, the question must say it
 * covers the point (`covers:`), and the course-wide rules of the issue hold (each
 * misconception confronted by a distractor, every quiz answerable, every distractor
 * explained, ≥ 10 questions per chapter, every lab on a real scenario).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ChecklistPoint, loadChecklist } from '../../src/course/course-data';
import { loadCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';
import type { LabBlock, Lesson } from '../../src/course/types';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import { questionProblems } from '../../src/quiz/check';
import { gradeAnswer } from '../../src/quiz/grade';
import type { Question } from '../../src/quiz/types';

const checklistRead = loadChecklist(lessonsDir());
const checklist = checklistRead.value!;

/** Every curriculum point → where it is taught and where it is asked (lessons/checklist.yaml). */
const COVERAGE: Record<string, ChecklistPoint> = Object.fromEntries(checklist.points.map((p) => [p.id, p]));

/** The 11 misconceptions of CURRICULUM.md → questions with a distractor that confronts it. */
const MISCONCEPTIONS: Record<number, { text: string; questions: string[] }> = Object.fromEntries(
  checklist.misconceptions.map((m) => [m.n, m]),
);

/** Curriculum points a learner also sees happen in a lab: point → [lesson id, scenario]. */
const SHOWN_IN_LABS: Record<string, [lesson: string, scenario: string][]> = Object.fromEntries(
  checklist.points.filter((p) => p.labs).map((p) => [p.id, p.labs!]),
);

const CHAPTERS = ['simple-web-stack', 'distributed', 'secured-monitored', 'scale-up'];

const { course, problems } = loadCourse(lessonsDir(), { scenarios: scenarioLookupFromDir(scenariosDir()) });
const lessons = new Map<string, Lesson>();
const questions = new Map<string, { question: Question; lesson: Lesson }>();
const labs: { lab: LabBlock; lesson: Lesson; line: number }[] = [];
for (const chapter of course.chapters) {
  for (const lesson of chapter.lessons) {
    lessons.set(lesson.id, lesson);
    for (const step of lesson.steps) {
      if (step.kind === 'quiz') questions.set(step.question.id, { question: step.question, lesson });
      if (step.kind === 'lab') labs.push({ lab: step.lab, lesson, line: step.pos.line });
    }
  }
}

/** Misconception numbers a question's wrong options name. */
function misconceptionsOf(q: Question): number[] {
  const out: (number | undefined)[] = [];
  if (q.kind === 'single' || q.kind === 'multiple' || q.kind === 'predict') out.push(...q.choices.map((c) => c.misconception));
  if (q.kind === 'text') out.push(...(q.wrong ?? []).map((w) => w.misconception));
  if (q.kind === 'order') out.push(...(q.mistakes ?? []).map((m) => m.misconception));
  return out.filter((n): n is number => n !== undefined);
}

describe('the shipped course', () => {
  it('loads without errors', () => {
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(errors).toEqual([]);
  });

  it('reads its checklist without problems', () => {
    expect(checklistRead.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('has the four chapters in order, each with 5–8 lessons and a closing review', () => {
    expect(course.chapters.map((c) => c.id)).toEqual(CHAPTERS);
    for (const chapter of course.chapters) {
      expect(chapter.lessons.length, chapter.id).toBeGreaterThanOrEqual(5);
      expect(chapter.lessons.length, chapter.id).toBeLessThanOrEqual(8);
      const last = chapter.lessons[chapter.lessons.length - 1];
      expect(last?.steps.some((s) => s.kind === 'review'), `${chapter.id} ends with a review`).toBe(true);
    }
  });

  it('has at least 10 questions per chapter, of mixed kinds', () => {
    for (const chapter of course.chapters) {
      const qs = chapter.lessons.flatMap((l) => l.steps.flatMap((s) => (s.kind === 'quiz' ? [s.question] : [])));
      expect(qs.length, chapter.id).toBeGreaterThanOrEqual(10);
      expect(new Set(qs.map((q) => q.kind)).size, `${chapter.id} question kinds`).toBeGreaterThanOrEqual(4);
    }
  });

  it('gives every question a correct answer, an explanation and feedback for each distractor', () => {
    const found: string[] = [];
    for (const [id, { question }] of questions) {
      for (const p of questionProblems(question)) if (p.severity === 'error') found.push(`${id}: ${p.message}`);
      if (question.kind === 'single' || question.kind === 'multiple' || question.kind === 'predict') {
        if (!question.choices.some((c) => c.correct)) found.push(`${id}: no correct choice`);
        for (const c of question.choices) if (!c.correct && !c.feedback?.trim()) found.push(`${id}: "${c.text}" has no feedback`);
      }
      if (question.kind === 'text' && question.accept.length === 0) found.push(`${id}: accepts nothing`);
      if (question.kind === 'pick-node' && question.answer.length === 0) found.push(`${id}: no answer node`);
      if (!question.explain.trim()) found.push(`${id}: no explain`);
    }
    expect(found).toEqual([]);
  });

  it('never accepts a known wrong text answer, not even as a typo of a right one', () => {
    // The matcher forgives one slip in longer answers: "LAMP stack" is one letter from
    // "LEMP stack". A misconception must never be graded right by that kindness.
    const accepted: string[] = [];
    for (const [id, { question }] of questions) {
      if (question.kind !== 'text') continue;
      for (const w of question.wrong ?? []) {
        if (gradeAnswer(question, { kind: 'text', text: w.answer }).correct) accepted.push(`${id}: "${w.answer}"`);
      }
      for (const a of question.accept) expect(gradeAnswer(question, { kind: 'text', text: a }).correct, `${id}: "${a}"`).toBe(true);
    }
    expect(accepted).toEqual([]);
  });

  it('gives every question an explicit id and covers tags the table knows', () => {
    const unknown: string[] = [];
    for (const [id, { question, lesson }] of questions) {
      expect(id.startsWith(`${lesson.id}-`), `${id} is named after its lesson ${lesson.id}`).toBe(true);
      for (const tag of question.covers ?? []) if (!(tag in COVERAGE)) unknown.push(`${id}: ${tag}`);
    }
    expect(unknown).toEqual([]);
  });

  it('names only scenarios that exist, in every lab', () => {
    expect(labs.length).toBeGreaterThanOrEqual(13);
    for (const { lab, lesson, line } of labs) {
      expect(existsSync(path.join(scenariosDir(), `${lab.scenario}.yaml`)), `${lesson.file}:${line} ${lab.scenario}`).toBe(true);
      expect(lab.checks.length, `${lesson.file}:${line}`).toBeGreaterThanOrEqual(2);
      expect(lab.checks.length, `${lesson.file}:${line}`).toBeLessThanOrEqual(4);
    }
  });

  it('has a lab in every chapter for each failure story of the issue', () => {
    // What the lab scripts (at), offers on a key (keys) or plays on request (show_me).
    const story = (scenario: string, needle: string) =>
      labs.some(({ lab }) => lab.scenario === scenario && [...(lab.at ?? []), ...(lab.keys ?? []).map((k) => k.do), ...(lab.show_me ?? [])].some((a) => a.includes(needle)));
    expect(story('simple-web-stack', 'kill:server-1')).toBe(true);
    expect(story('simple-web-stack', 'stop:server-1')).toBe(true);
    expect(story('distributed', 'kill:web-2')).toBe(true);
    expect(story('distributed', 'kill:lb-1')).toBe(true);
    expect(labs.some(({ lab }) => lab.scenario === 'replica-write')).toBe(true);
    expect(labs.some(({ lab }) => lab.scenario === 'replication-lag')).toBe(true);
    expect(story('secured-monitored', 'probe:web-1:3306')).toBe(true);
    expect(story('secured-monitored', 'set_rate')).toBe(true);
    expect(story('secured-monitored', 'promote:web-2')).toBe(true);
    expect(story('five-machines', 'kill:lb-1')).toBe(true);
    expect(['web-1', 'app-1', 'db-1'].every((n) => story('five-machines', `kill:${n}`))).toBe(true);
    expect(story('distributed', 'hang:web-2')).toBe(true);
    expect(story('distributed', 'kill:web-2:app')).toBe(true);
    expect(story('distributed-httpchk', 'kill:web-2:app')).toBe(true);
    expect(story('five-machines', 'kill:lb-1:haproxy')).toBe(true);
    expect(story('five-machines-tracked', 'kill:lb-1:haproxy')).toBe(true);
    expect(labs.some(({ lab }) => lab.scenario === 'queueing')).toBe(true);
    expect(labs.some(({ lab }) => lab.scenario === 'active-active')).toBe(true);
    expect(story('scale-up', 'drain:web-1')).toBe(true);
    expect(labs.some(({ lab }) => lab.scenario === 'capacity')).toBe(true);
  });

  it('links every review item to a lesson of the course', () => {
    for (const chapter of course.chapters) {
      for (const lesson of chapter.lessons) {
        for (const step of lesson.steps) {
          if (step.kind !== 'review') continue;
          for (const item of step.review.items) {
            expect(item.lesson, item.text).toBeDefined();
            expect(lessons.has(item.lesson!), `${item.lesson} (${item.text})`).toBe(true);
          }
        }
      }
    }
  });
});

describe('curriculum coverage table', () => {
  for (const [tag, cov] of Object.entries(COVERAGE)) {
    it(`${tag}: ${cov.point}`, () => {
      expect(cov.lessons.length + cov.questions.length).toBeGreaterThan(0);
      for (const id of cov.lessons) expect(lessons.has(id), `lesson ${id}`).toBe(true);
      expect(cov.questions.length, 'asked in at least one quiz').toBeGreaterThan(0);
      for (const id of cov.questions) expect(questions.has(id), `question ${id}`).toBe(true);
      const tagged = cov.questions.filter((id) => questions.get(id)?.question.covers?.includes(tag));
      expect(tagged.length, `a listed question declares covers: ${tag}`).toBeGreaterThan(0);
    });
  }

  for (const [tag, where] of Object.entries(SHOWN_IN_LABS)) {
    it(`${tag} is shown in a lab`, () => {
      expect(tag in COVERAGE, `${tag} is a curriculum point of the table`).toBe(true);
      for (const [lessonId, scenario] of where) {
        const found = labs.some(({ lab, lesson }) => lesson.id === lessonId && lab.scenario === scenario);
        expect(found, `a ${scenario} lab in ${lessonId}`).toBe(true);
      }
    });
  }

  it('covers every tag a question declares', () => {
    const declared = new Set([...questions.values()].flatMap(({ question }) => question.covers ?? []));
    for (const tag of declared) expect(Object.keys(COVERAGE)).toContain(tag);
  });

  for (const [n, m] of Object.entries(MISCONCEPTIONS)) {
    it(`misconception ${n} (${m.text}) is confronted by a distractor with its own feedback`, () => {
      const carriers = [...questions.values()].filter(({ question }) => misconceptionsOf(question).includes(Number(n)));
      expect(carriers.length).toBeGreaterThan(0);
      for (const id of m.questions) {
        const q = questions.get(id);
        expect(q, `question ${id}`).toBeDefined();
        expect(misconceptionsOf(q!.question), `${id} carries misconception ${n}`).toContain(Number(n));
      }
    });
  }

  it('rehearses every point in its chapter review, and reviews name only known points', () => {
    const rehearsed = new Map<string, Set<string>>();
    for (const chapter of course.chapters) {
      const set = new Set<string>();
      for (const lesson of chapter.lessons) {
        for (const step of lesson.steps) {
          if (step.kind !== 'review') continue;
          for (const item of step.review.items) {
            for (const id of item.points ?? []) {
              expect(id in COVERAGE, `${lesson.file}: review names unknown point ${id}`).toBe(true);
              set.add(id);
            }
          }
        }
      }
      rehearsed.set(chapter.id, set);
    }
    const missing = checklist.points
      .filter((p) => p.review && !rehearsed.get(p.review)?.has(p.id))
      .map((p) => `${p.review}: ${p.id} (${p.point})`);
    expect(missing).toEqual([]);
  });

  it('confronts every misconception at least twice, in different questions', () => {
    for (const [n, m] of Object.entries(MISCONCEPTIONS)) {
      const carriers = [...questions.values()].filter(({ question }) => misconceptionsOf(question).includes(Number(n)));
      expect(carriers.length, `misconception ${n} (${m.text})`).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses every shipped scenario in a lesson', () => {
    const used = new Set<string>();
    for (const chapter of course.chapters) {
      for (const lesson of chapter.lessons) {
        for (const step of lesson.steps) {
          if (step.kind === 'lab') used.add(step.lab.scenario);
          if (step.kind === 'diagram') used.add(step.diagram.scenario);
          if (step.kind === 'quiz' && (step.question.kind === 'predict' || step.question.kind === 'pick-node')) used.add(step.question.scenario);
        }
      }
    }
    const shipped = readdirSync(scenariosDir()).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(shipped.filter((s) => !used.has(s))).toEqual([]);
  });

  it("agrees with the design drill's mentor questions (lessons/mentor-questions.yaml): same questions, sent to a lesson that teaches each", () => {
    const drill = parseYaml(readFileSync(path.join(lessonsDir(), 'mentor-questions.yaml'), 'utf8')) as { questions: { id: string; question: string; lesson: string }[] };
    const mentorPoints = checklist.points.filter((p) => p.id.startsWith('mentor.'));
    expect(drill.questions.map((q) => q.question).sort()).toEqual(mentorPoints.map((p) => p.point).sort());
    for (const q of drill.questions) {
      const point = mentorPoints.find((p) => p.point === q.question)!;
      expect(point.lessons, `${q.id} sends the learner to ${q.lesson}`).toContain(q.lesson);
    }
  });

  it('lists all 11 misconceptions of CURRICULUM.md', () => {
    expect(Object.keys(MISCONCEPTIONS).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
