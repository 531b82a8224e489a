/**
 * Below the minimum size nothing useful fits, so say so plainly. The screens stay
 * mounted underneath (hidden) and come back as they were when the window grows.
 */
import React from 'react';
import { Box, Text } from 'ink';
import { tooSmallMessage } from '../layout';
import type { Theme } from '../theme';

export function TooSmall({ columns, rows, theme }: { columns: number; rows: number; theme: Theme }): React.ReactElement {
  // Keep it to two short lines: the terminal may be very small indeed.
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">{tooSmallMessage(columns, rows)}</Text>
      <Text wrap="truncate" color={theme.color ? theme.colors.muted : undefined} dimColor={!theme.color}>
        Enlarge the window to go on{theme.ascii ? ' - ' : ' · '}q quits
      </Text>
    </Box>
  );
}
