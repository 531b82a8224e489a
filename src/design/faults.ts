/**
 * The faults a drill throws at a design, and how each becomes simulator timeline
 * events. Only what the simulator models is listed: a fault it cannot play yet is
 * reported by {@link unavailableFaults} with the reason, never faked with a coarser one.
 */
import type { LoadBalancerSpec, Scenario, ServerSpec, TimelineEvent } from '../sim/types';

/** crash = the process or machine dies (connections refused); hang = it stops answering; stop = clean shutdown. */
export type FaultKind = 'crash' | 'hang' | 'stop' | 'traffic_x3' | 'deploy';
/** Processes a drill can fault on a machine. */
export type Component = 'haproxy' | 'keepalived' | 'nginx' | 'app' | 'mysql';

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

/**
 * Whether the simulator can fault one process of a machine. It cannot yet: its
 * actions take a whole machine down. Kept in one place so component faults join the
 * drill as soon as the simulator models them.
 */
export function componentFaultsSupported(): boolean {
  return false;
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
      // A machine's only process crashing is the same `kill` (see listAll).
      return [{ at_s, action: 'kill', node: f.node }];
    case 'hang':
      return [{ at_s, action: 'blackhole', node: f.node }];
    case 'stop':
      return [{ at_s, action: 'stop', node: f.node }];
    case 'traffic_x3':
      return [{ at_s, action: 'set_rate', value: s.workload.rate_rps * 3 }];
    case 'deploy': {
      const out: TimelineEvent[] = [];
      f.node.split(',').forEach((node, i) => {
        const start = at_s + i * (DEPLOY_RESTART_S + DEPLOY_GAP_S);
        out.push({ at_s: start, action: 'stop', node }, { at_s: start + DEPLOY_RESTART_S, action: 'restore', node });
      });
      return out;
    }
  }
}
