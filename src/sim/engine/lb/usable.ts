/**
 * Which back ends a load balancer may pick right now (HAProxy's view, drain, weight, maxconn).
 */
import { A_SRR } from '../constants';
import type { World, LbRt } from '../world';

// ---------------------------------------------------------------- load balancer

export function usable(w: World, lb: LbRt, j: number, excl: number): boolean {
  if (j === excl || lb.up[j] === 0) return false;
  const n = w.nodes[lb.to[j]!]!;
  if (n.drained) return false;
  if (lb.weight[j] === 0 && lb.alg !== A_SRR) return false;
  if (lb.maxconn > 0 && lb.outstanding[j]! >= lb.maxconn) return false;
  return true;
}

export function anyRunning(w: World, lb: LbRt): boolean {
  for (let j = 0; j < lb.to.length; j++) if (lb.up[j] && !w.nodes[lb.to[j]!]!.drained) return true;
  return false;
}
