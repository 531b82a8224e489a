/**
 * Does the shipped course teach and check every point of CURRICULUM.md?
 *
 * The table below is the course's promise, written by hand: for each curriculum point
 * (every Explain/Issues bullet of tasks 0–3 and the project-wide objectives) the
 * lessons that teach it and the questions that ask it. The test holds the lessons to
 * that promise: every named lesson and question must exist, the question must say it
 * covers the point (`covers:`), and the course-wide rules of the issue hold (each
 * misconception confronted by a distractor, every quiz answerable, every distractor
 * explained, ≥ 10 questions per chapter, every lab on a real scenario).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';
import type { LabBlock, Lesson } from '../../src/course/types';
import { lessonsDir, scenariosDir } from '../../src/package-root';
import { questionProblems } from '../../src/quiz/check';
import { gradeAnswer } from '../../src/quiz/grade';
import type { Question } from '../../src/quiz/types';

interface Coverage {
  /** The CURRICULUM.md wording, shortened, for a readable failure message. */
  point: string;
  lessons: string[];
  questions: string[];
}

/** Every curriculum point → where it is taught and where it is asked. */
const COVERAGE: Record<string, Coverage> = {
  // ---------------------------------------------------------------- project-wide
  'proj.full-stack': { point: 'draw the full web stack', lessons: ['sws-request', 'scale-path'], questions: ['sws-request-order', 'scale-path-order'] },
  'proj.components': { point: 'explain what each component does', lessons: ['sws-stack'], questions: ['sws-stack-roles'] },
  'proj.redundancy': { point: 'explain system redundancy', lessons: ['sws-issues', 'dist-lb', 'dist-active'], questions: ['sws-issues-redundancy', 'sws-issues-predict-kill', 'dist-lb-predict-down', 'dist-active-difference', 'scale-path-pick-writes'] },
  'proj.lamp': { point: 'LAMP (and LEMP with Nginx)', lessons: ['sws-stack', 'scale-path'], questions: ['sws-stack-lemp', 'sws-stack-lamp-letters', 'scale-path-lamp'] },
  'proj.spof': { point: 'SPOF', lessons: ['sws-issues', 'dist-issues', 'sec-issues'], questions: ['sws-issues-list', 'dist-issues-pick-spof', 'sec-issues-pick-spof', 'scale-path-pick-writes'] },
  'proj.qps': { point: 'QPS', lessons: ['sws-issues', 'sec-qps'], questions: ['sws-issues-qps', 'sec-qps-what', 'sec-qps-compute'] },
  'proj.network': { point: 'network basics: protocol, IP address, TCP/IP, port', lessons: ['sws-basics'], questions: ['sws-basics-tcpip', 'sws-basics-ports', 'sws-request-communicate'] },
  'proj.server': { point: 'what a server is', lessons: ['sws-basics'], questions: ['sws-basics-server'] },
  'proj.web-server': { point: 'web server = software, not the machine', lessons: ['sws-basics'], questions: ['sws-basics-web-server-software'] },
  'proj.dns-records': { point: 'DNS record types A, CNAME, MX, TXT', lessons: ['sws-dns'], questions: ['sws-dns-record-types', 'sws-dns-www-record', 'sws-dns-a-record-text'] },
  'proj.subdomain': { point: 'root domain vs subdomain; www is a subdomain', lessons: ['sws-dns'], questions: ['sws-dns-record-types'] },
  'proj.load-balancer': { point: 'load balancer', lessons: ['dist-lb'], questions: ['dist-lb-roundrobin', 'dist-lb-detect-time'] },
  'proj.monitoring': { point: 'application vs server monitoring', lessons: ['sec-monitoring'], questions: ['sec-monitoring-kinds'] },
  // ---------------------------------------------------------------- task 0
  't0.explain.server': { point: 'what a server is', lessons: ['sws-basics'], questions: ['sws-basics-server'] },
  't0.explain.domain': { point: 'the role of the domain name', lessons: ['sws-dns', 'sws-request'], questions: ['sws-request-domain-role', 'sws-dns-placeholder'] },
  't0.explain.a-record': { point: 'www is an A record', lessons: ['sws-dns'], questions: ['sws-dns-www-record', 'sws-dns-a-record-text', 'dist-why-a-record'] },
  't0.explain.web-server': { point: 'role of the web server', lessons: ['sws-stack'], questions: ['sws-stack-roles', 'sws-request-order'] },
  't0.explain.app-server': { point: 'role of the application server', lessons: ['sws-stack'], questions: ['sws-stack-roles'] },
  't0.explain.database': { point: 'role of the database', lessons: ['sws-stack'], questions: ['sws-stack-roles'] },
  't0.explain.tcp-ip': { point: 'the server talks to the user over TCP/IP', lessons: ['sws-basics', 'sws-request'], questions: ['sws-basics-tcpip', 'sws-request-communicate'] },
  't0.issue.spof': { point: 'single point of failure', lessons: ['sws-issues'], questions: ['sws-issues-list', 'sws-issues-predict-kill'] },
  't0.issue.maintenance': { point: 'downtime during maintenance (deploy restarts)', lessons: ['sws-issues', 'scale-deploy'], questions: ['sws-issues-list', 'scale-deploy-predict-nodrain', 'scale-deploy-order'] },
  't0.issue.scale': { point: 'cannot scale past one machine', lessons: ['sws-issues', 'scale-split'], questions: ['sws-issues-list', 'scale-split-which'] },
  // ---------------------------------------------------------------- task 1
  't1.explain.why-elements': { point: 'why each added element is there', lessons: ['dist-why'], questions: ['dist-why-count', 'dist-why-a-record'] },
  't1.explain.algorithm': { point: 'the distribution algorithm and how it works', lessons: ['dist-lb'], questions: ['dist-lb-roundrobin', 'dist-lb-algorithm-text', 'dist-lb-predict-down'] },
  't1.explain.active-active': { point: 'Active-Active vs Active-Passive', lessons: ['dist-active', 'scale-vrrp'], questions: ['dist-active-which', 'dist-active-difference', 'scale-vrrp-mode'] },
  't1.explain.primary-replica': { point: 'how a Primary-Replica cluster works', lessons: ['dist-db'], questions: ['dist-db-how', 'dist-db-replica-truths'] },
  't1.explain.primary-vs-replica-app': { point: 'primary vs replica for the application', lessons: ['dist-db'], questions: ['dist-db-writes', 'dist-db-replica-truths'] },
  't1.issue.spof': { point: 'SPOFs: the load balancer, the primary for writes', lessons: ['dist-issues'], questions: ['dist-issues-pick-spof', 'dist-issues-pick-writes', 'dist-issues-predict-lb'] },
  't1.issue.security': { point: 'security: no firewall, no HTTPS', lessons: ['dist-issues'], questions: ['dist-issues-security', 'dist-issues-list'] },
  't1.issue.monitoring': { point: 'no monitoring', lessons: ['dist-issues'], questions: ['dist-issues-list', 'dist-issues-security'] },
  // ---------------------------------------------------------------- task 2
  't2.explain.why-elements': { point: 'why each element is added', lessons: ['sec-why'], questions: ['sec-why-count', 'sec-why-elements'] },
  't2.explain.firewall': { point: 'what firewalls are for', lessons: ['sec-firewall'], questions: ['sec-firewall-purpose', 'sec-firewall-rules'] },
  't2.explain.https': { point: 'why HTTPS', lessons: ['sec-https'], questions: ['sec-https-why', 'sec-https-end-to-end'] },
  't2.explain.monitoring': { point: 'what monitoring is for', lessons: ['sec-monitoring'], questions: ['sec-monitoring-purpose', 'sec-monitoring-kinds'] },
  't2.explain.collection': { point: 'how the tool collects data (agents push; vs pull)', lessons: ['sec-monitoring'], questions: ['sec-monitoring-collect', 'sec-qps-pipeline'] },
  't2.explain.qps': { point: "how to monitor the web server's QPS", lessons: ['sec-qps'], questions: ['sec-qps-what', 'sec-qps-compute', 'sec-qps-pipeline'] },
  't2.issue.ssl-termination': { point: 'SSL termination at the LB leaves LB→web unencrypted', lessons: ['sec-https'], questions: ['sec-https-issue', 'sec-https-end-to-end', 'scale-path-tls'] },
  't2.issue.single-writer': { point: 'one MySQL server accepting writes', lessons: ['sec-issues'], questions: ['sec-issues-predict-primary', 'scale-path-pick-writes'] },
  't2.issue.identical-servers': { point: 'servers with identical components', lessons: ['sec-issues', 'scale-split'], questions: ['sec-issues-identical', 'scale-why-split', 'scale-split-which'] },
  't2.issue.lb-spof': { point: 'the load balancer is still a SPOF', lessons: ['sec-issues'], questions: ['sec-issues-pick-spof', 'sec-issues-list'] },
  // ---------------------------------------------------------------- task 3
  't3.explain.server': { point: 'why one more server', lessons: ['scale-why'], questions: ['scale-why-count'] },
  't3.explain.lb-cluster': { point: 'why a second LB, clustered with the first', lessons: ['scale-vrrp'], questions: ['scale-vrrp-predict', 'scale-vrrp-mode', 'scale-vrrp-vip-text', 'scale-vrrp-a-record'] },
  't3.explain.split': { point: 'why split web, app and database onto their own servers', lessons: ['scale-why', 'scale-split'], questions: ['scale-why-split', 'scale-split-which', 'scale-why-count'] },
};

