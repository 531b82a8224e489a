/** What the root app gives every screen (course map, lesson, end of course). */
import type { Course } from '../../course/types';
import type { Progress } from '../../progress/types';
import type { Layout } from '../layout';
import type { Theme } from '../theme';
import type { AppAction } from '../use-app-state';

export interface ScreenProps {
  course: Course;
  progress: Progress;
  layout: Layout;
  theme: Theme;
  /** The help overlay is open (it hides the body). */
  help: boolean;
  /** Keys reach this screen (false while help is open or the terminal is too small). */
  active: boolean;
  dispatch(action: AppAction): void;
}
