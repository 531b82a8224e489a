/**
 * Nginx in front of the application servers (SIM-REFERENCE "Web server"): round robin
 * over the upstreams with the default passive checks (`max_fails 1`, `fail_timeout 10s`
 * in whole seconds), `proxy_next_upstream error timeout`, and `proxy_connect_timeout` /
 * `proxy_read_timeout` (60 s by default, per web server):
 * - a refused upstream fails at once and the request goes to the next one;
 * - an upstream whose packets are dropped (blackholed host, firewall) is a connect
 *   timeout: after `proxy_connect_timeout` every method is retried (nothing was sent);
 * - a hung upstream (process stopped, kernel accepting) counts as failed only when
 *   `proxy_read_timeout` fires: then GETs are retried on the next upstream and POSTs
 *   get 504 (non-idempotent requests are not retried once sent);
 * - requests inside an app that dies: GETs retried, POSTs 502, the peer disabled at once;
 * - a failed peer is skipped for `fail_timeout`, then gets one live request per
 *   `fail_timeout` until one succeeds (Nginx's clock ticks in whole seconds: 10–11 s).
 */
import { C_NGX_CONNECT_TIMEOUT, C_NGX_READ_TIMEOUT, DOWN, F_DIED, F_FIREWALL, F_HUNG, F_NO_ANSWER, F_NO_UPSTREAM, F_REFUSED, fmtS, HUNG, HUNG_BACKLOG, K_WRITE, NGINX_FAIL_TIMEOUT_S, PORT_APP, S_CONNECT, STOPPED, UP } from './constants';
import { allowed, dropEvent } from './firewall';
import { deadlineWait, finish } from './requests';
import { sendTo } from './stations';
import type { NodeRt, World } from './world';

/** When a peer that failed (or was re-tried) at time t may be used again: Nginx's `now - checked > fail_timeout`, in whole seconds. */
export function ngxRecheckAt(t: number): number {
  return (Math.floor(t / 1000) + NGINX_FAIL_TIMEOUT_S + 1) * 1000;
}

/** Nginx records a failure of upstream i (max_fails 1): it is skipped for fail_timeout. */
export function upstreamFailed(w: World, web: NodeRt, i: number, why: string): void {
  const first = web.upFails[i] === 0;
  web.upFails[i]!++;
  web.upAnyFails = true;
  web.upFailedUntil[i] = ngxRecheckAt(w.t);
  if (first) {
    const app = w.nodes[web.upstream[i]!]!.id;
    w.event('upstream_failed', app, `${web.id}'s Nginx marked upstream ${app} failed (${why}): skipped for fail_timeout ${NGINX_FAIL_TIMEOUT_S} s, then re-tried with one request every 10–11 s (max_fails 1)`, { web: web.id, reason: why });
  }
}

/** A success resets Nginx's failure count of the app that answered. */
export function upstreamOk(web: NodeRt, app: number): void {
  const i = web.upstream.indexOf(app);
  if (i < 0 || web.upFails[i] === 0) return;
  web.upFails[i] = 0;
  web.upFailedUntil[i] = -Infinity;
  web.upAnyFails = web.upFails.some((x) => x > 0);
}

/**
 * Nginx proxies a dynamic request to an upstream app server (round robin, passive
 * checks), skipping upstreams this request already tried. `failCode`: what the client
 * gets when no upstream is left (502 "no live upstreams"; 504 after a timeout).
 */
