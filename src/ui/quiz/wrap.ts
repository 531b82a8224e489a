/**
 * Word wrapping by terminal cells, with a hanging indent, for quiz prompts, choices
 * and feedback. Pure; the quiz screens count lines themselves (to scroll and to keep
 * the frame within the terminal), so Ink's own wrapping is never relied on.
 */
import stringWidth from 'string-width';

/** Split a word longer than `width` into pieces that fit. */
function breakWord(word: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of word) {
    if (stringWidth(cur + ch) > width && cur) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Wrap `text` into lines of at most `width` cells. Existing newlines are kept;
 * runs of spaces collapse. `firstPrefix` starts the first line and `restPrefix`
 * every following one (a hanging indent: "  1. " then "     ").
 */
export function wrapText(text: string, width: number, firstPrefix = '', restPrefix = firstPrefix): string[] {
  const lines: string[] = [];
  let prefix = firstPrefix;
  for (const paragraph of text.split('\n')) {
    const avail = Math.max(1, width - Math.max(stringWidth(firstPrefix), stringWidth(restPrefix)));
    const words = paragraph.split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      lines.push(prefix.trimEnd());
      prefix = restPrefix;
      continue;
    }
    let cur = '';
    for (const word of words) {
      const pieces = stringWidth(word) > avail ? breakWord(word, avail) : [word];
      for (const piece of pieces) {
        const candidate = cur ? `${cur} ${piece}` : piece;
        if (stringWidth(candidate) <= avail) {
          cur = candidate;
        } else {
          lines.push(prefix + cur);
          prefix = restPrefix;
          cur = piece;
        }
      }
    }
    lines.push(prefix + cur);
    prefix = restPrefix;
  }
  return lines;
}
