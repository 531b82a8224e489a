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

const NBSP = '\u00a0';
/** Units a number must not be wrapped apart from ("250 ms", "99.9 %", "3 req/s", "2 ×"). */
const UNIT = /(\d)[ \t]+(?=(?:ms|s|sec|min|h|%|req\/s|rps|qps|QPS|KB|MB|GB|TB|Kbps|Mbps|Gbps|seconds?|minutes?|hours?|days?|requests?|servers?|nodes?|×)(?![A-Za-z]))/g;

/** `text` with each number joined to its unit by a no-break space, for wrapping. */
export function keepUnits(text: string): string {
  return text.replace(UNIT, `$1${NBSP}`);
}

/**
 * Wrap `text` into lines of at most `width` cells. Existing newlines are kept;
 * runs of spaces collapse; a number never ends a line apart from its unit (the
 * join is a plain space again in the output). `firstPrefix` starts the first line
 * and `restPrefix` every following one (a hanging indent: "  1. " then "     ").
 */
export function wrapText(text: string, width: number, firstPrefix = '', restPrefix = firstPrefix): string[] {
  return wrapJoined(keepUnits(text), width, firstPrefix, restPrefix).map((line) => line.replaceAll(NBSP, ' '));
}

function wrapJoined(text: string, width: number, firstPrefix: string, restPrefix: string): string[] {
  const lines: string[] = [];
  let prefix = firstPrefix;
  for (const paragraph of text.split('\n')) {
    const avail = Math.max(1, width - Math.max(stringWidth(firstPrefix), stringWidth(restPrefix)));
    // Split at spaces, not at the no-break joins (\s would match those too).
    const words = paragraph.split(/[ \t\r\f\v]+/).filter(Boolean);
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
