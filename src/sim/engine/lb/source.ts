/** `source`: a hash of the client's address over the running servers (map-based or consistent, see ../../hashing.ts). */
import type { LbRt, World } from '../world';
import { usable } from './usable';

export function chooseSource(w: World, lb: LbRt, r: number, excl: number): number {
  return lb.hasher.pick(w.rClient[r]!, (j) => usable(w, lb, j, excl));
}
