/**
 * Text for the terminal, in one place. Widths are terminal cells (a CJK character
 * or an emoji takes 2, an accent or an ANSI colour code 0), and nothing here ever
 * splits a character: cuts and wraps fall between graphemes (an emoji with its
 * modifiers, a letter with its accents), so a line never ends in half a character
 * and never wraps in the terminal (a wrapped line would push the frame past
 * rows − 1 and make Ink redraw the whole screen).
 *
 * Every screen wraps and cuts with these: plain text (wrapText, truncate),
 * text with ANSI styles from the Markdown renderer (wrapAnsi, truncate), and the
 * styled lines every line-painted screen draws — diagram, lab, predict, quiz,
 * review — (wrapStyled, wrapSegments, fitLine).
 */
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import stripAnsiCodes from 'strip-ansi';
import wrapAnsiCodes from 'wrap-ansi';
import type { LineStyle, StyledLine } from '../text/styled-line';
import { LazySegmenter } from './lazy-segmenter';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Builds Intl.Segmenter (tens of ms the first time) only for text that needs it.
const segmenter = new LazySegmenter(undefined, { granularity: 'grapheme' });

// The live view measures the same short strings every frame (box edges, glyphs, labels):
// their widths are remembered, which makes string-width's slow path rare.
const widthCache = new Map<string, number>();

/** Display width in terminal cells (ANSI codes ignored, wide characters count 2). */
export function cellWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;
  if (text.length > 160) return stringWidth(text);
  let w = widthCache.get(text);
  if (w === undefined) {
    w = stringWidth(text);
    if (widthCache.size >= 4096) widthCache.clear();
    widthCache.set(text, w);
  }
  return w;
}

/** The characters of `text` as a reader sees them (grapheme clusters). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** `text` without ANSI escape codes. */
export function stripAnsi(text: string): string {
  return stripAnsiCodes(text);
}

/** The part of `text` (ANSI styles kept) from cell `start` to cell `end`. */
export function sliceCells(text: string, start: number, end?: number): string {
  return sliceAnsi(text, start, end);
}

/** The ellipsis for a theme: "…", or "..." in ASCII mode. */
export function ellipsisFor(theme: { ascii: boolean }): string {
  return theme.ascii ? '...' : '…';
}

/** Plain text cut to at most `width` cells, whole characters only. */
export function cutCells(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const g of graphemes(text)) {
    const w = stringWidth(g);
    if (used + w > width) break;
    out += g;
    used += w;
  }
  return out;
}

/** Cut `text` (plain or with ANSI styles) to at most `width` cells, ending with `ellipsis` when cut. */
export function truncate(text: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  const e = stringWidth(ellipsis) < width ? ellipsis : '';
  const room = width - stringWidth(e);
  // slice-ansi keeps styles open and closed around the cut; plain text is cut by graphemes.
  const cut = text.includes('\u001B') ? sliceAnsi(text, 0, room) : cutCells(text, room);
  return cut + e;
}

/** `left` and `right` on one line of `width` cells, the left side truncated if needed. */
export function spread(left: string, right: string, width: number, ellipsis = '…', minGap = 2): string {
  const rw = cellWidth(right);
  if (rw + minGap >= width) return truncate(left, width, ellipsis);
  const l = truncate(left, width - rw - minGap, ellipsis);
  return l + ' '.repeat(Math.max(0, width - cellWidth(l) - rw)) + right;
}

