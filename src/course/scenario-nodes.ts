/**
 * Node ids of the scenarios in a folder, for checking that lessons name real nodes.
 * Reads `<dir>/<id>.yaml` with the yaml package alone: the course must not load the
 * simulator just to validate lessons.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** Look-up used by the loader; `undefined` means "no such scenario". May throw for a broken file. */
export type ScenarioLookup = (id: string) => { nodes: string[] } | undefined;

/** A cached look-up over `dir`. A file that does not parse throws with a short reason. */
export function scenarioLookupFromDir(dir: string): ScenarioLookup {
  const cache = new Map<string, { nodes: string[] } | undefined>();
  return (id) => {
    if (cache.has(id)) return cache.get(id);
    let result: { nodes: string[] } | undefined;
    if (/^[A-Za-z0-9._-]+$/.test(id)) {
      let text: string | undefined;
      try {
        text = readFileSync(path.join(dir, `${id}.yaml`), 'utf8');
      } catch {
        text = undefined;
      }
      if (text !== undefined) {
        const data = parse(text) as { nodes?: unknown } | null;
        const nodes = Array.isArray(data?.nodes) ? data.nodes : undefined;
        if (!nodes) throw new Error(`${id}.yaml has no 'nodes' list`);
        result = {
          nodes: nodes
            .map((n: unknown) => (n && typeof n === 'object' ? (n as { id?: unknown }).id : undefined))
            .filter((x): x is string => typeof x === 'string'),
        };
      }
    }
    cache.set(id, result);
    return result;
  };
}
