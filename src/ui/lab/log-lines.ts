/**
 * The event log as wrapped lines: each event's time, then its sentence with the
 * cause, wrapped under the sentence's start (words and "3.41 s" kept whole), never
 * cut. The live view's bottom rows show the newest events that fit; the `l` overlay
 * shows the whole log, scrolled, with its position ("12–20 of 48"). Pure.
 */
import type { StyledLine } from '../../diagram';
import type { SimEvent } from '../../sim/types';
import { cellWidth, wrapText } from '../text';
import { eventStyle, fmtTime } from './live-format';

type LogEvent = Pick<SimEvent, 't_s' | 'message'> & { type: string };

/** Cells of the time column ("  12.0 s  "): continuation lines start under the sentence. */
export const LOG_INDENT = 9;

/** One event as lines of at most `width` cells: the time, then the sentence wrapped under itself. */
export function wrapEvent(e: LogEvent, width: number): StyledLine[] {
  const time = `${fmtTime(e.t_s * 1000).padStart(7)}  `;
  const indent = cellWidth(time);
  const style = eventStyle(e.type);
  return wrapText(e.message, Math.max(8, width - indent)).map((text, i) => [
    { text: i === 0 ? time : ' '.repeat(indent), style: 'muted' },
    { text, style },
  ]);
}

/**
 * The newest events that fit in `rows` rows of `width` cells, oldest first, each
 * whole (wrapped). When the oldest of them does not fit whole, its first line shows,
 * ending in "…"; when even the newest is taller than `rows`, its first rows do.
 */
export function tailLines(events: readonly LogEvent[], width: number, rows: number, ascii: boolean): StyledLine[] {
  if (rows <= 0) return [];
  const out: StyledLine[][] = [];
  let used = 0;
  for (let i = events.length - 1; i >= 0 && used < rows; i--) {
    const lines = wrapEvent(events[i]!, width);
    if (used + lines.length <= rows) {
      out.unshift(lines);
      used += lines.length;
      continue;
    }
    // Not whole: its first line(s), the last of them marked as cut.
    const part = lines.slice(0, rows - used);
    const last = part[part.length - 1]!;
    part[part.length - 1] = markCut(last, width, ascii);
    out.unshift(part);
    used = rows;
  }
  return out.flat();
}

function markCut(line: StyledLine, width: number, ascii: boolean): StyledLine {
  const e = ascii ? '~' : '…';
  const text = line.map((s) => s.text).join('');
  const room = width - 1;
  if (cellWidth(text) + 1 <= width) return [...line, { text: e, style: 'muted' }];
  // Drop whole characters from the end until the mark fits.
  const out: StyledLine = [];
  let used = 0;
  for (const s of line) {
    let t = '';
    for (const ch of s.text) {
      if (used + cellWidth(ch) > room) break;
      t += ch;
      used += cellWidth(ch);
    }
    if (t) out.push({ text: t, style: s.style });
  }
  return [...out, { text: e, style: 'muted' }];
}

/** Every event wrapped, with the index of the event each line belongs to. */
export interface WrappedLog {
  lines: StyledLine[];
  eventOf: number[];
  events: number;
  width: number;
}

export function wrapLog(events: readonly LogEvent[], width: number): WrappedLog {
  const lines: StyledLine[] = [];
  const eventOf: number[] = [];
  events.forEach((e, i) => {
    for (const l of wrapEvent(e, width)) {
      lines.push(l);
      eventOf.push(i);
    }
  });
  return { lines, eventOf, events: events.length, width };
}

/** A scroll position: the first line shown, kept within the log (a large number means "the end"). */
export function clampTop(top: number, total: number, room: number): number {
  return Math.min(Math.max(0, top), Math.max(0, total - room));
}

/** Where a key moves the overlay's first line; undefined when the key does not scroll. */
export function scrollTo(command: 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end', top: number, total: number, room: number): number {
  const page = Math.max(1, room - 1);
  const at = clampTop(top, total, room);
  switch (command) {
    case 'up':
      return clampTop(at - 1, total, room);
    case 'down':
      return clampTop(at + 1, total, room);
    case 'pageUp':
      return clampTop(at - page, total, room);
    case 'pageDown':
      return clampTop(at + page, total, room);
    case 'home':
      return 0;
    case 'end':
      return Math.max(0, total - room);
  }
}

/**
 * The whole log for `width` × `height`: a title with the position ("events 12–20 of
 * 48"), the wrapped events from `top`, and a line with the keys. Fits 60×18.
 */
export function logOverlayLines(log: WrappedLog, o: { width: number; height: number; top: number; ascii: boolean; note?: string; resumes?: boolean }): { lines: StyledLine[]; top: number; room: number } {
  const { width, height, ascii } = o;
  const room = Math.max(1, height - 2);
  const top = clampTop(o.top, log.lines.length, room);
  const shown = log.lines.slice(top, top + room);
  const dash = ascii ? '-' : '–';
  const dot = ascii ? ' | ' : ' · ';
  let position: string;
  if (log.events === 0) position = 'no events yet';
  else {
    const first = log.eventOf[top]! + 1;
    const last = log.eventOf[Math.min(log.lines.length, top + room) - 1]! + 1;
    position = `events ${first}${dash}${last} of ${log.events}`;
  }
  const title = fit([`Event log${dot}${position}${o.note ? `${dot}${o.note}` : ''}`, `Event log${dot}${position}`, position], width);
  const keys = fit(
    [
      `${ascii ? 'up/down' : '↑↓'} PgUp/PgDn Home/End scroll${dot}l or Esc closes${o.resumes ? ' and resumes' : ''}`,
      `${ascii ? 'up/down' : '↑↓'} PgUp/PgDn Home/End${dot}l closes`,
      `${ascii ? 'up/dn' : '↑↓'} PgUp PgDn${dot}l closes`,
    ],
    width,
  );
  const body = shown.length ? shown : [[{ text: '  nothing has happened yet', style: 'muted' as const }]];
  const lines: StyledLine[] = [[{ text: title, style: 'title' }], ...body];
  while (lines.length < height - 1) lines.push([]);
  lines.push([{ text: keys, style: 'muted' }]);
  return { lines: lines.slice(0, height), top, room };
}

function fit(forms: string[], width: number): string {
  return forms.find((f) => cellWidth(f) <= width) ?? forms[forms.length - 1]!.slice(0, Math.max(0, width));
}