/** Split a word wider than `width` cells into pieces that fit, between characters. */
function breakWord(word: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  let used = 0;
  for (const g of graphemes(word)) {
    const w = stringWidth(g);
    if (used + w > width && cur) {
      out.push(cur);
      cur = '';
      used = 0;
    }
    cur += g;
    used += w;
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
 * Wrap plain `text` into lines of at most `width` cells. Existing newlines are
 * kept; runs of spaces collapse; a number never ends a line apart from its unit
 * (the join is a plain space again in the output); a word wider than a line is
 * broken between characters. `firstPrefix` starts the first line and `restPrefix`
 * every following one (a hanging indent: "  1. " then "     ").
 */
export function wrapText(text: string, width: number, firstPrefix = '', restPrefix = firstPrefix): string[] {
  return wrapJoined(keepUnits(text), width, firstPrefix, restPrefix).map((line) => (line.includes(NBSP) ? line.replaceAll(NBSP, ' ') : line));
}

function wrapJoined(text: string, width: number, firstPrefix: string, restPrefix: string): string[] {
  const lines: string[] = [];
  let prefix = firstPrefix;
  const avail = Math.max(1, width - Math.max(cellWidth(firstPrefix), cellWidth(restPrefix)));
  for (const paragraph of text.split('\n')) {
    // Split at spaces, not at the no-break joins (\s would match those too).
    const words = paragraph.split(/[ \t\r\f\v]+/).filter(Boolean);
    if (words.length === 0) {
      lines.push(prefix.trimEnd());
      prefix = restPrefix;
      continue;
    }
    let cur = '';
    let curWidth = 0;
    for (const word of words) {
      const ww = cellWidth(word);
      for (const piece of ww > avail ? breakWord(word, avail) : [word]) {
        const pw = piece === word ? ww : cellWidth(piece);
        if (!cur) {
          cur = piece;
          curWidth = pw;
        } else if (curWidth + 1 + pw <= avail) {
          cur += ` ${piece}`;
          curWidth += 1 + pw;
        } else {
          lines.push(prefix + cur);
          prefix = restPrefix;
          cur = piece;
          curWidth = pw;
        }
      }
    }
    lines.push(prefix + cur);
    prefix = restPrefix;
  }
  return lines;
}

/**
 * Wrap text that carries ANSI styles (rendered Markdown, notices) to `width`
 * cells; styles continue across the break. Long words are broken (hard wrap).
 */
export function wrapAnsi(text: string, width: number, opts: { trim?: boolean } = {}): string[] {
  return wrapAnsiCodes(text, Math.max(1, width), { hard: true, trim: opts.trim ?? true }).split('\n');
}

// --- styled lines (segments with a style token, src/text/styled-line.ts) ----

/** Width of a styled line in cells. */
export function styledWidth(line: StyledLine): number {
  return line.reduce((n, s) => n + cellWidth(s.text), 0);
}

/**
 * Cut a styled line to at most `width` cells, whole characters only. With an
 * `ellipsis`, a line that had to be cut ends with it, in the style of the text it
 * cuts, so the reader sees that something is missing.
 */
export function fitLine(line: StyledLine, width: number, ellipsis = ''): StyledLine {
  const e = ellipsis && styledWidth(line) > width && cellWidth(ellipsis) < width ? ellipsis : '';
  const room = width - cellWidth(e);
  const out: StyledLine = [];
  let used = 0;
  for (const s of line) {
    if (used >= room && !e) break;
    const text = cutCells(s.text, room - used);
    if (e && text !== s.text) {
      out.push({ text: text + e, style: s.style });
      break;
    }
    out.push({ text, style: s.style });
    used += cellWidth(text);
  }
  return out;
}

/** Word-wrap `text` to `width` cells (at least 8; long words are broken). */
export function wrapWords(text: string, width: number): string[] {
  return wrapText(text, Math.max(8, width));
}

/** Wrapped text as styled lines, with a first-line prefix and a hanging indent. */
export function wrapStyled(
  text: string,
  width: number,
  style: LineStyle,
  prefix = '',
  prefixStyle: LineStyle = style,
  indent = ' '.repeat(cellWidth(prefix)),
): StyledLine[] {
  return wrapWords(text, width - cellWidth(prefix)).map((l, i) => [
    { text: i === 0 ? prefix : indent, style: prefixStyle },
    { text: l, style },
  ]);
}

/**
 * Styled segments word-wrapped to `width` cells, continuation lines indented by
 * `indent` cells; each word keeps its segment's style.
 */
export function wrapSegments(segments: StyledLine, width: number, indent: number): StyledLine[] {
  const lines: StyledLine[] = [];
  let line: StyledLine = [];
  let used = 0;
  const push = (text: string, style: LineStyle): void => {
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
    used += cellWidth(text);
  };
  for (const seg of segments) {
    // Keep leading spaces of the first segment (the mark) as they are.
    for (const word of seg.text.split(/(?<=\s)(?=\S)/)) {
      const bare = word.trimEnd();
      if (used > indent && used + cellWidth(bare) > width) {
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
