/**
 * Operator actions (timeline, `--at`, keys in the live view): kill, hang, restore, drain…
 */
import type { Action, ActionName, Algorithm, TimelineEvent } from '../spec/types';
import { EV_CHECK, EV_PROMOTE, S_HOP, S_QUEUED, S_SERVICE, S_ACK, UP, DOWN, HUNG, STOPPED, STATE_NAMES, ALG, fmtS } from './constants';
import type { World, NodeRt } from './world';
import { scheduleArrival } from './clients';
import { setBusy } from './stations';
import { finish, hangFail } from './requests';
import { lagOf, resumeReplica, promote } from './replication';
import { masterDownMs, armMasterDown, sendAdvert } from './vrrp';
import { probe } from './firewall';

// ---------------------------------------------------------------- actions

export function doAction(w: World, a: Action | TimelineEvent): void {
  const n = a.node !== undefined ? w.nodes[w.byId.get(a.node)!] : undefined;
  const action: ActionName = a.action;
  switch (action) {
    case 'kill':
      return takeDown(w, n!, DOWN);
    case 'blackhole':
      return takeDown(w, n!, HUNG);
    case 'stop':
      return takeDown(w, n!, STOPPED);
    case 'restore':
      return restore(w, n!);
    case 'drain':
      return drain(w, n!, true);
    case 'undrain':
      return drain(w, n!, false);
    case 'promote':
      return promote(w, n!, 'operator action');
    case 'set_rate': {
      const rate = Number(a.value);
      w.event('rate_changed', undefined, `request rate set to ${rate} req/s (was ${w.rate})`, { rate_rps: rate });
      w.rate = rate;
      w.arrivalGen++;
      scheduleArrival(w);
      return;
    }
    case 'set_algorithm': {
      const alg = String(a.value) as Algorithm;
      for (const lb of w.lbs) {
        if (n && lb.node !== n.idx) continue;
        lb.alg = ALG.indexOf(alg);
        lb.cur.fill(0);
        w.event('algorithm_changed', w.nodes[lb.node]!.id, `${w.nodes[lb.node]!.id} now balances with ${alg}`, { algorithm: alg });
      }
      return;
    }
    case 'probe':
      return probe(w, n!, Number(a.value));
  }
}


export function takeDown(w: World, n: NodeRt, how: number): void {
  if (n.state !== UP) {
    w.event('action_ignored', n.id, `${n.id} is already ${STATE_NAMES[n.state]}`);
    return;
  }
  const wasMaster = n.lb >= 0 && w.lbs[n.lb]!.vState === 'MASTER';
  n.state = how;
  n.downSince = w.t;
  const type = how === DOWN ? 'node_killed' : how === HUNG ? 'node_hung' : 'node_stopped';
  const what =
    how === DOWN
      ? 'process crashed: connections are refused'
      : how === HUNG
        ? 'blackholed: packets go unanswered, connections and checks time out'
        : 'stopped cleanly';
  w.event(type, n.id, `${n.id} ${what}`);
  if (how !== STOPPED) {
    n.epoch++;
    // Work inside the host dies with it: 502 for a crash, 504 after `timeout server` for a hang.
    for (const st of [n.web, n.app, n.db]) {
      if (st < 0) continue;
      const s = w.stations[st]!;
      const victims: number[] = [];
      for (let i = 0; i < w.liveN; i++) {
        const r = w.live[i]!;
        const stage = w.rStage[r];
        if (w.rStation[r] === st && (stage === S_SERVICE || stage === S_QUEUED || stage === S_HOP || stage === S_ACK)) victims.push(r);
      }
      s.queue.clear();
      setBusy(w, s, -s.busy);
      n.failed += victims.length;
      for (const r of victims) {
        if (w.rStage[r] === S_ACK) w.writesFailed++; // committed, never confirmed
        if (how === DOWN) finish(w, r, 502);
        else hangFail(w, r);
      }
    }
  }
  if (n.lb >= 0) {
    const lb = w.lbs[n.lb]!;
    if (lb.vState !== '') {
      if (how === STOPPED && wasMaster) {
        sendAdvert(w, lb, 0);
        w.addrHolder[lb.vip] = -1;
      }
      lb.vState = 'FAULT';
      lb.advGen++;
      lb.vGen++;
    }
  }
  if (n.dbRole === 'primary' && how !== STOPPED) {
    // The replicas keep applying what they received (the relay log); what was still
    // on its way (committed less than lag_base_ms ago) never arrives.
    for (const x of w.nodes) {
      const rep = x.replica;
      if (!rep || x.dbRole !== 'replica') continue;
      lagOf(w, rep);
      let keep = rep.applyT.length;
      while (keep > rep.head && rep.commitT[keep - 1]! + rep.baseMs > w.t) keep--;
      // Under semi-sync no acknowledged write is missing: the unshipped ones were never confirmed to their clients.
      const semi = w.semiConfigured && w.semiActive && x.spec.kind === 'server' && x.spec.db?.semi_sync;
      if (!semi) rep.unshipped += rep.applyT.length - keep;
      rep.commitT.length = keep;
      rep.applyT.length = keep;
      rep.client.length = keep;
    }
  }
  if (n.dbRole === 'primary') {
    for (const x of w.nodes) {
      const d = x.spec.kind === 'server' ? x.spec.db : undefined;
      if (x.dbRole === 'replica' && d?.promote_after_s !== undefined && x.state === UP) {
        x.promoteGen++;
        w.q.push(w.t + d.promote_after_s * 1000, EV_PROMOTE, x.idx, x.promoteGen);
      }
    }
  }
}


