/**
 * The course map as data: the rows the map screen draws and which of them can be
 * selected. Pure, so the reducer (cursor moves, Enter) and the view agree on one
 * list and both are testable without rendering.
 */
import type { Course } from '../course/types';
import type { Progress } from '../progress/types';
import { chapterScore, continueTarget, findLesson, missedQuestions, type ChapterScore, type StepRef } from './progress-ops';

/** Something Enter can open. */
export type MapEntry =
  | { kind: 'continue'; target: StepRef; title: string }
  | { kind: 'review'; count: number }
  | { kind: 'lesson'; lessonId: string; chapterIndex: number; title: string; done: boolean; current: boolean; minutes?: number };

/** A drawn line of the map. `entry` is the index into the selectable entries. */
export type MapRow =
  | { kind: 'entry'; entry: number; item: MapEntry }
  | { kind: 'chapter'; index: number; title: string; summary?: string; score?: ChapterScore; done: number; total: number }
  | { kind: 'gap' };

export interface MapModel {
  entries: MapEntry[];
  rows: MapRow[];
}

/** Build the map's rows for a course and the learner's progress. */
export function buildMap(course: Course, progress: Progress): MapModel {
  const entries: MapEntry[] = [];
  const rows: MapRow[] = [];
  const push = (item: MapEntry): void => {
    rows.push({ kind: 'entry', entry: entries.length, item });
    entries.push(item);
  };

  const target = continueTarget(course, progress);
  const current = target?.lesson;
  if (target) {
    const info = findLesson(course, target.lesson);
    push({ kind: 'continue', target, title: info?.lesson.title ?? target.lesson });
  }
  const missed = missedQuestions(course, progress).length;
  if (missed > 0) push({ kind: 'review', count: missed });
  if (entries.length > 0) rows.push({ kind: 'gap' });

  course.chapters.forEach((chapter, chapterIndex) => {
    if (chapterIndex > 0) rows.push({ kind: 'gap' });
    const score = chapterScore(course, chapter.id, progress);
    const done = chapter.lessons.filter((l) => progress.completed.includes(l.id)).length;
    rows.push({
      kind: 'chapter',
      index: chapterIndex,
      title: chapter.title,
      summary: chapter.summary,
      score: score.answered > 0 ? score : undefined,
      done,
      total: chapter.lessons.length,
    });
    for (const lesson of chapter.lessons) {
      push({
        kind: 'lesson',
        lessonId: lesson.id,
        chapterIndex,
        title: lesson.title,
        done: progress.completed.includes(lesson.id),
        current: lesson.id === current,
        minutes: lesson.minutes,
      });
    }
  });
  return { entries, rows };
}

/** Row index of a selectable entry (for scrolling the cursor into view). */
export function rowOfEntry(model: MapModel, entry: number): number {
  const i = model.rows.findIndex((r) => r.kind === 'entry' && r.entry === entry);
  return i < 0 ? 0 : i;
}
