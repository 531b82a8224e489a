/**
 * Picks a back end with the load balancer's algorithm: one module per algorithm.
 */
import { A_FIRST, A_LC, A_RAND, A_RR, A_SRC, A_SRR } from '../constants';
import type { LbRt, World } from '../world';
import { chooseFirst } from './first';
import { chooseLeastConn } from './leastconn';
import { chooseRandom } from './random';
import { chooseRoundRobin } from './roundrobin';
import { chooseSource } from './source';

/** Choose a server (index into lb.to) for request r, or -1 when none can take it. */
export function choose(w: World, lb: LbRt, r: number, excl: number): number {
  switch (lb.alg) {
    case A_RR:
    case A_SRR:
      return chooseRoundRobin(w, lb, excl);
    case A_LC:
      return chooseLeastConn(w, lb, excl);
    case A_SRC:
      return chooseSource(w, lb, r, excl);
    case A_RAND:
      return chooseRandom(w, lb, excl);
    case A_FIRST:
      return chooseFirst(w, lb, excl);
  }
  return -1;
}
