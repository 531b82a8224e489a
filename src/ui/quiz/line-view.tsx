/**
 * Draws a quiz or review screen's styled lines (see lines.ts) in a window of
 * `height` rows, with a one-row "more above/below" indicator when they do not fit:
 * the window's lines painted by the one painter (../lab/paint.ts) into a Canvas,
 * as the diagram, lab, pick-node and predict screens are.
 */
import React, { useMemo } from 'react';
import type { StyledLine } from '../../text/styled-line';
import { Canvas } from '../lab/canvas';
import { paintLines } from '../lab/paint';
import type { Theme } from '../theme';
import { windowLines } from './lines';

export interface LineViewProps {
  lines: readonly StyledLine[];
  /** First line wanted at the top; adjusted to keep the `keep` line visible. */
  offset: number;
  keep?: number;
  width: number;
  height: number;
  theme: Theme;
}

export function LineView({ lines, offset, keep, width, height, theme }: LineViewProps): React.ReactElement {
  const painted = useMemo(() => paintLines(windowLines(lines, offset, keep, width, height, theme.ascii), theme), [lines, offset, keep, width, height, theme]);
  return <Canvas lines={painted} width={width} />;
}
