import { describe, expect, it } from 'vitest';
import { questionProblems } from '../../src/quiz/check';
import { misconceptionLabel } from '../../src/quiz/misconceptions';
import { matchText, normalizeAnswer } from '../../src/quiz/text-match';
import { editDistance } from '../../src/text/suggest';
import { dnsSingle, lampText, requestOrder, spofMultiple, spofPick } from './fixtures';

const messages = (q: Parameters<typeof questionProblems>[0]) => questionProblems(q).map((p) => p.message);

describe('questionProblems', () => {
  it('finds nothing wrong with well-formed questions', () => {
    expect(messages({ ...dnsSingle, choices: dnsSingle.choices.map((c) => ({ feedback: 'why', ...c })) })).toEqual([]);
    expect(messages(spofMultiple)).toEqual([]);
    expect(messages(requestOrder)).toEqual([]);
    expect(messages(lampText)).toEqual([]);
    expect(messages(spofPick)).toEqual([]);
  });

  it('flags a distractor without feedback', () => {
    expect(messages(dnsSingle)).toEqual(["wrong choice 'TXT' has no feedback: say why it is wrong"]);
    // The loader reports it at the choice's line.
    expect(questionProblems(dnsSingle)[0]?.path).toEqual(['choices', 3]);
  });

  it('flags missing or extra correct answers', () => {
    expect(messages({ ...spofMultiple, choices: spofMultiple.choices.map((c) => ({ ...c, correct: false, feedback: 'x' })) })).toContain(
      "needs at least one choice with 'correct: true'",
    );
    const two = { ...dnsSingle, choices: dnsSingle.choices.map((c) => ({ ...c, correct: true })) };
    expect(messages(two)).toContain("needs exactly one choice with 'correct: true' (has 4)");
    expect(messages({ ...lampText, accept: [] })).toContain("accepts no answer ('accept' is empty)");
    expect(messages({ ...spofPick, answer: [] })).toContain("has no correct node ('answer' is empty)");
    const allRight = { ...spofMultiple, choices: spofMultiple.choices.map((c) => ({ ...c, correct: true })) };
    expect(questionProblems(allRight)).toContainEqual({
      severity: 'warning',
      message: 'every choice is correct, so there is nothing to think about',
      path: ['choices'],
    });
  });

  it('flags order rules that cannot fire and unknown misconceptions', () => {
    const q = {
      ...requestOrder,
      mistakes: [
        { before: 'Database', after: 'Browser', feedback: 'x' },
        { before: 'CDN', after: 'Browser', feedback: 'y', misconception: 12 },
      ],
    };
    expect(messages(q)).toEqual([
      "mistake 1: this rule says 'Database' comes before 'Browser', but the items (the right order) put it after",
      "mistake 2: 'CDN' is not one of the items",
      'mistake 2 names misconception 12, which CURRICULUM.md does not list (1–11)',
    ]);
  });

  it('flags a wrong text answer that is also accepted', () => {
    expect(messages({ ...lampText, wrong: [{ answer: 'lemp.', feedback: 'x' }] })).toEqual(["wrong answer 'lemp.' is also in 'accept'"]);
  });
});

describe('text matching helpers', () => {
  it('normalises case, quotes, punctuation, dashes, spacing and articles', () => {
    expect(normalizeAnswer('  "The Round-Robin"!! ')).toBe('round robin');
    expect(normalizeAnswer("'an   SPOF.'")).toBe('spof');
    expect(normalizeAnswer('A')).toBe('a');
    expect(normalizeAnswer('the')).toBe('the');
  });

  it('measures edit distance with an early stop', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abcdef', 'x', { max: 1 })).toBe(2);
  });

  it('classifies matches', () => {
    expect(matchText('load balancer', 'Load-Balancer')).toEqual({ kind: 'exact' });
    expect(matchText('loadbalancer', 'load balancer')).toEqual({ kind: 'exact' });
    expect(matchText('load balancr', 'load balancer')).toEqual({ kind: 'near', distance: 1 });
    expect(matchText('', 'x')).toEqual({ kind: 'none' });
  });

  it('names misconceptions', () => {
    expect(misconceptionLabel(4)).toBe('Misconception 4: the load balancer balances between the primary and the replica');
    expect(misconceptionLabel(99)).toBe('Misconception 99');
  });
});
