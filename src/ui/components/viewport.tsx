/**
 * A scrolling window over pre-rendered lines (a Markdown page, the help text).
 * When the lines do not fit, the last row becomes a scroll indicator, so the learner
 * always knows there is more below. Lines are drawn as one <Text> block: one
 * string per frame is cheaper than a <Text> per line and never flickers.
 */
import React, { useState } from 'react';
import { Box, Text } from 'ink';
import { LAYER, useKeys } from '../input';
import { matchCommand, type Command } from '../keymap';
import type { Theme } from '../theme';
import { clamp } from '../layout';
import { ellipsisFor, truncate } from '../text';

export interface ViewportWindow {
  /** Rows available to content (height, minus one for the indicator when scrolling). */
  contentHeight: number;
  /** Largest valid offset. */
  maxOffset: number;
  /** Whether an indicator row is drawn. */
  scrolls: boolean;
}

/** How `total` lines fit in `height` rows. */
export function viewportWindow(total: number, height: number): ViewportWindow {
  const h = Math.max(1, height);
  if (total <= h) return { contentHeight: h, maxOffset: 0, scrolls: false };
  const contentHeight = Math.max(1, h - 1);
  return { contentHeight, maxOffset: Math.max(0, total - contentHeight), scrolls: true };
}

/** Movement commands a viewport understands. */
export const SCROLL_COMMANDS: ReadonlySet<Command> = new Set<Command>(['up', 'down', 'pageUp', 'pageDown', 'home', 'end']);

/**
 * The offset after a scroll command; the same offset when the command cannot move
 * (so callers can let the key fall through, e.g. Space at the bottom turns the page).
 */
export function scrollOffset(command: Command, offset: number, total: number, height: number): number {
  const { contentHeight, maxOffset } = viewportWindow(total, height);
  // Keep two lines of context when paging, as pagers do.
  const page = Math.max(1, contentHeight - 2);
  switch (command) {
    case 'up':
      return clamp(offset - 1, 0, maxOffset);
    case 'down':
      return clamp(offset + 1, 0, maxOffset);
    case 'pageUp':
      return clamp(offset - page, 0, maxOffset);
    case 'pageDown':
      return clamp(offset + page, 0, maxOffset);
    case 'home':
      return 0;
    case 'end':
      return maxOffset;
    default:
      return clamp(offset, 0, maxOffset);
  }
}

/**
 * An overlay's scroll position over `total` lines in `height` rows: ↑↓ PgUp PgDn
 * Home End move it while `active`. Returns the offset, kept in range.
 */
export function useOverlayScroll(total: number, height: number, active: boolean): number {
  const [offset, setOffset] = useState(0);
  const safe = clamp(offset, 0, viewportWindow(total, height).maxOffset);
  useKeys(
    (input, key) => {
      const command = matchCommand(['lesson'], input, key);
      if (!command || !SCROLL_COMMANDS.has(command)) return false;
      setOffset(scrollOffset(command, safe, total, height));
      return true;
    },
    active,
    LAYER.overlay,
  );
  return safe;
}

export interface ViewportProps {
  lines: readonly string[];
  offset: number;
  width: number;
  height: number;
  theme: Theme;
}

export function Viewport({ lines, offset, width, height, theme }: ViewportProps): React.ReactElement {
  const win = viewportWindow(lines.length, height);
  const start = clamp(offset, 0, win.maxOffset);
  const visible = lines.slice(start, start + win.contentHeight).map((l) => truncate(l, width, ellipsisFor(theme)));
  const end = start + visible.length;
  const muted = theme.color ? theme.colors.muted : undefined;
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Box height={win.contentHeight} flexShrink={0}>
        <Text>{visible.join('\n')}</Text>
      </Box>
      {win.scrolls ? (
        <Text color={muted} dimColor={!theme.color} wrap="truncate">
          {scrollLabel(start, end, lines.length, win.maxOffset, theme.ascii)}
        </Text>
      ) : null}
    </Box>
  );
}

/** "↓ more   lines 1–18 of 40" — which way there is more, and where we are. */
export function scrollLabel(start: number, end: number, total: number, maxOffset: number, ascii: boolean): string {
  const up = start > 0;
  const down = start < maxOffset;
  const arrows = ascii ? `${up ? '^' : ' '}${down ? 'v' : ' '}` : `${up ? '↑' : ' '}${down ? '↓' : ' '}`;
  const where = down ? 'more below' : 'end of page';
  return `${arrows} ${where}${ascii ? ' - ' : ' · '}lines ${start + 1}${ascii ? '-' : '–'}${end} of ${total}`;
}
