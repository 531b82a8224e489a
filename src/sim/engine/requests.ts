/**
 * The end of a request: its answer travelling back, success, failure, and the
 * timeouts that end a wait on something that does not answer.
 */
import { C_CLIENT_TIMEOUT, C_NGX_READ_TIMEOUT, C_OK, EV_FAIL, EV_HOP, F_DIED, F_HUNG, F_SLOW, histBin, S_FAILING, S_RETURN, UP } from './constants';
import { attribute } from './failures';
import { SLOW_MS } from '../spec/vocabulary';
import { releaseSlot } from './lb/index';
import { upstreamLost, upstreamOk } from './nginx';
import type { World } from './world';

/** The request's work is done: check the path back still exists, then answer. */
export function complete(w: World, r: number): void {
  const lbI = w.rLb[r]!;
  if (lbI >= 0) {
    const lb = w.lbs[lbI]!;
    const lbNode = w.nodes[lb.node]!;
    if (lbNode.epoch !== w.rLbEpoch[r] || lbNode.state !== UP) return finish(w, r, 0, lb.node, F_DIED);
    // A hung HAProxy holds the answer: the client waits until it gives up.
    if (lb.haproxy !== UP) return deadlineWait(w, r, C_CLIENT_TIMEOUT, lb.node, F_HUNG);
  }
  const wh = w.rWebHost[r]!;
  if (wh >= 0 && w.nodes[wh]!.entryEpoch !== w.rWebEpoch[r]) return finish(w, r, 502, wh, F_DIED);
  const ah = w.rAppHost[r]!;
  if (ah >= 0) {
    if (w.nodes[ah]!.appEpoch !== w.rAppEpoch[r]) {
      if (!upstreamLost(w, r)) finish(w, r, 502, ah, F_DIED);
      return;
    }
    if (wh >= 0 && w.nodes[wh]!.upAnyFails) upstreamOk(w.nodes[wh]!, ah);
  }
  if (w.hopMs > 0 || w.clientMs > 0) {
    // The answer travels back the way the request came; drawn on the client's edge.
    const back = w.rHops[r]! * w.hopMs + w.clientMs;
    w.rStage[r] = S_RETURN;
    w.rFrom[r] = -1;
    w.rTo[r] = w.rEntry[r]!;
    w.rPhaseStart[r] = w.t;
    w.rPhaseEnd[r] = w.t + back;
    w.q.push(w.t + back, EV_HOP, r, w.rGen[r]!);
    return;
  }
  finishOk(w, r);
}

export function finishOk(w: World, r: number): void {
  const lbI = w.rLb[r]!;
  const start = w.rStart[r]!;
  const latency = w.t - start;
  if (lbI >= 0) {
    const lb = w.lbs[lbI]!;
    const timeout = lb.spec.timeout_server_ms ?? 30000;
    if (latency - w.rHops[r]! * w.hopMs * 2 - w.clientMs * 2 > timeout) return finish(w, r, 504, slowHost(w, r), F_SLOW); // answered after HAProxy gave up
  }
  // Answered after the client gave up waiting (`network.client_timeout_s`).
  if (w.t - w.rEst[r]! > w.clientTimeoutMs) return finish(w, r, C_CLIENT_TIMEOUT, slowHost(w, r), F_SLOW);
  if (lbI >= 0) w.nodes[w.lbs[lbI]!.node]!.served++;
  const wh = w.rWebHost[r]!;
  if (wh >= 0) w.nodes[wh]!.served++;
  const ah = w.rAppHost[r]!;
  if (ah >= 0 && ah !== wh) w.nodes[ah]!.served++;
  const dh = w.rDbHost[r]!;
  if (dh >= 0 && dh !== wh && dh !== ah) w.nodes[dh]!.served++;
  w.ok++;
  w.curOk++;
  if (latency >= SLOW_MS) {
    w.slow++;
    w.curSlow++;
  }
  w.curHist[histBin(latency)]!++;
  if (start >= w.warmupMs) w.lat.record(latency);
  endRequest(w, r);
}

