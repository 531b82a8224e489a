import { afterEach, describe, expect, it, vi } from 'vitest';
import { presentedOrder } from '../../src/quiz/shuffle';
import { QuizStep } from '../../src/ui/quiz/quiz-step';
import { lampText, requestOrder } from '../quiz/fixtures';
import { KEY, mount, quizStep, type Harness } from './quiz-harness';

let h: Harness | undefined;
afterEach(() => h?.unmount());

/** The item texts as shown, top to bottom ("› ⇅ 1. Browser" → "Browser"). */
function shownOrder(frame: string): string[] {
  return frame
    .split('\n')
    .map((l) => /^\S?\s+(?:⇅ )?\s*\d\. (.+?)(?:\s{2}.*)?$/.exec(l)?.[1])
    .filter((x): x is string => x !== undefined && requestOrder.items.includes(x));
}

describe('order', () => {
  it('presents the items shuffled, and sorts them by keys', async () => {
    h = await mount(QuizStep, quizStep(requestOrder));
    const start = presentedOrder(requestOrder);
    expect(shownOrder(h.frame())).toEqual(start);
    expect(h.frame()).toContain('Put these in order');

    // Selection sort as a learner would: go to the item, pick it up (Space), carry it
    // up (↑), put it down (Space); or use Shift+↑ / K for the later items.
    const current = [...start];
    for (let target = 0; target < requestOrder.items.length; target++) {
      const from = current.indexOf(requestOrder.items[target]!);
      // The cursor is on `target - 1` (or 0 at the start) after the previous move.
      const cursorNow = target === 0 ? 0 : target - 1;
      for (let i = cursorNow; i < from; i++) await h.press(KEY.down);
      for (let i = cursorNow; i > from; i--) await h.press(KEY.up);
      if (target % 2 === 0) {
        await h.press(KEY.space);
        if (from > target) expect(h.frame()).toContain('(moving)');
        for (let i = from; i > target; i--) await h.press(KEY.up);
        await h.press(KEY.space);
      } else {
        for (let i = from; i > target; i--) await h.press(i % 2 ? KEY.shiftUp : 'K');
      }
      const [item] = current.splice(from, 1);
      current.splice(target, 0, item!);
      const want = [...current];
      await vi.waitFor(() => expect(shownOrder(h!.frame())).toEqual(want), { timeout: 3000 });
      // The cursor followed the item to `target`, which is `(target + 1) - 1` for the next round.
    }
    expect(shownOrder(h.frame())).toEqual(requestOrder.items);
    await h.press(KEY.enter);
    await h.waitFor('✓ Correct.');
    expect(h.frame()).toContain('✓ Correct.');
    expect(h.answers).toEqual([{ id: 'path#q3', correct: true }]);
  });

  it('answers a wrong order with the first broken rule and marks items out of place', async () => {
    h = await mount(QuizStep, quizStep(requestOrder));
    // Swap the top two with Shift+↓: touched, and (with this shuffle) still wrong.
    await h.press(KEY.shiftDown, KEY.enter);
    const f = await h.waitFor('✗ Not quite.');
    expect(f).toContain('✗ Not quite.');
    expect(f).toMatch(/✗ out of place/);
    expect(h.answers).toEqual([{ id: 'path#q3', correct: false }]);
    expect(f).toContain('r: try again');
  });

  it('does not accept the untouched shuffle', async () => {
    h = await mount(QuizStep, quizStep(requestOrder));
    await h.press(KEY.enter);
    await h.waitFor('Put the items in order first');
    expect(h.frame()).toContain('Put the items in order first');
    expect(h.answers).toEqual([]);
  });
});

describe('text', () => {
  it('forgives case and spacing, and letters while typing are not global keys', async () => {
    h = await mount(QuizStep, quizStep(lampText));
    expect(h.frame()).toContain('Type a short answer');
    // q, m and ? would quit, open the map and open help if they reached the root.
    await h.press('q', 'm', '?');
    await h.waitFor('qm?');
    expect(h.frame()).toContain('qm?');
    expect(h.unhandled).toEqual([]);
    await h.press(KEY.backspace, KEY.backspace, KEY.backspace);
    for (const ch of 'XAMPP') await h.press(ch);
    await h.press(KEY.enter);
    let f = await h.waitFor('✗ Not quite.');
    expect(f).toContain('✗ Not quite.');
    expect(f).toContain('"XAMPP" is not what we are looking for.');
    await h.press('r');
    for (let i = 0; i < 5; i++) await h.press(KEY.backspace);
    for (const ch of '  lE  mP. ') await h.press(ch);
    await h.press(KEY.enter);
    f = await h.waitFor('✓ Correct.');
    expect(f).toContain('✓ Correct.');
    expect(h.answers).toEqual([
      { id: 'lamp#q4', correct: false },
      { id: 'lamp#q4', correct: true },
    ]);
  });

  it('answers a known wrong answer with its misconception', async () => {
    h = await mount(QuizStep, quizStep(lampText));
    for (const ch of 'lamp') await h.press(ch);
    await h.press(KEY.enter);
    const f = await h.waitFor('LAMP names Apache');
    expect(f).toContain('LAMP names Apache');
    expect(f).toContain('Misconception 9: LAMP with Nginx in the picture');
    expect(f).toContain('lamp  ✗ your answer');
  });

  it('Esc leaves the field, so keys reach the app again; Enter goes back in', async () => {
    h = await mount(QuizStep, quizStep(lampText));
    await h.press('x', KEY.escape);
    expect(h.unhandled).toEqual([]);
    await h.press('q');
    expect(h.unhandled).toEqual(['q']);
    expect(h.frame()).toContain('Enter: type your answer');
    await h.press(KEY.enter, 'y');
    await h.waitFor('xy');
    expect(h.frame()).toContain('xy');
    expect(h.unhandled).toEqual(['q']);
  });

  it('lets Ctrl+C through even while typing', async () => {
    h = await mount(QuizStep, quizStep(lampText));
    await h.press(KEY.ctrlC);
    expect(h.unhandled).toEqual(['c']);
  });

  it('edits at the caret with ← and backspace', async () => {
    h = await mount(QuizStep, quizStep(lampText));
    for (const ch of 'LMP') await h.press(ch);
    await h.press(KEY.left, KEY.left, 'E', KEY.enter);
    await h.waitFor('✓ Correct.');
    expect(h.frame()).toContain('✓ Correct.');
  });
});
