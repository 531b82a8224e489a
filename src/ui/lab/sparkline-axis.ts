/**
 * A time axis for the live view's sparklines: one column per closed second, the
 * oldest on the left, "now" on the right, and a mark in the column of the second
 * where a node was killed, marked down, the VIP moved or a replica was promoted, so
 * a class can tie a jump in a curve to its cause. Pure.
 */
import type { DiagramStyle, Segment, StyledLine } from '../../diagram';

export interface SparkMark {
  glyph: string;
  style: DiagramStyle;
  /** What the mark stands for, for the legend: "killed". */
  word: string;
}

/** Marks by event kind, the cause first: when two land in one second the earlier kind in this list wins. */
const KINDS: { types: readonly string[]; uni: string; ascii: string; style: DiagramStyle; word: string }[] = [
  { types: ['node_killed', 'node_hung', 'node_stopped', 'process_killed', 'process_hung'], uni: '✗', ascii: 'x', style: 'down', word: 'killed or hung' },
  { types: ['marked_down'], uni: '▼', ascii: 'v', style: 'down', word: 'marked down' },
  { types: ['vip_moved'], uni: '★', ascii: '*', style: 'vip', word: 'VIP moved' },
  { types: ['promoted'], uni: '▲', ascii: '^', style: 'vip', word: 'promoted' },
];

/** The mark of an event kind, if it has one. */
export function markOf(type: string, ascii: boolean): SparkMark | undefined {
  const k = KINDS.find((x) => x.types.includes(type));
  return k ? { glyph: ascii ? k.ascii : k.uni, style: k.style, word: k.word } : undefined;
}

function rank(type: string): number {
  const i = KINDS.findIndex((x) => x.types.includes(type));
  return i < 0 ? KINDS.length : i;
}

/**
 * One entry per column of a sparkline `columns` wide whose last column is the last
 * closed second before `tMs` (the series closes a second when it ends): the mark of
 * the events that happened in that second, or undefined.
 */
export function sparkMarks(events: readonly { t_s: number; type: string }[], tMs: number, columns: number, ascii: boolean): (SparkMark | undefined)[] {
  const out = new Array<SparkMark | undefined>(Math.max(0, columns)).fill(undefined);
  if (columns <= 0) return out;
  const closed = Math.floor(tMs / 1000 + 1e-9);
  const first = closed - columns;
  const best = new Array<number>(columns).fill(KINDS.length);
  for (const e of events) {
    const col = Math.floor(e.t_s + 1e-9) - first;
    if (col < 0 || col >= columns) continue;
    const r = rank(e.type);
    if (r < best[col]!) {
      best[col] = r;
      out[col] = markOf(e.type, ascii);
    }
  }
  return out;
}

/**
 * The axis under a sparkline `columns` wide: "−20 s" at the left, "now" at the right
 * (each only when it fits beside the other), a dot every 10 s counted back from now,
 * and the event marks over them (a mark is worth more than a label).
 */
export function axisLine(columns: number, marks: readonly (SparkMark | undefined)[], ascii: boolean): StyledLine {
  if (columns <= 0) return [];
  const chars: string[] = new Array<string>(columns).fill(' ');
  const styles: DiagramStyle[] = new Array<DiagramStyle>(columns).fill('muted');
  const tick = ascii ? '.' : '·';
  for (let back = 10; back < columns; back += 10) chars[columns - 1 - back] = tick;
  const left = `${ascii ? '-' : '−'}${columns} s`;
  const right = 'now';
  // A label goes only where no mark stands and where it leaves a cell between the two.
  const free = (from: number, to: number): boolean => marks.slice(Math.max(0, from), Math.min(columns, to)).every((m) => !m);
  const rightFits = right.length + 1 <= columns && free(columns - right.length - 1, columns);
  // Each label keeps a blank beside it, so a tick never reads as part of it ("−20 s." ).
  if (rightFits) {
    for (let i = 0; i < right.length; i++) chars[columns - right.length + i] = right[i]!;
    chars[columns - right.length - 1] = ' ';
  }
  if (left.length + right.length + 3 <= columns && free(0, left.length + 1)) {
    for (let i = 0; i < left.length; i++) chars[i] = left[i]!;
    chars[left.length] = ' ';
  }
  marks.forEach((m, i) => {
    if (!m || i >= columns) return;
    chars[i] = m.glyph;
    styles[i] = m.style;
  });
  const line: StyledLine = [];
  let cur: Segment | undefined;
  for (let i = 0; i < columns; i++) {
    if (cur && cur.style === styles[i]) cur.text += chars[i];
    else line.push((cur = { text: chars[i]!, style: styles[i]! }));
  }
  return line;
}

/** The legend of the marks drawn: "✗ killed or hung  ★ VIP moved". Empty when none. */
export function marksLegend(marks: readonly (SparkMark | undefined)[]): StyledLine {
  const seen = new Map<string, SparkMark>();
  for (const m of marks) if (m && !seen.has(m.glyph)) seen.set(m.glyph, m);
  const out: StyledLine = [];
  for (const m of seen.values()) {
    if (out.length) out.push({ text: '  ', style: 'text' });
    out.push({ text: m.glyph, style: m.style }, { text: ` ${m.word}`, style: 'muted' });
  }
  return out;
}
