import { describe, expect, it } from 'vitest';
import { chapterPatterns, lengthGiveaway } from '../../src/quiz/bias';
import type { SingleQuestion } from '../../src/quiz/types';
import { dnsSingle, lampText, spofMultiple } from './fixtures';

const single = (id: string, texts: string[], right: number): SingleQuestion => ({
  id,
  kind: 'single',
  prompt: id,
  explain: 'e',
  choices: texts.map((text, i) => (i === right ? { text, correct: true } : { text, feedback: 'no' })),
});

describe('a right choice much longer than its distractors', () => {
  it('is flagged, with the lengths', () => {
    const q = single('q', ['Yes', 'No', 'It depends on whether the health check has noticed the crash yet', 'Never'], 2);
    expect(lengthGiveaway(q)).toMatch(/much longer than the wrong ones \(\d+ characters against \d+ on average\)/);
  });

  it('is not flagged when lengths are alike, when short, or for kinds without choices', () => {
    expect(lengthGiveaway(dnsSingle)).toBeUndefined();
    expect(lengthGiveaway(single('q', ['ab', 'a', 'b'], 0))).toBeUndefined(); // 2× but 1 character
    expect(lengthGiveaway(spofMultiple)).toBeUndefined();
    expect(lengthGiveaway(lampText)).toBeUndefined();
  });
});

describe("a chapter's right answers", () => {
  const placed = (qs: SingleQuestion[]) => qs.map((question, i) => ({ question, at: i }));
  const alike = ['alpha one', 'bravo two', 'charlie 3', 'delta fou'];

  it('clustering at one position is flagged, naming each question counted', () => {
    const qs = [0, 1, 2, 3, 4].map((i) => single(`q${i}`, alike, i === 4 ? 0 : 1));
    const found = chapterPatterns(placed(qs));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('choice 2 in 4 of');
    expect(found[0]!.questions.map((q) => q.at)).toEqual([0, 1, 2, 3]);
  });

  it('being the longest choice time after time is flagged', () => {
    const qs = [0, 1, 2, 3].map((i) => single(`q${i}`, ['a short one', 'another one', 'the right answer, longer', 'wrong too'].map((t, k) => (k === i ? 'the right answer, longer' : k === 2 ? 'a third wrong' : t)), i));
    const found = chapterPatterns(placed(qs));
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('the longest choice in 4 of')]);
  });

  it('a spread-out chapter, or one too small to tell, is not flagged', () => {
    expect(chapterPatterns(placed([0, 1, 2, 3].map((i) => single(`q${i}`, alike, i))))).toEqual([]);
    expect(chapterPatterns(placed([0, 1, 2].map((i) => single(`q${i}`, alike, 1))))).toEqual([]);
  });
});

describe('validate warnings', () => {
  it('are warnings at each question’s file:line', async () => {
    const { quizBiasWarnings } = await import('../../src/course/quiz-bias');
    const long = single('long', ['Yes', 'No', 'Only once the health check has seen three failures in a row', 'Never'], 2);
    const step = (question: SingleQuestion, line: number) => ({ kind: 'quiz' as const, question, pos: { file: 'c/01-l.md', line } });
    const course = {
      root: 'c',
      chapters: [{ id: 'c', title: 'C', dir: 'c', lessons: [{ id: 'l', title: 'L', chapterId: 'c', file: 'c/01-l.md', steps: [step(dnsSingle, 10), step(long, 30)] }] }],
    };
    const found = quizBiasWarnings(course);
    expect(found).toEqual([{ file: 'c/01-l.md', line: 30, severity: 'warning', message: expect.stringMatching(/^quiz: the right choice is much longer/) }]);
  });
});
