/**
 * Words for a screen reader: a lesson page's Markdown as plain lines that read in
 * order (headings, list items, code and tables said as such), and keys spoken as
 * words ("press n for next"). Pure.
 */

/** A lesson page as plain lines, paragraphs joined, each kept whole (the terminal wraps). */
export function plainMarkdown(markdown: string): string[] {
  const out: string[] = [];
  let para: string[] = [];
  let code = false;
  const flush = (): void => {
    if (para.length) out.push(inline(para.join(' ')));
    para = [];
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trimEnd();
    const fence = /^\s*(```|~~~)\s*(\S*)/.exec(line);
    if (fence) {
      flush();
      out.push(code ? 'End of code.' : `Code${fence[2] ? ` (${fence[2]})` : ''}:`);
      code = !code;
      continue;
    }
    if (code) {
      if (line.trim()) out.push(`  ${line.trim()}`);
      continue;
    }
    if (line.trim() === '' || /^\s*(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) {
      flush();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      out.push(`Heading: ${inline(heading[2]!)}`);
      continue;
    }
    if (/^\s*\|?\s*:?-{2,}/.test(line) && line.includes('|') && /^[\s|:-]+$/.test(line)) continue; // table rule
    if (/^\s*\|.*\|\s*$/.test(line)) {
      flush();
      out.push(`Row: ${line.trim().replace(/^\||\|$/g, '').split('|').map((c) => inline(c.trim())).join('; ')}`);
      continue;
    }
    const item = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      para = [`${item[1] ? `${item[1]}.` : '•'} ${item[2]!}`];
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    para.push(quote ? quote[1]! : line.trim());
  }
  flush();
  if (code) out.push('End of code.');
  return out;
}

/** Emphasis, code and link syntax dropped; the words kept. */
function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .trim();
}

/** Keys said as words, for the footer line: [["n", "next"], ["q", "quit"]] → "Keys: press n for next, q to quit." */
export function keysSpoken(items: readonly (readonly [key: string, what: string])[]): string {
  const said = items.map(([key, what]) => `${KEY_WORDS[key] ?? key} ${/^(to|for) /.test(what) ? what : `for ${what}`}`);
  return `Keys: press ${said.join(', ')}.`;
}

const KEY_WORDS: Record<string, string> = {
  ' ': 'Space',
  '?': 'question mark',
  '.': 'full stop',
  '+': 'plus',
  '-': 'minus',
  '[': 'left bracket',
  ']': 'right bracket',
};
