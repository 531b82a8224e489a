/** Small text helpers for the lab screens: word wrapping into styled lines. */
import type { DiagramStyle, StyledLine } from '../../diagram';

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
