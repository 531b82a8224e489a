/**
 * `roundrobin` and `static-rr`: smooth weighted round robin, servers in turn in
 * proportion to their weight, interleaved rather than in bursts.
 */
import type { LbRt, World } from '../world';
import { usable } from './usable';

export function chooseRoundRobin(w: World, lb: LbRt, excl: number): number {
  let best = -1;
  let total = 0;
  const cur = lb.cur;
  for (let j = 0; j < lb.to.length; j++) {
    if (!usable(w, lb, j, excl)) continue;
    const weight = lb.weight[j]! || 1;
    cur[j]! += weight;
    total += weight;
    if (best < 0 || cur[j]! > cur[best]!) best = j;
  }
  if (best >= 0) cur[best]! -= total;
  return best;
}
