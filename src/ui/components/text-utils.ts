/**
 * Small text helpers for drawing fixed-width lines: ANSI-aware width and
 * truncation, so a frame line never wraps (a wrapped line would push the frame past
 * rows − 1 and make Ink redraw the whole screen).
 */
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';

/** Display width in terminal cells (ANSI codes ignored, wide characters count 2). */
export function cellWidth(text: string): number {
  return stringWidth(text);
}

/** The ellipsis for a theme: "…", or "..." in ASCII mode. */
export function ellipsisFor(theme: { ascii: boolean }): string {
  return theme.ascii ? '...' : '…';
}

/** Cut `text` to at most `width` cells, ending with `ellipsis` when cut. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  const e = stringWidth(ellipsis) < width ? ellipsis : '';
  return sliceAnsi(text, 0, width - stringWidth(e)) + e;
}

/** `left` and `right` on one line of `width` cells, the left side truncated if needed. */
export function spread(left: string, right: string, width: number, ellipsis = '…', minGap = 2): string {
  const rw = stringWidth(right);
  if (rw + minGap >= width) return truncate(left, width, ellipsis);
  const l = truncate(left, width - rw - minGap, ellipsis);
  return l + ' '.repeat(width - stringWidth(l) - rw) + right;
}
