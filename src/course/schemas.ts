/**
 * Shapes of the YAML an author writes: front matter, chapter.yaml and each step block.
 * They mirror `src/course/types.ts` field for field, and are strict so a typo such as
 * `corect:` is an error instead of a silently ignored key. A ```quiz block's shape is
 * its kind's (`schema` in src/quiz/kinds/<kind>.ts, found through the registry).
 *
 * zod/mini rather than zod: it tree-shakes to a few KB, and this module sits on the
 * app's start-up path (the classic build is ~450 KB minified and cannot be split).
 */
import * as z from 'zod/mini';
import { noteLoaded } from '../startup-trace';
import type { Assert, Authored, Same } from '../quiz/kinds/block';
import { quizKind } from '../quiz/registry';
import { schemaZod } from '../quiz/kinds/zod';
import type { Question, QuestionKind } from '../quiz/types';
import type { BuildBlock, DiagramBlock, LabBlock, LabCheck, LabCondition, ReviewBlock } from './types';

noteLoaded('zod');

const text = () => z.string().check(z.minLength(1));
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

/**
 * Each quiz kind's block schema, selected by `kind:` (checked first), from the kind's
 * own module through the registry, made once on first use.
 */
const questionSchemas = new Map<QuestionKind, z.ZodMiniType<Authored<Question>>>();
export function questionSchema(kind: QuestionKind): z.ZodMiniType<Authored<Question>> {
  let schema = questionSchemas.get(kind);
  if (!schema) {
    schema = quizKind(kind).schema(schemaZod) as z.ZodMiniType<Authored<Question>>;
    questionSchemas.set(kind, schema);
  }
  return schema;
}

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
// field is added to src/course/types.ts, type-checking fails here until the schema
// follows (zero runtime cost). Each quiz kind's module proves the same of its schema.
export type SchemaMirrorsTypes = [
  Assert<Same<z.output<typeof diagramSchema>, DiagramBlock>>,
  Assert<Same<z.output<typeof reviewSchema>, ReviewBlock>>,
  Assert<Same<z.output<typeof buildSchema>, BuildBlock>>,
  Assert<Same<Omit<z.output<typeof labSchema>, 'checks'>, Omit<LabBlock, 'checks'>>>,
  Assert<Same<Omit<z.output<typeof labSchema>['checks'][number], 'when'>, Omit<LabCheck, 'when'>>>,
  Assert<Same<z.output<typeof eventConditionSchema> | z.output<typeof metricConditionSchema>, LabCondition>>,
];
