/**
 * YAML with positions: parse a block body, then turn a value path such as
 * `choices[1].feedback` back into the line of the lesson file it came from, so every
 * problem (YAML syntax, zod schema, semantic check) points at the offending field.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type * as z from 'zod/mini';
import { noteLoaded } from '../startup-trace';
import { describeUnsafe, hasUnsafeText, safeValue } from './safe-text';
import { suggest } from '../text/suggest';

noteLoaded('yaml');

export type Path = readonly (string | number)[];

export interface BlockProblem {
  line: number;
  message: string;
  /** Default 'error'. */
  severity?: 'error' | 'warning';
}

/** A parsed YAML block: its plain value plus a way back from paths to file lines. */
export interface YamlBlock {
  value: unknown;
  /** File line of the node at `path` (the deepest existing part of it). */
  lineOf(path: Path): number;
}

/**
 * Parses `body`, whose first line is line `firstLine` of the file.
 * Returns the block, or the YAML syntax problems (with file lines) when it does not parse.
 * A new `yaml` Document per block is cheap; lines come from its CST ranges.
 */
export function parseYamlBlock(
  body: string,
  firstLine: number,
): { block: YamlBlock; problems: BlockProblem[] } | { block?: undefined; problems: BlockProblem[] } {
  const counter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(body, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return { problems: [{ line: firstLine, message: `YAML: ${(error as Error).message}` }] };
  }
  const lineAt = (offset: number): number => firstLine + counter.linePos(offset).line - 1;
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        line: lineAt(e.pos[0]),
        message: `YAML: ${firstSentence(e.message)}`,
      })),
    };
  }
  const root = doc.contents as Node | null;
  const lineOf = (path: Path): number => {
    let node: unknown = root;
    let line = root?.range ? lineAt(root.range[0]) : firstLine;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const at = (pair.key as Node | null)?.range ?? (pair.value as Node | null)?.range;
        if (at) line = lineAt(at[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        if (item.range) line = lineAt(item.range[0]);
        node = item;
      } else break;
    }
    return line;
  };
  let value: unknown;
  const problems: BlockProblem[] = [];
  try {
    value = doc.toJS({ maxAliasCount: 100 });
    // Escapes such as "\e" or "\u202e" make control characters the file's text did
    // not show (the file's own were made safe when it was read): safe here too.
    const escaped = unsafePath(value);
    if (escaped) {
      const text = valueAt(value, escaped);
      const what = describeUnsafe(typeof text === 'string' && hasUnsafeText(text) ? text : String(escaped[escaped.length - 1]));
      problems.push({ line: lineOf(escaped), message: `an escape in this text makes ${what}; it is shown as a visible sign`, severity: 'warning' });
      value = safeValue(value);
    }
  } catch (error) {
    return { problems: [{ line: firstLine, message: `YAML: ${firstSentence((error as Error).message)}` }] };
  }
  return { block: { value, lineOf }, problems };
}

function firstSentence(message: string): string {
  const [first = message] = message.split('\n');
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/** `choices[1].feedback` */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : String(seg);
  return out;
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${v.length > 30 ? `${v.slice(0, 27)}…` : v}"`;
  return `${typeof v === 'number' ? 'the number' : typeof v} ${String(v)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  record: 'a mapping',
};

/**
 * Validates `block.value` with `schema`; returns the typed value or one problem per
 * zod issue, each at the line of the field it concerns. `known` lists the allowed keys
 * at each level so a typo can be answered with "did you mean …".
 */
export function checkSchema<T>(
  schema: z.ZodMiniType<T>,
  block: YamlBlock,
  label: string,
  basePath: Path = [],
): { value: T; problems: [] } | { value?: undefined; problems: BlockProblem[] } {
  const input = valueAt(block.value, basePath);
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data, problems: [] };
  const problems: BlockProblem[] = [];
  for (const issue of result.error.issues) {
    const path = [...basePath, ...(issue.path as (string | number)[])];
    const where = formatPath(path);
    const got = valueAt(block.value, path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeys(schema, issue.path as (string | number)[]);
        for (const key of issue.keys) {
          const hint = suggest(key, allowed);
          problems.push({
            line: block.lineOf([...path, key]),
            message: `${label}: unknown field '${formatPath([...path, key])}'${hint ? ` (did you mean '${hint}'?)` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
          });
        }
        break;
      }
      case 'invalid_type':
        problems.push({
          line: block.lineOf(path),
          message:
            got === undefined
              ? `${label}: missing '${where}'`
              : `${label}: '${where}' must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(got)}`,
        });
        break;
      case 'too_small': {
        const min = Number(issue.minimum);
        const msg =
          issue.origin === 'array'
            ? `needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`
            : issue.origin === 'string'
              ? 'must not be empty'
              : `must be ${issue.inclusive ? 'at least' : 'more than'} ${min}`;
        problems.push({ line: block.lineOf(path), message: `${label}: '${where}' ${msg}` });
        break;
      }
      case 'too_big':
        problems.push({
          line: block.lineOf(path),
          message: `${label}: '${where}' must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`,
        });
        break;
      case 'invalid_value':
        problems.push({
          line: block.lineOf(path),
          message: `${label}: '${where}' must be ${issue.values.length === 1 ? `'${String(issue.values[0])}'` : `one of ${issue.values.map(String).join(', ')}`}, not ${describe(got)}`,
        });
        break;
      case 'invalid_format':
        problems.push({
          line: block.lineOf(path),
          message: `${label}: '${where}' must be lower-case letters, digits, '-', '.' or '_' (got ${describe(got)})`,
        });
        break;
      default:
        problems.push({ line: block.lineOf(path), message: `${label}: '${where}' is not valid (${issue.code})` });
    }
  }
  return { problems };
}

/** Keys a strict object schema accepts at `path` (best effort: objects and arrays only). */
function allowedKeys(schema: unknown, path: (string | number)[]): string[] {
  let s = schema as { _zod?: { def?: Record<string, unknown> } } | undefined;
  for (const seg of path) {
    const def = s?._zod?.def;
    if (!def) return [];
    if (def.type === 'optional') {
      s = def.innerType as typeof s;
      const d2 = s?._zod?.def;
      if (!d2) return [];
    }
    const d = s?._zod?.def as Record<string, unknown>;
    if (d.type === 'object' && typeof seg === 'string') s = (d.shape as Record<string, typeof s>)[seg];
    else if (d.type === 'array' && typeof seg === 'number') s = d.element as typeof s;
    else return [];
  }
  let def = s?._zod?.def;
  if (def?.type === 'optional') def = (def.innerType as typeof s)?._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

/** Path of the first string (or key) in `value` holding an unsafe character. */
function unsafePath(value: unknown, at: Path = []): Path | undefined {
  if (typeof value === 'string') return hasUnsafeText(value) ? at : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    if (hasUnsafeText(k)) return [...at, key];
    const found = unsafePath(v, [...at, key]);
    if (found) return found;
  }
  return undefined;
}

