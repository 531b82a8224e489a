/**
 * Before and after in the same run: what `r` (the load balancers' `option redispatch`)
 * and `{` / `}` (a tier's worker count) do, the split-brain warning of `P` on a replica
 * while the primary still runs, and the bits the selected-node line and the status line
 * show about them. Pure: the lab's keys (use-lab-keys.ts) turn these into engine actions.
 */
import type { Segment } from '../../diagram';
import type { Action, NodeSnapshot, Snapshot, Topology } from '../../sim/types';

/** Largest worker count `}` goes to (the scenario limit). */
export const MAX_WORKERS = 1024;

/** The load balancers' `option redispatch`: all on, all off, or mixed (undefined without a load balancer). */
export function redispatchState(snapshot: Snapshot): 'on' | 'off' | 'mixed' | undefined {
  const values = Object.values(snapshot.nodes).filter((n) => n.redispatch !== undefined).map((n) => n.redispatch);
  if (values.length === 0) return undefined;
  if (values.every((v) => v)) return 'on';
  return values.some((v) => v) ? 'mixed' : 'off';
}

/** `r`: the action that flips redispatch on every load balancer, and what to say; or an error. */
export function redispatchToggle(snapshot: Snapshot): { action: Action; done: string } | { error: string } {
  const lbs = Object.values(snapshot.nodes).filter((n) => n.redispatch !== undefined).map((n) => n.id);
  if (lbs.length === 0) return { error: 'no load balancer in this design: no redispatch to switch' };
  const on = redispatchState(snapshot) !== 'on';
  const who = lbs.join(', ');
  const done = on
    ? `redispatch on: ${who} ${lbs.length === 1 ? 'retries' : 'retry'} a refused request at once on another server`
    : `redispatch off: ${who} ${lbs.length === 1 ? 'retries' : 'retry'} a refused request on the same server, then 503`;
  return { action: { action: 'set_redispatch', value: on ? 'on' : 'off' }, done };
}

/**
 * The tier `{` / `}` change for a server: its app role when it runs one (the usual
 * bottleneck), else its web role, else its db role. The whole tier changes (every server
 * of that role), as adding workers to a tier does in a real deployment: a lone node with
 * more workers behind a round robin gets the same share of requests as the others.
 */
export function tierOf(roles: readonly string[]): 'app' | 'web' | 'db' | undefined {
  return roles.includes('app') ? 'app' : roles.includes('web') ? 'web' : roles.includes('db') ? 'db' : undefined;
}

/** `{` / `}`: the action that sets the selected server's tier one worker lower / higher, and what to say; or an error. */
export function workersStep(snapshot: Snapshot, topology: Topology, id: string, delta: 1 | -1): { action: Action; done: string } | { error: string } {
  const node = topology.nodes.find((n) => n.id === id);
  const tier = node && node.kind === 'server' ? tierOf(node.roles) : undefined;
  const now = tier ? snapshot.nodes[id]?.workers?.[tier] : undefined;
  if (!node || !tier || now === undefined) return { error: `${id} is not a server: select a web, app or db server (Tab), then { or }` };
  const next = Math.min(MAX_WORKERS, Math.max(1, now + delta));
  if (next === now) return { error: `${tier} workers already ${now} (${delta < 0 ? 'at least 1' : `at most ${MAX_WORKERS}`})` };
  const servers = topology.nodes.filter((n) => n.kind === 'server' && n.roles.includes(tier)).map((n) => n.id);
  return { action: { action: 'set_workers', node: tier, value: next }, done: `${tier} workers ${now} → ${next} on every ${tier} server (${servers.join(', ')})` };
}

/**
 * `P` on a replica while the primary's MySQL still runs: the promote still happens
 * (learners must see what goes wrong) and this says what it costs. Undefined when the
 * primary is dead (the normal failover) or there is none.
 */
export function splitBrainWarning(snapshot: Snapshot, id: string): string | undefined {
  const target = snapshot.nodes[id];
  if (target?.dbRole !== 'replica') return undefined;
  const primary = Object.values(snapshot.nodes).find((n) => n.dbRole === 'primary');
  if (!primary || primary.mysql === undefined || primary.mysql === 'down') return undefined;
  const backlog = target.replicationBacklog ?? 0;
  const head = `SPLIT BRAIN: ${primary.id} still writable beside ${id}`;
  return backlog > 0 ? `${head}; ${backlog} write${backlog === 1 ? '' : 's'} only on ${primary.id}` : `${head} (fence it: stop it or set read_only)`;
}

/** The selected line's extra: the workers `{` / `}` change on a server, a load balancer's redispatch, an old primary still writable. */
export function tuningSegments(n: NodeSnapshot, roles: readonly string[], sep: Segment): Segment[] {
  if (n.redispatch !== undefined) return [sep, { text: `redispatch ${n.redispatch ? 'on' : 'off'}`, style: n.redispatch ? 'up' : 'muted' }];
  const segs: Segment[] = [];
  if (n.splitBrain) segs.push(sep, { text: 'split brain: still writable', style: 'down' });
  const tier = tierOf(roles);
  const count = tier ? n.workers?.[tier] : undefined;
  if (tier && count !== undefined) segs.push(sep, { text: `${tier} workers ${count}`, style: 'text' });
  return segs;
}
