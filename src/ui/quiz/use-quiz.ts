/**
 * Keys for a quiz question. Everything goes through the one keymap (`quiz`
 * context), except inside the text field, which takes printable characters
 * itself: while typing, "q", "m" or "?" are letters of the answer, not commands.
 * Keys the question does not use return false, so the lesson's → / ← / Enter
 * move on once the question is answered (→ and ← also while it is open: skipping
 * is allowed, and the question stays unanswered on the map).
 */
import type { Key } from 'ink';
import type { QuizAction, QuizSessionState } from '../../quiz/session';
import { LAYER, useKeys } from '../input';
import { matchCommand } from '../keymap';

export interface QuizKeyOptions {
  /** The latest state (read per key, so keys arriving before a redraw see each other's effect). */
  getState(): QuizSessionState;
  dispatch: (action: QuizAction) => void;
  active: boolean;
  /** Scroll the screen by `delta` lines; returns false when it cannot move. */
  scroll(delta: number): boolean;
}

/**
 * Keys while the text field has focus. Exported for tests of the rules.
 * With the field empty there is no caret to move, so ← and → go to the lesson
 * (back, or skip the question): a learner who only wants to page on is not
 * trapped in a field they never typed in.
 */
export function textFieldKey(input: string, key: Key, dispatch: (action: QuizAction) => void, empty = false): boolean {
  // Ctrl/Meta combinations (Ctrl+C to quit) are never text.
  if ((key.ctrl || (key.meta && !key.escape)) && !key.backspace && !key.delete) return false;
  if (empty && (key.leftArrow || key.rightArrow)) return false;
  if (key.escape) dispatch({ type: 'focus', focused: false });
  else if (key.return) dispatch({ type: 'submit' });
  else if (key.backspace || key.delete) dispatch({ type: 'backspace' });
  else if (key.leftArrow) dispatch({ type: 'caret', to: 'left' });
  else if (key.rightArrow) dispatch({ type: 'caret', to: 'right' });
  else if (key.home) dispatch({ type: 'caret', to: 'home' });
  else if (key.end) dispatch({ type: 'caret', to: 'end' });
  else if (key.upArrow || key.downArrow || key.pageUp || key.pageDown || key.tab) return false;
  else if (input) dispatch({ type: 'type', text: input });
  // Anything else while typing (a stray escape sequence) is swallowed, not a command.
  return true;
}

export function useQuizKeys({ getState, dispatch, active, scroll }: QuizKeyOptions): void {
  useKeys(
    (input, key) => {
      const state = getState();
      const q = state.question;
      if (state.phase === 'answering' && q.kind === 'text' && state.focused) return textFieldKey(input, key, dispatch, state.text.length === 0);

      if (state.phase === 'answered') {
        const command = matchCommand(['wrongAnswer', 'quiz'], input, key);
        if ((command === 'retry' || command === 'reveal') && state.grade && !state.grade.correct && !state.revealed) {
          dispatch({ type: command });
          return true;
        }
        if (command === 'up') return scroll(-1);
        if (command === 'down') return scroll(1);
        // Enter, →, ← … belong to the lesson now.
        return false;
      }

      const command = matchCommand(['quiz'], input, key);
      if (q.kind === 'text') {
        // The field is left (Esc): Enter goes back into it; everything else is global.
        if (command === 'submit') {
          dispatch({ type: 'focus', focused: true });
          return true;
        }
        return false;
      }

      switch (command) {
        case 'up':
          dispatch({ type: 'move', delta: -1 });
          return true;
        case 'down':
          dispatch({ type: 'move', delta: 1 });
          return true;
        case 'toggle':
          dispatch({ type: 'toggle' });
          return true;
        case 'moveItemUp':
        case 'moveItemDown':
          if (q.kind !== 'order') return false;
          dispatch({ type: 'moveItem', delta: command === 'moveItemUp' ? -1 : 1 });
          return true;
        case 'choose':
          dispatch({ type: 'choose', index: Number(input) - 1 });
          return true;
        case 'submit':
          dispatch({ type: 'submit' });
          return true;
        default:
          return false;
      }
    },
    active,
    LAYER.step,
  );
}
