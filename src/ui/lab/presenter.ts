/**
 * The presenter's run: advances an engine while honouring cues (pause, set_speed,
 * say at their simulated time) and `--pause-on` event types, stopping at the exact
 * simulated moment. Also finds the events `<` and `>` jump between and re-runs a
 * fresh engine to a moment (the run is deterministic: same scenario, seed, `at`
 * events and operator actions at the same times give the same run).
 */
import type { Action, Engine, SimEvent } from '../../sim/types';
import type { Cue, ShowPanel } from '../../sim/spec/cues';

export interface PresenterCursor {
  /** Index of the next cue to play. */
  next: number;
  /** The caption shown now ('' for none). */
  caption: string;
  /** The panel the last `show` cue opened (undefined: none played yet). */
  panel?: ShowPanel;
  /** Why the run paused last, e.g. "pause at 12.0 s" or "marked_down: lb-1 marked web-2 DOWN…". */
  pausedBy?: string;
}

export interface PresenterHooks {
  pause(reason: string): void;
  speed(x: number): void;
  say(text: string): void;
  /** A `show` cue: a panel in place of the diagram, or the diagram again. */
  show(panel: ShowPanel): void;
}

/** Events a jump (`<`, `>`) stops at: state changes, not the repeated notices. */
const NOTICES = new Set(['firewall_drop', 'stale_read', 'write_rejected', 'write_failed', 'split_brain_write', 'backlog_full', 'rate_changed']);
export function isLandmark(e: SimEvent): boolean {
  return !NOTICES.has(e.type);
}

/** Where `<` lands: this long before the event, so resuming shows it happen. */
export const JUST_BEFORE_MS = 1;

function fmtS(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 100 === 0 ? 1 : 3)} s`;
}

/** New events since `last` (the list's last entry before a step), oldest first. */
function newEvents(list: readonly SimEvent[], last: SimEvent | undefined): SimEvent[] {
  const out: SimEvent[] = [];
  for (let i = list.length - 1; i >= 0 && list[i] !== last; i--) out.push(list[i]!);
  return out.reverse();
}

/**
 * Advance `engine` towards `targetMs`, playing cues on the way and stopping where a
 * cue or a watched event pauses. Returns true when it paused (short of `targetMs`).
 * `maxEvents` bounds the work of one call (a frame's budget).
 */
export function runPresented(
  engine: Engine,
  targetMs: number,
  o: { cues: readonly Cue[]; pauseOn: ReadonlySet<string>; maxEvents?: number; stopOn?: (e: SimEvent) => boolean },
  cursor: PresenterCursor,
  hooks: PresenterHooks,
): boolean {
  let budget = o.maxEvents ?? Infinity;
  const watch = o.pauseOn.size > 0 || o.stopOn !== undefined;
  while (budget > 0) {
    const cue = o.cues[cursor.next];
    const cueMs = cue ? cue.at_s * 1000 : Infinity;
    // A cue already due (at or before now) plays before time moves on.
    if (cue && cueMs <= engine.now()) {
      cursor.next++;
      if (cue.action === 'pause') {
        cursor.pausedBy = `pause at ${fmtS(cueMs)}`;
        hooks.pause(cursor.pausedBy);
        return true;
      }
      if (cue.action === 'set_speed') hooks.speed(cue.speed);
      else if (cue.action === 'show') {
        cursor.panel = cue.panel;
        hooks.show(cue.panel);
      } else {
        cursor.caption = cue.text;
        hooks.say(cue.text);
      }
      continue;
    }
    if (engine.now() >= targetMs) return false;
    const stopAt = Math.min(cueMs, targetMs);
    if (!watch) {
      const before = engine.now();
      engine.runUntil(stopAt, { maxEvents: budget === Infinity ? undefined : budget });
      if (engine.now() < stopAt) return false; // the frame's budget ran out
      budget -= 1; // progress made; the rest of the budget stays for the cue
      if (engine.now() === before && stopAt === targetMs) return false;
      continue;
    }
    // Watching for an event type: one queue event at a time, so the pause lands at its moment.
    const list = engine.events();
    const last = list[list.length - 1];
    const t0 = engine.now();
    engine.runUntil(stopAt, { maxEvents: 1 });
    budget--;
    const hit = newEvents(list, last).find((e) => o.pauseOn.has(e.type) || (o.stopOn?.(e) ?? false));
    if (hit) {
      // Other queue events at the same moment still belong to it: run them too.
      engine.runUntil(engine.now());
      cursor.pausedBy = `${hit.type} at ${fmtS(engine.now())}: ${hit.message}`;
      hooks.pause(cursor.pausedBy);
      return true;
    }
    if (engine.now() === t0 && engine.now() >= stopAt && stopAt === targetMs) return false;
  }
  return false;
}

/** The moment `<` lands on: just before the last landmark event before `nowMs`, or 0. */
export function previousLandmarkMs(events: readonly SimEvent[], nowMs: number): { at: number; event?: SimEvent } {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const at = Math.max(0, e.t_s * 1000 - JUST_BEFORE_MS);
    if (isLandmark(e) && at < nowMs - 0.5) return { at, event: e };
  }
  return { at: 0 };
}

/** An operator action applied at a simulated time (replayed when the run is re-run). */
export interface TimedAction {
  t_ms: number;
  action: Action;
}

/**
 * Re-run a fresh engine from 0 to `toMs`, replaying the operator's actions before
 * it, and set the cursor as if the cues up to there had played (the latest caption
 * shown, pauses skipped). Returns the speed the last `set_speed` cue on the way set.
 */
export function rerunTo(engine: Engine, toMs: number, actions: readonly TimedAction[], cues: readonly Cue[], cursor: PresenterCursor): number | undefined {
  for (const a of actions) {
    if (a.t_ms > toMs) break;
    engine.runUntil(a.t_ms);
    try {
      engine.apply(a.action);
    } catch {
      // the action was refused the first time too
    }
  }
  engine.runUntil(toMs);
  let speed: number | undefined;
  cursor.next = 0;
  cursor.caption = '';
  while (cursor.next < cues.length && cues[cursor.next]!.at_s * 1000 <= toMs) {
    const c = cues[cursor.next]!;
    if (c.action === 'say') cursor.caption = c.text;
    else if (c.action === 'set_speed') speed = c.speed;
    else if (c.action === 'show') cursor.panel = c.panel;
    cursor.next++;
  }
  return speed;
}
