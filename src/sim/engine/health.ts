/**
 * HAProxy health checks: `inter`, `fastinter`, `fall`, `rise`, check timeouts, and
 * the check's type:
 * - `tcp` (plain `check`): a connection to the server's port. A dead process refuses it
 *   at once; a blackholed host lets it time out; a *hung* process passes it while the
 *   kernel still accepts into its listen backlog (and fills that backlog by one).
 *   It says nothing about the application behind Nginx.
 * - `http` (`option httpchk GET /health`): a request through Nginx to the app and the
 *   app's database. A dead app (502) or dead MySQL (500) fails it at once, like a
 *   refused port; anything hung on the way fails it at the check timeout.
 */
import { DOWN, EV_CHECK, EV_CHECK_OK, EV_CHECK_RESULT, fmtS, HUNG, HUNG_BACKLOG, PORT_HTTP, PORT_HTTPS, STATION_PROCESS, STOPPED, UP } from './constants';
import { allowed } from './firewall';
import type { LbRt, NodeRt, World } from './world';

/** How one check ends: at once (pass or fail with a reason) or by timing out. */
const PASS = 0;
const FAIL = 1;
const TIMEOUT = 2;
let why = '';

export function onCheck(w: World, li: number, j: number, gen: number): void {
  const lb = w.lbs[li]!;
  if (lb.checkGen[j] !== gen) return;
  const lbNode = w.nodes[lb.node]!;
  if (lbNode.state !== UP || lb.haproxy !== UP) return; // a dead or hung HAProxy checks nothing; restore restarts checks
  const srv = w.nodes[lb.to[j]!]!;
  const port = lb.spec.tls === 'passthrough' || lb.spec.tls === 'reencrypt' ? PORT_HTTPS : PORT_HTTP;
  const outcome = !allowed(w, srv, port, lb.node) ? ((why = 'check timed out: the firewall drops it'), TIMEOUT) : lb.httpCheck ? httpCheck(w, lb, srv) : tcpCheck(w, srv);
  if (outcome === PASS) return checkResult(w, li, j, true, '');
  if (outcome === FAIL) return checkResult(w, li, j, false, why);
  // The check waits for its timeout.
  lb.checkGen[j]!++;
  lb.checkStart[j] = w.t;
  lb.checkPending[j] = 1;
  lb.checkWhy[j] = why;
  w.q.push(w.t + lb.checkTimeout, EV_CHECK_RESULT, li * 65536 + j, lb.checkGen[j]!);
}

function tcpCheck(w: World, srv: NodeRt): number {
  if (srv.state === DOWN || srv.state === STOPPED) return (why = 'connection refused'), FAIL;
  if (srv.state === HUNG) return (why = 'check timed out: no answer from the host'), TIMEOUT;
  const st = w.stations[srv.web >= 0 ? srv.web : srv.app]!;
  if (st.proc === DOWN) return (why = `connection refused: ${STATION_PROCESS[st.role]} is dead`), FAIL;
  if (st.proc === HUNG) {
    // The kernel completes the handshake into the hung process's backlog: the check passes.
    if (st.backlog < HUNG_BACKLOG) {
      st.backlog++;
      return PASS;
    }
    return (why = `check timed out: the hung ${STATION_PROCESS[st.role]}'s listen backlog is full`), TIMEOUT;
  }
  return PASS;
}

