/**
 * What fits on the screen. Pure: the root measures the terminal (see
 * use-terminal-size.ts) and every screen draws into the boxes computed here, so the
 * rules below are unit-tested without rendering anything.
 *
 * Rules:
 * - The whole frame is at most `rows − 1` lines. When Ink's output is as tall as the
 *   terminal it clears the whole screen (scrollback included) on every update,
 *   which both flickers and destroys the learner's shell history.
 * - Below {@link MIN_COLUMNS}×{@link MIN_ROWS} nothing useful fits (a lesson page
 *   would be a dozen words wide), so the app says so plainly instead of drawing
 *   garbage, and recovers as soon as the window is enlarged.
 */

/** Narrowest terminal the app draws screens in. */
export const MIN_COLUMNS = 60;
/** Shortest terminal the app draws screens in. */
export const MIN_ROWS = 18;

/** Header: title line + a thin progress line. */
export const HEADER_HEIGHT = 2;
/** Footer: one blank separator line + the keys line. */
export const FOOTER_HEIGHT = 2;

export interface Layout {
  columns: number;
  rows: number;
  /** True when the terminal is below the minimum; only the too-small message is drawn. */
  tooSmall: boolean;
  /** Lines the frame may use (rows − 1). */
  frameHeight: number;
  /** Full width of the frame. */
  width: number;
  /** Horizontal padding on each side of the body. */
  paddingX: number;
  /** Width available to step views and lists (width − 2 × paddingX). */
  bodyWidth: number;
  headerHeight: number;
  footerHeight: number;
  /** Lines available to the body: frameHeight − header − footer. */
  bodyHeight: number;
}

/** The text of the too-small screen's first line (the e2e tests look for it). */
export function tooSmallMessage(columns: number, rows: number): string {
  return `terminal too small (need ${MIN_COLUMNS}×${MIN_ROWS}, have ${columns}×${rows})`;
}

/**
 * Boxes for a terminal of `columns` × `rows`. Non-finite or missing sizes (a pipe,
 * a test stream without rows) fall back to 80×24, the size every screen is
 * designed for.
 */
export function layout(columns: number, rows: number): Layout {
  const cols = sane(columns, 80);
  const rws = sane(rows, 24);
  const tooSmall = cols < MIN_COLUMNS || rws < MIN_ROWS;
  const frameHeight = Math.max(1, rws - 1);
  // Two columns of breathing room read calmly at 80; at the 60-column minimum every
  // column counts, so one.
  const paddingX = cols >= 72 ? 2 : 1;
  const bodyWidth = Math.max(1, cols - 2 * paddingX);
  const bodyHeight = Math.max(1, frameHeight - HEADER_HEIGHT - FOOTER_HEIGHT);
  return {
    columns: cols,
    rows: rws,
    tooSmall,
    frameHeight,
    width: cols,
    paddingX,
    bodyWidth,
    headerHeight: HEADER_HEIGHT,
    footerHeight: FOOTER_HEIGHT,
    bodyHeight,
  };
}

function sane(n: number, fallback: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/**
 * The footer items that fit on one line of `width` columns, in order, each
 * rendered as "label description" and separated by {@link FOOTER_GAP}. The last
 * `pinned` items (help and quit) are always kept; the others are taken in order
 * while they fit, and the rest are left to the help overlay. So the footer never
 * wraps into a second line and pushes the frame past rows − 1.
 */
export function fitFooter<T extends { label: string; description: string }>(items: readonly T[], width: number, pinned = 0): T[] {
  const tail = pinned > 0 ? items.slice(-pinned) : [];
  const head = pinned > 0 ? items.slice(0, -pinned) : items;
  const widthOf = (list: readonly T[]): number => list.reduce((sum, it, i) => sum + itemWidth(it) + (i > 0 ? FOOTER_GAP.length : 0), 0);
  let used = widthOf(tail);
  const kept: T[] = [];
  for (const item of head) {
    const w = itemWidth(item) + (kept.length > 0 || tail.length > 0 ? FOOTER_GAP.length : 0);
    if (used + w > width) continue;
    kept.push(item);
    used += w;
  }
  const out = [...kept, ...tail];
  // Even the pinned items may not fit in a very narrow frame: drop from the end.
  while (out.length > 0 && widthOf(out) > width) out.pop();
  return out;
}

/** Separator between footer items. */
export const FOOTER_GAP = '   ';

function itemWidth(item: { label: string; description: string }): number {
  return [...item.label].length + 1 + [...item.description].length;
}

/**
 * First line to show so that `cursor` stays visible in a window of `height` lines
 * over `total` lines, moving as little as possible from `offset`.
 */
export function scrollToShow(cursor: number, offset: number, height: number, total: number): number {
  const maxOffset = Math.max(0, total - height);
  let next = offset;
  if (cursor < next) next = cursor;
  if (cursor >= next + height) next = cursor - height + 1;
  return clamp(next, 0, maxOffset);
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
