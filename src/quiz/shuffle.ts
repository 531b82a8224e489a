/**
 * Deterministic shuffling. A choice question's seed comes from the learner's id
 * (a random id kept in their progress) and the question id: one learner sees the
 * same order every time (a retry keeps their spatial memory of the choices valid),
 * two learners see different orders, so "always pick 2 or 3" is worth nothing. An
 * order question's seed is the question id alone (its items are always shuffled).
 */
import type { MultipleQuestion, OrderQuestion, PredictQuestion, SingleQuestion } from './types';

/** 32-bit FNV-1a hash of a string: a well-spread seed from a question id. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny, good-enough PRNG; returns a function giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A copy of `items` in a Fisher–Yates order drawn from `seed`. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const rand = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The seed of one learner's order for one question. */
export function learnerSeed(learner: string, questionId: string): number {
  return seedFrom(`${learner}\u0000${questionId}`);
}

/**
 * The order in which to present a choice question's choices to `learner`, as
 * indices into `choices`: shuffled per learner unless the question sets
 * `shuffle: false` (choices such as "all of the above" that need their place).
 * Without a learner (a lone screen in a test, a preview) the author's order.
 */
export function choiceOrder(question: SingleQuestion | MultipleQuestion | PredictQuestion, learner?: string): number[] {
  const identity = question.choices.map((_, i) => i);
  const optOut = (question as { shuffle?: boolean }).shuffle === false;
  return learner === undefined || optOut ? identity : seededShuffle(identity, learnerSeed(learner, question.id));
}

/**
 * The order in which to present an order question's items: always shuffled, and
 * never already solved (a question that answers itself teaches nothing). With two
 * or more distinct items some reshuffle differs from the answer; if none of a few
 * seeds does, the items are rotated by one, which always differs.
 */
export function presentedOrder(question: OrderQuestion): string[] {
  const items = question.items;
  if (items.length < 2) return [...items];
  const base = seedFrom(question.id);
  const solved = (xs: string[]) => xs.every((x, i) => x === items[i]);
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = seededShuffle(items, (base + attempt * 0x9e3779b9) >>> 0);
    if (!solved(candidate)) return candidate;
  }
  return [...items.slice(1), items[0]!];
}
