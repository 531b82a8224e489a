import { describe, expect, it } from 'vitest';
import { choiceOrder, presentedOrder, seededShuffle, seedFrom } from '../../src/quiz/shuffle';
import type { OrderQuestion } from '../../src/quiz/types';
import { dnsSingle, requestOrder, shuffledSingle, spofMultiple } from './fixtures';

describe('seededShuffle', () => {
  it('is a permutation and deterministic for a seed', () => {
    const xs = Array.from({ length: 20 }, (_, i) => i);
    const a = seededShuffle(xs, 42);
    expect([...a].sort((p, q) => p - q)).toEqual(xs);
    expect(seededShuffle(xs, 42)).toEqual(a);
    expect(seededShuffle(xs, 43)).not.toEqual(a);
    expect(xs).toEqual(Array.from({ length: 20 }, (_, i) => i)); // input untouched
  });

  it('spreads items over positions (no position strongly favoured)', () => {
    const counts = [0, 0, 0, 0];
    for (let seed = 0; seed < 4000; seed++) counts[seededShuffle([0, 1, 2, 3], seedFrom(`q${seed}`)).indexOf(0)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });
});

describe('choiceOrder', () => {
  it('keeps the author order without a learner, or when the question opts out', () => {
    expect(choiceOrder(dnsSingle)).toEqual([0, 1, 2, 3]);
    expect(choiceOrder(spofMultiple)).toEqual([0, 1, 2, 3]);
    expect(choiceOrder({ ...dnsSingle, shuffle: false }, 'ada')).toEqual([0, 1, 2, 3]);
  });

  it('is stable for one learner', () => {
    const order = choiceOrder(dnsSingle, 'ada');
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(choiceOrder({ ...dnsSingle }, 'ada')).toEqual(order);
    // A `shuffle: true` left from older lessons changes nothing.
    expect(choiceOrder(shuffledSingle, 'ada')).toEqual(choiceOrder({ ...dnsSingle, id: shuffledSingle.id }, 'ada'));
  });

  it('differs between learners and between questions', () => {
    const learners = Array.from({ length: 24 }, (_, i) => `learner-${i}`);
    expect(new Set(learners.map((l) => choiceOrder(dnsSingle, l).join(''))).size).toBeGreaterThan(8);
    const questions = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => choiceOrder({ ...dnsSingle, id }, 'ada').join(''));
    expect(new Set(questions).size).toBeGreaterThan(1);
  });

  it('puts the right answer in every position about equally often across learners', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[choiceOrder(dnsSingle, `l${i}`).indexOf(0)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});

describe('presentedOrder', () => {
  it('is a stable rearrangement of the items', () => {
    const shown = presentedOrder(requestOrder);
    expect([...shown].sort()).toEqual([...requestOrder.items].sort());
    expect(presentedOrder({ ...requestOrder })).toEqual(shown);
  });

  it('is never already solved, even for two items', () => {
    for (let i = 0; i < 300; i++) {
      const q: OrderQuestion = { ...requestOrder, id: `q${i}`, items: i % 2 ? ['first', 'second'] : ['a', 'b', 'c'] };
      expect(presentedOrder(q)).not.toEqual(q.items);
    }
  });

  it('leaves a single item alone', () => {
    expect(presentedOrder({ ...requestOrder, items: ['only'] })).toEqual(['only']);
  });
});
