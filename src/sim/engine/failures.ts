/**
 * Failure attribution: every failed request is counted against the node that produced
 * it and the cause (constants.ts F_*, spec/vocabulary.ts FAILURE_CAUSES), with the
 * result code, how long the client waited, and a count over the last 10 whole
 * seconds. The sites that fail a request name both (requests.ts `finish`); this module
 * keeps the tallies the snapshot and the report read.
 */
import type { FailureCount } from '../spec/types';
import { FAILURE_CAUSES, FAILURE_WINDOW_S } from '../spec/vocabulary';
import { DNS_ID } from '../spec/topology';
import { BLAME_DNS, C_CLIENT_TIMEOUT } from './constants';
import type { World } from './world';

/** One (node, cause, code)'s failures. */
export class FailTally {
  count = 0;
  waitSum = 0;
  waitMax = 0;
  /** Per-second counts of the last FAILURE_WINDOW_S seconds (a ring), and the newest second counted. */
  readonly ring = new Int32Array(FAILURE_WINDOW_S);
  sec = -Infinity;
  constructor(
    readonly node: number,
    readonly cause: number,
    readonly code: number,
  ) {}

  add(t: number, waited: number): void {
    this.count++;
    this.waitSum += waited;
    if (waited > this.waitMax) this.waitMax = waited;
    const s = Math.floor(t / 1000);
    if (s !== this.sec) {
      if (s - this.sec >= FAILURE_WINDOW_S) this.ring.fill(0);
      else for (let k = this.sec + 1; k <= s; k++) this.ring[k % FAILURE_WINDOW_S] = 0;
      this.sec = s;
    }
    this.ring[s % FAILURE_WINDOW_S]!++;
  }

  /** Failures in the last FAILURE_WINDOW_S whole seconds up to time t (the current second included). */
  recent(t: number): number {
    const s = Math.floor(t / 1000);
    let n = 0;
    for (let k = Math.max(0, this.sec - FAILURE_WINDOW_S + 1, s - FAILURE_WINDOW_S + 1); k <= this.sec; k++) n += this.ring[k % FAILURE_WINDOW_S]!;
    return n;
  }
}

/** A result code's index in the tally key (0 no answer, 1 client gave up, 500–504). */
function codeIdx(code: number): number {
  return code <= C_CLIENT_TIMEOUT ? code : code - 498;
}

/** Count request r's failure (code, waited ms) against `node` and `cause`. */
export function attribute(w: World, node: number, cause: number, code: number, waited: number): void {
  const key = ((node + 2) * 32 + cause) * 8 + codeIdx(code);
  let tally = w.failBy.get(key);
  if (!tally) w.failBy.set(key, (tally = new FailTally(node, cause, code)));
  tally.add(w.t, waited);
}

/** A result code's name: "503", "no_answer", "client_timeout". */
export function codeName(c: number): string {
  return c === 0 ? 'no_answer' : c === C_CLIENT_TIMEOUT ? 'client_timeout' : String(c);
}

export function blamedId(w: World, node: number): string {
  return node === BLAME_DNS || node < 0 ? DNS_ID : w.nodes[node]!.id;
}

/** Every (node, cause, code) with failures, most first (then by node and cause, for a stable order). */
export function failureCounts(w: World): FailureCount[] {
  const out: FailureCount[] = [];
  for (const f of w.failBy.values())
    out.push({
      node: blamedId(w, f.node),
      cause: FAILURE_CAUSES[f.cause]!.cause,
      code: codeName(f.code),
      total: f.count,
      recent: f.recent(w.t),
      wait_mean_ms: Math.round((f.waitSum / f.count) * 10) / 10,
      wait_max_ms: Math.round(f.waitMax * 10) / 10,
    });
  return out.sort((a, b) => b.total - a.total || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0) || (a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0) || (a.code < b.code ? -1 : 1));
}
