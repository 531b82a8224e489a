import React from 'react';
import { Text } from 'ink';
import type { Theme } from '../theme';

/**
 * The characters of a bar `width` cells wide, `fraction` (0–1) filled. Thin line
 * glyphs in Unicode, `=`/`-` in ASCII mode.
 */
export function barCells(fraction: number, width: number, ascii: boolean): { filled: string; empty: string } {
  const w = Math.max(0, Math.floor(width));
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const n = Math.round(f * w);
  return { filled: (ascii ? '=' : '━').repeat(n), empty: (ascii ? '-' : '─').repeat(w - n) };
}

/** A one-line progress bar: the filled part in the accent colour, the rest muted. */
export function ProgressBar({ fraction, width, theme }: { fraction: number; width: number; theme: Theme }): React.ReactElement {
  const { filled, empty } = barCells(fraction, width, theme.ascii);
  return (
    <Text>
      <Text color={theme.color ? theme.colors.accent : undefined}>{filled}</Text>
      <Text color={theme.color ? theme.colors.muted : undefined} dimColor={!theme.color}>
        {empty}
      </Text>
    </Text>
  );
}
