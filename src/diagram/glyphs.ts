/**
 * Glyph tables: box borders, line junctions, arrows, state and request marks, in
 * box-drawing and ASCII flavours. Every state has a glyph *and* a word so that the
 * diagram reads the same without colour.
 */
import type { NodeState, RequestKind } from '../sim/types';
import type { DiagramStyle } from './types';

/** Direction bits of a line cell. */
export const N = 1;
export const E = 2;
export const S = 4;
export const W = 8;

/** How a line is drawn: light (plain HTTP, SQL), heavy (TLS), dashed (replication), dotted (VRRP, DNS). */
export type LineWeight = 'light' | 'heavy' | 'dashed' | 'dotted';

const LIGHT: Record<number, string> = {
  [N]: '│', [S]: '│', [N | S]: '│', [E]: '─', [W]: '─', [E | W]: '─',
  [E | S]: '┌', [S | W]: '┐', [N | E]: '└', [N | W]: '┘',
  [N | E | S]: '├', [N | S | W]: '┤', [E | S | W]: '┬', [N | E | W]: '┴', [N | E | S | W]: '┼',
};
const HEAVY: Record<number, string> = {
  [N]: '┃', [S]: '┃', [N | S]: '┃', [E]: '━', [W]: '━', [E | W]: '━',
  [E | S]: '┏', [S | W]: '┓', [N | E]: '┗', [N | W]: '┛',
  [N | E | S]: '┣', [N | S | W]: '┫', [E | S | W]: '┳', [N | E | W]: '┻', [N | E | S | W]: '╋',
};

/** The character of a line cell with the given direction bits. */
export function lineGlyph(bits: number, weight: LineWeight, ascii: boolean): string {
  const vertical = (bits & (E | W)) === 0;
  const horizontal = (bits & (N | S)) === 0;
  if (ascii) {
    if (horizontal) return weight === 'heavy' ? '=' : weight === 'light' ? '-' : '.';
    if (vertical) return weight === 'heavy' ? 'H' : weight === 'light' ? '|' : ':';
    return '+';
  }
  if (weight === 'dashed' || weight === 'dotted') {
    if (horizontal) return weight === 'dashed' ? '┄' : '┈';
    if (vertical) return weight === 'dashed' ? '┆' : '┊';
    return LIGHT[bits] ?? '┼';
  }
  return (weight === 'heavy' ? HEAVY : LIGHT)[bits] ?? '┼';
}

export type Dir = 'right' | 'left' | 'down' | 'up';

export function arrowGlyph(dir: Dir, ascii: boolean): string {
  if (ascii) return { right: '>', left: '<', down: 'v', up: '^' }[dir];
  return { right: '▶', left: '◀', down: '▼', up: '▲' }[dir];
}

/** Border style of a box. */
export type BorderKind = 'normal' | 'highlight' | 'selected' | 'down';

export interface BorderSet {
  tl: string;
  tr: string;
  bl: string;
  br: string;
  h: string;
  v: string;
}

const BORDERS: Record<BorderKind, BorderSet> = {
  normal: { tl: '┌', tr: '┐', bl: '└', br: '┘', h: '─', v: '│' },
  highlight: { tl: '┏', tr: '┓', bl: '┗', br: '┛', h: '━', v: '┃' },
  selected: { tl: '╔', tr: '╗', bl: '╚', br: '╝', h: '═', v: '║' },
  down: { tl: '┌', tr: '┐', bl: '└', br: '┘', h: '╌', v: '╎' },
};
const ASCII_BORDERS: Record<BorderKind, BorderSet> = {
  normal: { tl: '+', tr: '+', bl: '+', br: '+', h: '-', v: '|' },
  highlight: { tl: '+', tr: '+', bl: '+', br: '+', h: '=', v: '|' },
  selected: { tl: '@', tr: '@', bl: '@', br: '@', h: '=', v: 'H' },
  down: { tl: '+', tr: '+', bl: '+', br: '+', h: '.', v: ':' },
};

export function borderSet(kind: BorderKind, ascii: boolean): BorderSet {
  return (ascii ? ASCII_BORDERS : BORDERS)[kind];
}

/** The firewall is drawn as a brick wall on the side traffic enters by. */
/** Simulated ms a firewall drop stays marked on the wall it hit. */
export const DROP_MARK_MS = 3000;

/** The mark of a packet the firewall just dropped, drawn on its wall. */
export function dropGlyph(ascii: boolean): string {
  return ascii ? 'x' : '✗';
}

export function firewallGlyph(ascii: boolean): string {
  return ascii ? '#' : '▒';
}

/** Glyph, word and style of a node state. */
export function stateMark(state: NodeState, ascii: boolean): { glyph: string; word: string; style: DiagramStyle } {
  switch (state) {
    case 'up':
      return { glyph: ascii ? 'o' : '●', word: 'UP', style: 'up' };
    case 'down':
      return { glyph: ascii ? 'X' : '✗', word: 'DOWN', style: 'down' };
    case 'hung':
      return { glyph: ascii ? '?' : '◌', word: 'HUNG', style: 'hung' };
    case 'draining':
      return { glyph: ascii ? '~' : '◐', word: 'DRAIN', style: 'draining' };
    case 'stopped':
      return { glyph: ascii ? '-' : '■', word: 'STOPPED', style: 'stopped' };
  }
}

export function vipGlyph(ascii: boolean): string {
  return ascii ? '*' : '★';
}

export function selectedPointer(ascii: boolean): string {
  return ascii ? '>' : '▸';
}

/** Glyph and style of a moving request, by kind. */
export function requestMark(kind: RequestKind, encrypted: boolean, failed: boolean | undefined, ascii: boolean): { glyph: string; style: DiagramStyle } {
  if (failed) return { glyph: ascii ? 'x' : '✗', style: 'failed' };
  switch (kind) {
    case 'static':
      return { glyph: ascii ? '%' : '○', style: encrypted ? 'https' : 'static' };
    case 'dynamic':
      // Not ●: that is a machine's UP mark, and the two must differ by shape, not only by colour.
      return { glyph: ascii ? '*' : '•', style: encrypted ? 'https' : 'dynamic' };
    case 'write':
      return { glyph: ascii ? 'W' : '◆', style: 'write' };
    case 'health':
      return { glyph: ascii ? '.' : '·', style: 'health' };
    case 'replication':
      return { glyph: ascii ? '~' : '»', style: 'replication' };
    case 'probe':
      return { glyph: ascii ? '?' : '?', style: 'probe' };
  }
}

/** Sparkline glyphs, lowest first. */
export function sparkGlyphs(ascii: boolean): string[] {
  return ascii ? ['_', '.', '-', '=', '+', '*', '#', '#'] : ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
}

/** A horizontal bar of `width` cells filled to `fraction`. */
export function bar(fraction: number, width: number, ascii: boolean): string {
  const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const filled = Math.round(f * width);
  return (ascii ? '#' : '█').repeat(filled) + (ascii ? '.' : '░').repeat(width - filled);
}
