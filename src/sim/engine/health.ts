/**
 * HAProxy health checks: `inter`, `fastinter`, `fall`, `rise`, check timeouts.
 */
import { EV_CHECK, EV_CHECK_RESULT, UP, DOWN, STOPPED, PORT_HTTP, PORT_HTTPS, fmtS } from './constants';
import type { World } from './world';
import { allowed } from './firewall';

// ---------------------------------------------------------------- health checks

export function onCheck(w: World, li: number, j: number, gen: number): void {
  const lb = w.lbs[li]!;
  if (lb.checkGen[j] !== gen) return;
  const lbNode = w.nodes[lb.node]!;
  if (lbNode.state !== UP) return; // a dead LB checks nothing; restore restarts checks
  const srv = w.nodes[lb.to[j]!]!;
  const port = lb.spec.tls === 'passthrough' || lb.spec.tls === 'reencrypt' ? PORT_HTTPS : PORT_HTTP;
  const fwOk = allowed(w, srv, port, lb.node);
  if (srv.state === UP && fwOk) return checkResult(w, li, j, true, '');
  if (fwOk && (srv.state === DOWN || srv.state === STOPPED)) return checkResult(w, li, j, false, 'connection refused');
  // Hung host or dropped packets: the check waits for its timeout.
  lb.checkGen[j]!++;
  w.q.push(w.t + lb.checkTimeout, EV_CHECK_RESULT, li * 65536 + j, lb.checkGen[j]!);
}


export function checkResult(w: World, li: number, j: number, okCheck: boolean, why: string): void {
  const lb = w.lbs[li]!;
  const srv = w.nodes[lb.to[j]!]!;
  const lbId = w.nodes[lb.node]!.id;
  if (okCheck) {
    lb.fails[j] = 0;
    if (!lb.up[j]) {
      lb.succ[j]!++;
      if (lb.succ[j]! >= lb.rise) {
        lb.up[j] = 1;
        lb.succ[j] = 0;
        w.event('marked_up', srv.id, `${lbId} marked ${srv.id} UP: ${lb.rise} successful check${lb.rise === 1 ? '' : 's'}, ${fmtS(lb.fastinter)} apart (rise ${lb.rise})`, { lb: lbId });
      }
    }
  } else {
    lb.succ[j] = 0;
    if (lb.up[j]) {
      lb.fails[j]!++;
      if (lb.fails[j]! >= lb.fall) {
        lb.up[j] = 0;
        lb.fails[j] = 0;
        w.event('marked_down', srv.id, `${lbId} marked ${srv.id} DOWN: ${lb.fall} failed checks, ${fmtS(lb.fastinter)} apart (${why}; fall ${lb.fall})`, { lb: lbId, reason: why });
      }
    }
  }
  // The next check starts `inter` after this one completed; `fastinter` while in transition.
  const transition = (lb.up[j] && lb.fails[j]! > 0) || (!lb.up[j] && lb.succ[j]! > 0);
  lb.checkGen[j]!++;
  w.q.push(w.t + (transition ? lb.fastinter : lb.inter), EV_CHECK, li * 65536 + j, lb.checkGen[j]!);
}