/** The 11 misconceptions of CURRICULUM.md → questions with a distractor that confronts it. */
const MISCONCEPTIONS: Record<number, { text: string; questions: string[] }> = {
  1: { text: 'www is a CNAME to 8.8.8.8 / not a DNS record', questions: ['sws-dns-www-record', 'sws-dns-record-types'] },
  2: { text: 'the server communicates over HTTP (only)', questions: ['sws-basics-tcpip', 'sws-request-communicate'] },
  3: { text: 'round robin over both servers called active-passive', questions: ['dist-active-which', 'dist-lb-roundrobin'] },
  4: { text: 'the LB balances between primary and replica', questions: ['dist-db-writes', 'dist-lb-roundrobin'] },
  5: { text: 'wrong machine counts', questions: ['dist-why-count', 'sec-why-count', 'scale-why-count'] },
  6: { text: 'HTTPS at the LB encrypts all the way', questions: ['sec-https-end-to-end', 'scale-path-tls'] },
  7: { text: 'SSL-termination issue given as overhead', questions: ['sec-https-issue', 'sec-issues-list'] },
  8: { text: 'web-server QPS measured as DB queries', questions: ['sec-qps-what', 'sws-issues-qps'] },
  9: { text: 'LAMP with Nginx', questions: ['sws-stack-lemp', 'sws-stack-lamp-letters'] },
  10: { text: 'a replica accepts writes', questions: ['dist-db-writes', 'sec-issues-predict-primary'] },
  11: { text: '8.8.8.8 is really Google DNS; A record → LB from task 1', questions: ['sws-dns-placeholder', 'dist-why-a-record', 'scale-vrrp-a-record'] },
};

