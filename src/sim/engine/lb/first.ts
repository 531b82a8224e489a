/** `first`: the lowest-numbered server with a free slot (needs `maxconn`). */
import type { LbRt, World } from '../world';
import { usable } from './usable';

export function chooseFirst(w: World, lb: LbRt, excl: number): number {
  for (let j = 0; j < lb.to.length; j++) if (usable(w, lb, j, excl)) return j;
  return -1;
}
