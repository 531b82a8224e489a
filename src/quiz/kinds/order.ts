/**
 * Put in order: the items are shown shuffled (never already solved, see
 * shuffle.ts's presentedOrder) and rearranged in place. Right iff the exact order;
 * feedback from the first broken `mistakes` rule, else a hint naming the first
 * misplaced pair.
 */
import { normalizeAnswer } from '../text-match';
import { checkMisconception } from './choices';
import { AnswerMismatchError, finish, note, type QuestionProblem, type QuizKind } from './kind';

/** Index of an item by exact text, else by forgiving text (authors' rules may differ in case). */
function indexOfItem(order: string[], item: string): number {
  const exact = order.indexOf(item);
  if (exact >= 0) return exact;
  const n = normalizeAnswer(item);
  return order.findIndex((x) => normalizeAnswer(x) === n);
}

export const order: QuizKind<'order'> = {
  kind: 'order',
  label: 'Put these in order',
  grade(question, answer) {
    const expected = question.items;
    const given = answer.order;
    const sortedA = [...given].sort();
    const sortedB = [...expected].sort();
    if (sortedA.length !== sortedB.length || sortedA.some((x, i) => x !== sortedB[i])) {
      throw new AnswerMismatchError(`the order given for ${question.id} is not a rearrangement of its items`);
    }
    if (given.every((x, i) => x === expected[i])) return finish(true, question.explain, []);
    for (const rule of question.mistakes ?? []) {
      const b = indexOfItem(given, rule.before);
      const a = indexOfItem(given, rule.after);
      if (b >= 0 && a >= 0 && a < b) return finish(false, question.explain, [note(rule.feedback, rule.misconception)]);
    }
    const i = given.findIndex((x, k) => x !== expected[k]);
    return finish(false, question.explain, [note(`Not yet: "${expected[i]}" comes before "${given[i]}".`)]);
  },
  problems(question) {
    const out: QuestionProblem[] = [];
    if (question.items.length < 2) out.push({ severity: 'error', message: 'needs at least two items to order' });
    if (new Set(question.items).size !== question.items.length) out.push({ severity: 'error', message: 'has the same item twice' });
    (question.mistakes ?? []).forEach((m, i) => {
      for (const end of [m.before, m.after]) {
        if (!question.items.includes(end)) out.push({ severity: 'error', message: `mistake ${i + 1} names "${end}", which is not one of the items` });
      }
      if (question.items.includes(m.before) && question.items.includes(m.after) && question.items.indexOf(m.before) > question.items.indexOf(m.after)) {
        out.push({ severity: 'error', message: `mistake ${i + 1} says "${m.before}" comes before "${m.after}", but the items put it after` });
      }
      checkMisconception(m.misconception, `mistake ${i + 1}`, out);
    });
    return out;
  },
  answer: (state) =>
    !state.touched ? { notice: 'Put the items in order first: Space picks one up, ↑↓ carry it.' } : { kind: 'order', order: [...state.order] },
};
