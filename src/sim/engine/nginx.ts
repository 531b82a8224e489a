/**
 * Nginx in front of the application servers: round robin over the upstreams with
 * passive checks (`max_fails 1`, `fail_timeout 10s`).
 */
import { UP, PORT_APP, NGINX_FAIL_TIMEOUT_MS } from './constants';
import type { World, NodeRt } from './world';
import { sendTo } from './stations';
import { finish } from './requests';
import { allowed, dropEvent } from './firewall';

/** Nginx proxies a dynamic request to an upstream app server (round robin, passive checks). */
export function toApp(w: World, r: number, web: NodeRt): void {
  const n = web.upstream.length;
  for (let k = 0; k < n; k++) {
    const i = (web.upPtr + k) % n;
    if (web.upFailedUntil[i]! > w.t) continue;
    const app = w.nodes[web.upstream[i]!]!;
    if (app.drained && app.idx !== web.idx) continue; // taken out of the upstream for a deploy
    if (app.idx !== web.idx) {
      const fwOk = allowed(w, app, PORT_APP, web.idx);
      if (!fwOk) {
        w.fwDropped++;
        dropEvent(w, app, PORT_APP, web.idx);
      }
      if (app.state !== UP || !fwOk) {
        // max_fails 1: this upstream is skipped for fail_timeout; the request tries the next one.
        web.upFailedUntil[i] = w.t + NGINX_FAIL_TIMEOUT_MS;
        continue;
      }
      w.rHops[r]++;
    }
    web.upPtr = (i + 1) % n;
    w.rAppHost[r] = app.idx;
    w.rAppEpoch[r] = app.epoch;
    app.hits += app.idx === web.idx ? 0 : 1;
    sendTo(w, r, web.idx, app.app);
    return;
  }
  web.failed++;
  finish(w, r, 502); // no live upstream
}
