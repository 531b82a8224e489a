/**
 * Splits a lesson file into its front matter, prose and step blocks, keeping the
 * 1-based line of everything so later checks can say `file:line`.
 *
 * This is a line scanner, not a Markdown parser: it only needs to know where code
 * fences open and close (so `---` or a ```quiz inside an example block is left alone)
 * and which fences are steps. That keeps the start-up path free of a Markdown parser.
 */

/** Info strings that make a fenced block an interactive step. */
export const STEP_FENCES = ['quiz', 'diagram', 'lab', 'review', 'build'] as const;
export type StepFence = (typeof STEP_FENCES)[number];

export interface ProsePart {
  type: 'prose';
  text: string;
  /** Line of the first non-blank line. */
  line: number;
}

export interface BlockPart {
  type: 'block';
  kind: StepFence;
  body: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the first body line (opening fence + 1). */
  bodyLine: number;
}

export interface SplitProblem {
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface SplitLesson {
  /** YAML text of the front matter, if the file has one. */
  frontMatter?: { text: string; line: number };
  parts: (ProsePart | BlockPart)[];
  problems: SplitProblem[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const PAGE_BREAK = /^ {0,3}-{3,}[ \t]*$/;

/** Splits `text` (a whole lesson file). Never throws. */
export function splitLesson(text: string): SplitLesson {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: SplitProblem[] = [];
  const parts: (ProsePart | BlockPart)[] = [];
  let i = 0;
  let frontMatter: SplitLesson['frontMatter'];

  if (lines[0]?.trim() === '---') {
    let end = -1;
    for (let j = 1; j < lines.length; j++) {
      const t = (lines[j] ?? '').trimEnd();
      if (t === '---' || t === '...') {
        end = j;
        break;
      }
    }
    if (end < 0) {
      problems.push({ line: 1, severity: 'error', message: "front matter is not closed: add a '---' line after the title" });
      return { parts, problems };
    }
    frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
    i = end + 1;
  } else {
    problems.push({
      line: 1,
      severity: 'error',
      message: "lesson has no front matter: start the file with '---', then 'id:' and 'title:', then '---'",
    });
  }

  let prose: string[] = [];
  let proseStart = i + 1;
  const flushProse = (): void => {
    const first = prose.findIndex((l) => l.trim() !== '');
    if (first >= 0) {
      const text = prose.join('\n').trim();
      parts.push({ type: 'prose', text, line: proseStart + first });
    }
    prose = [];
  };

  for (let line = lines[i]; line !== undefined; line = lines[i]) {
    const fence = FENCE.exec(line);
    if (fence) {
      const [, marker = '```', rest = ''] = fence;
      const info = rest.trim();
      // A backtick fence's info string may not contain backticks (CommonMark).
      if (marker[0] === '`' && info.includes('`')) {
        prose.push(line);
        i++;
        continue;
      }
      const closeAt = findClose(lines, i + 1, marker);
      const word = info.split(/\s+/)[0]?.toLowerCase() ?? '';
      const isStep = (STEP_FENCES as readonly string[]).includes(word);
      if (closeAt < 0) {
        problems.push({
          line: i + 1,
          severity: 'error',
          message: `${marker}${info ? info.split(/\s+/)[0] : ''} fence is never closed: add a ${marker} line after its content`,
        });
        if (!isStep) prose.push(...lines.slice(i));
        break;
      }
      if (isStep) {
        flushProse();
        parts.push({
          type: 'block',
          kind: word as StepFence,
          body: lines.slice(i + 1, closeAt).join('\n'),
          line: i + 1,
          bodyLine: i + 2,
        });
        i = closeAt + 1;
        proseStart = i + 1;
      } else {
        // An ordinary code block belongs to the page, untouched.
        prose.push(...lines.slice(i, closeAt + 1));
        i = closeAt + 1;
      }
      continue;
    }
    if (PAGE_BREAK.test(line)) {
      const prev = (lines[i - 1] ?? '').trim();
      if (prose.length > 0 && prev !== '') {
        problems.push({
          line: i + 1,
          severity: 'warning',
          message: "'---' right under a line of text is a heading underline on GitHub: put a blank line before it",
        });
      }
      flushProse();
      i++;
      proseStart = i + 1;
      continue;
    }
    prose.push(line);
    i++;
  }
  flushProse();
  return { frontMatter, parts, problems };
}

/** Index of the line closing a fence opened with `marker`, or -1. */
function findClose(lines: string[], from: number, marker: string): number {
  const ch = marker[0];
  for (let j = from; j < lines.length; j++) {
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[j] ?? '')?.[1];
    if (close !== undefined && close[0] === ch && close.length >= marker.length) return j;
  }
  return -1;
}
