/**
 * The load balancer (HAProxy semantics): dispatch, connection attempts with
 * `retries`, `option redispatch`, `maxconn` and the backend queue with `timeout queue`.
 */
import { EV_RETRY, EV_QUEUE_TIMEOUT, S_LBQUEUE, S_CONNECT, UP, DOWN, STOPPED, HUNG, HUNG_BACKLOG, PORT_HTTP, PORT_HTTPS, F_DIED, F_FIREWALL, F_HUNG, F_NO_ANSWER, F_NO_SERVER, F_QUEUE, F_REFUSED } from '../constants';
import type { World, LbRt } from '../world';
import { markHost } from '../clients';
import { usable, anyRunning } from './usable';
import { choose } from './choose';
import { sendTo } from '../stations';
import { failLater, finish } from '../requests';
import { allowed, dropEvent } from '../firewall';
import { checkDrained } from '../actions';

export function lbDispatch(w: World, r: number, lb: LbRt, excl: number): void {
  const j = choose(w, lb, r, excl);
  if (j >= 0) return connect(w, r, lb, j);
  if (lb.maxconn > 0 && anyRunning(w, lb)) {
    // Every running server is at maxconn: wait in the backend queue.
    w.rStage[r] = S_LBQUEUE;
    w.rFrom[r] = -1;
    w.rTo[r] = lb.node;
    w.rPhaseStart[r] = w.t;
    w.rPhaseEnd[r] = w.t;
    lb.queue.push(r);
    // One timer per LB, for the head of its FIFO queue (the earliest deadline).
    if (!lb.queueTimer) {
      lb.queueTimer = true;
      w.q.push(w.t + (lb.spec.timeout_queue_ms ?? 5000), EV_QUEUE_TIMEOUT, lb.idx, 0);
    }
    return;
  }
  finish(w, r, 503, lb.node, F_NO_SERVER); // no server available
}

export function connect(w: World, r: number, lb: LbRt, j: number): void {
  const node = w.nodes[lb.to[j]!]!;
  w.rSrv[r] = j;
  const port = lb.spec.tls === 'passthrough' || lb.spec.tls === 'reencrypt' ? PORT_HTTPS : PORT_HTTP;
  const fwOk = allowed(w, node, port, lb.node);
  const st = w.stations[node.web >= 0 ? node.web : node.app]!;
  // A hung process still gets connections while its listen backlog has room.
  if (node.state === UP && fwOk && (st.proc === UP || (st.proc === HUNG && st.backlog < HUNG_BACKLOG))) {
    lb.outstanding[j]!++;
    w.rConn[r] = 1;
    node.hits++;
    markHost(w, r, node);
    w.rHops[r] = (w.rHops[r] ?? 0) + 1;
    sendTo(w, r, lb.node, st.idx);
    return;
  }
  if (!fwOk) {
    w.fwDropped++;
    dropEvent(w, node, port, lb.node);
  }
  // Refused (process dead) fails at once; unanswered (blackholed host, dropped SYN, a
  // hung process's full backlog) waits `timeout connect`.
  const refused = fwOk && (node.state === DOWN || node.state === STOPPED || (node.state === UP && st.proc === DOWN));
  const redispatch = lb.redispatch; // `option redispatch`, switched at run time by set_redispatch
  const wait = refused ? (redispatch ? 0 : (lb.spec.retry_delay_ms ?? 1000)) : (lb.spec.timeout_connect_ms ?? 5000);
  if (w.rTries[r]! >= (lb.spec.retries ?? 3)) {
    // The last attempt failed too: a refused one at once, an unanswered one after its own `timeout connect`.
    if (refused) return finish(w, r, 503, node.idx, F_REFUSED);
    w.rStage[r] = S_CONNECT;
    w.rFrom[r] = lb.node;
    w.rTo[r] = node.idx;
    return failLater(w, r, 503, wait, node.idx, !fwOk ? F_FIREWALL : node.state === UP ? F_HUNG : F_NO_ANSWER);
  }
  w.rTries[r]!++;
  w.rExcl[r] = redispatch ? j : -1;
  const delay = wait;
  if (delay === 0) return onRetry(w, r);
  w.rStage[r] = S_CONNECT;
  w.rFrom[r] = lb.node;
  w.rTo[r] = node.idx;
  w.rPhaseStart[r] = w.t;
  w.rPhaseEnd[r] = w.t + delay;
  w.q.push(w.t + delay, EV_RETRY, r, w.rGen[r]!);
}

export function onRetry(w: World, r: number): void {
  const lb = w.lbs[w.rLb[r]!]!;
  if (w.nodes[lb.node]!.epoch !== w.rLbEpoch[r] || w.nodes[lb.node]!.state !== UP) return finish(w, r, 0, lb.node, F_DIED);
  const excl = w.rExcl[r]!;
  if (excl >= 0) {
    // option redispatch: try another server.
    const j = choose(w, lb, r, excl);
    if (j >= 0) return connect(w, r, lb, j);
    if (lb.up[excl] && !w.nodes[lb.to[excl]!]!.drained) return connect(w, r, lb, excl);
    return finish(w, r, 503, lb.node, F_NO_SERVER);
  }
  connect(w, r, lb, w.rSrv[r]!);
}

/** `timeout queue`: requests that waited too long in the backend queue get a 503. */
export function onQueueTimeout(w: World, lb: LbRt): void {
  lb.queueTimer = false;
  const timeout = lb.spec.timeout_queue_ms ?? 5000;
  const qu = lb.queue;
  while (qu.size > 0) {
    const r = qu.at(0);
    if (w.rStage[r] !== S_LBQUEUE || w.rLb[r] !== lb.idx) {
      qu.shift();
      continue;
    }
    const deadline = w.rPhaseStart[r]! + timeout;
    if (deadline > w.t) {
      lb.queueTimer = true;
      w.q.push(deadline, EV_QUEUE_TIMEOUT, lb.idx, 0);
      return;
    }
    qu.shift();
    finish(w, r, 503, lb.node, F_QUEUE);
  }
}

/** A connection slot of server j at this LB is free: serve the backend queue. */
export function releaseSlot(w: World, lb: LbRt, j: number): void {
  lb.outstanding[j]!--;
  const node = w.nodes[lb.to[j]!]!;
  if (node.drained && !node.drainedAnnounced) checkDrained(w, node);
  const qu = lb.queue;
  while (qu.size > 0) {
    const r = qu.at(0);
    if (w.rStage[r] !== S_LBQUEUE || w.rLb[r] !== lb.idx) {
      qu.shift(); // timed out or failed meanwhile
      continue;
    }
    const k = usable(w, lb, j, -1) ? j : choose(w, lb, r, -1);
    if (k < 0) return;
    qu.shift();
    connect(w, r, lb, k);
    return;
  }
}
