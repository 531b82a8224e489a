import { describe, expect, it } from 'vitest';
import { currentAnswer, initQuizSession, quizReducer, type PreviousAnswer, type QuizAction, type QuizSessionState } from '../../src/quiz/session';
import type { Question } from '../../src/quiz/types';
import { dnsSingle, lampText, predictKill, requestOrder, shuffledSingle, spofMultiple, spofPick } from './fixtures';

const run = (question: Question, actions: QuizAction[], previous?: PreviousAnswer): QuizSessionState =>
  actions.reduce(quizReducer, initQuizSession(question, { previous }));

const down: QuizAction = { type: 'move', delta: 1 };
const up: QuizAction = { type: 'move', delta: -1 };
const submit: QuizAction = { type: 'submit' };
const retry: QuizAction = { type: 'retry' };
const toggle: QuizAction = { type: 'toggle' };

describe('single choice', () => {
  it('starts with nothing chosen, so a stray Enter does not answer', () => {
    const s = run(dnsSingle, [submit]);
    expect(s.phase).toBe('answering');
    expect(s.attempts).toBe(0);
    expect(s.notice).toMatch(/Choose an answer first/);
  });

  it('selects with the cursor; the first ↓ lands on the first choice, ↑ on the last', () => {
    expect(run(dnsSingle, [down]).selected).toBe(0);
    expect(run(dnsSingle, [up]).selected).toBe(3);
    expect(run(dnsSingle, [down, down, down, down, down]).cursor).toBe(3); // clamps
    expect(run(dnsSingle, [{ type: 'choose', index: 2 }]).selected).toBe(2);
    expect(run(dnsSingle, [{ type: 'choose', index: 7 }]).selected).toBeNull();
  });

  it('fixes the first-try result at the first submit, whatever retries follow', () => {
    const wrong = run(dnsSingle, [down, down, submit]);
    expect(wrong.phase).toBe('answered');
    expect(wrong.grade?.correct).toBe(false);
    expect(wrong.grade?.misconception).toBe(1);
    expect(wrong.firstTryCorrect).toBe(false);
    expect(wrong.attempts).toBe(1);

    const right = [retry, up, submit].reduce(quizReducer, wrong);
    expect(right.grade?.correct).toBe(true);
    expect(right.firstTryCorrect).toBe(false);
    expect(right.solved).toBe(true);
    expect(right.attempts).toBe(2);
  });

  it('locks the answer after submitting until retry, and never retries a right answer', () => {
    const answered = run(dnsSingle, [down, submit]);
    expect(answered.grade?.correct).toBe(true);
    expect(quizReducer(answered, down)).toBe(answered);
    expect(quizReducer(answered, retry)).toBe(answered);
    expect(quizReducer(answered, submit)).toBe(answered);
  });

  it('clears the choice on retry (so Enter cannot resend it) but keeps the cursor there', () => {
    const s = run(dnsSingle, [down, down, submit, retry]);
    expect(s.phase).toBe('answering');
    expect(s.grade).toBeNull();
    expect(s.selected).toBeNull();
    expect(s.cursor).toBe(1);
    expect(quizReducer(s, submit).notice).toMatch(/Choose an answer first/);
    expect(quizReducer(s, down).selected).toBe(2);
  });

  it('maps presented positions to the author’s choices when shuffled', () => {
    const s = initQuizSession(shuffledSingle, { learner: 'ada' });
    const correctPos = s.choiceOrder.indexOf(0);
    const answered = [{ type: 'choose', index: correctPos } as QuizAction, submit].reduce(quizReducer, s);
    expect(answered.selected).toBe(0);
    expect(answered.grade?.correct).toBe(true);
  });

  it('handles predictions the same way', () => {
    const s = run(predictKill, [down, submit]);
    expect(s.lastAnswer).toEqual({ kind: 'predict', choice: 0 });
    expect(s.grade?.correct).toBe(true);
  });
});

describe('multiple choice', () => {
  it('ticks and unticks with Space and digits', () => {
    const s = run(spofMultiple, [down, toggle, down, toggle, { type: 'choose', index: 3 }]);
    expect(s.ticked).toEqual([0, 1, 3]);
    expect(quizReducer(s, { type: 'choose', index: 3 }).ticked).toEqual([0, 1]);
    expect(s.cursor).toBe(3);
  });

  it('asks for a tick before answering', () => {
    expect(run(spofMultiple, [submit]).notice).toMatch(/Tick at least one/);
    expect(run(spofMultiple, [toggle]).notice).toMatch(/Move to an answer/);
  });

  it('grades a partial answer with a summary and clears the ticks on retry', () => {
    const s = run(spofMultiple, [{ type: 'choose', index: 0 }, submit]);
    expect(s.grade?.correct).toBe(false);
    expect(s.grade?.summary).toBe('You ticked 1 of the 2 right answers and no wrong ones.');
    expect(quizReducer(s, retry).ticked).toEqual([]);
    const again = [retry, { type: 'choose', index: 0 } as QuizAction, { type: 'choose', index: 1 } as QuizAction, submit].reduce(quizReducer, s);
    expect(again.grade?.correct).toBe(true);
    expect(again.firstTryCorrect).toBe(false);
  });
});

