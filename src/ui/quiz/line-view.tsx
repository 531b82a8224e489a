/**
 * Draws styled lines (see lines.ts) in a window of `height` rows, with a one-row
 * "more above/below" indicator when they do not fit. Long lines are cut, never
 * wrapped by Ink, so the frame height is exactly what was computed.
 */
import React from 'react';
import { Box, Text } from 'ink';
import type { Theme } from '../theme';
import { asciiCells } from '../ascii';
import { lineWindow, tone, type Line } from './lines';

export interface LineViewProps {
  lines: readonly Line[];
  /** First line wanted at the top; adjusted to keep the `keep` line visible. */
  offset: number;
  keep?: number;
  width: number;
  height: number;
  theme: Theme;
}

function SegText({ line, width, ascii }: { line: Line; width: number; ascii: boolean }): React.ReactElement {
  let left = width;
  const parts: React.ReactElement[] = [];
  line.segs.forEach((seg, i) => {
    if (left <= 0) return;
    // --ascii: cell for cell, so the line still fits (lesson text included).
    const chars = [...(ascii ? asciiCells(seg.text) : seg.text)];
    const text = chars.length > left ? chars.slice(0, Math.max(0, left - 1)).join('') + (ascii ? '.' : '…') : chars.join('');
    left -= Math.min(chars.length, left);
    parts.push(
      <Text key={i} color={seg.color} bold={seg.bold} dimColor={seg.dim} italic={seg.italic} inverse={seg.inverse}>
        {text}
      </Text>,
    );
  });
  // An empty <Text> takes no row in Ink; a blank line must still take one.
  const empty = line.segs.every((seg) => seg.text.length === 0);
  return <Text wrap="truncate">{empty ? ' ' : parts}</Text>;
}

export function LineView({ lines, offset, keep, width, height, theme }: LineViewProps): React.ReactElement {
  const win = lineWindow(lines.length, height, offset, keep);
  const visible = lines.slice(win.start, win.start + win.rows);
  const above = win.start > 0;
  const below = win.start < win.maxOffset;
  const [up, down] = theme.ascii ? ['^', 'v'] : ['↑', '↓'];
  const arrows = `${above ? up : ' '}${below ? down : ' '}`;
  return (
    <Box flexDirection="column" width={width}>
      {visible.map((line, i) => (
        <SegText key={win.start + i} line={line} width={width} ascii={theme.ascii} />
      ))}
      {win.scrolls ? (
        <Text color={tone(theme, 'muted')} dimColor={!theme.color} wrap="truncate">
          {`${arrows} ${above && below ? 'more above and below' : below ? 'more below' : 'more above'} (${up}${down} scroll)`}
        </Text>
      ) : null}
    </Box>
  );
}
