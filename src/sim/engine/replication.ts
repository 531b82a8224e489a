/**
 * MySQL asynchronous (and semi-synchronous) replication, lag, promotion.
 */
import type { NodeSpec, ServerSpec } from '../spec/types';
import { buildTopology } from '../spec/topology';
import { DOWN, EV_HOP, EV_SEMI_TIMEOUT, S_ACK, UP, PORT_DB, SEMI_SYNC_TIMEOUT_MS, fmtS } from './constants';
import type { World, NodeRt, Replica } from './world';
import { allowed, dropEvent } from './firewall';

export function makeReplica(w: World, node: number, applyRate: number, baseMs: number): Replica {
  return {
    node,
    applyMsPerWrite: 1000 / applyRate,
    baseMs,
    lastApply: 0,
    commitT: [],
    applyT: [],
    client: [],
    head: 0,
    clientApply: new Float64Array(w.clients),
    maxLag: 0,
    unshipped: 0,
    stopped: false,
  };
}

export function replicate(w: World, primary: NodeRt, client: number): void {
  for (const n of w.nodes) {
    const rep = n.replica;
    if (!rep || n.dbRole !== 'replica' || n.replicaOf !== primary.idx) continue;
    // A replica applies the binary log in order, at most at its apply rate. It pulls
    // the log over port 3306 of the primary: a firewall in the way stalls replication.
    // A stopped SQL thread (or a dead MySQL) applies nothing until it runs again.
    // An old primary left running by a promote (split brain) copies nothing either: it was never made a replica.
    let down = n.state !== UP || rep.stopped || n.splitBrain || w.stations[n.db]!.proc !== UP;
    if (!down && !allowed(w, primary, PORT_DB, n.idx)) {
      down = true;
      w.fwDropped++;
      dropEvent(w, primary, PORT_DB, n.idx);
    }
    const at = down ? Infinity : Math.max(w.t + rep.baseMs, rep.lastApply + rep.applyMsPerWrite);
    if (!down) rep.lastApply = at;
    rep.commitT.push(w.t);
    rep.applyT.push(at);
    rep.client.push(client);
    rep.clientApply[client] = at;
  }
}

export function semiReplicaUp(w: World): NodeRt | undefined {
  let best: NodeRt | undefined;
  for (const n of w.nodes)
    if (n.dbRole === 'replica' && n.state === UP && n.spec.kind === 'server' && n.spec.db?.semi_sync && (!best || n.replica!.baseMs < best.replica!.baseMs)) best = n;
  return best;
}

/** Semi-sync: the commit returns once one replica has the change (ship + ack), or after the timeout. */
export function awaitAck(w: World, r: number): void {
  const rep = semiReplicaUp(w);
  let at: number;
  if (rep) at = w.t + 2 * rep.replica!.baseMs;
  else {
    if (w.semiFallbackAt < 0) {
      w.semiFallbackAt = w.t + SEMI_SYNC_TIMEOUT_MS;
      w.q.push(w.semiFallbackAt, EV_SEMI_TIMEOUT, 0, 0);
    }
    at = w.semiFallbackAt;
  }
  w.rStage[r] = S_ACK;
  w.rPhaseStart[r] = w.t;
  w.rPhaseEnd[r] = at;
  w.q.push(at, EV_HOP, r, w.rGen[r]!);
}

export function onSemiTimeout(w: World): void {
  w.semiFallbackAt = -1;
  if (!w.semiActive || semiReplicaUp(w)) return;
  w.semiActive = false;
  const p = w.primary >= 0 ? w.nodes[w.primary]!.id : 'the primary';
  w.event('semi_sync_off', p, `${p} fell back to asynchronous replication: no semi-sync replica acknowledged a write for ${fmtS(SEMI_SYNC_TIMEOUT_MS)} (writes waited that long)`);
}

