/**
 * Lesson pages: Markdown → terminal lines, with marked + marked-terminal.
 *
 * Both libraries (and the syntax highlighter marked-terminal pulls in) are loaded
 * on first use with a dynamic import, so the course map draws without them: they
 * are the largest part of the bundle and the start-up budget is tight. Rendered
 * pages are cached per (width, colour, ascii, text), because a page is re-drawn on
 * every key press and re-rendered only when the terminal's width changes.
 */
import type { TerminalRendererOptions } from 'marked-terminal';
import { noteLoaded } from '../startup-trace';
import { boundPage } from './page-bounds';
import { cellWidth, sliceCells, stripAnsi, wrapAnsi } from './text';

export interface MarkdownOptions {
  /** Columns to wrap to. */
  width: number;
  color: boolean;
  ascii: boolean;
}

/** Turns Markdown into lines no wider than `width` columns. */
export type MarkdownRenderer = (markdown: string, opts: MarkdownOptions) => string[];

let loading: Promise<MarkdownRenderer> | undefined;
let loaded: MarkdownRenderer | undefined;

/** The renderer if it has already been loaded (for a synchronous first paint). */
export function markdownRendererIfLoaded(): MarkdownRenderer | undefined {
  return loaded;
}

/** Load marked + marked-terminal once; later calls share the same promise. */
export function loadMarkdownRenderer(): Promise<MarkdownRenderer> {
  loading ??= (async () => {
    const [{ Marked }, { markedTerminal }, { default: chalk }] = await Promise.all([
      import('marked'),
      import('marked-terminal'),
      import('chalk'),
    ]);
    noteLoaded('markdown');

    /**
     * Wraps one rendered line to `width`, continuing under its text: a list item's
     * second line starts under the item's first word, a quote's under the quote.
     */
    const wrapLine = (line: string, width: number): string[] => {
      if (cellWidth(line) <= width) return [line];
      const lead = /^(\s*(?:(?:[*•◦▪-]|\d+\.)\s+)?)/.exec(stripAnsi(line))![1]!.length;
      const indent = lead <= width / 2 ? lead : 0;
      // Slicing is slow on long lines: only when there is an indent to keep.
      const head = indent ? sliceCells(line, 0, indent) : '';
      const body = indent ? sliceCells(line, indent) : line;
      const lines = wrapAnsi(body, width - indent);
      return lines.map((l, i) => (i === 0 ? head : ' '.repeat(indent)) + l);
    };

    type MarkedInstance = { parse(src: string, options: { async: false }): string | Promise<string> };
    const instances = new Map<string, MarkedInstance>();
    const pages = new Map<string, string[]>();

    const instanceFor = (opts: MarkdownOptions): MarkedInstance => {
      const key = `${opts.width}|${opts.ascii}`;
      const m = instances.get(key);
      if (!m) {
        // One calm accent for headings; code in a second, quieter colour.
        const style: TerminalRendererOptions = {
          width: opts.width,
          // Wrapping is ours (wrapLine): marked-terminal's reflow puts punctuation that
          // follows styled text ("**issues**.") alone at the start of the next line,
          // and does not reflow list items at all.
          reflowText: false,
          showSectionPrefix: false,
          emoji: false,
          tab: 2,
          heading: chalk.cyan.bold,
          firstHeading: chalk.cyan.bold,
          code: chalk.yellow,
          codespan: chalk.yellow,
          blockquote: chalk.gray.italic,
          link: chalk.cyan,
          href: chalk.cyan.underline,
          tableOptions: opts.ascii ? { chars: ASCII_TABLE } : {},
        };
        const link = chalk.cyan;
        const fixes = {
          // Lessons say "www.foobar.com" all the time: that is a name to learn, not a
          // link to follow, so GFM's bare-URL autolinking is switched off.
          tokenizer: { url: () => undefined },
          // A single newline inside a paragraph or list item is a soft break: join the
          // author's source lines so the text reflows to the terminal's width.
          walkTokens(token: { type: string; text?: string }): void {
            if (token.type === 'text' && typeof token.text === 'string') token.text = token.text.replace(/\n/g, ' ');
          },
          renderer: {
            // marked-terminal prints a tight list item's text raw (**bold** and `code`
            // left as typed): render the inline tokens such block-level text carries.
            text(this: { parser: { parseInline(tokens: unknown[]): string } }, token: { tokens?: unknown[] } | string): string | false {
              return typeof token === 'object' && token.tokens ? this.parser.parseInline(token.tokens) : false;
            },
            // Plain "text (href)" instead of OSC 8 hyperlinks, whose escape codes Ink
            // cannot measure and many terminals (and projectors' consoles) do not know.
            link(this: { parser: { parseInline(tokens: unknown[]): string } }, token: { href: string; tokens: unknown[] }): string {
              const text = this.parser.parseInline(token.tokens);
              return text === token.href ? link(text) : `${link(text)} (${token.href})`;
            },
          },
        };
        // marked's generic typings do not line up with marked-terminal's extension; the
        // runtime contract (extensions applied in order, later renderers win) is simple.
        const MarkedCtor = Marked as unknown as new (...extensions: unknown[]) => MarkedInstance;
        const created = new MarkedCtor(markedTerminal(style, { ignoreIllegals: true }), fixes);
        instances.set(key, created);
        return created;
      }
      return m;
    };

    const render: MarkdownRenderer = (markdown, opts) => {
      const width = Math.max(10, Math.floor(opts.width));
      const key = `${width}|${opts.color}|${opts.ascii}|${markdown}`;
      const hit = pages.get(key);
      if (hit) return hit;
      let out = instanceFor({ ...opts, width }).parse(boundPage(markdown), { async: false }) as string;
      if (!opts.color) out = stripAnsi(out);
      if (opts.ascii) out = toAscii(out);
      // Every line (paragraphs, list items, quotes, and code or tables that are simply
      // too wide) is wrapped here, so nothing spills past the viewport.
      const lines = trimBlankEdges(
        out
          .replace(/\r/g, '')
          .split('\n')
          .flatMap((line) => wrapLine(line, width)),
      );
      // Bounded: a long session reading every lesson at a few widths stays small.
      if (pages.size > 200) pages.delete(pages.keys().next().value!);
      pages.set(key, lines);
      return lines;
    };
    loaded = render;
    return render;
  })();
  return loading;
}

