/**
 * Shapes of the YAML an author writes: front matter, chapter.yaml and each step block.
 * They mirror `src/course/types.ts` and `src/quiz/types.ts` field for field, and are
 * strict so a typo such as `corect:` is an error instead of a silently ignored key.
 *
 * zod/mini rather than zod: it tree-shakes to a few KB, and this module sits on the
 * app's start-up path (the classic build is ~450 KB minified and cannot be split).
 */
import * as z from 'zod/mini';
import { noteLoaded } from '../startup-trace';
import type {
  MultipleQuestion,
  OrderQuestion,
  PickNodeQuestion,
  PredictQuestion,
  SingleQuestion,
  TextQuestion,
} from '../quiz/types';
import type { BuildBlock, DiagramBlock, LabBlock, LabCheck, LabCondition, ReviewBlock } from './types';

noteLoaded('zod');

const text = () => z.string().check(z.minLength(1));
const misconception = () => z.optional(z.int().check(z.gte(1), z.lte(11)));
const idString = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9._#-]*$/));

export const frontMatterSchema = z.strictObject({
  id: idString(),
  title: text(),
  minutes: z.optional(z.number().check(z.positive())),
});

export const chapterSchema = z.strictObject({
  id: idString(),
  title: text(),
  summary: z.optional(z.string()),
});

const choice = z.strictObject({
  text: text(),
  correct: z.optional(z.boolean()),
  feedback: z.optional(text()),
  misconception: misconception(),
});

const base = {
  id: z.optional(idString()),
  prompt: text(),
  explain: text(),
  covers: z.optional(z.array(z.string())),
};

/** Question block schemas, selected by `kind:` (the discriminator is checked first). */
export const questionSchemas = {
  single: z.strictObject({
    kind: z.literal('single'),
    ...base,
    choices: z.array(choice).check(z.minLength(2)),
    shuffle: z.optional(z.boolean()),
  }),
  multiple: z.strictObject({
    kind: z.literal('multiple'),
    ...base,
    choices: z.array(choice).check(z.minLength(2)),
    shuffle: z.optional(z.boolean()),
  }),
  order: z.strictObject({
    kind: z.literal('order'),
    ...base,
    items: z.array(text()).check(z.minLength(3)),
    mistakes: z.optional(
      z.array(
        z.strictObject({ before: text(), after: text(), feedback: text(), misconception: misconception() }),
      ),
    ),
  }),
  text: z.strictObject({
    kind: z.literal('text'),
    ...base,
    accept: z.array(text()).check(z.minLength(1)),
    wrong: z.optional(z.array(z.strictObject({ answer: text(), feedback: text(), misconception: misconception() }))),
    placeholder: z.optional(z.string()),
  }),
  'pick-node': z.strictObject({
    kind: z.literal('pick-node'),
    ...base,
    scenario: text(),
    answer: z.array(text()).check(z.minLength(1)),
    feedback: z.optional(z.record(z.string(), text())),
  }),
  predict: z.strictObject({
    kind: z.literal('predict'),
    ...base,
    scenario: text(),
    choices: z.array(choice).check(z.minLength(2)),
    at: z.optional(z.array(z.string())),
    run_s: z.optional(z.number().check(z.positive())),
  }),
} as const;

export type QuestionKindName = keyof typeof questionSchemas;

export const diagramSchema = z.strictObject({
  scenario: text(),
  highlight: z.optional(z.array(z.string())),
  show: z.optional(z.array(z.string())),
  caption: z.optional(z.string()),
});

export const eventConditionSchema = z.strictObject({
  event: text(),
  node: z.optional(text()),
  min_count: z.optional(z.int().check(z.gte(1))),
});

export const metricConditionSchema = z.strictObject({
  metric: text(),
  op: z.enum(['>', '>=', '<', '<=', '==', '!=']),
  value: z.number(),
});

// `when` is checked separately (event or metric form), so each gets precise messages.
const eventRef = z.strictObject({ event: text(), node: z.optional(text()) });
const check = z.strictObject({
  text: text(),
  when: z.record(z.string(), z.unknown()),
  window: z.optional(z.strictObject({ after: z.optional(eventRef), for_s: z.optional(z.number().check(z.positive())), until: z.optional(eventRef) })),
  pass: z.optional(z.string()),
  fail: z.optional(z.string()),
});

export const labSchema = z.strictObject({
  scenario: text(),
  title: z.optional(z.string()),
  goal: text(),
  try: z.optional(z.array(z.string())),
  at: z.optional(z.array(z.string())),
  keys: z.optional(z.array(z.strictObject({ key: z.string().check(z.length(1)), label: text(), do: text() }))),
  show_me: z.optional(z.array(z.string())),
  checks: z.array(check).check(z.minLength(1)),
});

export const reviewSchema = z.strictObject({
  items: z
    .array(z.strictObject({ text: text(), lesson: z.optional(idString()), points: z.optional(z.array(idString())) }))
    .check(z.minLength(1)),
});

export const buildSchema = z.strictObject({
  task: z.int().check(z.gte(0), z.lte(3)),
});

// ---- Compile-time proof that the schemas mirror the contract types exactly: if a
// field is added to src/quiz/types.ts or src/course/types.ts, type-checking fails here
// until the schema follows (zero runtime cost).
type Deep<T> = T extends (infer U)[] ? Deep<U>[] : T extends object ? { [K in keyof T]-?: Deep<T[K]> } : T;
type Same<A, B> = (<T>() => T extends Deep<A> ? 1 : 2) extends <T>() => T extends Deep<B> ? 1 : 2 ? true : false;
type Authored<Q> = Omit<Q, 'id'> & { id?: string };
type Assert<T extends true> = T;
export type SchemaMirrorsTypes = [
  Assert<Same<z.output<typeof questionSchemas.single>, Authored<SingleQuestion>>>,
  Assert<Same<z.output<typeof questionSchemas.multiple>, Authored<MultipleQuestion>>>,
  Assert<Same<z.output<typeof questionSchemas.order>, Authored<OrderQuestion>>>,
  Assert<Same<z.output<typeof questionSchemas.text>, Authored<TextQuestion>>>,
  Assert<Same<z.output<typeof questionSchemas['pick-node']>, Authored<PickNodeQuestion>>>,
  Assert<Same<z.output<typeof questionSchemas.predict>, Authored<PredictQuestion>>>,
  Assert<Same<z.output<typeof diagramSchema>, DiagramBlock>>,
  Assert<Same<z.output<typeof reviewSchema>, ReviewBlock>>,
  Assert<Same<z.output<typeof buildSchema>, BuildBlock>>,
  Assert<Same<Omit<z.output<typeof labSchema>, 'checks'>, Omit<LabBlock, 'checks'>>>,
  Assert<Same<Omit<z.output<typeof labSchema>['checks'][number], 'when'>, Omit<LabCheck, 'when'>>>,
  Assert<Same<z.output<typeof eventConditionSchema> | z.output<typeof metricConditionSchema>, LabCondition>>,
];
