import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchIdeas, mentorQuestions, parseMentorQuestions, resolveCase, ScenarioError } from '../../src/design';
import { loadCourse } from '../../src/course/load-course';
import { fixture } from './helpers';

describe("the mentor's questions (content)", () => {
  it('every question of CURRICULUM.md "What a mentor asks" is there, with ideas and a lesson that exists', () => {
    const qs = mentorQuestions();
    expect(qs.map((q) => q.id)).toEqual([
      'haproxy-crash',
      'firewall-vrrp',
      'app-crash-tcp-check',
      'hang-detection',
      'random-logout',
      'replica-backup',
      'n-plus-one',
      'port-80-open',
      'who-answers-trust',
      'public-private',
    ]);
    const { course } = loadCourse('lessons');
    const lessons = new Set(course.chapters.flatMap((c) => c.lessons.map((l) => l.id)));
    for (const q of qs) {
      expect(lessons, q.id).toContain(q.lesson);
      expect(q.ideas.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('a malformed file is reported as file:line', () => {
    const text = 'questions:\n  - id: a\n    question: "?"\n    lesson: x\n    ideas: []\n';
    expect(() => parseMentorQuestions(text, 'q.yaml')).toThrow(ScenarioError);
    expect(() => parseMentorQuestions(text, 'q.yaml')).toThrow(/^q\.yaml:2: question 'a' has no ideas/);
  });

  it('the shipped file parses as it is read from disk', () => {
    expect(() => parseMentorQuestions(readFileSync('lessons/mentor-questions.yaml', 'utf8'), 'lessons/mentor-questions.yaml')).not.toThrow();
  });
});

describe('which ideas an answer contains', () => {
  it('finds each idea, whatever the case and punctuation', () => {
    const m = matchIdeas('haproxy-crash', 'The VIP STAYS on lb-1, so all requests fail! You need a track_script.');
    expect(m.present).toEqual(['whether the virtual IP moves', 'what users see', 'the setting that fixes it']);
    expect(m.missing).toEqual(['what keepalived watches']);
    expect(m.lesson).toBe('scale-vrrp');
    expect(m.caseToRun).toEqual({ fault: 'crash', component: 'haproxy', target: 'active-lb' });
  });

  it('forgives one typo in a longer word and other word endings', () => {
    expect(matchIdeas('firewall-vrrp', 'they both become mastr: split brian').present).toEqual(['what happens when adverts are blocked']);
    expect(matchIdeas('replica-backup', 'No. A delete is replicated immediately; keep point-in-time backups').missing).toEqual([]);
    expect(matchIdeas('random-logout', 'Sessions stored in memory and roundrobin sends the next request elsewhere; use sticky sessions').missing).toEqual([]);
  });

  it('an empty or unrelated answer has every idea missing', () => {
    for (const answer of ['', 'I do not know', 'bananas']) expect(matchIdeas('n-plus-one', answer).present).toEqual([]);
  });

  it('does not match a short synonym inside another word', () => {
    // "ca" (certificate authority) is not in "cache"; "no" is not in "nothing".
    expect(matchIdeas('who-answers-trust', 'the cache').present).toEqual([]);
    expect(matchIdeas('replica-backup', 'nothing').present).toEqual([]);
  });

  it('an unknown question id is an error naming the known ones', () => {
    expect(() => matchIdeas('nope', 'x')).toThrow(/unknown mentor question 'nope' \(known: haproxy-crash/);
  });

  it("turns a question's case into a fault on the learner's design", () => {
    const s = fixture('task3-complete');
    expect(resolveCase(s, { fault: 'crash', component: 'haproxy', target: 'active-lb' })).toEqual({ node: 'lb-1', component: 'haproxy', fault: 'crash' });
    expect(resolveCase(s, { fault: 'crash', component: 'app', target: 'app' })).toEqual({ node: 'app-1', component: 'app', fault: 'crash' });
    expect(resolveCase(fixture('task0-complete'), { fault: 'crash', component: 'haproxy', target: 'active-lb' })).toBeNull();
  });
});