function trimBlankEdges(lines: string[]): string[] {
  const blank = (s: string): boolean => s.replace(/\u001B\[[0-9;]*m/g, '').trim() === '';
  let start = 0;
  let end = lines.length;
  while (start < end && blank(lines[start]!)) start++;
  while (end > start && blank(lines[end - 1]!)) end--;
  // Collapse runs of blank lines: marked-terminal leaves two between some blocks.
  const out: string[] = [];
  for (const line of lines.slice(start, end)) {
    if (blank(line) && out.length > 0 && blank(out[out.length - 1]!)) continue;
    out.push(blank(line) ? '' : line);
  }
  return out;
}

const ASCII_TABLE = {
  top: '-',
  'top-mid': '+',
  'top-left': '+',
  'top-right': '+',
  bottom: '-',
  'bottom-mid': '+',
  'bottom-left': '+',
  'bottom-right': '+',
  left: '|',
  'left-mid': '+',
  mid: '-',
  'mid-mid': '+',
  right: '|',
  'right-mid': '+',
  middle: '|',
};

/** Replace the few non-ASCII characters marked-terminal emits (bullets, rules, quotes). */
function toAscii(text: string): string {
  return text
    .replace(/[─━]/g, '-')
    .replace(/[│┃]/g, '|')
    .replace(/[┌┐└┘├┤┬┴┼]/g, '+')
    .replace(/[•◦▪]/g, '*')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/…/g, '...')
    .replace(/[–—]/g, '-')
    .replace(/→/g, '->')
    .replace(/←/g, '<-');
}