/** Who made an answer late: the app server it waited on, else its web server, else where it entered. */
function slowHost(w: World, r: number): number {
  const ah = w.rAppHost[r]!;
  if (ah >= 0) return ah;
  const wh = w.rWebHost[r]!;
  if (wh >= 0) return wh;
  return w.rLb[r]! >= 0 ? w.lbs[w.rLb[r]!]!.node : w.rEntry[r]!;
}

/**
 * Fail request r now with `code` (0 = no answer), attributed to node `blame` (a node
 * index; BLAME_DNS for no address) and `cause` (constants.ts F_*).
 */
export function finish(w: World, r: number, code: number, blame: number, cause: number): void {
  if (code === C_OK) return finishOk(w, r);
  w.failed++;
  w.curFail++;
  const waited = w.t - w.rStart[r]!;
  attribute(w, blame, cause, code, waited);
  w.failWaitSum += waited;
  if (waited > w.failWaitMax) w.failWaitMax = waited;
  w.byCode.set(code, (w.byCode.get(code) ?? 0) + 1);
  let wait = w.failWaitByCode.get(code);
  if (!wait) w.failWaitByCode.set(code, (wait = [0, 0, 0]));
  wait[0]++;
  wait[1] += waited;
  if (waited > wait[2]) wait[2] = waited;
  const lbI = w.rLb[r]!;
  if (lbI >= 0) {
    const n = w.nodes[w.lbs[lbI]!.node]!;
    n.failed++;
    n.errs++;
  }
  endRequest(w, r);
}

export function endRequest(w: World, r: number): void {
  const lbI = w.rLb[r]!;
  const connected = w.rConn[r] === 1;
  const j = w.rSrv[r]!;
  w.release(r);
  // Freeing the connection slot may start a queued request, so do it last. A slot
  // taken before the LB restarted belongs to the old process (its counts were reset).
  if (connected && lbI >= 0) {
    const lb = w.lbs[lbI]!;
    if (w.nodes[lb.node]!.epoch === w.rLbEpoch[r]) releaseSlot(w, lb, j);
  }
}

/** End request r `delay` ms from now with `code` (a C_NGX_* code hands it to Nginx instead), attributed to `blame` and `cause`. */
export function failLater(w: World, r: number, code: number, delay: number, blame: number, cause: number): void {
  w.rStage[r] = S_FAILING;
  w.rCode[r] = code;
  w.rBlame[r] = blame;
  w.rCause[r] = cause;
  w.rPhaseStart[r] = w.t;
  w.rPhaseEnd[r] = w.t + delay;
  w.q.push(w.t + delay, EV_FAIL, r, w.rGen[r]!);
}

/**
 * Request r waits on something that does not answer (a hung process, dropped packets).
 * The first of these timeouts ends the wait: the client's own (`client_timeout_s` after
 * its connection was established), HAProxy's `timeout server` (504), and, behind Nginx,
 * `code`'s Nginx timeout (`proxy_read_timeout` by default) counted from when Nginx sent
 * the request to the app. On a tie the server's answer (504) wins over the client's
 * giving up, as both arrive together. The failure is attributed to `blame`, the node
 * that does not answer, for `cause`.
 */
export function deadlineWait(w: World, r: number, code: number, blame: number, cause: number): void {
  let at = w.rEst[r]! + w.clientTimeoutMs;
  let why = C_CLIENT_TIMEOUT;
  const lbI = w.rLb[r]!;
  if (lbI >= 0 && code !== C_CLIENT_TIMEOUT) {
    const ha = w.rEst[r]! + (w.lbs[lbI]!.spec.timeout_server_ms ?? 30000);
    if (ha <= at) {
      at = ha;
      why = 504;
    }
  }
  if (code < 0 && w.rWebHost[r]! >= 0 && w.rAppHost[r]! >= 0) {
    const web = w.nodes[w.rWebHost[r]!]!;
    const ng = w.rAppT[r]! + (code === C_NGX_READ_TIMEOUT ? web.ngxReadMs : web.ngxConnectMs);
    if (ng < at) {
      at = ng;
      why = code;
    }
  }
  failLater(w, r, why, Math.max(0, at - w.t), blame, cause);
}
