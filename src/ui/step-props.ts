/**
 * What the lesson screen gives each step view (page, quiz, diagram, lab, review).
 * A step view draws into `width` × `height` cells and handles its own keys with
 * useKeys(…, LAYER.step), returning false for keys it does not use so that the
 * lesson's next/back/scroll still work.
 */
import type { Lesson, Step } from '../course/types';
import type { Course } from '../course/types';
import type { Progress, QuizRecord, LabRecord } from '../progress/types';
import type { Theme } from './theme';
import type { Context } from './keymap';
import type { FooterItem } from './components/frame';

export interface StepViewProps<S extends Step = Step> {
  course: Course;
  lesson: Lesson;
  step: S;
  stepIndex: number;
  width: number;
  height: number;
  theme: Theme;
  progress: Progress;
  /** Record a quiz answer (the first call per question fixes the first-try result). */
  onQuizAnswer(questionId: string, correct: boolean): void;
  onLabResult(labId: string, record: Omit<LabRecord, 'at'>): void;
  onReviewMark(itemId: string, marked: boolean): void;
  /**
   * Tell the footer which key contexts apply now (most specific first), and the keys
   * that only this step knows (e.g. a lab's own actions), shown first.
   */
  setContexts(contexts: Context[], extraFooter?: FooterItem[]): void;
  /** Whether keys go to this step (false while an overlay is open). */
  active: boolean;
}

export type { QuizRecord };
