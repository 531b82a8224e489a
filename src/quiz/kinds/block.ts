/**
 * What a kind's block schema is built from: the fields every question has and the
 * pieces several kinds share (a choice, a misconception number, non-empty text).
 * Each kind writes its own schema from these in its module; the course loader reads
 * them all through quiz/registry.ts and knows no kind by name.
 *
 * A kind's schema is a function of zod (`schema(z)`), which the loader hands it
 * (the functions in zod.ts): the kinds are on the app's start-up path (grading, the
 * session), the loader and zod are not (a prebuilt course skips them, see
 * course/cached.ts), so nothing here imports zod at run time.
 */
import type * as ZodMini from 'zod/mini';
import type { schemaZod } from './zod';

/** The zod/mini functions the loader passes to a kind's `schema` (zod.ts). */
export type Zod = typeof schemaZod;

/** The shared pieces of question blocks, made with `z`. */
export function blockParts(z: Zod) {
  /** Non-empty text. */
  const text = () => z.string().check(z.minLength(1));
  /** A misconception number from CURRICULUM.md (1–11). */
  const misconception = () => z.optional(z.int().check(z.gte(1), z.lte(11)));
  return {
    text,
    misconception,
    /** One choice of a choice question (single, multiple, predict). */
    choice: z.strictObject({
      text: text(),
      correct: z.optional(z.boolean()),
      feedback: z.optional(text()),
      misconception: misconception(),
    }),
    /** The fields of every question block: spread into each kind's schema after its `kind`. */
    question: {
      id: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9._#-]*$/))),
      prompt: text(),
      explain: text(),
      covers: z.optional(z.array(z.string())),
    },
  };
}

// ---- Compile-time proof that a schema mirrors its question type exactly: each kind
// module asserts `Mirrors<typeof schema, ItsQuestion>`, so a field added to the type
// in types.ts fails type-checking until the schema follows (zero run-time cost).
type Deep<T> = T extends (infer U)[] ? Deep<U>[] : T extends object ? { [K in keyof T]-?: Deep<T[K]> } : T;
export type Same<A, B> = (<T>() => T extends Deep<A> ? 1 : 2) extends <T>() => T extends Deep<B> ? 1 : 2 ? true : false;
/** A question as its author writes it: the id may be left out. */
export type Authored<Q> = Omit<Q, 'id'> & { id?: string };
export type Assert<T extends true> = T;
/** True when the output of the schema `schema(z)` builds is exactly the question `Q` as authored. */
export type Mirrors<S extends (z: Zod) => ZodMini.ZodMiniType, Q> = Same<ZodMini.output<ReturnType<S>>, Authored<Q>>;
