/**
 * The end of a request: its answer travelling back, success, failure and timeouts.
 */
import { EV_HOP, EV_FAIL, S_RETURN, S_FAILING, UP, C_OK, histBin } from './constants';
import type { World } from './world';
import { releaseSlot } from './lb/index';

/** The request's work is done: check the path back still exists, then answer. */
export function complete(w: World, r: number): void {
  const lbI = w.rLb[r]!;
  if (lbI >= 0) {
    const lbNode = w.nodes[w.lbs[lbI]!.node]!;
    if (lbNode.epoch !== w.rLbEpoch[r] || lbNode.state !== UP) return finish(w, r, 0);
  }
  const wh = w.rWebHost[r]!;
  if (wh >= 0 && w.nodes[wh]!.epoch !== w.rWebEpoch[r]) return finish(w, r, 502);
  const ah = w.rAppHost[r]!;
  if (ah >= 0 && ah !== wh && w.nodes[ah]!.epoch !== w.rAppEpoch[r]) return finish(w, r, 502);
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
    if (latency - w.rHops[r]! * w.hopMs * 2 - w.clientMs * 2 > timeout) return finish(w, r, 504); // answered after HAProxy gave up
    w.nodes[lb.node]!.served++;
  }
  const wh = w.rWebHost[r]!;
  if (wh >= 0) w.nodes[wh]!.served++;
  const ah = w.rAppHost[r]!;
  if (ah >= 0 && ah !== wh) w.nodes[ah]!.served++;
  const dh = w.rDbHost[r]!;
  if (dh >= 0 && dh !== wh && dh !== ah) w.nodes[dh]!.served++;
  w.ok++;
  w.curOk++;
  w.curHist[histBin(latency)]!++;
  if (start >= w.warmupMs) w.lat.record(latency);
  endRequest(w, r);
}


/** Fail request r now with `code` (0 = no answer). */
export function finish(w: World, r: number, code: number): void {
  if (code === C_OK) return finishOk(w, r);
  w.failed++;
  w.curFail++;
  const waited = w.t - w.rStart[r]!;
  w.failWaitSum += waited;
  if (waited > w.failWaitMax) w.failWaitMax = waited;
  w.byCode.set(code, (w.byCode.get(code) ?? 0) + 1);
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


export function failLater(w: World, r: number, code: number, delay: number): void {
  w.rStage[r] = S_FAILING;
  w.rCode[r] = code;
  w.rPhaseStart[r] = w.t;
  w.rPhaseEnd[r] = w.t + delay;
  w.q.push(w.t + delay, EV_FAIL, r, w.rGen[r]!);
}


export function hangFail(w: World, r: number): void {
  const lbI = w.rLb[r]!;
  const timeout = lbI >= 0 ? (w.lbs[lbI]!.spec.timeout_server_ms ?? 30000) : 30000;
  failLater(w, r, 504, Math.max(0, w.rStart[r]! + timeout - w.t));
}
