/** The course outline as text (`list`, and the non-terminal fallback) or JSON (`list --json`). */
import { lessonCounts } from '../course/queries';
import type { Course } from '../course/types';
import { truncate } from '../ui/text';

export interface OutlineJson {
  chapters: { id: string; title: string; lessons: { id: string; title: string; quizzes: number; labs: number }[] }[];
}

export function outlineJson(course: Course): OutlineJson {
  return {
    chapters: course.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      lessons: c.lessons.map((l) => ({ id: l.id, title: l.title, ...lessonCounts(l) })),
    })),
  };
}

/**
 * One line per lesson: number, done mark, id (what `--lesson` takes), title and what
 * it holds; fitted to `width` columns by shortening titles.
 */
export function outlineText(
  course: Course,
  opts: { width?: number; ascii?: boolean; completed?: ReadonlySet<string> } = {},
): string {
  const width = Math.max(40, Math.min(opts.width ?? 80, 120));
  const done = opts.ascii ? '*' : '✓';
  const lessons = course.chapters.flatMap((c) => c.lessons);
  const idWidth = Math.min(24, Math.max(...lessons.map((l) => l.id.length), 2));
  const lines: string[] = [];
  const total = lessons.length;
  const finished = opts.completed ? lessons.filter((l) => opts.completed!.has(l.id)).length : undefined;
  lines.push(
    `${course.chapters.length} chapters, ${total} lessons${finished !== undefined ? `, ${finished} completed` : ''}`,
  );
  course.chapters.forEach((chapter, ci) => {
    lines.push('', fit(`${ci + 1}. ${chapter.title}`, width, opts.ascii));
    chapter.lessons.forEach((lesson, li) => {
      const { quizzes, labs } = lessonCounts(lesson);
      const what = [quizzes && `${quizzes} quiz${quizzes === 1 ? '' : 'zes'}`, labs && `${labs} lab${labs === 1 ? '' : 's'}`]
        .filter(Boolean)
        .join(', ');
      const mark = opts.completed?.has(lesson.id) ? done : ' ';
      const head = ` ${mark} ${`${ci + 1}.${li + 1}`.padEnd(5)} ${lesson.id.padEnd(idWidth)}  `;
      const tail = what ? `  (${what})` : '';
      const room = width - head.length - tail.length;
      lines.push(`${head}${fit(lesson.title, Math.max(10, room), opts.ascii)}${tail}`);
    });
  });
  return `${lines.join('\n')}\n`;
}

const fit = (text: string, width: number, ascii = false): string => truncate(text, width, ascii ? '...' : '…');
