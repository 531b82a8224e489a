/**
 * The course's data files beside the lessons: `checklist.yaml` (what the course
 * promises to teach: checklist points, mentor's questions, exact facts and the
 * misconceptions) and `glossary.yaml` (every term, where the lessons define it).
 * Read with file:line problems like the lessons; untrusted text, checked by schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod/mini';
import type { CourseProblem } from './types';
import { checkSchema, parseYamlBlock } from './yaml-block';

const text = () => z.string().check(z.minLength(1));
const id = () => z.string().check(z.regex(/^[a-z0-9][a-z0-9._#-]*$/));

const checklistSchema = z.strictObject({
  points: z.array(
    z.strictObject({
      id: id(),
      point: text(),
      /** The chapter whose closing review must rehearse this point. */
      review: z.optional(id()),
      lessons: z.array(id()),
      questions: z.array(id()),
      /** [lesson id, scenario] pairs where the learner also sees it happen in a lab. */
      labs: z.optional(z.array(z.tuple([id(), id()]))),
    }),
  ),
  misconceptions: z.array(z.strictObject({ n: z.number(), text: text(), questions: z.array(id()) })),
});

const glossarySchema = z.strictObject({
  terms: z.array(
    z.strictObject({
      term: text(),
      definition: text(),
      /** The lesson (id) whose prose defines it, at its first use in the course. */
      lesson: id(),
      /** Other spellings searched in the lessons (plurals are found without listing them). */
      also: z.optional(z.array(text())),
    }),
  ),
});

export type Checklist = z.output<typeof checklistSchema>;
export type ChecklistPoint = Checklist['points'][number];
export type Glossary = z.output<typeof glossarySchema>;
export type GlossaryTerm = Glossary['terms'][number];

function readData<T>(file: string, schema: z.ZodMiniType<T>, label: string): { value?: T; problems: CourseProblem[] } {
  let body: string;
  try {
    body = readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [{ file, line: 0, message: `cannot read ${label}: ${(error as Error).message}`, severity: 'error' }] };
  }
  const parsed = parseYamlBlock(body, 1);
  const toProblem = (p: { line: number; message: string }): CourseProblem => ({ file, line: p.line, message: p.message, severity: 'error' });
  if (!parsed.block) return { problems: parsed.problems.map(toProblem) };
  const checked = checkSchema(schema, parsed.block, label);
  return checked.value ? { value: checked.value, problems: [] } : { problems: checked.problems.map(toProblem) };
}

/** `lessons/checklist.yaml` of a course folder. */
export function loadChecklist(lessonsDir: string): { value?: Checklist; problems: CourseProblem[] } {
  return readData(path.join(lessonsDir, 'checklist.yaml'), checklistSchema, 'checklist');
}

/** `lessons/glossary.yaml` of a course folder (a course without one has an empty glossary). */
export function loadGlossary(lessonsDir: string): { value?: Glossary; problems: CourseProblem[] } {
  return readData(path.join(lessonsDir, 'glossary.yaml'), glossarySchema, 'glossary');
}
