import { describe, expect, it } from 'vitest';
import { FOOTER_GAP, MIN_COLUMNS, MIN_ROWS, fitFooter, layout, scrollToShow, tooSmallMessage } from '../../src/ui/layout';

describe('layout', () => {
  it('splits 80×24 into header, body and footer within rows − 1 lines', () => {
    const l = layout(80, 24);
    expect(l.tooSmall).toBe(false);
    expect(l.frameHeight).toBe(23);
    expect(l.headerHeight + l.bodyHeight + l.footerHeight).toBe(l.frameHeight);
    expect(l.bodyHeight).toBe(19);
    expect(l.bodyWidth).toBe(76);
  });

  it('never lets the frame reach the last terminal row', () => {
    for (const [c, r] of [
      [60, 18],
      [80, 24],
      [120, 40],
      [200, 60],
    ] as const) {
      const l = layout(c, r);
      expect(l.frameHeight).toBe(r - 1);
      expect(l.headerHeight + l.bodyHeight + l.footerHeight).toBeLessThanOrEqual(r - 1);
    }
  });

  it('is too small below 60×18 and fine at exactly 60×18', () => {
    expect(layout(MIN_COLUMNS, MIN_ROWS).tooSmall).toBe(false);
    expect(layout(59, 24).tooSmall).toBe(true);
    expect(layout(80, 17).tooSmall).toBe(true);
    expect(tooSmallMessage(50, 12)).toBe('terminal too small (need 60×18, have 50×12)');
  });

  it('uses less padding at the minimum width', () => {
    expect(layout(60, 18).paddingX).toBe(1);
    expect(layout(60, 18).bodyWidth).toBe(58);
    expect(layout(100, 30).paddingX).toBe(2);
  });

  it('falls back to 80×24 when the size is unknown', () => {
    const l = layout(Number.NaN, 0);
    expect([l.columns, l.rows]).toEqual([80, 24]);
  });
});

describe('fitFooter', () => {
  const items = [
    { label: '↑↓', description: 'move' },
    { label: 'Enter', description: 'open lesson' },
    { label: 'c', description: 'continue where you left off' },
    { label: '?', description: 'help' },
    { label: 'q', description: 'quit' },
  ];
  const width = (list: typeof items) => list.map((i) => `${i.label} ${i.description}`).join(FOOTER_GAP).length;

  it('keeps everything that fits', () => {
    expect(fitFooter(items, 200, 2)).toEqual(items);
  });

  it('drops unpinned items that do not fit but keeps help and quit', () => {
    const fitted = fitFooter(items, 60, 2);
    expect(fitted.map((i) => i.label)).toEqual(['↑↓', 'Enter', '?', 'q']);
    expect(width(fitted)).toBeLessThanOrEqual(60);
  });

  it('drops even pinned items in a frame too narrow for them', () => {
    expect(width(fitFooter(items, 10, 2))).toBeLessThanOrEqual(10);
  });
});

describe('scrollToShow', () => {
  it('moves the window just enough to show the cursor', () => {
    expect(scrollToShow(0, 0, 10, 30)).toBe(0);
    expect(scrollToShow(12, 0, 10, 30)).toBe(3);
    expect(scrollToShow(5, 8, 10, 30)).toBe(5);
    expect(scrollToShow(29, 0, 10, 30)).toBe(20);
  });
  it('never scrolls when everything fits', () => {
    expect(scrollToShow(4, 3, 10, 5)).toBe(0);
  });
});
