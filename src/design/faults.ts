/**
 * The faults a drill throws at a design, and how each becomes simulator timeline
 * events. Only what the simulator models is listed: a fault it cannot play yet is
 * reported by {@link unavailableFaults} with the reason, never faked with a coarser one.
 */
import { createEngine } from '../sim/engine/index';
import type { LoadBalancerSpec, Scenario, ServerSpec, TimelineEvent } from '../sim/spec/types';

/** crash = the process or machine dies (connections refused); hang = it stops answering; stop = clean shutdown. */
export type FaultKind = 'crash' | 'hang' | 'stop' | 'traffic_x3' | 'deploy';
/** Processes a drill can fault on a machine. */
export type { Component } from '../sim/spec/vocabulary';
import type { Component } from '../sim/spec/vocabulary';

/**
 * One fault. `node` is a machine id; for `traffic_x3` it is `users`; for `deploy` it
 * lists the tier's servers restarted in turn (`web-1,web-2`). `component` is the
 * process (null = the whole machine).
 */
export interface Fault {
  node: string;
  component: Component | null;
  fault: FaultKind;
}

/** A fault the drill skips, and why. */
export interface UnavailableFault extends Fault {
  why: string;
}

/** The id a fault's target goes by in SPOF lists: `lb-1` or `lb-1:haproxy`. */
export function targetId(f: Fault): string {
  return f.component ? `${f.node}:${f.component}` : f.node;
}

/** The processes running on a machine, in the order the drill faults them. */
export function componentsOf(n: LoadBalancerSpec | ServerSpec): Component[] {
  if (n.kind === 'load_balancer') return n.vrrp ? ['haproxy', 'keepalived'] : ['haproxy'];
  const out: Component[] = [];
  if (n.roles.includes('web')) out.push('nginx');
  if (n.roles.includes('app')) out.push('app');
  if (n.roles.includes('db')) out.push('mysql');
  return out;
}

const support = new Map<string, boolean>();

/** Whether the engine answers `event` (an action on a two-process server) with an event of type `expect`. Asked once per question. */
function engineDoes(event: Omit<TimelineEvent, 'at_s' | 'node'>, expect: string): boolean {
  const key = `${event.action}:${event.component ?? ''}>${expect}`;
  const known = support.get(key);
  if (known !== undefined) return known;
  const probe: Scenario = {
    name: 'probe',
    id: 'probe',
    seed: 1,
    duration_s: 1,
    warmup_s: 0,
    workload: { rate_rps: 1 },
    nodes: [{ id: 's', kind: 'server', roles: ['web', 'app'], web: { upstream: ['s'] }, app: {} }],
    timeline: [],
  };
  let yes = false;
  try {
    yes = createEngine(probe, { at: [{ at_s: 0, node: 's', ...event }] }).run().events.some((e) => e.type === expect);
  } catch {
    yes = false;
  }
  support.set(key, yes);
  return yes;
}

/**
 * Whether the simulator can crash and restore one process of a machine
 * (`kill:web-1:app`). Asked of the engine itself, once: a one-second run on a
 * two-process server must report the process crash. Until it does, process faults
 * on shared machines are skipped, never played as a whole-machine fault.
 */
export function componentFaultsSupported(): boolean {
  return engineDoes({ action: 'kill', component: 'app' }, 'process_killed');
}

/**
 * Whether the simulator can hang a whole machine's processes while its kernel still
 * accepts connections (`hang:web-1`). Until it can, a machine hang is played as
 * `blackhole` (the host stops answering at all), the older model of a hung host.
 */
export function machineHangSupported(): boolean {
  return engineDoes({ action: 'hang' }, 'node_hung') || engineDoes({ action: 'hang' }, 'process_hung');
}

const TIERS = [
  { role: 'web', component: 'nginx' },
  { role: 'app', component: 'app' },
  { role: 'db', component: 'mysql' },
] as const;

