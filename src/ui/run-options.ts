/** What the CLI hands the Ink app (src/ui/run.tsx `runApp`). */
import type { Course } from '../course/types';
import type { ProgressStore } from '../progress/types';

export interface RunAppOptions {
  course: Course;
  store: ProgressStore;
  /** Deep link: open this lesson (id) directly. */
  startLesson?: string;
  color: boolean;
  ascii: boolean;
  projector?: boolean;
  /** `--reduced-motion`: no moving requests (state changes still shown). */
  reducedMotion?: boolean;
  /** One-time messages to show on the first screen (e.g. corrupt progress moved aside). */
  notices: string[];
}
