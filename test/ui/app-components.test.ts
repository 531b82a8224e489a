import { describe, expect, it } from 'vitest';
import { barCells } from '../../src/ui/components/progress-bar';
import { scrollLabel, scrollOffset, viewportWindow } from '../../src/ui/components/viewport';
import { helpLines } from '../../src/ui/components/help-overlay';
import { frameFooter } from '../../src/ui/components/frame';
import { spread, truncate } from '../../src/ui/text';
import { wrapNotices } from '../../src/ui/screens/course-map';
import { makeTheme } from '../../src/ui/theme';
import { BINDINGS } from '../../src/ui/keymap';

describe('progress bar', () => {
  it('fills in proportion and keeps its width', () => {
    expect(barCells(0.5, 10, false)).toEqual({ filled: '━━━━━', empty: '─────' });
    expect(barCells(1, 4, true)).toEqual({ filled: '====', empty: '' });
    expect(barCells(Number.NaN, 3, true)).toEqual({ filled: '', empty: '---' });
    expect(barCells(2, 3, true).filled).toBe('===');
  });
});

describe('viewport', () => {
  it('keeps a row for the indicator only when the lines overflow', () => {
    expect(viewportWindow(5, 10)).toEqual({ contentHeight: 10, maxOffset: 0, scrolls: false });
    expect(viewportWindow(30, 10)).toEqual({ contentHeight: 9, maxOffset: 21, scrolls: true });
  });

  it('scrolls by line, by page (keeping two lines of context) and to the ends', () => {
    expect(scrollOffset('down', 0, 30, 10)).toBe(1);
    expect(scrollOffset('up', 0, 30, 10)).toBe(0);
    expect(scrollOffset('pageDown', 0, 30, 10)).toBe(7);
    expect(scrollOffset('pageDown', 20, 30, 10)).toBe(21);
    expect(scrollOffset('end', 0, 30, 10)).toBe(21);
    expect(scrollOffset('home', 15, 30, 10)).toBe(0);
    // Nothing to scroll: the offset stays, so Space can fall through to "next".
    expect(scrollOffset('pageDown', 0, 5, 10)).toBe(0);
  });

  it('labels where the reader is', () => {
    expect(scrollLabel(0, 9, 30, 21, false)).toBe(' ↓ more below · lines 1–9 of 30');
    expect(scrollLabel(21, 30, 30, 21, true)).toBe('^  end of page - lines 22-30 of 30');
  });
});

describe('help overlay', () => {
  it('lists every binding of the contexts, most specific first and global last', () => {
    const lines = helpLines(['lesson']).map((l) => l.text);
    expect(lines[0]).toBe('Reading a lesson');
    expect(lines).toContain('Everywhere');
    expect(lines.indexOf('Everywhere')).toBeGreaterThan(lines.indexOf('Reading a lesson'));
    for (const b of BINDINGS.filter((b) => b.context === 'lesson' || b.context === 'global')) {
      expect(lines.some((l) => l.includes(b.label) && l.includes(b.description))).toBe(true);
    }
  });
});

describe('footer', () => {
  it('puts screen extras first and the global keys last', () => {
    const items = frameFooter(['map'], [{ label: 'r', description: 'review missed' }]);
    expect(items[0]).toEqual({ label: 'r', description: 'review missed' });
    expect(items.slice(-2).map((i) => i.label)).toEqual(['?', 'q']);
    expect(items.map((i) => i.label)).toContain('Enter');
  });
});

describe('text helpers', () => {
  it('truncates by display cells and spreads two sides over a line', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 4, '...')).toBe('a...');
    expect(truncate('abc', 4)).toBe('abc');
    expect(spread('left', 'right', 12)).toBe('left   right');
    expect(spread('a long left side', 'right', 14)).toBe('a long…  right');
  });

  it('wraps notices under a bullet and caps their height', () => {
    const theme = makeTheme({ color: false });
    const lines = wrapNotices(['one two three four five six'], theme, 12, 5);
    expect(lines[0]!.startsWith('• ')).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith('  '))).toBe(true);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(12);
    const capped = wrapNotices(['word '.repeat(40)], theme, 20, 3);
    expect(capped).toHaveLength(3);
    expect(capped[2]!.endsWith('…')).toBe(true);
  });
});
