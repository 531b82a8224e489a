/**
 * Short text: a forgiving match against `accept` (case, spacing, quotes,
 * punctuation, articles; one slip in answers of 5+ characters, with a spelling
 * note); known `wrong` answers get their own feedback.
 */
import { matchText, normalizeAnswer } from '../text-match';
import { checkMisconception } from './choices';
import { finish, note, type QuestionProblem, type QuizKind } from './kind';

export const text: QuizKind<'text'> = {
  kind: 'text',
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
    if (question.accept.length === 0) out.push({ severity: 'error', message: 'accepts no answer (accept: is empty)' });
    (question.wrong ?? []).forEach((w, i) => {
      if (question.accept.some((a) => matchText(w.answer, a).kind === 'exact')) {
        out.push({ severity: 'error', message: `wrong answer ${i + 1} ("${w.answer}") is also accepted` });
      }
      checkMisconception(w.misconception, `wrong answer ${i + 1}`, out);
    });
    return out;
  },
  answer: (state) => (state.text.trim().length === 0 ? { notice: 'Type an answer first.' } : { kind: 'text', text: state.text }),
};
