/**
 * `add_server:TIER`: a new server joins at run time, a copy of the last server of that
 * tier (same roles, workers and service times), with the next free id and address.
 * Whatever sent work to that server sends to the new one too: the load balancers list
 * it (UP at once, as a server enabled through HAProxy's runtime API, then checked like
 * the others) and Nginx servers add it to their upstream. A db copy joins as a replica
 * of the current primary. The scenario and topology the engine exposes are replaced
 * by new objects (the caller's scenario is never changed).
 */
import type { LoadBalancerSpec, Role, ServerSpec } from '../spec/types';
import { buildTopology } from '../spec/topology';
import { consistentHasher, mapBasedHasher } from '../hashing';
import { EV_CHECK } from './constants';
import type { LbRt, World } from './world';

function nextId(w: World, template: string): string {
  const m = /^(.*?)(\d+)$/.exec(template);
  const prefix = m ? m[1]! : `${template}-`;
  let k = m ? Number(m[2]) + 1 : 2;
  while (w.byId.has(`${prefix}${k}`)) k++;
  return `${prefix}${k}`;
}

function nextIp(w: World): string {
  const used = new Set(w.addrIps.concat(w.nodes.map((n) => n.spec.ip ?? '')));
  let k = 10;
  while (used.has(`10.0.0.${k}`)) k++;
  return `10.0.0.${k}`;
}

function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, fill: number): T {
  const b = new (a.constructor as { new (n: number): T })(a.length + 1);
  b.set(a);
  b[a.length] = fill;
  return b;
}

/** LB `lb` gets a new server at the end of its list. */
function addToLb(w: World, lb: LbRt, idx: number): void {
  lb.to.push(idx);
  lb.weight.push(1);
  lb.cur = grow(lb.cur, 0);
  lb.up = grow(lb.up, 1);
  lb.fails = grow(lb.fails, 0);
  lb.succ = grow(lb.succ, 0);
  lb.checkGen = grow(lb.checkGen, 0);
  lb.outstanding = grow(lb.outstanding, 0);
  lb.scratch = grow(lb.scratch, 0);
  lb.checkStart = grow(lb.checkStart, 0);
  lb.checkPending = grow(lb.checkPending, 0);
  lb.checkWhy.push('');
  lb.hasher = lb.spec.hash_type === 'consistent' ? consistentHasher(lb.weight) : mapBasedHasher(lb.to.length);
  const j = lb.to.length - 1;
  w.q.push(w.t + w.rng.next() * lb.inter, EV_CHECK, lb.idx * 65536 + j, lb.checkGen[j]!);
}

export function addServer(w: World, tier: Role): void {
  const template = [...w.nodes].reverse().find((n) => n.spec.kind === 'server' && n.spec.roles.includes(tier));
  if (!template) {
    w.event('action_ignored', undefined, `add_server ${tier}: no ${tier} server to copy`);
    return;
  }
  const tspec = template.spec as ServerSpec;
  const id = nextId(w, tspec.id);
  const spec: ServerSpec = structuredClone(tspec);
  spec.id = id;
  spec.label = id;
  spec.ip = nextIp(w);
  if (spec.web) spec.web.upstream = (spec.web.upstream ?? []).map((u) => (u === tspec.id ? id : u));
  if (spec.app && tspec.app?.read_from?.includes(tspec.id)) spec.app.read_from = spec.app.read_from!.map((x) => (x === tspec.id ? id : x));
  if (spec.db) {
    const primary = w.primary >= 0 ? w.nodes[w.primary]!.id : undefined;
    spec.db = { ...spec.db, role: 'replica', of: primary ?? spec.db.of };
    if (spec.app?.db === tspec.id) spec.app.db = primary;
  }
  const idx = w.nodes.length;
  w.byId.set(id, idx);
  const n = w.newNode(idx, spec);
  w.nodes.push(n);
  w.setupNode(n);
  w.wireServer(n, spec);
  w.addrIps.push(spec.ip!);
  w.addrHolder.push(idx);
  w.addrIsVip.push(0);

  // Whoever sent work to the template sends to the copy too.
  const senders: string[] = [];
  const nodes = w.scenario.nodes.map((x) => {
    if (x.kind === 'load_balancer' && x.to.includes(tspec.id)) return { ...x, to: [...x.to, id], weights: { ...x.weights, [id]: 1 } } as LoadBalancerSpec;
    if (x.kind === 'server' && x.id !== tspec.id && x.web?.upstream?.includes(tspec.id)) return { ...x, web: { ...x.web, upstream: [...x.web.upstream, id] } } as ServerSpec;
    return x;
  });
  for (const lb of w.lbs) {
    if (!lb.to.includes(template.idx)) continue;
    addToLb(w, lb, idx);
    senders.push(w.nodes[lb.node]!.id);
  }
  for (const web of w.nodes) {
    if (web === n || web === template || !web.upstream.includes(template.idx)) continue;
    web.upstream.push(idx);
    web.upFailedUntil = grow(web.upFailedUntil, -Infinity);
    web.upFails = grow(web.upFails, 0);
    senders.push(`${web.id}'s Nginx`);
  }
  w.scenario = { ...w.scenario, nodes: [...nodes, spec] };
  w.topology = buildTopology(w.scenario);
  for (const e of w.topology.edges) if (e.kind === 'http' || e.kind === 'https') w.encryptedHops[`${e.from}>${e.to}`] = e.kind === 'https';
  w.event(
    'server_added',
    id,
    `${id} added, a copy of ${tspec.id} (${spec.roles.join(' + ')})${senders.length ? `: ${senders.join(', ')} send${senders.length === 1 ? 's' : ''} it work now` : ': nothing sends it work yet'}`,
    { template: tspec.id, tier },
  );
}
