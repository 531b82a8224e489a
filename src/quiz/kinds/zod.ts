/**
 * The zod/mini functions a kind's block schema is made with, handed to its
 * `schema(z)` by the course loader (course/schemas.ts). Only the loader imports this
 * module, so zod stays off the app's start-up path (a prebuilt course never loads
 * the loader); the kinds import only its type. Naming each function keeps the bundle
 * to what is used: handing over zod's whole namespace would keep all of it (about
 * 400 KB more to read at every start). A schema that needs another zod/mini
 * function adds it here.
 */
import {
  array,
  boolean,
  enum as enumOf,
  gte,
  int,
  length,
  literal,
  lte,
  maxLength,
  minLength,
  number,
  optional,
  positive,
  record,
  regex,
  strictObject,
  string,
  union,
  unknown,
} from 'zod/mini';

export const schemaZod = {
  array,
  boolean,
  enum: enumOf,
  gte,
  int,
  length,
  literal,
  lte,
  maxLength,
  minLength,
  number,
  optional,
  positive,
  record,
  regex,
  strictObject,
  string,
  union,
  unknown,
};
