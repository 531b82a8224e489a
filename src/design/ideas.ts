/**
 * Explain it: the mentor's whiteboard questions (CURRICULUM.md), each with the ideas
 * a good answer contains. The questions, ideas and their synonyms are content, kept
 * in `lessons/mentor-questions.yaml`; this module reads them and says which ideas a
 * typed answer contains. Matching forgives case, punctuation, word endings, one
 * typo per longer word and a couple of words between a phrase's words. It never shows a model answer: only the ideas' short labels.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { packageRoot } from '../package-root';
import { ScenarioError, type ScenarioProblem } from '../sim/spec/scenario';
import type { LoadBalancerSpec, Scenario, ServerSpec } from '../sim/spec/types';
import { normalizeAnswer } from '../quiz/text-match';
import { editDistance } from '../text/suggest';
import type { Component, Fault, FaultKind } from './faults';

/** Which machine of the learner's design a question's case applies to. */
export type CaseTarget = 'active-lb' | 'web' | 'app' | 'db-primary';

/** The fault to run on the learner's design after they answer. */
export interface MentorCase {
  fault: FaultKind;
  component: Component | null;
  target: CaseTarget;
}

export interface MentorIdea {
  id: string;
  /** A short label naming the idea (a topic, not the answer), shown as present or missing. */
  label: string;
  /** Phrases that express it; a phrase matches when its words appear in order, at most two other words apart. */
  synonyms: string[];
}

export interface MentorQuestion {
  id: string;
  question: string;
  /** Lesson that teaches it. */
  lesson: string;
  ideas: MentorIdea[];
  case?: MentorCase;
}

export interface IdeaMatch {
  /** Labels of the ideas the answer contains. */
  present: string[];
  /** Labels of the ideas it does not. */
  missing: string[];
  lesson: string;
  caseToRun?: MentorCase;
}

const FAULTS: readonly FaultKind[] = ['crash', 'hang', 'stop', 'traffic_x3', 'deploy'];
const COMPONENTS: readonly Component[] = ['haproxy', 'keepalived', 'nginx', 'app', 'mysql'];
const TARGETS: readonly CaseTarget[] = ['active-lb', 'web', 'app', 'db-primary'];

/** Parse the mentor questions' YAML. Throws ScenarioError (`file:line: message`) on a malformed file. */
export function parseMentorQuestions(text: string, file: string): MentorQuestion[] {
  const doc = parseDocument(text);
  const problems: ScenarioProblem[] = [];
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : text.slice(0, offset).split('\n').length);
  for (const e of doc.errors) problems.push({ file, line: lineOf(e.pos[0]), message: `YAML syntax: ${e.message.split('\n')[0]}` });
  if (problems.length) throw new ScenarioError(problems);
  const raw = doc.toJS() as { questions?: unknown } | null;
  const list = Array.isArray(raw?.questions) ? (raw!.questions as Record<string, unknown>[]) : [];
  if (list.length === 0) throw new ScenarioError([{ file, line: 1, message: "expected 'questions:' with a list of questions" }]);
  const out: MentorQuestion[] = [];
  list.forEach((q, i) => {
    const node = doc.getIn(['questions', i], true) as { range?: [number] } | undefined;
    const line = lineOf(node?.range?.[0]);
    const err = (m: string) => problems.push({ file, line, message: m });
    if (!q || typeof q !== 'object') return err('each question is a mapping with id, question, lesson, ideas');
    const id = String(q.id ?? '');
    if (!id) err("question without 'id'");
    if (typeof q.question !== 'string') err(`question '${id}' has no 'question' text`);
    if (typeof q.lesson !== 'string') err(`question '${id}' has no 'lesson'`);
    const ideas: MentorIdea[] = [];
    (Array.isArray(q.ideas) ? (q.ideas as Record<string, unknown>[]) : []).forEach((d) => {
      const syn = Array.isArray(d?.synonyms) ? (d.synonyms as unknown[]).map(String) : [];
      if (!d?.id || typeof d.label !== 'string' || syn.length === 0) return err(`question '${id}': each idea needs id, label and synonyms`);
      ideas.push({ id: String(d.id), label: d.label, synonyms: syn });
    });
    if (ideas.length === 0) err(`question '${id}' has no ideas`);
    let mentorCase: MentorCase | undefined;
    if (q.case) {
      const c = q.case as Record<string, unknown>;
      const component = c.component === undefined || c.component === null ? null : (String(c.component) as Component);
      if (!FAULTS.includes(c.fault as FaultKind)) err(`question '${id}': case fault must be one of ${FAULTS.join(', ')}`);
      else if (component !== null && !COMPONENTS.includes(component)) err(`question '${id}': case component must be one of ${COMPONENTS.join(', ')}`);
      else if (!TARGETS.includes(c.target as CaseTarget)) err(`question '${id}': case target must be one of ${TARGETS.join(', ')}`);
      else mentorCase = { fault: c.fault as FaultKind, component, target: c.target as CaseTarget };
    }
    out.push({ id, question: String(q.question), lesson: String(q.lesson), ideas, ...(mentorCase ? { case: mentorCase } : {}) });
  });
  if (problems.length) throw new ScenarioError(problems);
  return out;
}