/** Drop applied entries; current lag = age of the oldest unapplied write. */
export function lagOf(w: World, rep: Replica, record = false): number {
  while (rep.head < rep.applyT.length && rep.applyT[rep.head]! <= w.t) rep.head++;
  if (rep.head > 4096 && rep.head * 2 > rep.applyT.length) {
    rep.commitT = rep.commitT.slice(rep.head);
    rep.applyT = rep.applyT.slice(rep.head);
    rep.client = rep.client.slice(rep.head);
    rep.head = 0;
  }
  if (rep.head >= rep.applyT.length) return 0;
  const lag = Math.max(0, w.t - rep.commitT[rep.head]!);
  // Only the simulation's own once-a-second sample records the maximum, so how often a
  // UI looks (snapshots, reports) never changes the run's results.
  if (record && lag > rep.maxLag) rep.maxLag = lag;
  return lag;
}

export function resumeReplica(w: World, n: NodeRt): void {
  const rep = n.replica!;
  lagOf(w, rep);
  rep.lastApply = Math.max(rep.lastApply, w.t);
  for (let i = rep.head; i < rep.applyT.length; i++) {
    if (rep.applyT[i] !== Infinity) continue;
    const at = Math.max(rep.commitT[i]! + rep.baseMs, rep.lastApply + rep.applyMsPerWrite);
    rep.lastApply = at;
    rep.applyT[i] = at;
    rep.clientApply[rep.client[i]!] = Math.max(rep.clientApply[rep.client[i]!] === Infinity ? 0 : rep.clientApply[rep.client[i]!]!, at);
  }
}

export function promote(w: World, n: NodeRt, cause: string): void {
  if (n.dbRole === 'primary') {
    w.event('promote_ignored', n.id, `${n.id} is already the primary`);
    return;
  }
  const old = w.primary >= 0 ? w.nodes[w.primary]! : undefined;
  const rep = n.replica!;
  const lagMs = lagOf(w, rep);
  // Split brain: the old primary's MySQL still runs (not crashed, not stopped; a hung
  // one resumes as it was). Nobody set read_only on it, so it stays writable.
  const split = old !== undefined && old.state === UP && w.stations[old.db]!.proc !== DOWN;
  // What the old primary committed and the new one never applied: its replication backlog
  // at the promote (promoting stops replication there) plus what a crash of the old
  // primary's MySQL had left unshipped. With the old primary dead they are lost; alive, they
  // exist only on the old one.
  let backlog = 0;
  if (split) for (let i = rep.head; i < rep.applyT.length; i++) if (rep.applyT[i]! > w.t) backlog++;
  const lost = old && !split && old.state !== UP ? rep.unshipped : 0;
  const diverged = split ? backlog + rep.unshipped : 0;
  rep.unshipped = 0;
  w.lostWrites += lost;
  w.divergedWrites += diverged;
  rep.head = rep.applyT.length;
  rep.clientApply.fill(0);
  n.dbRole = 'primary';
  n.replicaOf = -1;
  n.splitBrain = false;
  w.primary = n.idx;
  // The other replicas now pull from the new primary.
  for (const x of w.nodes) if (x !== n && x.dbRole === 'replica' && old && x.replicaOf === old.idx) x.replicaOf = n.idx;
  if (old) {
    old.dbRole = 'replica';
    old.replicaOf = n.idx;
    old.replica ??= makeReplica(w, old.idx, 2000, 5);
    old.replica.head = old.replica.applyT.length;
    old.replica.clientApply.fill(0);
    old.replica.lastApply = w.t;
    old.splitBrain = split;
    old.promoteGen++;
  }
  for (const x of w.nodes) x.promoteGen += x === old ? 0 : 1;
  redrawRoles(w, n.id, old?.id);
  const rejoin = old && !split ? `; ${old.id} will rejoin as a replica` : '';
  w.event(
    'promoted',
    n.id,
    `${n.id} promoted to primary (${cause}): writes go to ${n.id} now${rejoin}${lost ? `; ${lost} committed write${lost === 1 ? '' : 's'} never reached it and ${lost === 1 ? 'is' : 'are'} lost` : ''}`,
    { lost_writes: lost, old_primary: old?.id },
  );
  if (split) splitBrainEvent(w, old, n, diverged, lagMs);
}

