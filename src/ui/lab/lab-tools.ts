/**
 * What a lesson's lab adds to the live simulation: its own keys (a probe from the
 * Internet, reading a hop's traffic, re-encrypting, adding a server), the "show me"
 * recipe, fast-forward to the next event, and the learner's own run told back.
 * Pure: the lab step wires these to the engine and the keys.
 */
import type { LabBlock } from '../../course/types';
import { LabJudge, type LabEvent } from '../../labs';
import { createEngine } from '../../sim/engine';
import { parseAt } from '../../sim/spec/at';
import type { Action, Engine, Report, Scenario, Snapshot, TimelineEvent, Topology } from '../../sim/types';
import { fmtTime } from './live-lines';

/** A lab key's effect: an engine action, or one of the lab's tools. */
export type LabKeyEffect = { kind: 'action'; action: Action } | { kind: 'readTraffic' } | { kind: 'reencrypt' };

export interface LabKey {
  key: string;
  label: string;
  effect: LabKeyEffect;
}

/** The lab's own keys, from its `keys:` list; a bad `do` is left out (the loader reports it). */
export function labKeys(lab: LabBlock): LabKey[] {
  const out: LabKey[] = [];
  for (const k of lab.keys ?? []) {
    if (k.do === 'read_traffic') out.push({ key: k.key, label: k.label, effect: { kind: 'readTraffic' } });
    else if (k.do === 'tls:reencrypt') out.push({ key: k.key, label: k.label, effect: { kind: 'reencrypt' } });
    else {
      try {
        const ev = parseAt(`0:${k.do}`);
        out.push({ key: k.key, label: k.label, effect: { kind: 'action', action: { action: ev.action, node: ev.node, value: ev.value } } });
      } catch {
        // reported by the course loader
      }
    }
  }
  return out;
}

/** The "show me" recipe as timeline events, times relative to the key press. */
export function showMeRecipe(lab: LabBlock): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const spec of lab.show_me ?? []) {
    try {
      out.push(parseAt(spec));
    } catch {
      // reported by the course loader
    }
  }
  return out.sort((a, b) => a.at_s - b.at_s);
}

/** The scenario with every load balancer re-encrypting to its back ends (HAProxy `server … ssl`). */
export function reencrypted(scenario: Scenario): Scenario {
  return { ...scenario, nodes: scenario.nodes.map((n) => (n.kind === 'load_balancer' ? { ...n, tls: 'reencrypt' } : n)) } as Scenario;
}

/**
 * What a capture on the hops into `node` reads right now: the request in plain
 * text when the hop is not encrypted, only TLS records when it is. Returns the
 * sentence to show and the lab event it stands for (`traffic_read_plain` or
 * `traffic_read_encrypted`), or why nothing can be read there.
 */
export function readTraffic(topology: Topology, snapshot: Snapshot, node: string | undefined, tSeconds: number): { text: string; event?: LabEvent } {
  if (!node) return { text: 'select a node first (Tab), then read the traffic arriving at it' };
  const hops = topology.edges.filter((e) => e.to === node && (e.kind === 'http' || e.kind === 'https'));
  if (hops.length === 0) return { text: `no HTTP traffic arrives at ${node}: select a load balancer or a web server` };
  const hop = hops[0]!;
  const encrypted = snapshot.encryptedHops[`${hop.from}>${hop.to}`] === true;
  const from = hop.from === 'users' ? 'the Internet' : hop.from;
  if (encrypted) {
    return {
      text: `capture ${from} → ${node}: 17 03 03 01 a2 8f c4 … TLS application data: nothing readable`,
      event: { t_s: tSeconds, type: 'traffic_read_encrypted', node, message: `you captured ${from} → ${node}: encrypted` },
    };
  }
  return {
    text: `capture ${from} → ${node}: "POST /login HTTP/1.1  Cookie: session=8f2c…  user=ana&password=hunter2": plain text`,
    event: { t_s: tSeconds, type: 'traffic_read_plain', node, message: `you captured ${from} → ${node}: plain text, readable` },
  };
}

/** Event types that are repeated notices, not changes: fast-forward does not stop at them. */
export const NOTICE = new Set(['firewall_drop', 'stale_read', 'write_rejected', 'write_failed', 'split_brain_write', 'action_ignored']);

/** Fast-forward stops after at most this many virtual seconds. */
export const FAST_FORWARD_MAX_S = 120;

/**
 * Advance `engine` to just after its next change of state (or `stopAt`, or
 * {@link FAST_FORWARD_MAX_S}), in small steps; `onStep` runs after each (due
 * recipe steps, judging) and may return true to stop there. Returns the event
 * reached, if any.
 */
export function fastForward(engine: Engine, onStep: () => boolean, stepMs = 100): LabEvent | undefined {
  const start = engine.report().events.length;
  const limit = engine.now() + FAST_FORWARD_MAX_S * 1000;
  while (engine.now() < limit) {
    engine.runUntil(engine.now() + stepMs);
    const stop = onStep();
    const events = engine.report().events;
    const fresh = events.slice(start).find((e) => !NOTICE.has(e.type));
    if (fresh || stop) return fresh;
  }
  return undefined;
}

/**
 * The learner's own run in a few lines, for the lab's end: what they did and when,
 * the changes that followed, and the counts (failed requests, availability).
 */
