/**
 * What the review checklist shows, as styled lines (src/text/styled-line.ts). It
 * only lists what to be able to explain and where it was taught; it never writes an
 * answer for the learner.
 */
import type { Course, ReviewBlock } from '../../course/types';
import { wrapStyled } from '../text';
import type { Theme } from '../theme';
import { addLines, blank, screenLines, type ScreenLines } from './lines';
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

export function reviewLines(review: ReviewBlock, state: ReviewState, course: Course, width: number, theme: Theme): ScreenLines {
  const g = theme.glyphs;
  const n = review.items.length;
  const k = readyCount(state);
  const all = k === n && n > 0;
  const out = screenLines();
  addLines(out, wrapStyled('Can you say this out loud, without notes?', width, 'bold'));
  addLines(out, [...wrapStyled(`${k} of ${n} ready${all ? ` ${g.done} all of them` : ''}`, width, all ? 'correct' : 'info'), blank()]);
  review.items.forEach((item, i) => {
    const here = i === state.cursor;
    const on = state.marked[i] === true;
    const first = `${here ? g.pointer : ' '} ${on ? g.checkboxOn : g.checkboxOff} ${i + 1}. `;
    addLines(out, wrapStyled(item.text, width, here ? 'cursor' : 'text', first), here ? 'cursor' : undefined);
    const where = taughtIn(course, item.lesson);
    if (where) addLines(out, wrapStyled(`taught in: ${where}`, width, 'hint', ' '.repeat(first.length)));
  });
  addLines(out, [blank(), ...wrapStyled('↑↓ move · Space: mark "I can say this" · → or Enter: next. Not sure? Go back to the lesson named under it.', width, 'hint')]);
  return out;
}
