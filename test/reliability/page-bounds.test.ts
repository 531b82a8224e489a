/** Issue 10 item 6: what a page hands the Markdown renderer is bounded, and says what it left out. */
import { describe, expect, it } from 'vitest';
import { boundPage, PAGE_CHAR_LIMIT, PAGE_LINE_LIMIT } from '../../src/ui/page-bounds';
import { loadMarkdownRenderer } from '../../src/ui/markdown';
import { textWarnings, pageSizeWarning } from '../../src/course/safe-text';

describe('boundPage', () => {
  it('leaves ordinary pages alone', () => {
    const page = 'A paragraph.\n\n- a list\n- of items\n';
    expect(boundPage(page)).toBe(page);
  });

  it('cuts a long line and says how much is not shown', () => {
    const out = boundPage(`before\n${'x'.repeat(PAGE_LINE_LIMIT + 123)}\nafter`);
    expect(out.split('\n')[1]).toBe(`${'x'.repeat(PAGE_LINE_LIMIT)} … *(123 more characters on this line are not shown)*`);
    expect(out.split('\n')[2]).toBe('after');
  });

  it('cuts a long page at a line break and says how much is left', () => {
    const line = `${'y'.repeat(99)}\n`;
    const out = boundPage(line.repeat(1000));
    expect(out.length).toBeLessThan(PAGE_CHAR_LIMIT + 200);
    expect(out).toMatch(/\*\(the page continues for 60,000 more characters, too long to show: split it with --- lines\)\*$/);
  });

  it('a 1 MB line renders to a bounded number of lines', async () => {
    const render = await loadMarkdownRenderer();
    const lines = render(`start ${'word '.repeat(200_000)} end`, { width: 76, color: false, ascii: false });
    expect(lines.length).toBeLessThan(100);
    expect(lines.join(' ')).toContain('more characters on this line are not shown');
  });
});

describe('validate warns about sizes', () => {
  it('a line past 1,000 characters and a page past 10,000', () => {
    expect(textWarnings(`ok\n${'z'.repeat(1500)}\n`)).toEqual([{ line: 2, message: 'line is 1,500 characters long (more than 1,000); wrap it' }]);
    expect(pageSizeWarning('p'.repeat(12_000))).toBe('page is 12,000 characters long (more than 10,000); split it with a --- line');
    expect(pageSizeWarning('short')).toBeUndefined();
  });
});
