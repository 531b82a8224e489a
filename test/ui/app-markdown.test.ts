import { describe, expect, it } from 'vitest';
import stripAnsi from 'strip-ansi';
import stringWidth from 'string-width';
import { loadMarkdownRenderer, markdownRendererIfLoaded } from '../../src/ui/markdown';

describe('Markdown pages', () => {
  it('loads on first use only, and once', async () => {
    expect(markdownRendererIfLoaded()).toBeUndefined();
    const a = loadMarkdownRenderer();
    const b = loadMarkdownRenderer();
    expect(await a).toBe(await b);
    expect(markdownRendererIfLoaded()).toBe(await a);
  });

  it('renders inline formatting inside list items, not the raw Markdown', async () => {
    const render = await loadMarkdownRenderer();
    const text = render('- what a **server** is\n- what `www` is', { width: 60, color: false, ascii: false }).join('\n');
    expect(text).toContain('what a server is');
    expect(text).toContain('what www is');
    expect(text).not.toContain('**');
    expect(text).not.toContain('`');
  });

  it('reflows styled text without stranding the punctuation after it', async () => {
    const render = await loadMarkdownRenderer();
    const chalk = (await import('chalk')).default;
    const level = chalk.level;
    chalk.level = 1; // colour on, as in a real terminal: the bug lived in the escape codes
    try {
      const md = 'Task 1 survives the loss of one web server. But the task asks for its\n**issues**. There are three kinds:';
      for (const width of [60, 76, 78, 80]) {
        const lines = render(md, { width, color: true, ascii: false }).map((l) => stripAnsi(l));
        for (const line of lines) expect(line).not.toMatch(/^\s*[.,:;]/);
        expect(lines.join(' ')).toContain('its issues. There are three kinds:');
        for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      }
    } finally {
      chalk.level = level;
    }
  });

  it('reflows list items to the width, continuing under the first word', async () => {
    const render = await loadMarkdownRenderer();
    const md = '- **TCP** builds a reliable connection on top of IP: no lost data,\n  bytes in the right order, and this item goes on for a while.';
    const lines = render(md, { width: 40, color: false, ascii: false });
    expect(lines.length).toBeGreaterThan(2);
    const bullet = lines[0]!.indexOf('TCP');
    expect(bullet).toBeGreaterThan(0);
    for (const line of lines.slice(1)) {
      expect(line.length - line.trimStart().length).toBe(bullet);
      expect(stringWidth(line)).toBeLessThanOrEqual(40);
    }
    // The author's line break is a soft break: on a wide screen the item is one line.
    expect(render(md, { width: 160, color: false, ascii: false })).toHaveLength(1);
  });

  it('does not turn domain names into links', async () => {
    const render = await loadMarkdownRenderer();
    const text = render('A user types www.foobar.com in a browser.', { width: 60, color: false, ascii: false }).join('\n');
    expect(text).toBe('A user types www.foobar.com in a browser.');
  });

  it('shows a link as its text and address, without terminal hyperlink codes', async () => {
    const render = await loadMarkdownRenderer();
    const text = render('See [the docs](https://nginx.org).', { width: 60, color: true, ascii: false }).join('\n');
    expect(stripAnsi(text)).toBe('See the docs (https://nginx.org).');
    expect(text).not.toContain('\u001B]8;');
  });

  it('keeps every line within the width, even code and tables', async () => {
    const render = await loadMarkdownRenderer();
    const md = ['# Title', '', 'word '.repeat(40), '', '```text', 'x'.repeat(90), '```', '', '| a | b |', '|---|---|', `| ${'y'.repeat(50)} | z |`].join('\n');
    for (const width of [40, 58, 76]) {
      const lines = render(md, { width, color: true, ascii: false });
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
    }
  });

  it('drops colour codes without colour, and box drawing in ASCII mode', async () => {
    const render = await loadMarkdownRenderer();
    const lines = render('# Hi\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\nend', { width: 40, color: false, ascii: true });
    const text = lines.join('\n');
    expect(text).not.toMatch(/\u001B\[/);
    expect(text).toMatch(/^[\x20-\x7E\n]*$/);
  });

  it('trims blank lines at the edges and collapses runs of them', async () => {
    const render = await loadMarkdownRenderer();
    const lines = render('\n\nfirst\n\n\n\nsecond\n\n', { width: 40, color: false, ascii: false });
    expect(lines).toEqual(['first', '', 'second']);
  });
});
