/**
 * Bounds on what one lesson page hands the Markdown renderer. Wrapping is roughly
 * linear but slow per character on a slow machine, and a pasted 1 MB line once
 * froze the lesson (keys unanswered) for minutes. Past these sizes the text is cut
 * with a visible note; `validate` warns long before (course/safe-text.ts).
 */

/** Characters of one source line that are drawn; the rest is replaced by a note. */
export const PAGE_LINE_LIMIT = 4_000;
/** Characters of one page that are drawn. */
export const PAGE_CHAR_LIMIT = 40_000;

/** `markdown` cut to the limits above, saying where and how much was left out. */
export function boundPage(markdown: string, lineLimit = PAGE_LINE_LIMIT, pageLimit = PAGE_CHAR_LIMIT): string {
  if (markdown.length <= lineLimit) return markdown;
  let page = markdown;
  let cutAt = -1;
  if (page.length > pageLimit) {
    // At the last line break before the limit (kept), unless that is far back.
    cutAt = page.lastIndexOf('\n', pageLimit - 1) + 1;
    if (cutAt < pageLimit / 2) cutAt = pageLimit;
    page = page.slice(0, cutAt);
  }
  const lines = page.split('\n').map((line) =>
    line.length > lineLimit ? `${line.slice(0, lineLimit)} … *(${(line.length - lineLimit).toLocaleString('en-US')} more characters on this line are not shown)*` : line,
  );
  if (cutAt >= 0) lines.push('', `*(the page continues for ${(markdown.length - cutAt).toLocaleString('en-US')} more characters, too long to show: split it with --- lines)*`);
  return lines.join('\n');
}
