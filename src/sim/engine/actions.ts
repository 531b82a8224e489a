/**
 * Operator actions (timeline, `--at`, keys in the live view): kill, hang, restore, drain…
 */
import { componentOf } from '../spec/scenario';
import type { Action, ActionName, Algorithm, Component, Role, TimelineEvent } from '../spec/types';
import { addServer } from './add-server';
import { scheduleArrival } from './clients';
import { ALG, DOWN, EV_PROMOTE, fmtS, HUNG, R_APP, R_DB, R_WEB, STATE_NAMES, STOPPED, UP } from './constants';
import { probe } from './firewall';
import { checksOnRestore } from './health';
import { restartChecks, restartHaproxy, stationLost, stationResumed } from './processes';
import { lagOf, promote, resumeReplica } from './replication';
import { leaveMaster, startAsBackup } from './vrrp';
import { startService } from './stations';
import type { LbRt, NodeRt, Replica, World } from './world';

export function doAction(w: World, a: Action | TimelineEvent): void {
  const n = a.node !== undefined && a.action !== 'add_server' ? w.nodes[w.byId.get(a.node)!] : undefined;
  const action: ActionName = a.action;
  switch (action) {
    case 'kill':
      return processFault(w, n!, DOWN, componentOf(a));
    case 'hang':
      return processFault(w, n!, HUNG, componentOf(a));
    case 'blackhole':
      return takeDown(w, n!, HUNG);
    case 'stop':
      return takeDown(w, n!, STOPPED);
    case 'restore':
      return restore(w, n!, componentOf(a));
    case 'stop_replication':
      return setReplication(w, n!, false);
    case 'start_replication':
      return setReplication(w, n!, true);
    case 'add_server':
      return addServer(w, String(a.value ?? a.node) as Role); // an older at reader puts the tier in `node`
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
    case 'set_redispatch':
      return setRedispatch(w, n, a.value === 'on');
    case 'set_workers':
      return setWorkers(w, n, String(a.node), Number(a.value));
  }
}

/** `option redispatch` on every load balancer, or on `only`. */
export function setRedispatch(w: World, only: NodeRt | undefined, on: boolean): void {
  const lbs = w.lbs.filter((lb) => !only || lb.node === only.idx);
  const changed = lbs.filter((lb) => lb.redispatch !== on);
  const ids = (list: LbRt[]): string => list.map((lb) => w.nodes[lb.node]!.id).join(', ');
  if (changed.length === 0) {
    w.event('action_ignored', only?.id, `redispatch is already ${on ? 'on' : 'off'} on ${ids(lbs)}`);
    return;
  }
  for (const lb of changed) lb.redispatch = on;
  const lb = changed[0]!;
  const retries = lb.spec.retries ?? 3;
  const what = on
    ? `${ids(changed)} now ${changed.length === 1 ? 'retries' : 'retry'} a refused connection at once on another server instead of waiting on the same one`
    : `${ids(changed)} now ${changed.length === 1 ? 'retries' : 'retry'} a refused connection on the same server (${retries} retries, ${fmtS(lb.spec.retry_delay_ms ?? 1000)} apart), then ${changed.length === 1 ? 'answers' : 'answer'} 503`;
  w.event('redispatch_changed', changed.length === 1 ? w.nodes[lb.node]!.id : undefined, `redispatch ${on ? 'on' : 'off'}: ${what}`, { redispatch: on, lbs: changed.map((l) => w.nodes[l.node]!.id) });
}

const ROLE_OF_TIER: Record<string, number> = { web: R_WEB, app: R_APP, db: R_DB };
const TIER_OF_ROLE = ['web', 'app', 'db'];

