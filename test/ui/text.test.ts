/** The UI's one text module: cells, not UTF-16 units, and never half a character. */
import { describe, expect, it } from 'vitest';
import type { StyledLine } from '../../src/diagram';
import { cellWidth, cutCells, fitLine, styledWidth, truncate, wrapAnsi, wrapSegments, wrapStyled, wrapText } from '../../src/ui/text';

const FAMILY = '👨‍👩‍👧'; // one character: three emoji joined (8 UTF-16 units, 2 cells)
const ACCENTED = 'e\u0301'; // é as e + combining accent (2 units, 1 cell)
const WIDE = '負荷分散'; // 4 characters, 8 cells

describe('cell widths', () => {
  it('counts terminal cells', () => {
    expect(cellWidth('abc')).toBe(3);
    expect(cellWidth(WIDE)).toBe(8);
    expect(cellWidth(FAMILY)).toBe(2);
    expect(cellWidth(ACCENTED)).toBe(1);
    expect(cellWidth('\u001B[31mred\u001B[39m')).toBe(3);
  });
});

describe('cutting', () => {
  it('cuts by cells and never inside a character', () => {
    expect(cutCells(WIDE, 5)).toBe('負荷');
    expect(cutCells(`ab${FAMILY}cd`, 3)).toBe('ab');
    expect(cutCells(`ab${FAMILY}cd`, 4)).toBe(`ab${FAMILY}`);
    expect(cutCells(`caf${ACCENTED}!`, 4)).toBe(`caf${ACCENTED}`);
  });

  it('truncates plain and styled text with an ellipsis', () => {
    expect(truncate('load balancer', 8)).toBe('load ba…');
    expect(truncate(WIDE, 6)).toBe('負荷…');
    expect(cellWidth(truncate('\u001B[1mload balancer\u001B[22m', 8))).toBe(8);
    expect(truncate('short', 10)).toBe('short');
  });

  it('cuts styled lines by cells', () => {
    const line: StyledLine = [
      { text: 'web-1 ', style: 'text' },
      { text: WIDE, style: 'title' },
    ];
    const cut = fitLine(line, 10);
    expect(styledWidth(cut)).toBeLessThanOrEqual(10);
    expect(cut.map((s) => s.text).join('')).toBe('web-1 負荷');
  });

  it('ends a cut styled line with the ellipsis, in the style of the text it cuts', () => {
    const line: StyledLine = [
      { text: '› (•) 1. ', style: 'cursor' },
      { text: 'Nginx', style: 'text' },
      { text: '  ✓ right', style: 'correct' },
    ];
    expect(fitLine(line, 40, '…')).toEqual(line); // fits: untouched
    // 9 + 5 cells, one more of the mark, then the ellipsis: 16.
    expect(fitLine(line, 16, '…')).toEqual([
      { text: '› (•) 1. ', style: 'cursor' },
      { text: 'Nginx', style: 'text' },
      { text: ' …', style: 'correct' },
    ]);
    expect(fitLine(line, 12, '…')).toEqual([
      { text: '› (•) 1. ', style: 'cursor' },
      { text: 'Ng…', style: 'text' },
    ]);
    // Cut at a wide character: the ellipsis never makes the line wider than asked.
    const wide: StyledLine = [{ text: `ab${WIDE}`, style: 'text' }];
    expect(styledWidth(fitLine(wide, 6, '…'))).toBeLessThanOrEqual(6);
    expect(fitLine(wide, 6, '…')).toEqual([{ text: 'ab負…', style: 'text' }]);
  });
});

describe('wrapping', () => {
  it('wraps words by cells with a hanging indent', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three', 10, '1. ', '   ')).toEqual(['1. one two', '   three']);
  });

  it('breaks a word wider than the line between characters, counting cells', () => {
    const lines = wrapText(`${WIDE}${WIDE}`, 6);
    expect(lines).toEqual(['負荷分', '散負荷', '分散']);
    for (const l of wrapText(FAMILY.repeat(5), 5)) {
      expect(cellWidth(l)).toBeLessThanOrEqual(5);
      expect(l.replaceAll(FAMILY, '')).toBe('');
    }
  });

  it('never ends a line with a number apart from its unit', () => {
    expect(wrapText('p99 is now 250 ms', 13)).toEqual(['p99 is now', '250 ms']);
    expect(wrapText('availability 99.9 %', 17)).toEqual(['availability', '99.9 %']);
  });

  it('wraps styled text and segments by cells', () => {
    for (const l of wrapStyled(`${WIDE} ${WIDE} ${WIDE}`, 12, 'text', '› ')) expect(styledWidth(l)).toBeLessThanOrEqual(12);
    const segs: StyledLine = [{ text: `✗ ${WIDE} ${WIDE} ${WIDE}`, style: 'failed' }];
    for (const l of wrapSegments(segs, 12, 2)) expect(styledWidth(l)).toBeLessThanOrEqual(12);
  });

  it('wraps ANSI-styled text, keeping every line within the width', () => {
    const lines = wrapAnsi(`\u001B[1m${'word '.repeat(10)}\u001B[22m`, 12);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(cellWidth(l)).toBeLessThanOrEqual(12);
  });
});
