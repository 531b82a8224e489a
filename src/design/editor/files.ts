/**
 * The learner's designs on disk, kept with progress: `<config>/designs/task-N.yaml`,
 * each the same YAML as a scenario, written atomically (temp file, fsync, rename) so
 * a crash leaves the old design or the new one, never half.
 *
 * A design being built may not run yet (a server with no component, a replica with no
 * primary): such a file still opens, with its problems listed as `file:line`. A file
 * that is not a design at all (bad YAML, nodes that are not machines) is refused with
 * its `file:line` problems.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { dataDir } from '../../progress/paths';
import { ScenarioError } from '../../sim/scenario';
import type { Scenario } from '../../sim/types';
import { parseDesign, serializeDesign } from '../yaml';
import { emptyDesign } from './model';

/** Where the design of task `task` is kept. */
export function designPath(task: number, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'designs', `task-${task}.yaml`);
}

export interface LoadedDesign {
  design: Scenario;
  /** Why it cannot run yet, as `file:line: message` (empty when it can). */
  problems: string[];
}

/** Thrown when a file is not a design the editor can open; `message` lists `file:line: message` lines. */
export class DesignFileError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object' && !Array.isArray(x);

/** Whether raw YAML has the shape the editor can work on (a list of machines with ids and kinds). */
function editable(raw: unknown): raw is Obj & { nodes: Obj[] } {
  if (!isObj(raw)) return false;
  if (raw.nodes === undefined || raw.nodes === null) return true;
  if (!Array.isArray(raw.nodes)) return false;
  return raw.nodes.every(
    (n) =>
      isObj(n) &&
      typeof n.id === 'string' &&
      (n.kind === 'server' ? n.roles === undefined || n.roles === null || (Array.isArray(n.roles) && n.roles.every((r) => r === 'web' || r === 'app' || r === 'db')) : n.kind === 'load_balancer' && (n.to === undefined || n.to === null || Array.isArray(n.to))),
  );
}

/** The design in `text` (from `file`, named in messages). */
export function parseDesignText(text: string, file: string, task = 0): LoadedDesign {
  try {
    return { design: parseDesign(text, file), problems: [] };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    const problems = error.message.split('\n');
    if (problems.some((p) => p.includes('YAML syntax'))) throw new DesignFileError(error.message);
    let raw: unknown;
    try {
      raw = parseYaml(text);
    } catch {
      throw new DesignFileError(error.message);
    }
    if (!editable(raw)) throw new DesignFileError(error.message);
    // A design in progress: the raw fields, over an empty design's.
    const base = emptyDesign(task);
    const nodes = (raw.nodes ?? []) as Obj[];
    for (const n of nodes) {
      if (n.kind === 'server' && !Array.isArray(n.roles)) n.roles = [];
      if (n.kind === 'load_balancer' && !Array.isArray(n.to)) n.to = [];
    }
    const design = { ...base, ...(raw as unknown as Partial<Scenario>), nodes: nodes as unknown as Scenario['nodes'], id: base.id, file, timeline: Array.isArray(raw.timeline) ? (raw.timeline as Scenario['timeline']) : [] } as Scenario;
    return { design, problems };
  }
}

/** Read a design file. Throws DesignFileError (with `file:line` lines) when it cannot be opened. */
export function loadDesignFile(file: string, task = 0): LoadedDesign {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DesignFileError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseDesignText(text.replace(/^\uFEFF/, ''), file, task);
}

/**
 * The design task `task` starts from: the learner's saved design of this task, else
 * their design of the task before (renamed for this task), else nothing.
 */
export function startingDesign(task: number, env: NodeJS.ProcessEnv = process.env): LoadedDesign & { from: string } {
  const own = designPath(task, env);
  if (existsSync(own)) return { ...loadDesignFile(own, task), from: own };
  for (let t = task - 1; t >= 0; t--) {
    const earlier = designPath(t, env);
    if (!existsSync(earlier)) continue;
    const loaded = loadDesignFile(earlier, task);
    loaded.design = { ...loaded.design, name: `My design (task ${task})`, id: `task-${task}`, description: `The learner's own design for task ${task}, from task ${t}.` };
    return { ...loaded, from: earlier };
  }
  return { design: emptyDesign(task), problems: [], from: '' };
}

let tmpCounter = 0;

/** Write `design` to `file` atomically (creating its folder). Throws on failure, with the reason. */
export function saveDesign(file: string, design: Scenario): void {
  saveDesignText(file, serializeDesign(design));
}

/** Write a design's YAML text to `file` atomically (creating its folder): a progress import's designs. */
export function saveDesignText(file: string, text: string): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++tmpCounter}.tmp`);
  mkdirSync(dir, { recursive: true });
  try {
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    throw error;
  }
}

/**
 * The design as the simulator would load it from `file`: a runnable scenario, or
 * the `file:line` problems that stop it.
 */
export function runnable(design: Scenario, file: string): { scenario?: Scenario; problems: string[] } {
  let text: string;
  try {
    text = serializeDesign(design);
  } catch (error) {
    return { problems: [`${file}: ${(error as Error).message}`] };
  }
  try {
    return { scenario: parseDesign(text, file), problems: [] };
  } catch (error) {
    return { problems: (error as Error).message.split('\n') };
  }
}
