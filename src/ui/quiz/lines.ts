/**
 * The quiz screens draw a list of styled lines (pre-wrapped to the step's width)
 * through a scrolling window. Keeping the screen as data lets tests and the scroll
 * logic count lines exactly, and keeps the view a thin loop over them.
 */
import type { Theme } from '../theme';
import { wrapText } from '../text';

/** A run of text with one style. Colours are theme colour names or undefined (none). */
export interface Seg {
  text: string;
  color?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  inverse?: boolean;
}

export interface Line {
  segs: Seg[];
  /** Marks the line the window must keep in view (the cursor, the verdict). */
  anchor?: 'cursor' | 'verdict';
}

export type Tone = keyof Theme['colors'];

/** A theme colour, or undefined when colour is off (NO_COLOR, --no-color). */
export function tone(theme: Theme, name: Tone): string | undefined {
  return theme.color ? theme.colors[name] : undefined;
}

/** Plain text of a line (tests and width checks). */
export function lineText(line: Line): string {
  return line.segs.map((s) => s.text).join('');
}

export const blank = (): Line => ({ segs: [{ text: '' }] });

/**
 * Wrapped paragraph: each output line is one segment with `style`; `first`/`rest`
 * prefixes form a hanging indent and share the style unless `prefixStyle` is given.
 */
export function para(text: string, width: number, style: Omit<Seg, 'text'> = {}, first = '', rest = first, prefixStyle?: Omit<Seg, 'text'>): Line[] {
  return wrapText(text, width, first, rest).map((full, i) => {
    const prefix = i === 0 ? first : rest;
    if (!prefixStyle || !prefix) return { segs: [{ text: full, ...style }] };
    return { segs: [{ text: prefix, ...prefixStyle }, { text: full.slice(prefix.length), ...style }] };
  });
}

export interface LineWindow {
  start: number;
  /** Rows of content shown (height minus the indicator row when scrolling). */
  rows: number;
  scrolls: boolean;
  maxOffset: number;
}

/**
 * Which lines show in `height` rows, starting near `offset` but moved so that the
 * `keep` line (if any) is visible. With more lines than rows, one row is kept for a
 * "more above/below" indicator.
 */
export function lineWindow(total: number, height: number, offset: number, keep?: number): LineWindow {
  const h = Math.max(1, height);
  if (total <= h) return { start: 0, rows: h, scrolls: false, maxOffset: 0 };
  const rows = Math.max(1, h - 1);
  const maxOffset = total - rows;
  let start = Math.max(0, Math.min(offset, maxOffset));
  if (keep !== undefined && keep >= 0) {
    if (keep < start) start = keep;
    else if (keep >= start + rows) start = keep - rows + 1;
  }
  return { start: Math.max(0, Math.min(start, maxOffset)), rows, scrolls: true, maxOffset };
}
