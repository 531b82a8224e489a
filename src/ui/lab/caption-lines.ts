/**
 * The presenter's lines above the live view: the current caption (a `say` cue),
 * in large letters and wrapped, never cut; and why the run is paused when a cue,
 * a watched event type or a jump paused it. Pure.
 */
import type { StyledLine } from '../../diagram';

function wrap(text: string, width: number, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      if (line) out.push(line);
      line = word.length > width ? word.slice(0, width) : word;
    }
  }
  if (line) out.push(line);
  if (out.length > max) {
    const kept = out.slice(0, max);
    const last = kept[max - 1]!;
    kept[max - 1] = last.length < width ? `${last}…` : `${last.slice(0, width - 1)}…`;
    return kept;
  }
  return out;
}

export function captionLines(o: { caption: string; pausedBy?: string; paused: boolean; width: number; ascii: boolean; maxLines?: number; step?: string }): StyledLine[] {
  const lines: StyledLine[] = [];
  // A playlist's step ("step 2/5") leads the caption line, so it is there at every width.
  const mark = `${o.step ? `${o.step} ` : ''}${o.ascii ? '>> ' : '▌ '}`;
  if (o.caption || o.step) {
    for (const [i, l] of wrap(o.caption, o.width - mark.length, o.maxLines ?? 2).entries()) {
      lines.push([{ text: `${i === 0 ? mark : ' '.repeat(mark.length)}${l}`.padEnd(o.width), style: 'label-large' }]);
    }
  }
  if (o.paused && o.pausedBy) {
    const text = `paused: ${o.pausedBy} ${o.ascii ? '|' : '·'} Space resumes, < > previous / next event`;
    lines.push([{ text: text.length > o.width ? `${text.slice(0, o.width - 1)}${o.ascii ? '~' : '…'}` : text, style: 'highlight' }]);
  }
  return lines;
}
