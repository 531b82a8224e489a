import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/text/suggest';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
  });

  it('counts a swap of neighbours as one edit only when asked', () => {
    expect(editDistance('lsit', 'list')).toBe(2);
    expect(editDistance('lsit', 'list', { swaps: true })).toBe(1);
    expect(editDistance('corect', 'correct', { swaps: true })).toBe(1);
  });

  it('stops early past max and says max + 1', () => {
    expect(editDistance('abcdef', 'x', { max: 1 })).toBe(2);
    expect(editDistance('replcia', 'replica', { max: 1 })).toBe(2);
    expect(editDistance('replcia', 'replica', { max: 1, swaps: true })).toBe(1);
  });
});

describe('suggest', () => {
  it('offers the closest option when it is close enough', () => {
    expect(suggest('lsit', ['list', 'learn', 'validate'])).toBe('list');
    expect(suggest('VALIDTE', ['list', 'validate'])).toBe('validate');
    expect(suggest('zzz', ['list', 'learn'])).toBeUndefined();
  });
});
