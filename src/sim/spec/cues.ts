/**
 * Cues: the presenter's timeline entries, beside the operator actions. They change
 * nothing in the simulated world; the live view reacts to them at their exact
 * simulated time:
 *
 *   <seconds>:pause            the view pauses there
 *   <seconds>:set_speed:<x>    simulated seconds per real second from there (0.25-10)
 *   <seconds>:say:<text>       a caption shown as a banner until the next one
 *                              (the text may hold colons; `say:` alone clears it)
 *   <seconds>:show:<panel>     the live view shows a panel in place of the diagram:
 *                              alerts, failures, or diagram (back to it)
 *
 * `--pause-on <event type>` pauses when an event of that type happens (the type is
 * one of spec/vocabulary.ts EVENT_TYPES).
 */
import { EVENT_TYPES } from './vocabulary';

export const CUE_ACTIONS = ['pause', 'set_speed', 'say', 'show'] as const;
/** What `show:` opens: a panel (the alerts, the failures by node and cause) or the diagram again. */
export const SHOW_PANELS = ['alerts', 'failures', 'diagram'] as const;
export type ShowPanel = (typeof SHOW_PANELS)[number];
export type CueAction = (typeof CUE_ACTIONS)[number];

export type Cue =
  | { at_s: number; action: 'pause' }
  | { at_s: number; action: 'set_speed'; speed: number }
  | { at_s: number; action: 'say'; text: string }
  | { at_s: number; action: 'show'; panel: ShowPanel };

export const SPEED_MIN = 0.25;
export const SPEED_MAX = 10;

/** Whether an `at` string is a cue (its second field is pause, set_speed or say). */
export function isCueSpec(spec: string): boolean {
  const action = spec.trim().split(':')[1];
  return action !== undefined && (CUE_ACTIONS as readonly string[]).includes(action);
}

/** Parses one cue written as an `at` string; an error message quoting the spec otherwise. */
export function parseCueSpec(spec: string): { cue: Cue } | { error: string } {
  const bad = (why: string) => ({ error: `'${spec}': ${why} (write it as 12:pause, 12:set_speed:0.5, 12:say:writes fail, reads still work or 12:show:alerts)` });
  const trimmed = spec.trim();
  const first = trimmed.indexOf(':');
  const second = first < 0 ? -1 : trimmed.indexOf(':', first + 1);
  const secs = first < 0 ? trimmed : trimmed.slice(0, first);
  const action = second < 0 ? trimmed.slice(first + 1) : trimmed.slice(first + 1, second);
  const rest = second < 0 ? undefined : trimmed.slice(second + 1);
  const time = /^(\d+(?:\.\d+)?)s?$/.exec(secs.trim());
  if (!time) return bad(`'${secs}' is not a time in seconds`);
  return cueFromFields(Number(time[1]), action, rest, bad);
}

/** A cue from its fields (a scenario's timeline entry or a parsed `at` string). */
export function cueFromFields(at_s: number, action: string, value: string | number | undefined, bad: (why: string) => { error: string }): { cue: Cue } | { error: string } {
  switch (action) {
    case 'pause':
      return value === undefined || value === '' ? { cue: { at_s, action } } : bad('pause takes no value');
    case 'set_speed': {
      const n = Number(value);
      if (value === undefined || value === '' || !Number.isFinite(n) || n < SPEED_MIN || n > SPEED_MAX) return bad(`set_speed needs a speed from ${SPEED_MIN} to ${SPEED_MAX}`);
      return { cue: { at_s, action, speed: n } };
    }
    case 'say':
      return { cue: { at_s, action, text: String(value ?? '').trim() } };
    case 'show': {
      const panel = String(value ?? '').trim();
      if (!(SHOW_PANELS as readonly string[]).includes(panel)) return bad(`show needs a panel: ${SHOW_PANELS.join(', ')}`);
      return { cue: { at_s, action, panel: panel as ShowPanel } };
    }
    default:
      return bad(`unknown cue '${action}' (one of ${CUE_ACTIONS.join(', ')})`);
  }
}

/** Checks a `--pause-on` value: the event type, or a message naming the types. */
export function parsePauseOn(kind: string): { kind: string } | { error: string } {
  const k = kind.trim();
  if ((EVENT_TYPES as readonly string[]).includes(k)) return { kind: k };
  const near = EVENT_TYPES.find((t) => k.length > 2 && (t.startsWith(k.slice(0, 4)) || t.includes(k)));
  return { error: `--pause-on '${kind}': unknown event type${near ? ` (did you mean '${near}'?)` : ''}; types: ${EVENT_TYPES.join(', ')}` };
}

/** Cues in time order (a stable sort: two cues at one time keep their written order). */
export function sortCues(cues: readonly Cue[]): Cue[] {
  return [...cues].sort((a, b) => a.at_s - b.at_s);
}