export function restore(w: World, n: NodeRt): void {
  if (n.state === UP) {
    w.event('action_ignored', n.id, `${n.id} is already up`);
    return;
  }
  const was = STATE_NAMES[n.state];
  n.state = UP;
  n.epoch++;
  n.downSince = -1;
  for (const st of [n.web, n.app, n.db]) if (st >= 0) w.stations[st]!.lastT = w.t;
  let more = '';
  const watchers = w.lbs.filter((l) => l.to.includes(n.idx));
  if (watchers.length) {
    const l = watchers[0]!;
    more = `; ${watchers.map((x) => w.nodes[x.node]!.id).join(', ')} will mark it UP after ${l.rise} successful checks`;
  }
  if (n.lb >= 0) {
    const lb = w.lbs[n.lb]!;
    // HAProxy starts with every server UP and checks from a fresh state.
    lb.up.fill(1);
    lb.fails.fill(0);
    lb.succ.fill(0);
    lb.outstanding.fill(0);
    lb.queue.clear();
    for (let j = 0; j < lb.to.length; j++) {
      lb.checkGen[j]!++;
      w.q.push(w.t + w.rng.next() * lb.inter, EV_CHECK, lb.idx * 65536 + j, lb.checkGen[j]!);
    }
    if (lb.vip >= 0) {
      // keepalived starts as BACKUP and waits its own master-down interval.
      lb.vState = 'BACKUP';
      lb.lastAdvertFrom = -1;
      lb.lastAdvertT = -1;
      lb.zeroAdvert = false;
      armMasterDown(w, lb, masterDownMs(w, lb));
      more = `; keepalived starts as BACKUP and waits ${fmtS(masterDownMs(w, lb))} (3 × ${fmtS(lb.advMs)} + skew ${fmtS(lb.skewMs)}) before claiming VIP ${w.addrIps[lb.vip]}`;
      if (w.addrHolder[lb.vip]! < 0 || w.nodes[w.addrHolder[lb.vip]!]!.state !== UP) more += ' (nobody holds it now)';
    }
  }
  if (n.replica && n.dbRole === 'replica') resumeReplica(w, n);
  if (w.semiConfigured && !w.semiActive && n.dbRole === 'replica' && n.spec.kind === 'server' && n.spec.db?.semi_sync) {
    w.semiActive = true;
    w.event('semi_sync_on', n.id, `${n.id} is back: the primary waits for its acknowledgement again (semi-sync)`);
  }
  if (n.dbRole === 'primary') for (const x of w.nodes) if (x.dbRole === 'replica') x.promoteGen++;
  w.event('node_restored', n.id, `${n.id} restored (was ${was}): it accepts connections again${more}`);
}


export function drain(w: World, n: NodeRt, on: boolean): void {
  if (n.drained === on) return;
  n.drained = on;
  n.drainedAnnounced = false;
  // Who stops sending it work: the load balancers in front of it, or the Nginx
  // servers that use it as an upstream app server.
  let senders = w.lbs.filter((l) => l.to.includes(n.idx)).map((l) => w.nodes[l.node]!.id);
  if (senders.length === 0) senders = w.nodes.filter((w) => w.upstream.includes(n.idx) && w !== n).map((w) => w.id);
  if (on) {
    const inflight = outstandingTo(w, n);
    const who = senders.length ? `${senders.join(', ')} send${senders.length === 1 ? 's' : ''} it no new requests` : 'nothing routes around it (no load balancer in front)';
    w.event('drain_started', n.id, `${n.id} draining: ${who}; ${inflight} in flight will finish`, { inflight });
    checkDrained(w, n);
  } else w.event('undrained', n.id, `${n.id} back in rotation (undrain)`);
}


/** Requests still in flight to a node: its LB connections, or (behind Nginx) the work at its stations. */
export function outstandingTo(w: World, n: NodeRt): number {
  let k = 0;
  let behindLb = false;
  for (const lb of w.lbs) {
    const j = lb.to.indexOf(n.idx);
    if (j >= 0) {
      k += lb.outstanding[j]!;
      behindLb = true;
    }
  }
  if (behindLb) return k;
  for (const st of [n.web, n.app, n.db]) {
    if (st < 0) continue;
    const s = w.stations[st]!;
    k += s.busy + s.queue.size;
  }
  return k;
}


export function checkDrained(w: World, n: NodeRt): void {
  if (outstandingTo(w, n) > 0) return;
  n.drainedAnnounced = true;
  w.event('drained', n.id, `${n.id} drained: no requests left in flight, safe to restart`);
}