/** Where the shipped questions live (relative to the package). */
export const MENTOR_QUESTIONS_FILE = path.join('lessons', 'mentor-questions.yaml');

let cached: MentorQuestion[] | undefined;

/** The shipped mentor questions, read once. */
export function mentorQuestions(): MentorQuestion[] {
  cached ??= parseMentorQuestions(readFileSync(path.join(packageRoot(), MENTOR_QUESTIONS_FILE), 'utf8'), MENTOR_QUESTIONS_FILE);
  return cached;
}

function words(s: string): string[] {
  return normalizeAnswer(s)
    .replace(/[^\p{L}\p{N}%.]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .split(' ')
    .filter(Boolean);
}

/** A typed word stands for a synonym's word: same, a longer form of it (stems: `promot` ~ `promoted`), or one slip away. */
function sameWord(typed: string, want: string): boolean {
  if (typed === want) return true;
  if (want.length >= 4 && typed.startsWith(want)) return true;
  if (want.length >= 5 && editDistance(typed, want, { max: 1 }) <= 1) return true;
  if (want.length >= 5 && typed.length > want.length && editDistance(typed.slice(0, want.length), want, { max: 1 }) <= 1) return true;
  return false;
}

/** How many other words may stand between two words of a phrase ("sessions *stored* in memory" says "sessions in memory"). */
const MAX_GAP = 2;

/** Whether the words of `phrase` appear in `answerWords` in order, each at most MAX_GAP words after the one before. */
export function containsPhrase(answerWords: string[], phrase: string): boolean {
  const p = words(phrase);
  if (p.length === 0) return false;
  const from = (i: number, j: number): boolean => {
    if (j === p.length) return true;
    const last = j === 0 ? answerWords.length - 1 : Math.min(answerWords.length - 1, i + MAX_GAP);
    for (let k = i; k <= last; k++) if (sameWord(answerWords[k]!, p[j]!) && from(k + 1, j + 1)) return true;
    return false;
  };
  return from(0, 0);
}

/** Which of question `questionId`'s ideas `answer` contains. Throws on an unknown question id. */
export function matchIdeas(questionId: string, answer: string, questions: MentorQuestion[] = mentorQuestions()): IdeaMatch {
  const q = questions.find((x) => x.id === questionId);
  if (!q) throw new Error(`unknown mentor question '${questionId}' (known: ${questions.map((x) => x.id).join(', ')})`);
  const typed = words(answer);
  const present: string[] = [];
  const missing: string[] = [];
  for (const idea of q.ideas) (idea.synonyms.some((s) => containsPhrase(typed, s)) ? present : missing).push(idea.label);
  return { present, missing, lesson: q.lesson, ...(q.case ? { caseToRun: q.case } : {}) };
}

/** The fault a question's case means on this design, or null when the design has no such machine. */
export function resolveCase(s: Scenario, c: MentorCase): Fault | null {
  const lbs = s.nodes.filter((n): n is LoadBalancerSpec => n.kind === 'load_balancer');
  const servers = s.nodes.filter((n): n is ServerSpec => n.kind === 'server');
  let node: string | undefined;
  switch (c.target) {
    case 'active-lb':
      node = [...lbs].sort((a, b) => (b.vrrp?.priority ?? 0) - (a.vrrp?.priority ?? 0))[0]?.id;
      break;
    case 'web':
      node = servers.find((x) => x.roles.includes('web'))?.id;
      break;
    case 'app':
      node = servers.find((x) => x.roles.includes('app'))?.id;
      break;
    case 'db-primary':
      node = servers.find((x) => x.db?.role === 'primary')?.id;
      break;
  }
  return node ? { node, component: c.component, fault: c.fault } : null;
}
