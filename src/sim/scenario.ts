/**
 * Scenario files: `assets/scenarios/<id>.yaml` or a path. The schema itself (parsing,
 * validation, defaults, timeline checks) lives in ./spec/scenario.ts, without file
 * access; this module reads files and lists the built-in scenarios.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { parseScenario } from './spec/scenario';
import type { Scenario } from './spec/types';
import type { ScenarioResolver } from './spec/extends';

export { ACTIONS, ALGORITHMS, ENTRY_IP, parseScenario, ScenarioError, timelineProblem, type ScenarioProblem } from './spec/scenario';

type Obj = Record<string, unknown>;

/**
 * Load a scenario by built-in name (resolved in `scenariosDir`, e.g. `distributed`)
 * or by path to a `.yaml` file. Throws {@link ScenarioError} with `file:line` problems,
 * or an Error naming the available scenarios when the name is unknown.
 */
export function loadScenario(nameOrPath: string, scenariosDir: string): Scenario {
  const looksLikePath = /[\\/]/.test(nameOrPath) || /\.ya?ml$/i.test(nameOrPath);
  let file: string;
  if (looksLikePath || existsSync(nameOrPath)) {
    file = path.resolve(nameOrPath);
    if (!existsSync(file)) throw new Error(`scenario file not found: ${nameOrPath}`);
  } else {
    file = path.join(scenariosDir, `${nameOrPath}.yaml`);
    if (!existsSync(file)) {
      const names = listScenarios(scenariosDir).map((s) => s.id);
      throw new Error(`unknown scenario '${nameOrPath}'. Built-in scenarios: ${names.join(', ')}`);
    }
  }
  const text = readFileSync(file, 'utf8');
  return parseScenario(text, shownPath(file), undefined, { resolve: scenarioResolver(scenariosDir), key: file });
}

/** A file named as the user would type it: relative when below the current folder. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** `extends: <name>` finds `<name>.yaml` beside the file that extends it, then among the built-in scenarios. */
export function scenarioResolver(scenariosDir: string): ScenarioResolver {
  return (name, from) => {
    const base = /\.ya?ml$/i.test(name) ? name : `${name}.yaml`;
    const candidates = [path.resolve(path.dirname(path.resolve(from)), base), ...(/[\\/]/.test(name) ? [] : [path.join(scenariosDir, base)])];
    const file = candidates.find((f) => existsSync(f));
    if (!file) throw new Error(`no scenario '${name}' beside ${path.basename(from)} nor among the built-in ones`);
    return { text: readFileSync(file, 'utf8'), file: shownPath(file), key: file };
  };
}

/** A built-in scenario, as listed by `sim --list`. */
export interface ScenarioInfo {
  id: string;
  name: string;
  description?: string;
  file: string;
}

/** The scenarios in `dir` (sorted by id). Files that fail to parse are listed with their error as description. */
export function listScenarios(dir: string): ScenarioInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const id = f.replace(/\.ya?ml$/i, '');
      try {
        const doc = parseDocument(readFileSync(file, 'utf8')).toJS() as Obj | null;
        return { id, name: String(doc?.name ?? id), description: doc?.description ? String(doc.description) : undefined, file };
      } catch (e) {
        return { id, name: id, description: `(unreadable: ${(e as Error).message})`, file };
      }
    });
}
