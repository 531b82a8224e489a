/**
 * Forgiving comparison of short typed answers. A learner typing "The  CNAME."
 * means "cname"; we must not mark them wrong for case, spacing, quotes, a trailing
 * full stop or a leading article. A one-letter slip in a longer word ("replcia")
 * still counts, with a spelling note, because the quiz tests understanding, not
 * typing.
 */
import { editDistance } from '../text/suggest';

const QUOTES = /^["'`\u2018\u2019\u201C\u201D\u00AB\u00BB]+|["'`\u2018\u2019\u201C\u201D\u00AB\u00BB]+$/g;
const TRAILING_PUNCTUATION = /[.,;:!?\u3002]+$/;
// "a" is left out on purpose: "A record" is an answer, and "record" must not match it.
// The typed answer alone may drop a leading "a" (see typedVariants).
const LEADING_ARTICLE = /^(?:an|the)\s+/;

/**
 * Normalise an answer for comparison: lower case; quotes around it, trailing
 * punctuation and one leading article "an" or "the" removed; hyphens and
 * underscores read as spaces ("round-robin" = "round robin"); runs of whitespace
 * collapsed. Applied to both the accepted answers and what was typed.
 */
export function normalizeAnswer(raw: string): string {
  let s = raw.normalize('NFKC').toLowerCase().trim();
  // Strip quotes and punctuation repeatedly: `"cname".` needs both passes.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(QUOTES, '').replace(TRAILING_PUNCTUATION, '').trim();
  }
  s = s.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  const withoutArticle = s.replace(LEADING_ARTICLE, '');
  return withoutArticle.length > 0 ? withoutArticle : s;
}

/**
 * The forms a typed answer may take: normalised, and also without a leading "a "
 * ("a load balancer" = "load balancer", while "a record" still equals "A record").
 */
export function typedVariants(raw: string): string[] {
  const n = normalizeAnswer(raw);
  const m = /^a\s+(.+)$/.exec(n);
  return m ? [n, m[1]!] : [n];
}

/** The normalised form without any spaces: "load balancer" = "loadbalancer". */
function compact(normalized: string): string {
  return normalized.replace(/ /g, '');
}

/** Shortest answer (after normalising) for which one slip is forgiven. */
export const NEAR_MISS_MIN_LENGTH = 5;

export type TextMatch = { kind: 'exact' } | { kind: 'near'; distance: number } | { kind: 'none' };

/**
 * How `typed` matches `target`: exact after normalising (spaces ignored), a near
 * miss (edit distance ≤ 1, target at least NEAR_MISS_MIN_LENGTH characters), or
 * not at all.
 */
export function matchText(typed: string, target: string): TextMatch {
  const b = normalizeAnswer(target);
  if (b.length === 0) return { kind: 'none' };
  const variants = typedVariants(typed).filter((a) => a.length > 0);
  for (const a of variants) {
    if (a === b || compact(a) === compact(b)) return { kind: 'exact' };
  }
  if (compact(b).length < NEAR_MISS_MIN_LENGTH) return { kind: 'none' };
  // Distances are taken with spaces kept: without them, "record" would be one
  // slip away from "A record".
  for (const a of variants) {
    const d = editDistance(a, b, { max: 1 });
    if (d <= 1) return { kind: 'near', distance: d };
  }
  return { kind: 'none' };
}
