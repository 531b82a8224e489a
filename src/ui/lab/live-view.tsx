/**
 * The live simulation view: diagram canvas with moving requests, status, metrics
 * with sparklines, the selected node's details and the event log. Drawn as one
 * canvas of precomputed, painted lines (memoised on the snapshot; see canvas.tsx),
 * so a frame costs a few strings, not a tree of hundreds of elements.
 */
import React, { memo, useMemo } from 'react';
import type { Snapshot, Topology } from '../../sim/types';
import type { Theme } from '../theme';
import { liveLines } from './live-lines';
import { paintLines } from './paint';
import { Canvas } from './canvas';
import type { LabState } from './use-lab-state';

export interface LiveViewProps {
  topology: Topology;
  snapshot: Snapshot;
  state: LabState;
  theme: Theme;
  width: number;
  height: number;
  labelsLarge?: boolean;
  title?: string;
  /** Draw moving requests. Default true. */
  requests?: boolean;
  /** Show the glyph legend when there is room. */
  legend?: boolean;
}

function LiveViewImpl({ topology, snapshot, state, theme, width, height, labelsLarge, title, requests, legend }: LiveViewProps): React.ReactElement {
  const painted = useMemo(() => {
    const { lines } = liveLines({ topology, snapshot, state, width, height, ascii: theme.ascii, labelsLarge, title, requests, legend });
    return paintLines(lines, theme);
  }, [topology, snapshot, state, width, height, theme, labelsLarge, title, requests, legend]);
  return <Canvas lines={painted} width={width} />;
}

export const LiveView = memo(LiveViewImpl);