export function ownRunStory(report: Report, actions: readonly { t_s: number; text: string }[], ascii: boolean): string[] {
  const important = /killed|stopped|marked_down|marked_up|vip_moved|promoted|split_brain$|alert_fired|drained|undrained|restored|firewall_drop|rate_changed|algorithm_changed|redispatch_changed|workers_changed|server_added/;
  const seenTypes = new Set<string>();
  const items: { t_s: number; text: string }[] = [...actions.map((a) => ({ t_s: a.t_s, text: `you: ${a.text}` }))];
  for (const e of report.events) {
    if (!important.test(e.type)) continue;
    const key = `${e.type}:${e.node ?? ''}`;
    if (seenTypes.has(key) && e.type === 'firewall_drop') continue;
    seenTypes.add(key);
    items.push({ t_s: e.t_s, text: e.message });
  }
  items.sort((a, b) => a.t_s - b.t_s);
  const sep = ascii ? ' - ' : ' · ';
  const lines = [`Your run: ${report.requests.failed} of ${report.requests.total} requests failed${sep}availability ${(report.availability * 100).toFixed(2)}% since start`];
  for (const it of items.slice(-6)) lines.push(`${fmtTime(it.t_s * 1000)}  ${it.text}`);
  return lines;
}

/** A lab played by a diligent learner, headless: what the tests and the idle-wait bench run. */
export interface LearnerRun {
  judge: LabJudge;
  /** Virtual second the last check ticked (Infinity when the lab was not completed). */
  completeS: number;
  /** Moments something changed (events other than repeated notices, checks ticking, the learner's actions), in order. */
  moments: number[];
}

/**
 * Play `lab` as a learner who does what it offers: its `at` timeline runs, the
 * "show me" recipe starts at 1 s, and each of its keys is pressed once, 2 s apart
 * from 5 s on, once the goal is read (reading a hop's traffic with the first web server selected; after a
 * re-encryption the run starts again and the traffic is read again). Stops when
 * every check has passed or at `maxS`.
 */
export function learnerRun(scenario: Scenario, lab: LabBlock, maxS: number): LearnerRun {
  const at = (lab.at ?? []).flatMap((spec) => {
    try {
      return [parseAt(spec)];
    } catch {
      return [];
    }
  });
  const judge = new LabJudge(lab.checks);
  const moments: number[] = [];
  let engine = createEngine(scenario, { duration_s: Math.max(scenario.duration_s, maxS), at });
  let offset = 0; // virtual seconds of earlier runs (re-encryption restarts the run)
  const ui: LabEvent[] = [];
  const keys = labKeys(lab);
  const web = scenario.nodes.find((n) => n.kind === 'server')?.id;
  type Step = { atS: number; run(): void };
  const steps: Step[] = [];
  const recipe = showMeRecipe(lab);
  if (recipe.length) for (const ev of recipe) steps.push({ atS: 1 + ev.at_s, run: () => engine.apply({ action: ev.action, node: ev.node, value: ev.value }) });
  const read = (): void => {
    const r = readTraffic(engine.topology, engine.snapshot({ maxInflight: 0 }), web, engine.now() / 1000);
    if (r.event) ui.push(r.event);
  };
  let t = 5;
  for (const k of keys) {
    const effect = k.effect;
    steps.push({
      atS: t,
      run: () => {
        if (effect.kind === 'action') engine.apply(effect.action);
        else if (effect.kind === 'readTraffic') read();
        else {
          offset += engine.now() / 1000;
          engine = createEngine(reencrypted(scenario), { duration_s: Math.max(scenario.duration_s, maxS), at });
          judge.newRun();
          ui.length = 0;
          engine.runUntil(1000);
          if (keys.some((x) => x.effect.kind === 'readTraffic')) read();
        }
      },
    });
    t += 2;
  }
  steps.sort((a, b) => a.atS - b.atS);
  let seen = 0;
  const note = (): void => {
    const events = engine.report().events;
    for (let i = seen; i < events.length; i++) if (!NOTICE.has(events[i]!.type)) moments.push(offset + events[i]!.t_s);
    seen = events.length;
  };
  let completeS = Infinity;
  let lastRun = engine;
  while (offset + engine.now() / 1000 < maxS) {
    if (engine !== lastRun) {
      seen = 0;
      lastRun = engine;
    }
    const now = engine.now() / 1000;
    const next = steps[0];
    let to = now + 0.1;
    const close = judge.nextCloseS();
    if (close !== undefined && close > now && close < to) to = close;
    if (next && offset === 0 && next.atS <= to) to = Math.max(now, next.atS);
    engine.runUntil(to * 1000);
    while (steps.length && steps[0]!.atS <= offset + engine.now() / 1000 + 1e-9) {
      moments.push(offset + engine.now() / 1000);
      steps.shift()!.run();
    }
    note();
    const changed = judge.observe(engine.report(), engine.now() / 1000, ui);
    if (changed.length) moments.push(offset + engine.now() / 1000);
    if (judge.complete) {
      completeS = offset + engine.now() / 1000;
      break;
    }
  }
  return { judge, completeS, moments: [...new Set(moments)].sort((a, b) => a - b) };
}

/** The longest stretch (virtual seconds = real seconds at 1×) with nothing new, from 0 to `endS`. */
export function longestIdle(moments: readonly number[], endS: number): number {
  let last = 0;
  let worst = 0;
  for (const m of [...moments, endS]) {
    if (m > endS) break;
    worst = Math.max(worst, m - last);
    last = m;
  }
  return worst;
}
