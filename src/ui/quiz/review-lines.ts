/**
 * What the review checklist shows, as styled lines. It only lists what to be able
 * to explain and where it was taught; it never writes an answer for the learner.
 */
import type { Course, ReviewBlock } from '../../course/types';
import type { Theme } from '../theme';
import { blank, para, tone, type Line } from './lines';
import { readyCount, type ReviewState } from './use-review-state';

/** "Lesson title (Chapter title)" for a lesson id, or a plain note if it is unknown. */
export function taughtIn(course: Course, lessonId: string | undefined): string | undefined {
  if (!lessonId) return undefined;
  for (const chapter of course.chapters) {
    const lesson = chapter.lessons.find((l) => l.id === lessonId);
    if (lesson) return `${lesson.title} (${chapter.title})`;
  }
  return `${lessonId} (lesson not found)`;
}

export function reviewLines(review: ReviewBlock, state: ReviewState, course: Course, width: number, theme: Theme): Line[] {
  const g = theme.glyphs;
  const n = review.items.length;
  const k = readyCount(state);
  const out: Line[] = [];
  out.push(...para('Can you say this out loud, without notes?', width, { bold: true }));
  out.push(
    ...para(`${k} of ${n} ready${k === n && n > 0 ? ` ${g.done} all of them` : ''}`, width, {
      color: tone(theme, k === n && n > 0 ? 'ok' : 'info'),
      bold: k === n && n > 0,
    }),
  );
  out.push(blank());
  review.items.forEach((item, i) => {
    const here = i === state.cursor;
    const on = state.marked[i] === true;
    const first = `${here ? g.pointer : ' '} ${on ? g.checkboxOn : g.checkboxOff} ${i + 1}. `;
    const rest = ' '.repeat(first.length);
    const style = here ? { bold: true, color: tone(theme, 'accent') } : {};
    const lines = para(item.text, width, style, first, rest, style);
    if (lines[0]) lines[0].anchor = here ? 'cursor' : undefined;
    out.push(...lines);
    const where = taughtIn(course, item.lesson);
    if (where) out.push(...para(`taught in: ${where}`, width, { color: tone(theme, 'muted'), dim: !theme.color }, rest));
  });
  out.push(blank());
  out.push(
    ...para('↑↓ move · Space: mark "I can say this" · → or Enter: next. Not sure? Go back to the lesson named under it.', width, {
      color: tone(theme, 'muted'),
      dim: !theme.color,
    }),
  );
  return out;
}
