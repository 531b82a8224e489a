/**
 * The quiz and review screens are styled lines (the app's one model,
 * src/text/styled-line.ts), pre-wrapped to the step's width and shown through a
 * scrolling window. Keeping the screen as data lets tests and the scroll logic
 * count lines exactly; the view (line-view.tsx) paints the window with the one
 * painter, as every other line-drawn screen does.
 */
import type { StyledLine } from '../../text/styled-line';
import { fitLine } from '../text';

/** A screen's lines and the ones its window keeps in view. */
export interface ScreenLines {
  lines: StyledLine[];
  /** The cursor's line (the choice, item or field being answered), or -1. */
  cursor: number;
  /** The verdict's line once answered, or -1: each answer scrolls to it. */
  verdict: number;
}

export const screenLines = (): ScreenLines => ({ lines: [], cursor: -1, verdict: -1 });

/**
 * Appends lines to `screen`: plain lines (with `anchor`, the first of them is that
 * line), or another screen's, whose cursor and verdict move along with them.
 */
export function addLines(screen: ScreenLines, lines: readonly StyledLine[] | ScreenLines, anchor?: 'cursor' | 'verdict'): void {
  const at = screen.lines.length;
  if ('lines' in lines) {
    if (lines.cursor >= 0) screen.cursor = at + lines.cursor;
    if (lines.verdict >= 0) screen.verdict = at + lines.verdict;
    screen.lines.push(...lines.lines);
    return;
  }
  if (anchor && lines.length) screen[anchor] = at;
  screen.lines.push(...lines);
}

export const blank = (): StyledLine => [];

export interface LineWindow {
  start: number;
  /** Rows of content shown (height minus the indicator row when scrolling). */
  rows: number;
  scrolls: boolean;
  maxOffset: number;
}

/**
 * Which lines show in `height` rows, starting near `offset` but moved so that the
 * `keep` line (if any) is visible. With more lines than rows, one row is kept for a
 * "more above/below" indicator.
 */
export function lineWindow(total: number, height: number, offset: number, keep?: number): LineWindow {
  const h = Math.max(1, height);
  if (total <= h) return { start: 0, rows: h, scrolls: false, maxOffset: 0 };
  const rows = Math.max(1, h - 1);
  const maxOffset = total - rows;
  let start = Math.max(0, Math.min(offset, maxOffset));
  if (keep !== undefined && keep >= 0) {
    if (keep < start) start = keep;
    else if (keep >= start + rows) start = keep - rows + 1;
  }
  return { start: Math.max(0, Math.min(start, maxOffset)), rows, scrolls: true, maxOffset };
}

/**
 * The lines that fill `height` rows of `width` cells: the window's lines, each cut
 * (never wrapped, so the frame is exactly as tall as computed) with an ellipsis,
 * and when they do not all fit, a last row saying there is more above or below.
 */
export function windowLines(lines: readonly StyledLine[], offset: number, keep: number | undefined, width: number, height: number, ascii: boolean): StyledLine[] {
  const win = lineWindow(lines.length, height, offset, keep);
  const shown = lines.slice(win.start, win.start + win.rows).map((l) => fitLine(l, width, '…'));
  if (!win.scrolls) return shown;
  const above = win.start > 0;
  const below = win.start < win.maxOffset;
  const [up, down] = ascii ? ['^', 'v'] : ['↑', '↓'];
  const where = above && below ? 'more above and below' : below ? 'more below' : 'more above';
  shown.push(fitLine([{ text: `${above ? up : ' '}${below ? down : ' '} ${where} (${up}${down} scroll)`, style: 'hint' }], width, '…'));
  return shown;
}
