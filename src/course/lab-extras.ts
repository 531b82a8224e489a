/**
 * What a lab block adds to the live simulation, checked when the course loads:
 * its own keys (`keys:`), its "show me" recipe (`show_me:`) and the events the lab
 * screen reports for its tools. Kept beside the loader so lesson validation and the
 * lab screen agree on them.
 */
import { parseAtSpec } from './at-spec';

/** `do:` values that are lab tools rather than simulator actions. */
export const LAB_TOOLS = ['read_traffic', 'tls:reencrypt'] as const;

/** Events the lab screen adds for its tools (a capture of a hop, plain or encrypted). */
export const LAB_TOOL_EVENTS = ['traffic_read_plain', 'traffic_read_encrypted'] as const;

/** Keys the lab screen already uses: a lab's own key may not take one. */
export const RESERVED_LAB_KEYS = new Set(['x', 'u', 'd', 'P', 'a', 'R', 'l', 'f', 'h', 's', 'q', 'm', '?', '.', '+', '=', '-', '_', '[', ']', ' ', 'n', 'j', 'k', 'g', 'G', 'b', 'e', 'A', 'D', 'r', 'w', '{', '}']);

export interface LabKeySpec {
  key: string;
  label: string;
  do: string;
}

/**
 * Problems with a lab's keys: a reserved or repeated key, a `do:` that is neither a
 * tool nor an action the `at` grammar knows, a node the scenario lacks. Each is
 * `[index, field, message]`.
 */
export function labKeyProblems(keys: readonly LabKeySpec[] | undefined, nodes: readonly string[] | undefined): [number, 'key' | 'do', string][] {
  const out: [number, 'key' | 'do', string][] = [];
  const seen = new Set<string>();
  (keys ?? []).forEach((k, i) => {
    if (RESERVED_LAB_KEYS.has(k.key)) out.push([i, 'key', `lab: key '${k.key}' is already a lab key (${[...RESERVED_LAB_KEYS].filter((c) => c !== ' ').join(' ')} are taken)`]);
    else if (seen.has(k.key)) out.push([i, 'key', `lab: key '${k.key}' is used twice`]);
    seen.add(k.key);
    if ((LAB_TOOLS as readonly string[]).includes(k.do)) return;
    const r = parseAtSpec(`0:${k.do}`);
    if ('error' in r) out.push([i, 'do', `lab: do '${k.do}' is neither a tool (${LAB_TOOLS.join(', ')}) nor an action: ${r.error}`]);
    else if (r.event.node && nodes && !nodes.includes(r.event.node)) out.push([i, 'do', `lab: '${r.event.node}' is not a node of this scenario`]);
  });
  return out;
}
