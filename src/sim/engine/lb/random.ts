/** `random(<draws>)`: draw `draws` distinct servers at random, keep the least loaded (2 = power of two choices). */
import type { LbRt, World } from '../world';
import { usable } from './usable';

export function chooseRandom(w: World, lb: LbRt, excl: number): number {
  let m = 0;
  const sc = lb.scratch;
  for (let j = 0; j < lb.to.length; j++) if (usable(w, lb, j, excl)) sc[m++] = j;
  if (m === 0) return -1;
  let best = sc[w.rng.int(m)]!;
  const draws = Math.min(lb.draws, m);
  for (let d = 1; d < draws; d++) {
    let c = sc[w.rng.int(m)]!;
    while (c === best) c = sc[w.rng.int(m)]!; // distinct draws
    if (lb.outstanding[c]! < lb.outstanding[best]!) best = c;
  }
  return best;
}
