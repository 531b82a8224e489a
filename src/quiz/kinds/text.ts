/**
 * Short text: a forgiving match against `accept` (case, spacing, quotes,
 * punctuation, articles; one slip in answers of 5+ characters, with a spelling
 * note); known `wrong` answers get their own feedback.
 */
import { matchText, normalizeAnswer } from '../text-match';
import type { TextQuestion } from '../types';
import { blockParts, type Assert, type Mirrors, type Zod } from './block';
import { checkMisconception } from './choices';
import { clamp, finish, note, type QuestionProblem, type QuizKind } from './kind';

function schema(z: Zod) {
  const b = blockParts(z);
  return z.strictObject({
    kind: z.literal('text'),
    ...b.question,
    accept: z.array(b.text()).check(z.minLength(1)),
    wrong: z.optional(z.array(z.strictObject({ answer: b.text(), feedback: b.text(), misconception: b.misconception() }))),
    placeholder: z.optional(z.string()),
  });
}
export type TextSchemaMirrorsType = Assert<Mirrors<typeof schema, TextQuestion>>;

/** Strip control characters from typed or pasted text (newlines become spaces). */
function printable(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
}

export const text: QuizKind<'text'> = {
  kind: 'text',
  schema,
  label: 'Type a short answer',
  grade(question, answer) {
    const typed = answer.text;
    if (normalizeAnswer(typed).length === 0) return finish(false, question.explain, [note('No answer was typed.')]);
    // Exact matches first (a known wrong answer must not be forgiven as a typo of a
    // right one), then near misses of right answers, then near misses of wrong ones.
    for (const accepted of question.accept) {
      if (matchText(typed, accepted).kind === 'exact') return finish(true, question.explain, []);
    }
    for (const wrong of question.wrong ?? []) {
      if (matchText(typed, wrong.answer).kind === 'exact') return finish(false, question.explain, [note(wrong.feedback, wrong.misconception)]);
    }
    for (const accepted of question.accept) {
      if (matchText(typed, accepted).kind === 'near') return finish(true, question.explain, [note(`Right — mind the spelling: "${accepted}".`)]);
    }
    for (const wrong of question.wrong ?? []) {
      if (matchText(typed, wrong.answer).kind === 'near') return finish(false, question.explain, [note(wrong.feedback, wrong.misconception)]);
    }
    return finish(false, question.explain, [note(`"${typed.trim()}" is not what we are looking for.`)]);
  },
  problems(question) {
    const out: QuestionProblem[] = [];
    if (question.accept.length === 0) out.push({ severity: 'error', message: "accepts no answer ('accept' is empty)", path: ['accept'] });
    (question.wrong ?? []).forEach((w, i) => {
      // The grader tries `accept` first, so this feedback could never be shown.
      if (question.accept.some((a) => matchText(w.answer, a).kind === 'exact')) {
        out.push({ severity: 'error', message: `wrong answer '${w.answer}' is also in 'accept'`, path: ['wrong', i, 'answer'] });
      }
      checkMisconception(w.misconception, `wrong answer '${w.answer}'`, ['wrong', i, 'misconception'], out);
    });
    return out;
  },
  // The field has the keys at once.
  start: () => ({ focused: true }),
  act(state, action) {
    const answering = state.phase === 'answering';
    switch (action.type) {
      case 'type': {
        const insert = printable(action.text);
        if (!answering || insert.length === 0) return state;
        const typed = state.text.slice(0, state.caret) + insert + state.text.slice(state.caret);
        return { ...state, text: typed, caret: state.caret + insert.length, focused: true, notice: null };
      }
      case 'backspace':
        if (!answering || state.caret === 0) return state;
        return { ...state, text: state.text.slice(0, state.caret - 1) + state.text.slice(state.caret), caret: state.caret - 1, notice: null };
      case 'deleteForward':
        if (!answering || state.caret >= state.text.length) return state;
        return { ...state, text: state.text.slice(0, state.caret) + state.text.slice(state.caret + 1), notice: null };
      case 'caret': {
        const to = action.to;
        const caret = to === 'home' ? 0 : to === 'end' ? state.text.length : clamp(state.caret + (to === 'left' ? -1 : 1), 0, state.text.length);
        return caret === state.caret ? state : { ...state, caret };
      }
      case 'focus':
        // The field only takes keys while an answer can be typed.
        if (state.focused === action.focused || (action.focused && !answering)) return state;
        return { ...state, focused: action.focused };
      default:
        return state;
    }
  },
  answer: (state) => (state.text.trim().length === 0 ? { notice: 'Type an answer first.' } : { kind: 'text', text: state.text }),
};