export function toApp(w: World, r: number, web: NodeRt, failCode = 502): void {
  const n = web.upstream.length;
  let refused = -1;
  for (let k = 0; k < n; k++) {
    const i = (web.upPtr + k) % n;
    const bit = i < 31 ? 1 << i : 0;
    if (w.rTried[r]! & bit) continue;
    if (web.upFailedUntil[i]! > w.t) continue;
    const app = w.nodes[web.upstream[i]!]!;
    if (app.drained && app.idx !== web.idx) continue; // taken out of the upstream for a deploy
    // A peer with failures gets this one request, then waits fail_timeout again.
    if (web.upFails[i]! > 0) {
      web.upFailedUntil[i] = ngxRecheckAt(w.t);
      w.event('upstream_retried', app.id, `${web.id}'s Nginx re-tries ${app.id} with one live request (fail_timeout ${NGINX_FAIL_TIMEOUT_S} s passed, whole seconds)`, { web: web.id });
    }
    w.rTried[r]! |= bit;
    const st = w.stations[app.app]!;
    if (app.idx !== web.idx) {
      const fwOk = allowed(w, app, PORT_APP, web.idx);
      if (!fwOk) {
        w.fwDropped++;
        dropEvent(w, app, PORT_APP, web.idx);
      }
      if (!fwOk || app.state === HUNG || (st.proc === HUNG && st.backlog >= HUNG_BACKLOG)) {
        // Nothing answers the SYN: Nginx waits proxy_connect_timeout, then tries the next upstream.
        web.upPtr = (i + 1) % n;
        w.rAppHost[r] = app.idx;
        w.rAppT[r] = w.t;
        w.rStage[r] = S_CONNECT;
        w.rFrom[r] = web.idx;
        w.rTo[r] = app.idx;
        return deadlineWait(w, r, C_NGX_CONNECT_TIMEOUT, app.idx, !fwOk ? F_FIREWALL : app.state === HUNG ? F_NO_ANSWER : F_HUNG);
      }
    }
    if (app.state === DOWN || app.state === STOPPED || st.proc === DOWN) {
      upstreamFailed(w, web, i, 'connection refused');
      refused = app.idx;
      continue;
    }
    if (app.idx !== web.idx) w.rHops[r] = (w.rHops[r] ?? 0) + 1;
    web.upPtr = (i + 1) % n;
    w.rAppHost[r] = app.idx;
    w.rAppEpoch[r] = app.appEpoch;
    w.rAppT[r] = w.t;
    app.hits += app.idx === web.idx ? 0 : 1;
    sendTo(w, r, web.idx, app.app);
    return;
  }
  web.failed++;
  // No live upstream: blamed on the last app that refused, else on what failed before
  // (a timeout, an app that died), else on Nginx, whose every upstream was marked failed.
  if (refused >= 0) finish(w, r, failCode, refused, F_REFUSED);
  else if (w.rBlame[r]! >= 0) finish(w, r, failCode, w.rBlame[r]!, w.rCause[r]!);
  else finish(w, r, failCode, web.idx, F_NO_UPSTREAM);
}

/** Nginx's own timeout fired for request r (see the C_NGX_* codes): record the failure, then retry or answer 504. */
export function ngxTimeout(w: World, r: number, code: number): void {
  const web = w.nodes[w.rWebHost[r]!]!;
  const i = web.upstream.indexOf(w.rAppHost[r]!);
  const read = code === C_NGX_READ_TIMEOUT;
  if (i >= 0) upstreamFailed(w, web, i, read ? `no answer within proxy_read_timeout ${fmtS(web.ngxReadMs)}` : `no connection within proxy_connect_timeout ${fmtS(web.ngxConnectMs)}`);
  w.event('upstream_timeout', web.id, `${web.id}'s Nginx timed out on ${w.nodes[w.rAppHost[r]!]!.id} after ${fmtS(read ? web.ngxReadMs : web.ngxConnectMs)}: ${read && w.rKind[r] === K_WRITE ? 'a POST gets 504 (not retried once sent)' : 'the request is retried on the next upstream'}`, { app: w.nodes[w.rAppHost[r]!]!.id, timeout: read ? 'proxy_read_timeout' : 'proxy_connect_timeout' });
  if (read && w.rKind[r] === K_WRITE) return finish(w, r, 504, w.rBlame[r]!, w.rCause[r]!);
  w.rAppHost[r] = -1;
  w.rStation[r] = web.web;
  toApp(w, r, web, 504);
}

/**
 * Request r was inside (or behind) its app server when that app died. Nginx on another
 * live host sees the connection reset: it disables the peer at once, retries a GET on
 * the next upstream and answers a POST with 502. Returns false when Nginx cannot help
 * (no Nginx in front, or it died too): the caller fails the request.
 */
export function upstreamLost(w: World, r: number): boolean {
  const wh = w.rWebHost[r]!;
  const ah = w.rAppHost[r]!;
  if (wh < 0 || ah < 0) return false;
  const web = w.nodes[wh]!;
  if (web.state !== UP || web.web < 0 || w.stations[web.web]!.proc !== UP || w.stations[web.web]!.epoch !== w.rWebEpoch[r]) return false;
  const i = web.upstream.indexOf(ah);
  if (i >= 0) upstreamFailed(w, web, i, 'connection reset: the app died during the request');
  if (w.rKind[r] === K_WRITE) {
    finish(w, r, 502, ah, F_DIED);
    return true;
  }
  w.rBlame[r] = ah;
  w.rCause[r] = F_DIED;
  w.rGen[r]!++; // its pending events belong to the dead app
  w.rAppHost[r] = -1;
  w.rDbHost[r] = -1;
  w.rStation[r] = web.web;
  toApp(w, r, web, 502);
  return true;
}
