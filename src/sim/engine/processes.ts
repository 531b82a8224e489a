/**
 * Processes: what happens to the requests inside a process when it dies or hangs,
 * and to the load balancer's own processes (HAProxy, keepalived) when they restart.
 * A machine-wide fault (`kill:NODE`, `blackhole:NODE`) applies the same rules to each
 * of its processes.
 */
import { C_NGX_READ_TIMEOUT, DOWN, EV_CHECK, F_DIED, F_HUNG, F_NO_ANSWER, R_APP, R_DB, R_WEB, S_ACK, S_FAILING, S_HOP, S_QUEUED, S_SERVICE } from './constants';
import { upstreamLost } from './nginx';
import { deadlineWait, finish } from './requests';
import { enter, setBusy } from './stations';
import type { LbRt, Station, World } from './world';

/**
 * The process at station s died (`how` DOWN) or hung: requests inside it (served,
 * queued, arriving, waiting for a semi-sync ack) lose it. A death resets their
 * connections: behind Nginx a GET is retried on the next app, a POST gets 502 (a dead
 * MySQL's callers get 500); a hang leaves them waiting for the first timeout. Each
 * request's pending events are cancelled first, so none finishes twice.
 */
export function stationLost(w: World, s: Station, how: number, machine: boolean): void {
  if (how === DOWN) {
    s.epoch++;
    const host = w.nodes[s.host]!;
    if (s.idx === (host.web >= 0 ? host.web : host.app)) host.entryEpoch = s.epoch;
    if (s.idx === host.app) host.appEpoch = s.epoch;
  }
  const victims: number[] = [];
  for (let i = 0; i < w.liveN; i++) {
    const r = w.live[i]!;
    if (w.rStation[r] !== s.idx) continue;
    const stage = w.rStage[r];
    if (stage === S_SERVICE || stage === S_QUEUED || stage === S_HOP || stage === S_ACK || (how === DOWN && stage === S_FAILING)) victims.push(r);
  }
  s.queue.clear();
  setBusy(w, s, -s.busy);
  w.nodes[s.host]!.failed += victims.length;
  for (const r of victims) {
    if (w.rStage[r] === S_ACK) w.writesFailed++; // committed, never confirmed
    w.rGen[r]!++; // cancel its service end, hop or timer: it must not finish twice
    if (how !== DOWN) deadlineWait(w, r, s.role === R_WEB ? 0 : C_NGX_READ_TIMEOUT, s.host, machine ? F_NO_ANSWER : F_HUNG);
    else if (s.role === R_APP && upstreamLost(w, r)) continue;
    else finish(w, r, s.role === R_DB && !machine ? 500 : 502, s.host, F_DIED);
  }
}

/** A hung process resumes (SIGCONT): it accepts what waited in its backlog and serves it. */
export function stationResumed(w: World, s: Station): void {
  const waiting: number[] = [];
  for (let i = 0; i < w.liveN; i++) {
    const r = w.live[i]!;
    if (w.rStation[r] === s.idx && w.rStage[r] === S_FAILING && w.rCode[r] !== 0) waiting.push(r);
  }
  s.backlog = 0;
  s.lastT = w.t;
  for (const r of waiting) {
    w.rGen[r]!++;
    w.rBlame[r] = -1; // it is answered after all: the hang no longer counts against it
    enter(w, r, s);
  }
}

/** HAProxy starts afresh (restart or restore): every server UP, counters reset, checks from a random phase. */
export function restartHaproxy(w: World, lb: LbRt): void {
  lb.up.fill(1);
  lb.fails.fill(0);
  lb.succ.fill(0);
  lb.outstanding.fill(0);
  lb.checkPending.fill(0);
  lb.queue.clear();
  restartChecks(w, lb);
}

/** Schedule every server's next check at a random phase of `inter`. */
export function restartChecks(w: World, lb: LbRt): void {
  for (let j = 0; j < lb.to.length; j++) {
    lb.checkGen[j]!++;
    w.q.push(w.t + w.rng.next() * lb.inter, EV_CHECK, lb.idx * 65536 + j, lb.checkGen[j]!);
  }
}
