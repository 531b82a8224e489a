/**
 * Stations: each role's workers and queue on a server (web, app, db), service times,
 * and the hop between hosts.
 */
import { C_NGX_CONNECT_TIMEOUT, C_NGX_READ_TIMEOUT, DB_CONNECT_TIMEOUT_MS, EV_DONE, F_BACKLOG, F_HUNG, F_NO_ANSWER, EV_HOP, HUNG, HUNG_BACKLOG, K_STATIC, LISTEN_BACKLOG, R_APP, R_DB, R_WEB, S_ACK, S_HOP, S_QUEUED, S_RETURN, S_SERVICE, S_TO_ENTRY, STATION_PROCESS, UP } from './constants';
import type { World, Station } from './world';
import { atEntry } from './clients';
import { toApp } from './nginx';
import { toDb, dbDone } from './mysql';
import { complete, deadlineWait, failLater, finishOk } from './requests';
import { checkDrained } from './actions';

/** Move r to station st, across one network hop from `fromNode` when hosts differ. */
export function sendTo(w: World, r: number, fromNode: number, st: number): void {
  const s = w.stations[st]!;
  w.rStation[r] = st;
  w.rFrom[r] = fromNode;
  w.rTo[r] = s.host;
  if (w.hopMs > 0 && fromNode !== s.host) {
    w.rStage[r] = S_HOP;
    w.rPhaseStart[r] = w.t;
    w.rPhaseEnd[r] = w.t + w.hopMs;
    w.q.push(w.t + w.hopMs, EV_HOP, r, w.rGen[r]!);
  } else enter(w, r, s);
}

export function onHop(w: World, r: number): void {
  const stage = w.rStage[r];
  if (stage === S_RETURN) return finishOk(w, r);
  if (stage === S_ACK) {
    w.writesOk++;
    return complete(w, r);
  }
  if (stage === S_TO_ENTRY) return atEntry(w, r);
  const s = w.stations[w.rStation[r]!]!;
  // The host went dark while the request travelled: nothing answers it.
  if (w.nodes[s.host]!.state === HUNG) return deadlineWait(w, r, C_NGX_CONNECT_TIMEOUT, s.host, F_NO_ANSWER);
  enter(w, r, s);
}

export function enter(w: World, r: number, s: Station): void {
  if (s.proc !== UP) return enterHung(w, r, s);
  if (s.busy < s.workers) startService(w, r, s);
  else if (s.queue.size >= LISTEN_BACKLOG) {
    // Accept queue full: the kernel drops the SYN, the caller retransmits until it gives
    // up (the app's MySQL connect timeout, HAProxy's `timeout server` otherwise).
    w.fullBacklogs++;
    if (s.role === R_DB) failLater(w, r, 504, DB_CONNECT_TIMEOUT_MS, s.host, F_BACKLOG);
    else deadlineWait(w, r, C_NGX_CONNECT_TIMEOUT, s.host, F_BACKLOG);
  } else {
    w.rStage[r] = S_QUEUED;
    w.rPhaseStart[r] = w.t;
    w.rPhaseEnd[r] = w.t;
    s.queue.push(r);
  }
}

/**
 * r reaches a hung process: the kernel accepts the connection into the listen backlog
 * and nobody ever answers, so r waits for the first timeout (see deadlineWait). The
 * backlog holds HUNG_BACKLOG connections; then the kernel drops SYNs.
 */
export function enterHung(w: World, r: number, s: Station): void {
  const host = w.nodes[s.host]!;
  if (s.backlog < HUNG_BACKLOG) {
    s.backlog++;
    if (s.backlog === HUNG_BACKLOG)
      w.event('backlog_full', host.id, `${host.id}'s hung ${STATION_PROCESS[s.role]} has ${HUNG_BACKLOG} connections waiting in its listen backlog: the kernel now drops new SYNs, so connects (and TCP checks) time out`, { component: STATION_PROCESS[s.role] });
  }
  deadlineWait(w, r, C_NGX_READ_TIMEOUT, s.host, F_HUNG);
}

export function setBusy(w: World, s: Station, delta: number): void {
  s.area += s.busy * (w.t - s.lastT);
  s.lastT = w.t;
  s.busy += delta;
}

export function startService(w: World, r: number, s: Station): void {
  setBusy(w, s, 1);
  const mean = s.role === R_WEB && w.rKind[r] === K_STATIC ? s.staticMean : s.mean;
  const d = s.det ? mean : w.rng.exp(mean);
  w.rStage[r] = S_SERVICE;
  w.rPhaseStart[r] = w.t;
  w.rPhaseEnd[r] = w.t + d;
  w.q.push(w.t + d, EV_DONE, r, w.rGen[r]!);
}

export function onServiceDone(w: World, r: number): void {
  const s = w.stations[w.rStation[r]!]!;
  setBusy(w, s, -1);
  if (s.queue.size > 0 && s.busy < s.workers) startService(w, s.queue.shift(), s); // (busy ≥ workers after set_workers lowered them)
  const host = w.nodes[s.host]!;
  if (host.drained && !host.drainedAnnounced) checkDrained(w, host);
  switch (s.role) {
    case R_APP:
      if (host.writeTo < 0) return complete(w, r);
      return toDb(w, r, host);
    case R_WEB:
      if (w.rKind[r] === K_STATIC || host.upstream.length === 0) return complete(w, r);
      return toApp(w, r, host);
    default:
      return dbDone(w, r, host);
  }
}