/** An HTTP check follows the request's path: Nginx, the app it proxies to, the app's database. */
function httpCheck(w: World, lb: LbRt, srv: NodeRt): number {
  const path = `GET ${lb.checkPath}`;
  if (srv.state === DOWN || srv.state === STOPPED) return (why = 'connection refused'), FAIL;
  if (srv.state === HUNG) return (why = `${path} timed out: no answer from the host`), TIMEOUT;
  let app = srv;
  if (srv.web >= 0) {
    const nginx = w.stations[srv.web]!;
    if (nginx.proc === DOWN) return (why = 'connection refused: nginx is dead'), FAIL;
    if (nginx.proc === HUNG) return (why = `${path} timed out: nginx is hung`), TIMEOUT;
    if (srv.upstream.length === 0) return PASS; // static site: Nginx answers itself
    // The app Nginx would use now (skipping the upstreams it marked failed).
    let found: NodeRt | undefined;
    for (let i = 0; i < srv.upstream.length && !found; i++) if (srv.upFailedUntil[i]! <= w.t) found = w.nodes[srv.upstream[i]!];
    if (!found) return (why = `${path} answered 502: no live upstream behind nginx`), FAIL;
    app = found;
  }
  if (app.state === DOWN || app.state === STOPPED || w.stations[app.app]!.proc === DOWN) return (why = `${path} answered 502: the app server ${app === srv ? '' : `${app.id} `}is dead`), FAIL;
  if (app.state === HUNG || w.stations[app.app]!.proc === HUNG) return (why = `${path} timed out: the app ${app === srv ? '' : `on ${app.id} `}is hung`), TIMEOUT;
  const dbIdx = app.followsPrimary && w.primary >= 0 ? w.primary : app.writeTo;
  if (dbIdx >= 0) {
    const db = w.nodes[dbIdx]!;
    const mysql = w.stations[db.db]!;
    if (db.state === DOWN || db.state === STOPPED || mysql.proc === DOWN) return (why = `${path} answered 500: the app cannot reach MySQL on ${db.id}`), FAIL;
    if (db.state === HUNG || mysql.proc === HUNG) return (why = `${path} timed out: MySQL on ${db.id} does not answer`), TIMEOUT;
  }
  return PASS;
}

/**
 * A server came back while a check of it waited for its timeout: the check's SYN is
 * retransmitted 1 s and 3 s after it started, so it succeeds at the first retransmit
 * that falls before the timeout (a hung process resumed answers at once).
 */
export function checksOnRestore(w: World, n: NodeRt, resumed: boolean): void {
  for (const lb of w.lbs) {
    const j = lb.to.indexOf(n.idx);
    if (j < 0 || !lb.checkPending[j]) continue;
    const start = lb.checkStart[j]!;
    let at = w.t;
    if (!resumed) {
      at = start + 1000;
      while (at < w.t) at = start + (at - start) * 2 + 1000;
    }
    if (at >= start + lb.checkTimeout) continue;
    lb.checkGen[j]!++;
    lb.checkPending[j] = 0;
    w.q.push(at, EV_CHECK_OK, lb.idx * 65536 + j, lb.checkGen[j]!);
  }
}

export function checkResult(w: World, li: number, j: number, okCheck: boolean, reason: string): void {
  const lb = w.lbs[li]!;
  lb.checkPending[j] = 0;
  const srv = w.nodes[lb.to[j]!]!;
  const lbId = w.nodes[lb.node]!.id;
  const kind = lb.httpCheck ? 'HTTP' : 'TCP';
  if (okCheck) {
    lb.fails[j] = 0;
    if (!lb.up[j]) {
      lb.succ[j]!++;
      if (lb.succ[j]! >= lb.rise) {
        lb.up[j] = 1;
        lb.succ[j] = 0;
        w.event('marked_up', srv.id, `${lbId} marked ${srv.id} UP: ${lb.rise} successful check${lb.rise === 1 ? '' : 's'}, ${fmtS(lb.fastinter)} apart (${kind} checks; rise ${lb.rise})`, { lb: lbId, check: kind.toLowerCase() });
      }
    }
  } else {
    lb.succ[j] = 0;
    if (lb.up[j]) {
      lb.fails[j]!++;
      if (lb.fails[j]! >= lb.fall) {
        lb.up[j] = 0;
        lb.fails[j] = 0;
        w.event('marked_down', srv.id, `${lbId} marked ${srv.id} DOWN: ${lb.fall} failed checks, ${fmtS(lb.fastinter)} apart (${kind} check: ${reason}; fall ${lb.fall})`, { lb: lbId, reason, check: kind.toLowerCase() });
      }
    }
  }
  // The next check starts `inter` after this one completed; `fastinter` while in transition.
  const transition = (lb.up[j] && lb.fails[j]! > 0) || (!lb.up[j] && lb.succ[j]! > 0);
  lb.checkGen[j]!++;
  w.q.push(w.t + (transition ? lb.fastinter : lb.inter), EV_CHECK, li * 65536 + j, lb.checkGen[j]!);
}
