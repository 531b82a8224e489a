/**
 * `balance source` server selection (HAProxy): a hash of the client address picks
 * one of the running servers. Map-based hashing takes the hash modulo the number of
 * running servers, so when one leaves most clients move; consistent hashing places
 * servers on a ring, so only the departed server's clients move.
 */
import { hash32 } from './rng';

/** Points each server gets on the ring per unit of weight (HAProxy uses a similar order). */
const VNODES = 100;

export interface SourceHasher {
  /** Index (into the servers list) for client `client`, among servers with `usable(i)`; -1 if none. */
  pick(client: number, usable: (i: number) => boolean): number;
}

/** Map-based: hash modulo the usable servers, in list order. */
export function mapBasedHasher(count: number): SourceHasher {
  const scratch = new Int32Array(count);
  return {
    pick(client, usable) {
      let n = 0;
      for (let i = 0; i < count; i++) if (usable(i)) scratch[n++] = i;
      if (n === 0) return -1;
      return scratch[hash32(client) % n]!;
    },
  };
}

/** Consistent hashing over a ring with `VNODES × weight` points per server. */
export function consistentHasher(weights: number[]): SourceHasher {
  const points: { p: number; i: number }[] = [];
  weights.forEach((w, i) => {
    for (let v = 0; v < VNODES * Math.max(1, w); v++) points.push({ p: hash32(((i + 1) * 0x9e3779b1) ^ (v * 0x85ebca77)), i });
  });
  points.sort((x, y) => x.p - y.p || x.i - y.i);
  const ring = new Uint32Array(points.map((x) => x.p));
  const owner = new Int32Array(points.map((x) => x.i));
  return {
    pick(client, usable) {
      const h = hash32(client ^ 0x5bd1e995);
      let lo = 0;
      let hi = ring.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ring[mid]! < h) lo = mid + 1;
        else hi = mid;
      }
      for (let k = 0; k < ring.length; k++) {
        const i = owner[(lo + k) % ring.length]!;
        if (usable(i)) return i;
      }
      return -1;
    },
  };
}
