import { afterEach, describe, expect, it } from 'vitest';
import { QuizStep } from '../../src/ui/quiz/quiz-step';
import { emptyProgress } from '../../src/progress/types';
import type { MultipleQuestion } from '../../src/quiz/types';
import { dnsSingle, spofMultiple, spofPick } from '../quiz/fixtures';
import { KEY, mount, quizStep, type Harness } from './quiz-harness';

let h: Harness | undefined;
afterEach(() => h?.unmount());

describe('single choice', () => {
  it('shows the prompt and numbered choices with nothing chosen', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle));
    const f = await h.waitFor('Choose one answer');
    expect(f).toContain('Choose one answer');
    expect(f).toContain('What type of DNS record is www?');
    expect(f).toContain('( ) 1. A');
    expect(f).toContain('( ) 2. CNAME');
    expect(f).not.toContain('(•)');
  });

  it('answers wrong with the distractor feedback and misconception, then retries right', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle));
    await h.press(KEY.down, KEY.down);
    await h.waitFor('› (•) 2. CNAME');
    expect(h.frame()).toContain('› (•) 2. CNAME');
    await h.press(KEY.enter);
    let f = await h.waitFor('✗ Not quite.');
    expect(f).toContain('✗ Not quite.');
    expect(f).toContain('A CNAME points to another name, never to an IP address.');
    expect(f).toContain('Misconception 1: www is a CNAME pointing to 8.8.8.8');
    // The explanation names the answer: it waits for a right answer or a reveal.
    expect(f).not.toContain('Why:');
    expect(f).toContain('r: try again · s: show the answer');
    expect(h.answers).toEqual([{ id: 'dns#q1', correct: false }]);

    await h.press('r');
    // Nothing chosen again (Enter cannot resend CNAME), but the last try is named.
    f = await h.waitFor('(last try)');
    expect(f).toMatch(/› \( \) 2\. CNAME\s+\(last try\)/);
    await h.press(KEY.up);
    await h.waitFor('› (•) 1. A');
    expect(h.frame()).toContain('› (•) 1. A');
    await h.press(KEY.enter);
    f = await h.waitFor('✓ Correct.');
    expect(f).toContain('✓ Correct.');
    expect(f).toContain('Your score keeps the first try.');
    expect(f).toContain('Why: An A record maps a name');
    expect(h.answers).toEqual([
      { id: 'dns#q1', correct: false },
      { id: 'dns#q1', correct: true },
    ]);

    // Answered: Enter and → belong to the lesson now.
    await h.press(KEY.enter, KEY.right);
    expect(h.unhandled).toEqual(['Enter', '→']);
  });
});

describe('single choice, more', () => {
  it('ignores a stray Enter before anything is chosen', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle));
    await h.press(KEY.enter);
    await h.waitFor('Choose an answer first');
    expect(h.frame()).toContain('Choose an answer first');
    expect(h.answers).toEqual([]);
    expect(h.unhandled).toEqual([]);
  });

  it('chooses by digit and lets → through while answering', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle));
    await h.press('3', KEY.right);
    await h.waitFor('› (•) 3. MX');
    expect(h.frame()).toContain('› (•) 3. MX');
    expect(h.unhandled).toEqual(['→']);
  });

  it('shows a saved record and does not let r through while it is the quiz’s key', async () => {
    const progress = emptyProgress();
    progress.quizzes['dns#q1'] = { firstTryCorrect: false, solved: true, attempts: 2, at: '2026-01-01T00:00:00Z' };
    h = await mount(QuizStep, quizStep(dnsSingle), { progress });
    expect(h.frame()).toContain('Answered before: ✗ wrong on the first try, then right (2 tries).');
  });

  it('sets the footer contexts for answering, then for moving on', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle));
    // Open: the quiz keys and → skip / ← back (Enter answers, so it is not "next").
    expect(h.contexts.at(-1)).toEqual(['quiz', 'question']);
    await h.press('2', KEY.enter);
    // Wrong: r first.
    expect(h.contexts.at(-1)).toEqual(['wrongAnswer', 'lesson']);
    await h.press('r', '1', KEY.enter);
    expect(h.contexts.at(-1)).toEqual(['lesson']);
  });
});

