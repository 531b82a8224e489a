/**
 * A page of prose: the lesson's Markdown rendered by marked-terminal into a
 * scrolling viewport (↑/↓, PgUp/PgDn, Space, Home/End). Space at the bottom of the
 * page is not consumed, so it falls through to the lesson screen and turns the page.
 */
import React, { useEffect, useState } from 'react';
import { Text } from 'ink';
import type { Step } from '../../course/types';
import type { StepViewProps } from '../step-props';
import { useKeys, LAYER } from '../input';
import { matchCommand } from '../keymap';
import { loadMarkdownRenderer, markdownRendererIfLoaded, type MarkdownRenderer } from '../markdown';
import { SCROLL_COMMANDS, Viewport, scrollOffset, viewportWindow } from '../components/viewport';
import { clamp } from '../layout';
import { ellipsisFor } from '../text';

type PageStep = Extract<Step, { kind: 'page' }>;

/** The renderer, loading it on first use (the first page shows "loading…" for a moment). */
export function useMarkdownRenderer(): MarkdownRenderer | undefined {
  const [renderer, setRenderer] = useState<MarkdownRenderer | undefined>(markdownRendererIfLoaded);
  const [error, setError] = useState<Error | undefined>();
  useEffect(() => {
    if (renderer) return;
    let alive = true;
    loadMarkdownRenderer().then(
      (r) => alive && setRenderer(() => r),
      (e: unknown) => alive && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      alive = false;
    };
  }, [renderer]);
  // Surface a failed load to the root's error boundary instead of spinning forever.
  if (error) throw error;
  return renderer;
}

/** Lines of a Markdown text at a width, or undefined while the renderer loads. */
export function useMarkdownLines(markdown: string, width: number, color: boolean, ascii: boolean): string[] | undefined {
  const renderer = useMarkdownRenderer();
  return renderer ? renderer(markdown, { width, color, ascii }) : undefined;
}

export function PageView({ step, width, height, theme, active, setContexts }: StepViewProps<PageStep>): React.ReactElement {
  const lines = useMarkdownLines(step.markdown, width, theme.color, theme.ascii);
  const [offset, setOffset] = useState(0);
  useEffect(() => setContexts(['lesson']), [setContexts]);

  const total = lines?.length ?? 0;
  // A resize can make the old offset point past the end.
  const safeOffset = clamp(offset, 0, viewportWindow(total, height).maxOffset);

  useKeys(
    (input, key) => {
      const command = matchCommand(['lesson'], input, key);
      if (!command || !SCROLL_COMMANDS.has(command)) return false;
      const next = scrollOffset(command, safeOffset, total, height);
      if (next === safeOffset) return command !== 'pageDown'; // Space at the bottom turns the page
      setOffset(next);
      return true;
    },
    active,
    LAYER.step,
  );

  if (!lines) return <Text color={theme.color ? theme.colors.muted : undefined}>loading{ellipsisFor(theme)}</Text>;
  return <Viewport lines={lines} offset={safeOffset} width={width} height={height} theme={theme} />;
}
