/**
 * Draws precomputed, painted lines without growing Ink's text caches.
 *
 * Why not `<Text>{lines.join('\n')}</Text>`: Ink 6 measures every distinct text
 * string once and keeps the result in a module-level Map that is never cleared
 * (build/measure-text.js), so an animation whose text changes 30 times a second
 * leaks every frame it ever drew: hundreds of MB an hour. Here Ink measures a
 * blank placeholder of the canvas's size (one cache entry per size) and a
 * `<Transform>` swaps each placeholder line for the real one while writing the
 * output, which Ink caches only per frame.
 */
import React, { memo } from 'react';
import { Text, Transform } from 'ink';

const placeholders = new Map<string, string>();

function placeholder(width: number, height: number): string {
  const key = `${width}x${height}`;
  let p = placeholders.get(key);
  if (p === undefined) {
    if (placeholders.size > 256) placeholders.clear(); // resizing through many sizes
    p = Array.from({ length: height }, () => ' '.repeat(width)).join('\n');
    placeholders.set(key, p);
  }
  return p;
}

export interface CanvasProps {
  /** Painted lines (ANSI allowed), each at most `width` cells wide. */
  lines: readonly string[];
  /** Cells reserved per line. */
  width: number;
}

function CanvasImpl({ lines, width }: CanvasProps): React.ReactElement | null {
  if (lines.length === 0) return null;
  return (
    <Transform transform={(_line, index) => lines[index] ?? ''}>
      <Text>{placeholder(Math.max(1, width), lines.length)}</Text>
    </Transform>
  );
}

export const Canvas = memo(CanvasImpl);