describe('multiple choice', () => {
  it('grades a partial answer: names the ticked distractor, not the missed choice', async () => {
    h = await mount(QuizStep, quizStep(spofMultiple));
    expect(h.frame()).toContain('Tick every right answer');
    await h.press(KEY.down, KEY.space, '4');
    let f = await h.waitFor('[x] 1. The load balancer');
    expect(f).toContain('[x] 1. The load balancer');
    expect(f).toContain('[x] 4. The replica');
    expect(f).toContain('[ ] 2. The MySQL primary');
    await h.press(KEY.enter);
    f = await h.waitFor('✗ Not quite.');
    expect(f).toContain('✗ Not quite.');
    expect(f).toContain('You ticked 1 of the 2 right answers and 1 wrong one.');
    // Which right option was missed is not said before the learner asks for the answer.
    expect(f).not.toContain('You missed');
    expect(f).not.toContain('missed');
    expect(f).toContain('You ticked "The replica": Replicas only serve reads');
    expect(f).toContain('Misconception 4: the load balancer balances between the primary');
    expect(f).toMatch(/4\. The replica\s+✗ not right/);
    expect(h.answers).toEqual([{ id: 'spof#q2', correct: false }]);

    // Retry starts with nothing ticked, the last try's ticks named: tick the two right ones.
    await h.press('r');
    f = await h.waitFor('Space or 1–9: tick');
    expect(f).not.toContain('[x]');
    expect(f).toMatch(/\[ \] 1\. The load balancer\s+\(last try\)/);
    expect(f).toMatch(/\[ \] 4\. The replica\s+\(last try\)/);
    expect(f).not.toMatch(/2\. The MySQL primary\s+\(last try\)/);
    await h.press('1', '2', KEY.enter);
    await h.waitFor('✓ Correct.');
    expect(h.frame()).toContain('✓ Correct.');
    expect(h.answers.map((a) => a.correct)).toEqual([false, true]);
  });

  it('asks for a tick before answering', async () => {
    h = await mount(QuizStep, quizStep(spofMultiple));
    await h.press(KEY.enter);
    await h.waitFor('Tick at least one answer');
    expect(h.frame()).toContain('Tick at least one answer');
    expect(h.answers).toEqual([]);
  });
});

describe('fits a small screen', () => {
  const longQuestion: MultipleQuestion = {
    ...spofMultiple,
    id: 'long#q',
    prompt: 'Which of these are single points of failure in the design with one load balancer, two web servers and a primary–replica MySQL pair? Think about what happens to every request when each one dies.',
    choices: spofMultiple.choices.map((c) => ({ ...c, feedback: `${c.feedback ?? 'Right.'} ${'It matters because every request passes through the path you drew. '.repeat(2)}` })),
  };

  it('never draws more lines than its height, wraps to its width, and scrolls the feedback', async () => {
    h = await mount(QuizStep, quizStep(longQuestion), { width: 60, height: 14 });
    const lines = () => h!.frame().split('\n');
    expect(lines().length).toBeLessThanOrEqual(14);
    await h.press('3', KEY.enter);
    expect(lines().length).toBeLessThanOrEqual(14);
    for (const line of lines()) expect([...line].length).toBeLessThanOrEqual(60);
    expect(h.frame()).toContain('✗ Not quite.');
    expect(h.frame()).not.toContain('Why:');
    // Asking for the answer brings the explanation (long here: the view scrolls).
    await h.press('s');
    await h.waitFor('The answer, shown.');
    expect(lines().length).toBeLessThanOrEqual(14);
    expect(h.frame()).toMatch(/more (above and )?below/);
    // ↓ scrolls the feedback while there is more; the explanation comes into view.
    for (let i = 0; i < 20 && !h.frame().includes('Why:'); i++) await h.press(KEY.down);
    await h.waitFor('Why:');
    expect(h.frame()).toContain('Why:');
    expect(h.frame()).toContain('more above');
  });
});

describe('colour and glyphs', () => {
  it('keeps the glyph and the word when drawn in colour', async () => {
    h = await mount(QuizStep, quizStep(dnsSingle), { color: true });
    await h.press('2', KEY.enter);
    const plain = h.frame().replace(/\u001B\[[0-9;]*m/g, '');
    expect(plain).toContain('✗ Not quite.');
    expect(plain).toContain('✗ your answer');
  });
});

describe('live-view kinds', () => {
  it('hands pick-node questions to the diagram view', async () => {
    h = await mount(QuizStep, quizStep(spofPick));
    await h.waitFor('lb-1');
    expect(h.frame()).toContain('Pick the single point of failure');
  });
});
