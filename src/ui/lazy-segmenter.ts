/**
 * A stand-in for `Intl.Segmenter` (grapheme granularity) that the build gives to
 * string-width, slice-ansi and Ink's ansi-tokenize (see scripts/build.mjs).
 *
 * Why: each of them builds an `Intl.Segmenter` when it loads, and the first one costs
 * tens of milliseconds (ICU loads its break-iterator data) on the way to the first
 * frame — for text that is almost always ASCII, Latin letters, box drawing, arrows and
 * bullets, where every UTF-16 unit is a grapheme of its own. This segmenter splits such
 * text itself and builds the real segmenter, once, for anything else (CJK, emoji,
 * combining marks, Hangul jamo, flags, CR LF, surrogates…), so widths never change.
 *
 * The ranges below hold no code point whose Grapheme_Cluster_Break property is Extend,
 * ZWJ, SpacingMark, Prepend, Regional_Indicator or a Hangul syllable type, and no CR
 * (CR LF is one grapheme): by UAX #29 every unit of a string made only of them is its
 * own grapheme. test/ui/lazy-segmenter.test.ts checks that against the real segmenter
 * for every code point in the ranges.
 */

/** [first, last] UTF-16 code units that are always a grapheme of their own here. */
export const SINGLE_UNIT_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x000c], // C0 controls (tab, line feed, ESC of an ANSI sequence…) but CR
  [0x000e, 0x02ff], // ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers
  [0x0370, 0x0482], // Greek and Coptic, Cyrillic up to its combining marks
  [0x048a, 0x052f], // the rest of Cyrillic and its supplement
  [0x2010, 0x2027], // dashes, quotes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, other punctuation
  [0x2070, 0x20cf], // superscripts, subscripts, currency signs
  [0x2100, 0x23ff], // letterlike symbols, number forms, arrows, maths, technical
  [0x2460, 0x27bf], // enclosed alphanumerics, box drawing, blocks, shapes, symbols, dingbats
  [0x2900, 0x2bff], // more arrows and maths, miscellaneous symbols and arrows
];

/** Whether every UTF-16 unit of `text` is a grapheme of its own (see above). */
export function isSingleUnitText(text: string): boolean {
  outer: for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x02ff && c !== 0x000d) continue; // the common case, checked first
    for (const [lo, hi] of SINGLE_UNIT_RANGES) if (c >= lo && c <= hi) continue outer;
    return false;
  }
  return true;
}

/**
 * [first, last] UTF-16 code units one terminal cell wide for string-width (with its
 * default options) and graphemes of their own (a subset of SINGLE_UNIT_RANGES): text
 * made only of them is as wide as it is long. It leaves out the soft hyphen (zero
 * width) and every character with an emoji presentation (◽, ✅, ❌… two cells).
 * test/ui/lazy-segmenter.test.ts checks every code point against string-width.
 */
export const NARROW_RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x007e],
  [0x00a0, 0x00ac],
  [0x00ae, 0x02ff],
  [0x0370, 0x0482],
  [0x048a, 0x052f],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x21ff],
  [0x2500, 0x25fc],
  [0x25ff, 0x25ff],
  [0x2700, 0x2704],
  [0x2706, 0x2709],
  [0x270c, 0x2727],
  [0x2729, 0x274b],
  [0x274d, 0x274d],
  [0x274f, 0x2752],
  [0x2756, 0x2756],
  [0x2758, 0x2794],
  [0x2798, 0x27af],
  [0x27b1, 0x27be],
];

/** Whether `text` is one cell per UTF-16 unit for string-width (see NARROW_RANGES). */
export function isNarrowText(text: string): boolean {
  outer: for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    for (const [lo, hi] of NARROW_RANGES) if (c >= lo && c <= hi) continue outer;
    return false;
  }
  return true;
}

interface SegmentData {
  segment: string;
  index: number;
  input: string;
}

/** What `Intl.Segmenter#segment` returns: iterable, with `containing(index)`. */
class SingleUnitSegments implements Iterable<SegmentData> {
  constructor(private readonly input: string) {}
  containing(index = 0): SegmentData | undefined {
    const i = Math.trunc(Number(index) || 0);
    if (i < 0 || i >= this.input.length) return undefined;
    return { segment: this.input[i]!, index: i, input: this.input };
  }
  *[Symbol.iterator](): Iterator<SegmentData> {
    const input = this.input;
    for (let i = 0; i < input.length; i++) yield { segment: input[i]!, index: i, input };
  }
}

let realBuilt = 0;
/** How many real `Intl.Segmenter`s were built (the start-up profile reports it). */
export const realSegmentersBuilt = (): number => realBuilt;

export class LazySegmenter {
  private real: Intl.Segmenter | undefined;
  private readonly granularity: string;
  constructor(
    private readonly locales?: string | string[],
    private readonly options?: Intl.SegmenterOptions,
  ) {
    this.granularity = options?.granularity ?? 'grapheme';
  }
  segment(input: string): Iterable<SegmentData> & { containing(index?: number): SegmentData | undefined } {
    const text = String(input);
    if (this.granularity === 'grapheme' && isSingleUnitText(text)) return new SingleUnitSegments(text);
    return this.realSegmenter().segment(text);
  }
  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.realSegmenter().resolvedOptions();
  }
  private realSegmenter(): Intl.Segmenter {
    if (!this.real) {
      const started = performance.now();
      this.real = new Intl.Segmenter(this.locales, this.options);
      realBuilt++;
      recordSegmenterCost(performance.now() - started);
    }
    return this.real;
  }
}

/** The start-up profile's record of the first real segmenter (see cli/startup-profile.ts). */
function recordSegmenterCost(ms: number): void {
  const trace = (globalThis as { __webinfraLearnStartup?: { segmenterMs?: number[] } }).__webinfraLearnStartup;
  if (trace) (trace.segmenterMs ??= []).push(ms);
}
