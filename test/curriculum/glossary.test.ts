/**
 * Every term of lessons/glossary.yaml is defined before it is used.
 *
 * The course is read in order (chapters, lessons, steps; a page's fenced code blocks,
 * which are configuration, are skipped). A term's first mention anywhere must fall on
 * the page of its defining lesson that puts it in bold (**term**), the prose's mark of
 * a definition: a term used in an earlier lesson, or earlier in its own lesson, fails.
 */
import { describe, expect, it } from 'vitest';
import { type GlossaryTerm, loadGlossary } from '../../src/course/course-data';
import { loadCourse } from '../../src/course/load-course';
import type { Step } from '../../src/course/types';
import { lessonsDir } from '../../src/package-root';

const { course } = loadCourse(lessonsDir());
const glossaryRead = loadGlossary(lessonsDir());
const terms = glossaryRead.value?.terms ?? [];

/** The text a learner reads in one step, in reading order. */
function stepText(step: Step): string {
  switch (step.kind) {
    case 'page':
      return step.markdown.replace(/```[\s\S]*?```/g, ' ');
    case 'diagram':
      return `${step.diagram.caption ?? ''} ${step.markdown ?? ''}`;
    case 'review':
      return step.review.items.map((i) => i.text).join('\n');
    case 'lab': {
      const l = step.lab;
      return [l.title, l.goal, ...(l.try ?? []), ...l.checks.flatMap((c) => [c.text, c.pass, c.fail])].filter(Boolean).join('\n');
    }
    case 'quiz': {
      const q = step.question as unknown as Record<string, unknown>;
      const parts: string[] = [String(q.prompt ?? '')];
      for (const key of ['choices', 'items', 'mistakes', 'wrong']) {
        for (const c of (q[key] as unknown[] | undefined) ?? []) {
          if (typeof c === 'string') parts.push(c);
          else if (c && typeof c === 'object') parts.push(...Object.values(c).filter((v): v is string => typeof v === 'string'));
        }
      }
      if (q.feedback && typeof q.feedback === 'object') parts.push(...Object.values(q.feedback as Record<string, string>));
      parts.push(String(q.explain ?? ''));
      return parts.join('\n');
    }
    default:
      return '';
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
function pattern(form: string, bold: boolean): RegExp {
  const word = `${escape(form).replace(/ /g, "\\s+")}(?:s|es)?`;
  const flags = form === form.toLowerCase() ? 'i' : '';
  return bold ? new RegExp(`\\*\\*${word}\\*\\*`, flags) : new RegExp(`(?<![\\w-])${word}(?![\\w-])`, flags);
}

interface Place {
  lesson: string;
  step: number;
  file: string;
  line: number;
}
const pages: (Place & { text: string; markdown: string })[] = [];
for (const chapter of course.chapters) {
  for (const lesson of chapter.lessons) {
    lesson.steps.forEach((step, i) =>
      pages.push({ lesson: lesson.id, step: i, file: lesson.file, line: step.pos.line, text: stepText(step), markdown: step.kind === 'page' ? step.markdown : '' }),
    );
  }
}

function firstUse(t: GlossaryTerm): Place | undefined {
  const forms = [t.term, ...(t.also ?? [])].map((f) => pattern(f, false));
  return pages.find((p) => forms.some((re) => re.test(p.text)));
}
function definition(t: GlossaryTerm): Place | undefined {
  const forms = [t.term, ...(t.also ?? [])].map((f) => pattern(f, true));
  return pages.find((p) => p.lesson === t.lesson && forms.some((re) => re.test(p.markdown)));
}

describe('the glossary', () => {
  it('reads without problems and names only lessons of the course', () => {
    expect(glossaryRead.problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
    const lessonIds = new Set(pages.map((p) => p.lesson));
    expect(terms.filter((t) => !lessonIds.has(t.lesson)).map((t) => `${t.term}: ${t.lesson}`)).toEqual([]);
  });

  it('has the terms the course must define (status codes, drain, hash, session, cookie, worker, median, …)', () => {
    const names = new Set(terms.flatMap((t) => [t.term, ...(t.also ?? [])]));
    for (const must of ['502', '503', '5xx', 'drain', 'hash', 'session', 'cookie', 'worker', 'median', 'gratuitous ARP', 'keep-alive', 'zone', 'registrar', 'apex']) {
      expect(names.has(must), must).toBe(true);
    }
  });

  it('defines every term at its first use in the course', () => {
    const wrong: string[] = [];
    for (const t of terms) {
      const def = definition(t);
      const use = firstUse(t);
      if (!def) {
        wrong.push(`${t.term}: lesson ${t.lesson} never puts it in bold (**${t.term}**)`);
        continue;
      }
      if (use && (use.lesson !== def.lesson || use.step !== def.step)) {
        wrong.push(`${t.term}: used at ${use.file}:${use.line} (${use.lesson}) before its definition at ${def.file}:${def.line}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
