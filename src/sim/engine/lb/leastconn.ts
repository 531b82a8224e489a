/** `leastconn`: fewest active connections (queued ones count) per weight, round robin among ties. */
import type { LbRt, World } from '../world';
import { usable } from './usable';

export function chooseLeastConn(w: World, lb: LbRt, excl: number): number {
  const n = lb.to.length;
  let best = -1;
  for (let k = 0; k < n; k++) {
    const j = (lb.rrPtr + k) % n;
    if (!usable(w, lb, j, excl)) continue;
    if (best < 0 || lb.outstanding[j]! * (lb.weight[best]! || 1) < lb.outstanding[best]! * (lb.weight[j]! || 1)) best = j;
  }
  lb.rrPtr = (lb.rrPtr + 1) % n;
  return best;
}