/** Worker processes of a tier (`target` a role: every server running it) or of one single-role server. */
export function setWorkers(w: World, node: NodeRt | undefined, target: string, count: number): void {
  const stations = node ? [node.web, node.app, node.db].filter((st) => st >= 0).map((st) => w.stations[st]!) : w.stations.filter((s) => s.role === ROLE_OF_TIER[target]);
  if (stations.length === 0) return;
  const before = [...new Set(stations.map((s) => s.workers))].join('/');
  for (const s of stations) {
    s.area += s.busy * (w.t - s.lastT);
    s.lastT = w.t;
    s.workers = count;
    // More workers take queued requests at once; with fewer, busy ones finish and no new one starts until busy < workers.
    while (s.busy < s.workers && s.queue.size > 0) startService(w, s.queue.shift(), s);
  }
  const tier = TIER_OF_ROLE[stations[0]!.role]!;
  const hosts = stations.map((s) => w.nodes[s.host]!.id);
  const where = node ? node.id : `every ${tier} server (${hosts.join(', ')})`;
  const effect = count > Number(before.split('/')[0]) ? 'more requests are served at once, fewer wait in the queue' : 'fewer requests are served at once: the rest wait in the queue';
  w.event('workers_changed', node?.id, `${tier} workers ${before} → ${count} on ${where}: each serves up to ${count} request${count === 1 ? '' : 's'} at once; ${effect}`, { tier, workers: count, nodes: hosts });
}

/** Names of machine states for messages. */
function stateName(x: number): string {
  return STATE_NAMES[x]!;
}

/** The processes of a node with their station (servers) or -1 (haproxy, keepalived). */
function processList(w: World, n: NodeRt): { c: Component; st: number }[] {
  if (n.lb >= 0) return w.lbs[n.lb]!.vip >= 0 ? [{ c: 'haproxy', st: -1 }, { c: 'keepalived', st: -1 }] : [{ c: 'haproxy', st: -1 }];
  const out: { c: Component; st: number }[] = [];
  if (n.web >= 0) out.push({ c: 'nginx', st: n.web });
  if (n.app >= 0) out.push({ c: 'app', st: n.app });
  if (n.db >= 0) out.push({ c: 'mysql', st: n.db });
  return out;
}

/** A process's state: UP, DOWN or HUNG. */
export function procState(w: World, n: NodeRt, c: Component): number {
  const lb = n.lb >= 0 ? w.lbs[n.lb]! : undefined;
  if (c === 'haproxy') return lb ? lb.haproxy : UP;
  if (c === 'keepalived') return lb ? lb.keepalived : UP;
  const st = c === 'nginx' ? n.web : c === 'app' ? n.app : n.db;
  return st >= 0 ? w.stations[st]!.proc : UP;
}

const PROCESS_LABEL: Record<Component, string> = {
  haproxy: 'HAProxy',
  keepalived: 'keepalived',
  nginx: 'Nginx',
  app: 'the app server',
  mysql: 'MySQL',
};

/** `kill` or `hang` of one process (`component`) or, with none, of the whole machine's processes. */
export function processFault(w: World, n: NodeRt, how: number, component: Component | undefined): void {
  if (how === DOWN && component === undefined) return takeDown(w, n, DOWN);
  if (n.state !== UP) {
    w.event('action_ignored', n.id, `${n.id} is already ${stateName(n.state)}`);
    return;
  }
  const targets = processList(w, n).filter((p) => component === undefined || p.c === component);
  const hit = targets.filter((p) => procState(w, n, p.c) === UP);
  if (hit.length === 0) {
    w.event('action_ignored', n.id, `${n.id}: ${targets.map((p) => p.c).join(', ')} ${targets.length === 1 ? 'is' : 'are'} not running`);
    return;
  }
  const lb = n.lb >= 0 ? w.lbs[n.lb]! : undefined;
  for (const p of hit) {
    if (p.st >= 0) {
      const s = w.stations[p.st]!;
      s.proc = how;
      stationLost(w, s, how, false);
      if (p.c === 'mysql' && n.dbRole === 'primary') primaryLost(w, n, how);
      if (p.c === 'mysql' && how === DOWN) n.splitBrain = false; // it restarts read_only, as a replica
    } else if (p.c === 'haproxy' && lb) {
      lb.haproxy = how;
      if (how === DOWN) n.epoch++; // its connections are gone
    } else if (p.c === 'keepalived' && lb) {
      lb.keepalived = how;
      if (lb.vState !== '') leaveMaster(w, lb, false); // no priority-0 advert: the backup waits its master-down interval
    }
  }
  const names = hit.map((p) => p.c);
  const what = how === DOWN ? 'crashed' : 'hung';
  const effect =
    how === DOWN
      ? names.includes('keepalived') && names.length === 1
        ? `: VRRP adverts stop, the VIP stays on ${n.id} until the backup takes it`
        : ': connections are refused'
      : ': the kernel still accepts connections into the listen backlog, nobody answers them';
  const trackNote = lb && names.includes('haproxy') && lb.vip >= 0 && !names.includes('keepalived') ? (lb.tsInterval > 0 ? `; keepalived's track_script notices within ${lb.tsFall} × ${fmtS(lb.tsInterval)}` : '; keepalived does not watch HAProxy (no track_script): the VIP stays here') : '';
  w.event(
    how === DOWN ? 'process_killed' : 'process_hung',
    n.id,
    `${n.id}: ${names.map((c) => PROCESS_LABEL[c]).join(', ')} ${what}${effect}${trackNote}`,
    { component: component ?? 'all', processes: names },
  );
}

