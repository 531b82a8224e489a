/**
 * Put in order: the items are shown shuffled (never already solved, see
 * shuffle.ts's presentedOrder) and rearranged in place. Right iff the exact order;
 * feedback from the first broken `mistakes` rule, else a hint naming the first
 * misplaced pair.
 */
import { normalizeAnswer } from '../text-match';
import type { OrderQuestion } from '../types';
import { blockParts, type Assert, type Mirrors, type Zod } from './block';
import { checkMisconception } from './choices';
import type { QuizSessionState } from '../session';
import { presentedOrder } from '../shuffle';
import { AnswerMismatchError, clamp, finish, moveCursor, note, type QuestionProblem, type QuizKind } from './kind';

function schema(z: Zod) {
  const b = blockParts(z);
  return z.strictObject({
    kind: z.literal('order'),
    ...b.question,
    items: z.array(b.text()).check(z.minLength(3)),
    mistakes: z.optional(z.array(z.strictObject({ before: b.text(), after: b.text(), feedback: b.text(), misconception: b.misconception() }))),
  });
}
export type OrderSchemaMirrorsType = Assert<Mirrors<typeof schema, OrderQuestion>>;

/** Move the item under the cursor by `delta` (the cursor goes with it). */
function moveItem(state: QuizSessionState, delta: number): QuizSessionState {
  const from = state.cursor;
  if (from < 0) return state;
  const to = clamp(from + delta, 0, state.order.length - 1);
  if (to === from) return state;
  const order = [...state.order];
  const [item] = order.splice(from, 1);
  order.splice(to, 0, item!);
  return { ...state, order, cursor: to, touched: true, notice: null };
}

/** Index of an item by exact text, else by forgiving text (authors' rules may differ in case). */
function indexOfItem(order: string[], item: string): number {
  const exact = order.indexOf(item);
  if (exact >= 0) return exact;
  const n = normalizeAnswer(item);
  return order.findIndex((x) => normalizeAnswer(x) === n);
}

export const order: QuizKind<'order'> = {
  kind: 'order',
  schema,
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
    const items = question.items;
    if (items.length < 3) out.push({ severity: 'error', message: 'needs at least three items to order', path: ['items'] });
    const dup = items.find((it, i) => items.indexOf(it) !== i);
    if (dup !== undefined) out.push({ severity: 'error', message: `item '${dup}' appears twice`, path: ['items'] });
    (question.mistakes ?? []).forEach((m, i) => {
      for (const end of ['before', 'after'] as const) {
        if (!items.includes(m[end])) {
          out.push({ severity: 'error', message: `mistake ${i + 1}: '${m[end]}' is not one of the items`, path: ['mistakes', i, end] });
        }
      }
      // A rule states the right relation; one the right order breaks could never fire.
      if (items.includes(m.before) && items.includes(m.after) && items.indexOf(m.before) > items.indexOf(m.after)) {
        out.push({
          severity: 'error',
          message: `mistake ${i + 1}: this rule says '${m.before}' comes before '${m.after}', but the items (the right order) put it after`,
          path: ['mistakes', i],
        });
      }
      checkMisconception(m.misconception, `mistake ${i + 1}`, ['mistakes', i, 'misconception'], out);
    });
    return out;
  },
  // Shuffled by question (never already solved), the cursor on the first item.
  start: (question) => ({ order: presentedOrder(question), cursor: 0 }),
  act(state, action) {
    if (state.phase !== 'answering') return state;
    const n = state.order.length;
    switch (action.type) {
      case 'move':
        return state.held ? moveItem(state, action.delta) : moveCursor(state, action.delta, n);
      case 'choose':
        return action.index < 0 || action.index >= n ? state : { ...state, cursor: action.index, held: false, notice: null };
      case 'toggle':
        return state.cursor < 0 ? { ...state, notice: 'Move to an answer with ↑↓ first.' } : { ...state, held: !state.held, notice: null };
      case 'moveItem':
        return moveItem(state, action.delta);
      default:
        return state;
    }
  },
  // A retry keeps the arrangement: rebuilding it would throw away the parts already right.
  keepOnRetry: true,
  answer: (state) =>
    !state.touched ? { notice: 'Put the items in order first: Space picks one up, ↑↓ carry it.' } : { kind: 'order', order: [...state.order] },
};
