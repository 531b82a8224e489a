/**
 * The shape of progress.json, checked whenever progress is read (from disk or from an
 * import) so a hand-edited or truncated file can never put the app in a bad state.
 * Loose objects: fields a newer version adds survive a round trip through this one.
 */
import * as z from 'zod/mini';
import type { Progress } from './types';

const iso = () => z.string();
const count = () => z.int().check(z.gte(0));

const quizRecord = z.looseObject({
  firstTryCorrect: z.boolean(),
  solved: z.boolean(),
  attempts: count(),
  at: iso(),
  review: z.optional(z.looseObject({ streak: count(), due: z.optional(iso()) })),
});

const labRecord = z.looseObject({
  passed: z.array(count()),
  completed: z.boolean(),
  at: iso(),
});

export const progressSchema = z.looseObject({
  version: z.literal(1),
  learner: z.optional(z.string()),
  completed: z.array(z.string()),
  current: z.optional(z.looseObject({ lesson: z.string(), step: count() })),
  furthest: z.record(z.string(), count()),
  quizzes: z.record(z.string(), quizRecord),
  labs: z.record(z.string(), labRecord),
  reviewed: z.record(z.string(), z.boolean()),
  updatedAt: z.optional(iso()),
});

/**
 * Checks `value` as saved progress. Returns it or the first few reasons it is not,
 * each naming the field (`quizzes.x.attempts: expected a whole number ≥ 0`).
 */
export function checkProgress(value: unknown): { progress: Progress } | { error: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { error: 'not a progress file: expected a JSON object' };
  }
  const depth = nestingDepth(value, MAX_DEPTH);
  if (depth > MAX_DEPTH) return { error: `not a progress file: it is nested more than ${MAX_DEPTH} levels deep` };
  const version = (value as { version?: unknown }).version;
  if (version === undefined) return { error: "not a webinfra-learn progress file: it has no 'version'" };
  if (version !== 1) return { error: `unsupported progress version ${JSON.stringify(version)} (this version reads 1)` };
  const r = progressSchema.safeParse(value);
  if (r.success) return { progress: r.data as Progress };
  const reasons = r.error.issues.slice(0, 3).map((i) => {
    const where = i.path.map(String).join('.') || '(top level)';
    if (i.code === 'invalid_type') return `${where}: expected ${i.expected === 'int' ? 'a whole number' : i.expected}`;
    if (i.code === 'too_small') return `${where}: must not be negative`;
    return `${where}: invalid`;
  });
  const more = r.error.issues.length > 3 ? ` (and ${r.error.issues.length - 3} more)` : '';
  return { error: `progress file is damaged: ${reasons.join('; ')}${more}` };
}

/** Progress is at most 4 levels deep; extra fields a newer version adds get some room. */
const MAX_DEPTH = 32;

/**
 * How deeply `value` nests objects and arrays, counted without recursion (a hostile
 * file 100,000 levels deep must not overflow the stack here, nor later in
 * JSON.stringify); stops counting past `limit`.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth]);
  }
  return max;
}