/** The split-brain notice: two writable servers, what exists only on the old one, who still writes there. */
function splitBrainEvent(w: World, old: NodeRt, n: NodeRt, diverged: number, lagMs: number): void {
  // Where each app server writes now (the engine's model: an app configured with the
  // primary's address follows the writer endpoint; one pinned to a host stays there).
  const stay: string[] = [];
  const follow: string[] = [];
  for (const x of w.nodes) {
    if (x.writeTo < 0) continue;
    if (x.followsPrimary) follow.push(x.id);
    else if (x.writeTo === old.idx) stay.push(x.id);
  }
  const writes = (k: number): string => `${k} write${k === 1 ? '' : 's'}`;
  const lag = lagMs >= 1000 ? fmtS(lagMs) : `${Math.round(lagMs)} ms`;
  const gone = diverged
    ? `${writes(diverged)} ${old.id} committed that ${n.id} had not applied (replication lag ${lag} at the promote) ${diverged === 1 ? 'exists' : 'exist'} only on ${old.id} and will never reach ${n.id}`
    : `${n.id} had applied every write ${old.id} committed (replication lag ${lag}), so both still hold the same rows`;
  const apps = follow.length === 1 ? `${follow[0]}'s app follows` : `the app servers (${follow.join(', ')}) follow`;
  const who = stay.length
    ? `${stay.map((id) => `${id}'s app`).join(', ')} still ${stay.length === 1 ? 'writes' : 'write'} to ${old.id}, and every such write diverges too`
    : follow.length
      ? `${apps} the writer endpoint to ${n.id}, so ${old.id} takes no new writes unless something still connects to it directly`
      : `no app server writes to ${old.id} now, but anything that connects to it directly still can`;
  w.event(
    'split_brain',
    old.id,
    `split brain: ${old.id} is still up and writable while ${n.id} was promoted; ${gone}; ${who} (fence ${old.id}: stop it or set read_only)`,
    { old_primary: old.id, new_primary: n.id, diverged_writes: diverged, lag_ms: Math.round(lagMs), writers_on_old: stay },
  );
}

export function onAutoPromote(w: World, idx: number): void {
  const n = w.nodes[idx]!;
  const p = w.primary >= 0 ? w.nodes[w.primary]! : undefined;
  if (!p || p.state === UP || n.state !== UP || n.dbRole !== 'replica') return;
  const spec = (n.spec as ServerSpec).db!;
  promote(w, n, `automatic failover after the primary ${p.id} was down for ${spec.promote_after_s} s`);
}

/**
 * What observers draw follows a promotion: in the engine's scenario (new objects,
 * the caller's untouched) the new primary has no source, the old one and every other
 * replica copy from it, and the app servers' SQL points at it; the topology is built
 * again from that, so the diagram's SQL and replication arrows move with the roles.
 * The engine's own routing reads its run-time state, not these specs.
 */
function redrawRoles(w: World, primary: string, oldPrimary: string | undefined): void {
  const nodes = w.scenario.nodes.map((spec): NodeSpec => {
    if (spec.kind !== 'server') return spec;
    let next: ServerSpec = spec;
    if (next.db) {
      if (next.id === primary) next = { ...next, db: { ...next.db, role: 'primary', of: undefined } };
      else if (next.db.role === 'replica' || next.id === oldPrimary) next = { ...next, db: { ...next.db, role: 'replica', of: primary } };
    }
    if (oldPrimary && next.app?.db === oldPrimary) next = { ...next, app: { ...next.app, db: primary } };
    return next;
  });
  w.scenario = { ...w.scenario, nodes };
  w.topology = buildTopology(w.scenario);
}