/** Curriculum points a learner also sees happen in a lab: point → [lesson id, scenario]. */
const SHOWN_IN_LABS: Record<string, [lesson: string, scenario: string][]> = {
  't0.issue.spof': [['sws-issues', 'simple-web-stack']],
  't0.issue.maintenance': [['sws-issues', 'simple-web-stack'], ['scale-deploy', 'scale-up']],
  't0.issue.scale': [['scale-split', 'capacity']],
  't1.explain.algorithm': [['dist-lb', 'distributed']],
  't1.explain.primary-replica': [['dist-db', 'replication-lag']],
  't1.explain.primary-vs-replica-app': [['dist-db', 'replica-write']],
  't1.issue.spof': [['dist-issues', 'distributed']],
  't2.explain.firewall': [['sec-firewall', 'secured-monitored']],
  't2.explain.qps': [['sec-qps', 'secured-monitored']],
  't2.issue.ssl-termination': [['sec-https', 'secured-monitored']],
  't2.issue.single-writer': [['sec-issues', 'secured-monitored']],
  't2.issue.identical-servers': [['scale-split', 'capacity']],
  't3.explain.lb-cluster': [['scale-vrrp', 'scale-up']],
  't3.explain.split': [['scale-split', 'capacity']],
};

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

  it('has the four chapters in order, each with 5–7 lessons and a closing review', () => {
    expect(course.chapters.map((c) => c.id)).toEqual(CHAPTERS);
    for (const chapter of course.chapters) {
      expect(chapter.lessons.length, chapter.id).toBeGreaterThanOrEqual(5);
      expect(chapter.lessons.length, chapter.id).toBeLessThanOrEqual(7);
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
    const story = (scenario: string, needle: string) =>
      labs.some(({ lab }) => lab.scenario === scenario && (lab.at ?? []).some((a) => a.includes(needle)));
    expect(story('simple-web-stack', 'kill:server-1')).toBe(true);
    expect(story('simple-web-stack', 'stop:server-1')).toBe(true);
    expect(story('distributed', 'kill:web-2')).toBe(true);
    expect(story('distributed', 'kill:lb-1')).toBe(true);
    expect(labs.some(({ lab }) => lab.scenario === 'replica-write')).toBe(true);
    expect(labs.some(({ lab }) => lab.scenario === 'replication-lag')).toBe(true);
    expect(story('secured-monitored', 'probe:web-1:3306')).toBe(true);
    expect(story('secured-monitored', 'set_rate')).toBe(true);
    expect(story('secured-monitored', 'promote:web-2')).toBe(true);
    expect(story('scale-up', 'kill:lb-1')).toBe(true);
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

  it('lists all 11 misconceptions of CURRICULUM.md', () => {
    expect(Object.keys(MISCONCEPTIONS).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});