describe('order', () => {
  const solve = (s: QuizSessionState): QuizAction[] => {
    // Selection sort by moving items, as a learner would with Shift+↑↓.
    const actions: QuizAction[] = [];
    let cur = s;
    requestOrder.items.forEach((item, target) => {
      const from = cur.order.indexOf(item);
      const steps: QuizAction[] = [{ type: 'choose', index: from }, ...Array.from({ length: from - target }, () => ({ type: 'moveItem', delta: -1 }) as QuizAction)];
      cur = steps.reduce(quizReducer, cur);
      actions.push(...steps);
    });
    return actions;
  };

  it('starts shuffled with the cursor on the first item and refuses an untouched answer', () => {
    const s = run(requestOrder, [submit]);
    expect(s.order).not.toEqual(requestOrder.items);
    expect(s.cursor).toBe(0);
    expect(s.notice).toMatch(/Put the items in order first/);
  });

  it('carries a picked-up item with ↑↓ and puts it down with Space', () => {
    const s0 = initQuizSession(requestOrder);
    const first = s0.order[0]!;
    const s = [toggle, down, down, toggle, down].reduce(quizReducer, s0);
    expect(s.order[2]).toBe(first);
    expect(s.held).toBe(false);
    expect(s.cursor).toBe(3); // after putting it down, ↓ moves the cursor only
    expect(s.order[2]).toBe(first);
    expect(s.touched).toBe(true);
  });

  it('moves items directly and clamps at the ends', () => {
    const s0 = initQuizSession(requestOrder);
    const s = quizReducer(s0, { type: 'moveItem', delta: -1 });
    expect(s).toBe(s0);
    const last = [{ type: 'choose', index: 5 } as QuizAction, { type: 'moveItem', delta: 1 } as QuizAction].reduce(quizReducer, s0);
    expect(last.order).toEqual(s0.order);
  });

  it('grades the arrangement; the right order is right', () => {
    const s0 = initQuizSession(requestOrder);
    const solved = [...solve(s0), submit].reduce(quizReducer, s0);
    expect(solved.lastAnswer).toEqual({ kind: 'order', order: requestOrder.items });
    expect(solved.grade?.correct).toBe(true);
    expect(solved.firstTryCorrect).toBe(true);
  });
});

describe('text', () => {
  it('types at the caret, edits and submits', () => {
    const s = run(lampText, [
      { type: 'type', text: 'LMP' },
      { type: 'caret', to: 'left' },
      { type: 'caret', to: 'left' },
      { type: 'type', text: 'E' },
      { type: 'caret', to: 'end' },
      { type: 'type', text: 'x' },
      { type: 'backspace' },
    ]);
    expect(s.text).toBe('LEMP');
    expect(s.caret).toBe(4);
    expect(s.focused).toBe(true);
    const home = [{ type: 'caret', to: 'home' } as QuizAction, { type: 'deleteForward' } as QuizAction].reduce(quizReducer, s);
    expect(home.text).toBe('EMP');
    expect(quizReducer(s, submit).grade?.correct).toBe(true);
  });

  it('strips control characters from pastes and ignores empty answers', () => {
    expect(run(lampText, [{ type: 'type', text: 'le\x1bmp\n' }]).text).toBe('lemp ');
    expect(run(lampText, [{ type: 'type', text: '   ' }, submit]).notice).toBe('Type an answer first.');
  });

  it('leaves the field on submit and refocuses an empty field on retry', () => {
    const s = run(lampText, [{ type: 'type', text: 'lamp' }, submit]);
    expect(s.focused).toBe(false);
    expect(s.grade?.feedback).toContain('Apache');
    expect(quizReducer(s, { type: 'type', text: 'x' })).toBe(s);
    expect(quizReducer(s, { type: 'focus', focused: true })).toBe(s);
    const again = quizReducer(s, retry);
    expect(again.focused).toBe(true);
    expect(again.text).toBe('');
    expect(again.caret).toBe(0);
    expect(again.lastAnswer).toEqual({ kind: 'text', text: 'lamp' });
    expect([{ type: 'type', text: 'LEMP' } as QuizAction, submit].reduce(quizReducer, again).grade?.correct).toBe(true);
  });

  it('can leave and re-enter the field while answering', () => {
    const s = run(lampText, [{ type: 'focus', focused: false }]);
    expect(s.focused).toBe(false);
    expect(quizReducer(s, { type: 'focus', focused: true }).focused).toBe(true);
  });
});

describe('pick-node', () => {
  it('needs a node, then grades it', () => {
    expect(run(spofPick, [submit]).notice).toBe('Pick a node first.');
    expect(run(spofPick, [{ type: 'pickNode', node: 'lb-1' }, submit]).grade?.correct).toBe(true);
  });
});

describe('resuming from saved progress', () => {
  it('keeps the saved first-try result and counts on', () => {
    const previous = { firstTryCorrect: false, solved: true, attempts: 2, at: '2026-01-01T00:00:00Z' };
    const s = run(dnsSingle, [down, submit], previous);
    expect(s.previous).toEqual(previous);
    expect(s.grade?.correct).toBe(true);
    expect(s.firstTryCorrect).toBe(false);
    expect(s.attempts).toBe(3);
  });
});

describe('currentAnswer', () => {
  it('reports the answer the state would submit', () => {
    expect(currentAnswer(run(spofMultiple, [{ type: 'choose', index: 2 }, { type: 'choose', index: 0 }]))).toEqual({
      answer: { kind: 'multiple', choices: [0, 2] },
    });
  });
});

describe('retry after a wrong order', () => {
  it('keeps the learner’s arrangement and lets them move items again', () => {
    const s = run(requestOrder, [{ type: 'moveItem', delta: 1 }, submit]);
    expect(s.grade?.correct).toBe(false);
    const again = quizReducer(s, retry);
    expect(again.phase).toBe('answering');
    expect(again.order).toEqual(s.order);
    expect(again.held).toBe(false);
    expect(quizReducer(again, { type: 'moveItem', delta: -1 }).order).not.toEqual(s.order);
  });
});
