/** Small text helpers for the lab screens: word wrapping into styled lines. */
import type { DiagramStyle, StyledLine } from '../../diagram';
import { fitLine } from './live-lines';

/** Word-wrap `text` to `width` columns (long words are cut). */
export function wrapWords(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (let word of para.split(/\s+/).filter(Boolean)) {
      while (word.length > w) {
        if (line) out.push(line);
        out.push(word.slice(0, w));
        word = word.slice(w);
        line = '';
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= w) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}

/** Wrapped text as styled lines, with a first-line prefix and a hanging indent. */
export function wrapStyled(text: string, width: number, style: DiagramStyle, prefix = '', prefixStyle: DiagramStyle = style, indent = ' '.repeat(prefix.length)): StyledLine[] {
  return wrapWords(text, width - prefix.length).map((l, i) => [
    { text: i === 0 ? prefix : indent, style: prefixStyle },
    { text: l, style },
  ]);
}

/**
 * Styled segments word-wrapped to `width`, continuation lines indented by `indent`
 * cells; each word keeps its segment's style.
 */
export function wrapSegments(segments: StyledLine, width: number, indent: number): StyledLine[] {
  const lines: StyledLine[] = [];
  let line: StyledLine = [];
  let used = 0;
  const push = (text: string, style: DiagramStyle): void => {
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
    used += text.length;
  };
  for (const seg of segments) {
    // Keep leading spaces of the first segment (the mark) as they are.
    for (const word of seg.text.split(/(?<=\s)(?=\S)/)) {
      const bare = word.trimEnd();
      if (used > indent && used + bare.length > width) {
        lines.push(line);
        line = [];
        used = 0;
        push(' '.repeat(indent), 'text');
        push(word.trimStart(), seg.style);
      } else push(word, seg.style);
    }
  }
  if (line.length) lines.push(line);
  return lines.map((l) => fitLine(l, width));
}
