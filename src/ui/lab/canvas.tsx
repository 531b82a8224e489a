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

const slots = new Map<string, string>();

/**
 * A blank area where the inline canvas paints (see inline-canvas.ts): its first
 * cell is the mark by which the slot is found in Ink's output. The same string
 * for a size, so re-rendering it costs Ink nothing new and writes nothing.
 */
export const InlineSlot = memo(function InlineSlot({ width, height, mark }: { width: number; height: number; mark: string }): React.ReactElement {
  const key = `${width}x${height}`;
  let text = slots.get(key);
  if (text === undefined) {
    if (slots.size > 256) slots.clear();
    text = mark + placeholder(Math.max(1, width), Math.max(1, height)).slice(1);
    slots.set(key, text);
  }
  return <Text>{text}</Text>;
});
