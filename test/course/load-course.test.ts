import { estimateMinutes } from '../../src/course/duration';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allLessons, findLesson, formatProblem, hasErrors, lessonCounts } from '../../src/course';
import { loadCourse, validateCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures');
const scenarios = scenarioLookupFromDir(path.join(fixtures, 'scenarios'));
const opts = { scenarios, cwd: root };

describe('the fixture course', () => {
  const { course, problems } = loadCourse(path.join(fixtures, 'course'), opts);

  it('loads without problems', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('has two chapters of two lessons in folder order', () => {
    expect(course.chapters.map((c) => c.id)).toEqual(['simple-web-stack', 'distributed']);
    expect(allLessons(course).map((l) => l.id)).toEqual(['one-server', 'dns-basics', 'load-balancer', 'chapter-review']);
    expect(course.chapters[0]?.summary).toBe('One server hosts everything for www.foobar.com.');
    expect(findLesson(course, 'load-balancer')?.chapter.id).toBe('distributed');
    expect(findLesson(course, 'load-balancer')?.index).toBe(2);
    expect(findLesson(course, 'nope')).toBeUndefined();
  });

  it('splits pages at --- and around step blocks, keeping code blocks in the page', () => {
    const lesson = findLesson(course, 'one-server')!.lesson;
    // Computed from the lesson's words, questions and labs, not its front matter's `minutes: 5`.
    expect(lesson.minutes).toBe(estimateMinutes(lesson.steps));
    expect(lesson.steps.map((s) => `${s.kind}@${s.pos.line}`)).toEqual([
      'page@7',
      'page@14',
      'diagram@35',
      'quiz@41',
      'quiz@58',
      'page@69',
    ]);
    const page = lesson.steps[1];
    expect(page?.kind === 'page' && page.markdown).toContain('```nginx');
    expect(page?.kind === 'page' && page.markdown).toContain('this dashed line is inside a code block');
    expect(page?.pos.file).toBe(path.join('test', 'fixtures', 'course', '01-simple-web-stack', '01-one-server.md'));
  });

  it('gives questions their own id or <lesson>#q<n>, labs and reviews theirs', () => {
    const one = findLesson(course, 'one-server')!.lesson;
    const ids = one.steps.flatMap((s) => (s.kind === 'quiz' ? [s.question.id] : []));
    expect(ids).toEqual(['one-server-record', 'one-server#q2']);
    const lab = findLesson(course, 'load-balancer')!.lesson.steps.find((s) => s.kind === 'lab');
    expect(lab?.kind === 'lab' && lab.id).toBe('load-balancer#lab1');
    expect(lab?.kind === 'lab' && lab.lab.checks[1]?.when).toEqual({ metric: 'availability', op: '>', value: 0.8 });
    const review = findLesson(course, 'chapter-review')!.lesson.steps.find((s) => s.kind === 'review');
    expect(review?.kind === 'review' && review.id).toBe('chapter-review#review1');
  });

  it('covers every step and question kind', () => {
    const kinds = new Set<string>();
    for (const l of allLessons(course)) {
      for (const s of l.steps) kinds.add(s.kind === 'quiz' ? `quiz:${s.question.kind}` : s.kind);
    }
    expect([...kinds].sort()).toEqual(
      [
        'diagram',
        'lab',
        'page',
        'quiz:multiple',
        'quiz:order',
        'quiz:pick-node',
        'quiz:predict',
        'quiz:single',
        'quiz:text',
        'review',
      ].sort(),
    );
    expect(lessonCounts(findLesson(course, 'load-balancer')!.lesson)).toEqual({ quizzes: 1, labs: 1 });
  });

  it('has a page long enough to scroll on a 24-row terminal', () => {
    const page = findLesson(course, 'dns-basics')!.lesson.steps[0];
    expect(page?.kind === 'page' && page.markdown.split('\n').length).toBeGreaterThan(60);
  });
});

describe('the bad course', () => {
  const { course, problems } = loadCourse(path.join(fixtures, 'bad-course'), opts);
  const f = (name: string) => path.join('test', 'fixtures', 'bad-course', name);
  const typos = f('01-basics/01-typos.md');
  // [file:line, a distinctive part of the message]
  const expected: [string, string][] = [
    [`${f('01-basics/chapter.yaml')}:3`, "unknown field 'colour'"],
    [`${typos}:13`, "unknown field 'choices[0].corect' (did you mean 'correct'?)"],
    [`${typos}:24`, "needs exactly one choice with 'correct: true' (has 2)"],
    [`${typos}:29`, "wrong choice 'C' has no feedback"],
    [`${typos}:34`, "unknown scenario 'nowhere'"],
    [`${typos}:40`, "'x' is not a time in seconds"],
    [`${typos}:40`, "unknown action 'explode'"],
    [`${typos}:40`, "'web-9' is not a node of scenario 'distributed'"],
    [`${typos}:43`, "'web-3' is not a node of scenario 'distributed'"],
    [`${typos}:45`, "'checks[1].when.op' must be one of >, >=, <, <=, ==, !="],
    [`${typos}:51`, 'YAML:'],
    [`${typos}:57`, "'items' needs at least 3 entries"],
    [`${typos}:69`, "'choices[1].misconception' must be at most 11"],
    [`${typos}:74`, "unknown kind 'singel' (did you mean 'single'?)"],
    [`${typos}:79`, "question id 'two-right' is already used at"],
    [`${typos}:88`, "'web-3' is not a node of scenario 'distributed'"],
    [`${typos}:93`, 'warning: '],
    [`${f('01-basics/02-no-front.md')}:1`, 'lesson has no front matter'],
    [`${f('01-basics/03-unclosed.md')}:8`, '```quiz fence is never closed'],
    [`${f('01-basics/04-dup.md')}:2`, "lesson id 'typos' is already used by"],
    [`${f('01-basics/05-review.md')}:4`, "'minutes' must be more than 0"],
    [`${f('01-basics/05-review.md')}:12`, "review: unknown lesson 'nope'"],
    [`${f('01-basics/06-empty.md')}:2`, 'lesson has no steps'],
    [`${f('01-basics/07-authoring.md')}:14`, "choice 'B' appears twice"],
    [`${f('01-basics/07-authoring.md')}:24`, "this rule says 'third' comes before 'first'"],
    [`${f('01-basics/07-authoring.md')}:35`, "wrong answer ' 80. ' is also in 'accept'"],
    [f('02-empty'), 'warning: chapter has no lessons'],
  ];

  it('reports each deliberate mistake at its file:line, in order', () => {
    const lines = problems.map(formatProblem);
    expect(lines).toHaveLength(expected.length);
    expected.forEach(([where, text], i) => {
      expect(lines[i]?.startsWith(`${where}: `), `${lines[i]} should start with ${where}`).toBe(true);
      expect(lines[i]).toContain(text);
    });
    expect(hasErrors(problems)).toBe(true);
  });

  it('still loads what it can: lessons minus their broken steps', () => {
    const typosLesson = findLesson(course, 'typos')!.lesson;
    expect(typosLesson.steps.map((s) => s.kind)).toEqual(['page', 'quiz', 'quiz', 'diagram', 'page']);
    expect(findLesson(course, 'unclosed')!.lesson.steps.map((s) => s.kind)).toEqual(['page']);
    expect(findLesson(course, 'review-refs')!.lesson.minutes).toBe(estimateMinutes(findLesson(course, 'review-refs')!.lesson.steps));
    expect(course.chapters.map((c) => c.id)).toEqual(['basics']);
  });

  it('validateCourse returns the same problems', () => {
    expect(validateCourse(path.join(fixtures, 'bad-course'), opts)).toEqual(problems);
  });
});

describe('robustness', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-course-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reports a missing folder instead of throwing', () => {
    const r = loadCourse(path.join(tmp, 'missing'), { cwd: tmp });
    expect(r.course.chapters).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual(['missing: cannot read course folder: no such file or folder']);
  });

  it('reports a folder without chapters', () => {
    mkdirSync(path.join(tmp, 'empty'));
    expect(validateCourse(path.join(tmp, 'empty'), { cwd: tmp }).map(formatProblem)[0]).toMatch(/^empty: no chapters found/);
  });

  it('reports a missing chapter.yaml but keeps its lessons under the folder name', () => {
    const dir = path.join(tmp, 'nochap', '01-intro');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '01-a.md'), '---\nid: a\ntitle: A\n---\nHello\n');
    const r = loadCourse(path.join(tmp, 'nochap'), { cwd: tmp });
    expect(r.problems.map(formatProblem)).toEqual([
      `${path.join('nochap', '01-intro', 'chapter.yaml')}: chapter.yaml is missing: it needs at least id and title`,
    ]);
    expect(r.course.chapters[0]?.id).toBe('intro');
    expect(r.course.chapters[0]?.lessons[0]?.steps).toEqual([
      { kind: 'page', markdown: 'Hello', pos: { file: path.join('nochap', '01-intro', '01-a.md'), line: 5 } },
    ]);
  });

  it('never throws on any truncation of a real lesson', () => {
    const src = readFileSync(path.join(fixtures, 'course/02-distributed/01-load-balancer.md'), 'utf8');
    const dir = path.join(tmp, 'trunc', '01-c');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'chapter.yaml'), 'id: c\ntitle: C\n');
    for (let cut = 0; cut <= src.length; cut += 7) {
      writeFileSync(path.join(dir, '01-l.md'), src.slice(0, cut));
      expect(() => loadCourse(path.join(tmp, 'trunc'), { scenarios, cwd: tmp })).not.toThrow();
    }
  });

  it('paths outside the cwd are shown from the course folder', () => {
    const r = loadCourse(path.join(tmp, 'nochap'), { cwd: path.join(tmp, 'elsewhere') });
    expect(r.course.chapters[0]?.lessons[0]?.file).toBe(path.join('nochap', '01-intro', '01-a.md'));
  });

  it('reports a scenario file that cannot be read as such', () => {
    const sdir = path.join(tmp, 'scen');
    mkdirSync(sdir);
    writeFileSync(path.join(sdir, 'broken.yaml'), 'name: x\n');
    const dir = path.join(tmp, 'usesbroken', '01-c');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'chapter.yaml'), 'id: c\ntitle: C\n');
    writeFileSync(path.join(dir, '01-l.md'), '---\nid: l\ntitle: L\n---\n\n```diagram\nscenario: broken\n```\n');
    const r = loadCourse(path.join(tmp, 'usesbroken'), { scenarios: scenarioLookupFromDir(sdir), cwd: tmp });
    expect(r.problems.map(formatProblem)).toEqual([
      `${path.join('usesbroken', '01-c', '01-l.md')}:2: lesson has no steps: add some text or a block after the front matter`,
      `${path.join('usesbroken', '01-c', '01-l.md')}:7: diagram: scenario 'broken' cannot be read: broken.yaml has no 'nodes' list`,
      `${path.join('usesbroken', '01-c')}: warning: chapter has no lessons (NN-<slug>.md files): it is left out`,
    ]);
  });
});

describe('chapters', () => {
  it('reports two chapters with the same id', () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-chap-'));
    for (const folder of ['01-a', '02-b']) {
      mkdirSync(path.join(tmp, folder));
      writeFileSync(path.join(tmp, folder, 'chapter.yaml'), 'id: same\ntitle: Same\n');
      writeFileSync(path.join(tmp, folder, '01-l.md'), `---\nid: l-${folder}\ntitle: L\n---\nText\n`);
    }
    const r = loadCourse(tmp, { cwd: tmp });
    expect(r.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
      `${path.join('02-b', 'chapter.yaml')}:1: chapter id 'same' is already used by 01-a`,
    ]);
    rmSync(tmp, { recursive: true, force: true });
  });
});
