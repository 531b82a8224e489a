/**
 * Edit distance and "did you mean …?" — one module for every suggestion and near
 * miss (scenario fields, lesson fields and kinds, CLI commands, typed quiz answers).
 * Pure, and below every other part: the simulator uses it too.
 */

export interface EditDistanceOptions {
  /** Stop once the distance is known to exceed this (returns max + 1). */
  max?: number;
  /** Count a swap of two neighbours as one edit (`corect`, `lsit`), not two. */
  swaps?: boolean;
}

/**
 * Levenshtein distance between `a` and `b` (insertions, deletions, substitutions;
 * with `swaps`, adjacent transpositions too). Counts UTF-16 units, which is what a
 * typo in an ASCII field name or answer is made of.
 */
export function editDistance(a: string, b: string, { max = Infinity, swaps = false }: EditDistanceOptions = {}): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (swaps && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (before[j - 2] ?? 0) + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The option closest to `word` (case ignored, a swap is one edit), if it is close enough to be what was meant. */
export function suggest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase(), { swaps: true });
    if (d < bestD) {
      bestD = d;
      best = o;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}