/** Time the fault starts in each drill run, s (after a warm-up with everything up). */
export const FAULT_AT_S = 10;
/** During a deploy, each server's process is down this long, s. */
export const DEPLOY_RESTART_S = 5;
/** …and the next server restarts this long after the previous one is back, s. */
export const DEPLOY_GAP_S = 10;

function deployServers(s: Scenario, role: 'web' | 'app' | 'db'): ServerSpec[] {
  return s.nodes.filter((n): n is ServerSpec => n.kind === 'server' && n.roles.includes(role));
}

function listAll(s: Scenario): { ok: Fault[]; skipped: UnavailableFault[] } {
  const ok: Fault[] = [];
  const skipped: UnavailableFault[] = [];
  const components = componentFaultsSupported();
  for (const n of s.nodes) {
    for (const fault of ['crash', 'hang', 'stop'] as const) ok.push({ node: n.id, component: null, fault });
    const procs = componentsOf(n);
    for (const c of procs) {
      const f: Fault = { node: n.id, component: c, fault: 'crash' };
      // The simulator's `kill` is a process crash (connections refused): faithful for a machine's only process.
      if (components || procs.length === 1) ok.push(f);
      else skipped.push({ ...f, why: 'the simulator cannot crash one process of several yet, only a whole machine' });
    }
  }
  ok.push({ node: 'users', component: null, fault: 'traffic_x3' });
  for (const t of TIERS) {
    const servers = deployServers(s, t.role);
    if (servers.length === 0) continue;
    const f: Fault = { node: servers.map((x) => x.id).join(','), component: t.component, fault: 'deploy' };
    // A restart of the whole machine is a faithful deploy only when the machine runs nothing else.
    if (components || servers.every((x) => x.roles.length === 1)) ok.push(f);
    else skipped.push({ ...f, why: `the simulator cannot restart ${t.component} alone yet, and ${servers.filter((x) => x.roles.length > 1).map((x) => x.id).join(', ')} runs more than ${t.role}` });
  }
  return { ok, skipped };
}

/** Every fault the drill runs on this design, in table order: machines (crash, hang, stop), processes, traffic ×3, deploys. */
export function listFaults(s: Scenario): Fault[] {
  const { ok } = listAll(s);
  // Table order: each machine's faults, then its processes' crashes, then traffic and deploys.
  return ok;
}

/** Faults the drill would run if the simulator modelled them (process crashes, deploys of shared machines). */
export function unavailableFaults(s: Scenario): UnavailableFault[] {
  return listAll(s).skipped;
}

/** The timeline events that play fault `f` from `FAULT_AT_S` on. */
export function faultEvents(s: Scenario, f: Fault): TimelineEvent[] {
  const at_s = FAULT_AT_S;
  switch (f.fault) {
    case 'crash':
      // A machine's only process crashing is the same as a bare `kill` (see listAll).
      return [f.component && componentFaultsSupported() ? { at_s, action: 'kill', node: f.node, component: f.component } : { at_s, action: 'kill', node: f.node }];
    case 'hang':
      return [{ at_s, action: machineHangSupported() ? 'hang' : 'blackhole', node: f.node }];
    case 'stop':
      return [{ at_s, action: 'stop', node: f.node }];
    case 'traffic_x3':
      return [{ at_s, action: 'set_rate', value: s.workload.rate_rps * 3 }];
    case 'deploy': {
      const out: TimelineEvent[] = [];
      f.node.split(',').forEach((node, i) => {
        const start = at_s + i * (DEPLOY_RESTART_S + DEPLOY_GAP_S);
        if (componentFaultsSupported() && f.component)
          out.push({ at_s: start, action: 'kill', node, component: f.component }, { at_s: start + DEPLOY_RESTART_S, action: 'restore', node, component: f.component });
        else out.push({ at_s: start, action: 'stop', node }, { at_s: start + DEPLOY_RESTART_S, action: 'restore', node });
      });
      return out;
    }
  }
}
