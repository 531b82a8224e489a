/**
 * `extends: <scenario>`: a scenario written as the differences from another. The
 * parent's YAML is read (its own `extends` first), then the child's keys are merged
 * over it: mappings merge key by key, lists and plain values are replaced whole.
 * Problems still point at the file and line that wrote the value (the child's or
 * the parent's); a cycle (a extends b extends a) is refused.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ScenarioError } from './scenario';

type Path = (string | number)[];
type Obj = Record<string, unknown>;

/** Finds the text of the scenario `name` extends, written in `from`; throws an Error when there is none. */
export type ScenarioResolver = (name: string, from: string) => { text: string; file: string; key: string };

export interface ScenarioSource {
  raw: Obj;
  /** The file and line that wrote the value at `path`, and how deep that file has it. */
  locate(path: Path): { file: string; line: number; depth: number };
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged onto `base`: mappings key by key, everything else replaced. Neither is changed. */
export function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObj(v) && isObj(out[k]) ? deepMerge(out[k] as Obj, v) : v;
  return out;
}

/** The line of the deepest node of `doc` along `path`, and how deep it is (0: only the root). */
export function docLocate(doc: Document, lines: LineCounter, path: Path): { line: number; depth: number } {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return { line: lines.linePos(node.range[0]).line, depth: n };
  }
  return { line: 1, depth: 0 };
}

/** The locator for a child merged over a parent: whichever file wrote the deeper part of the path. */
export function mergedLocate(file: string, own: (p: Path) => { line: number; depth: number }, parent: ScenarioSource): ScenarioSource['locate'] {
  return (p) => {
    const mine = own(p);
    const theirs = parent.locate(p);
    return mine.depth >= theirs.depth && mine.depth > 0 ? { file, ...mine } : theirs;
  };
}

/** Reads a scenario file's YAML with its `extends` resolved (not validated: parseScenario does that). */
export function readScenarioSource(text: string, file: string, key: string, resolve: ScenarioResolver, seen: readonly string[]): ScenarioSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split('\n')[0]}` })));
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new ScenarioError([{ file, line: 1, message: `YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
  if (!isObj(raw)) throw new ScenarioError([{ file, line: 1, message: 'a scenario must be a mapping with name, workload and nodes' }]);
  const own = (p: Path) => docLocate(doc, lines, p);
  const base: ScenarioSource = { raw, locate: (p) => ({ file, ...own(p) }) };
  return raw.extends === undefined ? base : extendSource(raw, file, key, own, resolve, seen);
}

/** A child's raw scenario (with `extends`) merged over its parent's. */
export function extendSource(raw: Obj, file: string, key: string, own: (p: Path) => { line: number; depth: number }, resolve: ScenarioResolver, seen: readonly string[]): ScenarioSource {
  const at = own(['extends']).line;
  const name = raw.extends;
  if (typeof name !== 'string' || name.trim() === '') throw new ScenarioError([{ file, line: at, message: "'extends' names a scenario, e.g. extends: distributed" }]);
  let parent: { text: string; file: string; key: string };
  try {
    parent = resolve(name.trim(), file);
  } catch (e) {
    throw new ScenarioError([{ file, line: at, message: `extends: ${(e as Error).message}` }]);
  }
  const chain = [...seen, key];
  if (chain.includes(parent.key)) {
    throw new ScenarioError([{ file, line: at, message: `extends goes round in a circle: ${[...chain, parent.key].map((k) => k.split(/[\\/]/).pop()).join(' → ')}` }]);
  }
  const base = readScenarioSource(parent.text, parent.file, parent.key, resolve, chain);
  const rest = { ...raw };
  delete rest.extends;
  return { raw: deepMerge(base.raw, rest), locate: mergedLocate(file, own, base) };
}
