/**
 * A fixed-size log-bucketed latency histogram: percentiles of an unbounded stream of
 * values in constant memory.
 *
 * Why: the engine used to keep every successful request's latency to compute exact
 * percentiles, so a long run (a live view left open for an hour, a headless run of
 * several simulated hours) grew without bound. Here buckets are 1 % wide on a log
 * scale from {@link HIST_MIN_MS} to {@link HIST_MAX_MS}; a percentile is reported as
 * its bucket's geometric midpoint, which is within {@link HIST_RELATIVE_ERROR}
 * (√1.01 − 1 ≈ 0.499 %) of the exact nearest-rank value. The count, sum, minimum and
 * maximum are kept exactly, so the mean and p100 are exact and a percentile never lies
 * outside the observed range.
 *
 * Range: values at or below 1 µs share the first bucket; values above 10⁷ ms (≈ 2.8 h)
 * share the last one, whose percentiles are reported as the largest value seen (exact
 * for p100, an upper bound otherwise). 2 317 buckets, 18.5 KB.
 */

/** Lower edge of the first log bucket, ms (1 µs). */
export const HIST_MIN_MS = 1e-3;
/** Upper edge of the last log bucket, ms (10⁷ ms ≈ 2.8 h). */
export const HIST_MAX_MS = 1e7;
/** Ratio between consecutive bucket edges. */
const GROWTH = 1.01;
/** Worst-case relative error of a reported percentile inside the range: √GROWTH − 1. */
export const HIST_RELATIVE_ERROR = Math.sqrt(GROWTH) - 1;

const INV_LN_GROWTH = 1 / Math.log(GROWTH);
/** Log buckets covering [MIN, MAX], plus one underflow (index 0) and one overflow (last). */
const LOG_BUCKETS = Math.ceil(Math.log(HIST_MAX_MS / HIST_MIN_MS) * INV_LN_GROWTH);
/** Total bucket count. */
export const HIST_BUCKETS = LOG_BUCKETS + 2;
const OVERFLOW = HIST_BUCKETS - 1;

/** Bucket index of a value: 0 for ≤ MIN, 1..LOG_BUCKETS inside the range, OVERFLOW above MAX. */
function bucketOf(v: number): number {
  if (!(v > HIST_MIN_MS)) return 0; // also catches NaN
  if (v > HIST_MAX_MS) return OVERFLOW;
  const b = 1 + Math.floor(Math.log(v / HIST_MIN_MS) * INV_LN_GROWTH);
  return b <= LOG_BUCKETS ? b : LOG_BUCKETS;
}

/** Geometric midpoint of log bucket b (1..LOG_BUCKETS). */
function midpointOf(b: number): number {
  return HIST_MIN_MS * Math.pow(GROWTH, b - 0.5);
}

/** Log-bucketed histogram with exact count, sum, min and max. See the module comment for its precision. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(HIST_BUCKETS);
  /** Number of recorded values (exact). */
  count = 0;
  /** Sum of recorded values (exact up to floating-point addition). */
  sum = 0;
  /** Smallest recorded value, or +Infinity when empty. */
  min = Infinity;
  /** Largest recorded value, or −Infinity when empty. */
  max = -Infinity;

  /** Record one value (ms). Negative values count as 0. */
  record(v: number): void {
    if (v < 0) v = 0;
    this.counts[bucketOf(v)]!++;
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** Exact arithmetic mean, 0 when empty. */
  mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /**
   * Nearest-rank percentile for q in [0, 1] (q = 0.99 is p99), within
   * {@link HIST_RELATIVE_ERROR} of the exact value for values in range; 0 when empty.
   */
  quantile(q: number): number {
    return this.quantiles([q])[0]!;
  }

  /** Several percentiles in one pass over the buckets; `qs` in any order. */
  quantiles(qs: readonly number[]): number[] {
    const out = new Array<number>(qs.length).fill(0);
    if (this.count === 0) return out;
    const order = qs.map((q, i) => [Math.max(1, Math.ceil(Math.min(1, Math.max(0, q)) * this.count)), i] as const).sort((a, b) => a[0] - b[0]);
    let acc = 0;
    let b = 0;
    for (const [rank, i] of order) {
      if (rank >= this.count) {
        out[i] = this.max; // p100 is the maximum, kept exactly
        continue;
      }
      while (acc + this.counts[b]! < rank) acc += this.counts[b++]!;
      out[i] = this.valueOf(b);
    }
    return out;
  }

  /** Forget everything recorded. */
  clear(): void {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Representative value of bucket b, clamped to the observed range. */
  private valueOf(b: number): number {
    if (b === 0) return this.min; // every value here is ≤ 1 µs
    if (b === OVERFLOW) return this.max;
    const v = midpointOf(b);
    return v < this.min ? this.min : v > this.max ? this.max : v;
  }
}