/** The whole machine goes down: killed (refused), blackholed (unanswered) or stopped cleanly. */
export function takeDown(w: World, n: NodeRt, how: number): void {
  if (n.state !== UP) {
    w.event('action_ignored', n.id, `${n.id} is already ${stateName(n.state)}`);
    return;
  }
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
    // Work inside the host dies with it: 502 for a crash, a timeout for a blackhole.
    for (const st of [n.web, n.app, n.db]) if (st >= 0) stationLost(w, w.stations[st]!, how, true);
  }
  if (n.lb >= 0) {
    const lb = w.lbs[n.lb]!;
    if (lb.vState !== '') leaveMaster(w, lb, how === STOPPED);
  }
  if (n.dbRole === 'primary') primaryLost(w, n, how);
  if (how !== HUNG) n.splitBrain = false; // an old primary left writable restarts read_only, as a replica
}

/** The primary's MySQL is gone: unshipped writes are lost, automatic promotion timers start. */
function primaryLost(w: World, n: NodeRt, how: number): void {
  if (how !== STOPPED) {
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
  for (const x of w.nodes) {
    const d = x.spec.kind === 'server' ? x.spec.db : undefined;
    if (x.dbRole === 'replica' && d?.promote_after_s !== undefined && x.state === UP) {
      x.promoteGen++;
      w.q.push(w.t + d.promote_after_s * 1000, EV_PROMOTE, x.idx, x.promoteGen);
    }
  }
}

/** `restore`: the whole machine (bare) or one process (`restore:web-1:app`) runs again. */
export function restore(w: World, n: NodeRt, component?: Component): void {
  if (component !== undefined || n.state === UP) return restoreProcesses(w, n, component);
  const was = stateName(n.state);
  const blackholed = n.state === HUNG;
  n.state = UP;
  n.epoch++;
  n.downSince = -1;
  for (const st of [n.web, n.app, n.db]) {
    if (st < 0) continue;
    const s = w.stations[st]!;
    s.lastT = w.t;
    s.proc = UP;
    s.backlog = 0;
  }
  let more = '';
  const watchers = w.lbs.filter((l) => l.to.includes(n.idx));
  if (watchers.length) {
    const l = watchers[0]!;
    more = `; ${watchers.map((x) => w.nodes[x.node]!.id).join(', ')} will mark it UP after ${l.rise} successful checks`;
  }
  if (blackholed) checksOnRestore(w, n, false);
  if (n.lb >= 0) {
    const lb = w.lbs[n.lb]!;
    lb.haproxy = UP;
    lb.keepalived = UP;
    lb.tsFault = false;
    lb.tsFails = 0;
    restartHaproxy(w, lb);
    if (lb.vip >= 0) more = startAsBackup(w, lb);
  }
  dbBack(w, n);
  w.event('node_restored', n.id, `${n.id} restored (was ${was}): it accepts connections again${more}`);
}

/** Restart (killed) or resume (hung) one process, or every process that is not running. */
function restoreProcesses(w: World, n: NodeRt, component?: Component): void {
  if (n.state !== UP) {
    w.event('action_ignored', n.id, `${n.id} is ${stateName(n.state)}: restore the machine first (restore:${n.id})`);
    return;
  }
  const targets = processList(w, n).filter((p) => (component === undefined || p.c === component) && procState(w, n, p.c) !== UP);
  if (targets.length === 0) {
    w.event('action_ignored', n.id, component ? `${n.id}: ${component} is already running` : `${n.id} is already up`);
    return;
  }
  const lb = n.lb >= 0 ? w.lbs[n.lb]! : undefined;
  const notes: string[] = [];
  for (const p of targets) {
    const was = procState(w, n, p.c);
    if (p.st >= 0) {
      const s = w.stations[p.st]!;
      s.proc = UP;
      if (was === HUNG) {
        stationResumed(w, s);
        checksOnRestore(w, n, true);
      } else {
        s.backlog = 0;
        s.lastT = w.t;
      }
      if (p.c === 'mysql') dbBack(w, n);
    } else if (p.c === 'haproxy' && lb) {
      lb.haproxy = UP;
      if (was === DOWN) restartHaproxy(w, lb);
      else restartChecks(w, lb);
    } else if (p.c === 'keepalived' && lb) {
      lb.keepalived = UP;
      lb.tsFault = false;
      lb.tsFails = 0;
      notes.push(startAsBackup(w, lb).slice(2));
    }
  }
  w.event(
    'process_restored',
    n.id,
    `${n.id}: ${targets.map((p) => PROCESS_LABEL[p.c]).join(', ')} ${targets.length === 1 ? 'is' : 'are'} running again${notes.length ? `; ${notes.join('; ')}` : ''}`,
    { component: component ?? 'all', processes: targets.map((p) => p.c) },
  );
}

/** A database node is back: its replication resumes, semi-sync may resume, promotion timers stop. */
function dbBack(w: World, n: NodeRt): void {
  if (n.replica && n.dbRole === 'replica' && !n.replica.stopped) resumeReplica(w, n);
  if (w.semiConfigured && !w.semiActive && n.dbRole === 'replica' && n.spec.kind === 'server' && n.spec.db?.semi_sync) {
    w.semiActive = true;
    w.event('semi_sync_on', n.id, `${n.id} is back: the primary waits for its acknowledgement again (semi-sync)`);
  }
  if (n.dbRole === 'primary') for (const x of w.nodes) if (x.dbRole === 'replica') x.promoteGen++;
}

/** `stop_replication` / `start_replication` on a replica: its SQL thread stops or resumes. */
export function setReplication(w: World, n: NodeRt, on: boolean): void {
  const rep = n.replica;
  if (!rep || n.dbRole !== 'replica') {
    w.event('action_ignored', n.id, `${n.id} is not a replica`);
    return;
  }
  if (rep.stopped === !on) {
    w.event('action_ignored', n.id, `${n.id}: replication is already ${on ? 'running' : 'stopped'}`);
    return;
  }
  if (!on) {
    lagOf(w, rep);
    rep.stopped = true;
    w.event('replication_stopped', n.id, `${n.id}: replication SQL thread stopped (STOP REPLICA SQL_THREAD): new writes pile up unapplied and its lag reads unknown (Seconds_Behind_Master NULL); reads there go stale`);
    return;
  }
  rep.stopped = false;
  const backlog = replicaBacklog(w, rep);
  if (n.state === UP && procState(w, n, 'mysql') === UP) resumeReplica(w, n);
  const rate = Math.round(1000 / rep.applyMsPerWrite);
  w.event('replication_started', n.id, `${n.id}: replication resumed with ${backlog} write${backlog === 1 ? '' : 's'} to apply, caught up in ≈ ${fmtS(Math.round(backlog * rep.applyMsPerWrite))} at ${rate} writes/s`, { backlog });
}

/** Writes a replica received but has not applied. */
export function replicaBacklog(w: World, rep: Replica): number {
  lagOf(w, rep);
  let k = 0;
  for (let i = rep.head; i < rep.applyT.length; i++) if (rep.applyT[i]! > w.t) k++;
  return k;
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
