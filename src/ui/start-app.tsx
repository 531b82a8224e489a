/**
 * Renders the course app with Ink and waits for the learner to quit. Loaded by
 * run.tsx (see there why this is a separate module).
 */
import { withLearner } from '../progress/progress';
import { render } from 'ink';
import { firstFrameDrawn, markStartup, noteLoaded } from '../startup-profile';
import type { RunAppOptions } from './run-options';
import { App } from './app';
import { makeTheme } from './theme';
import { InlineCanvasContext, InlineCanvasHost } from './lab/inline-canvas';
import { continueTarget, findLesson, overallProgress } from './progress-ops';
import type { Course } from '../course/types';
import type { Progress } from '../progress/types';

const SHOW_CURSOR = '\u001B[?25h';
/** The terminal's alternate screen: the course draws there, so quitting gives the shell back as it was. */
const ENTER_ALT = '\u001B[?1049h\u001B[H';
const LEAVE_ALT = '\u001B[?1049l';

/**
 * The one line left in the shell after quitting: where the learner is and how to
 * come back, e.g. `webinfra-learn: 7 of 25 lessons done; next: 2.4 Primary and
 * replica (step 7). Run webinfra-learn to continue; progress is in ~/.config/…`.
 */
export function quitLine(course: Course, progress: Progress, progressPath: string): string {
  const { done, total } = overallProgress(course, progress);
  const next = continueTarget(course, progress);
  const info = next ? findLesson(course, next.lesson) : undefined;
  const where = info ? `; next: ${info.chapterIndex + 1}.${info.lessonIndex + 1} ${info.lesson.title}${next && next.step > 0 ? ` (step ${next.step + 1})` : ''}` : done === total ? '; the course is complete' : '';
  return `webinfra-learn: ${done} of ${total} lessons done${where}. Run webinfra-learn to continue; progress is saved in ${progressPath}\n`;
}
noteLoaded('ui');

/**
 * Run the course until the learner quits. Resolves with the process exit code
 * (0 on quit, 1 if a screen failed) after Ink has unmounted and the terminal is
 * back to normal: raw mode off, cursor shown, the alternate screen left (the shell
 * looks as it did) with one line saying where the learner is and how to continue.
 */
export async function startApp(opts: RunAppOptions): Promise<number> {
  const stdin = process.stdin;
  // A pipe's isTTY is undefined, not false: ask for raw mode support instead.
  const interactive = stdin.isTTY === true && typeof stdin.setRawMode === 'function';
  const loaded = opts.store.load();
  const notice = loaded.notice;
  // A learner id on the first start (kept from then on, written with the first
  // change): it seeds the per-learner order of quiz choices.
  const progress = withLearner(loaded.progress);
  markStartup('progress read');
  const notices = [...opts.notices];
  if (notice && !notices.includes(notice)) notices.push(notice);

  let failure: Error | undefined;
  // Whether the failure is already on screen (the app's error boundary draws it).
  let shown = false;
  let instance: ReturnType<typeof render> | undefined;
  let host: InlineCanvasHost | undefined;
  let onSignal: (() => void) | undefined;
  const stop = (error: unknown, drawn: boolean): void => {
    if (failure) return;
    failure = error instanceof Error ? error : new Error(String(error));
    shown = drawn;
    // Unmount outside React's render phase (and outside whatever threw).
    setImmediate(() => instance?.unmount());
  };
  // An error thrown in a timer or a promise (a lab's clock, a lazy load) must not
  // end in Node's stack trace with the terminal still in raw mode: stop cleanly.
  const onUncaught = (error: unknown): void => stop(error, false);
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  try {
    // Raw mode before the first frame: Ink turns it on only in an effect after the
    // first paint, and a key pressed in between would arrive cooked (Enter as "\n",
    // echoed onto the screen) and be lost.
    if (interactive) stdin.setRawMode(true);
    if (interactive && process.stdout.isTTY === true) {
      process.stdout.write(ENTER_ALT);
      onSignal = () => {
        // Killed from outside: give the shell its screen back before going.
        restoreTerminal();
        process.stdout.write(LEAVE_ALT);
        process.exit(143);
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGHUP', onSignal);
    }
    // A lab's animation is painted straight into its slot of Ink's frame (see
    // lab/inline-canvas.ts); the host watches Ink's writes to know where that is.
    host = interactive && process.stdout.isTTY === true ? new InlineCanvasHost(process.stdout) : undefined;
    instance = render(
      <InlineCanvasContext.Provider value={host}>
        <App
          course={opts.course}
          store={opts.store}
          initialProgress={progress}
          theme={makeTheme({ color: opts.color, ascii: opts.ascii, projector: opts.projector, reducedMotion: opts.reducedMotion })}
          notices={notices}
          startLesson={opts.startLesson}
          interactive={interactive}
          onError={(error) => stop(error, true)}
        />
      </InlineCanvasContext.Provider>,
      // Not Ink's incrementalRendering: in 6.8 its line diff loses track of where the
      // frame sits when a screen swaps for one of another height (map → lesson), and
      // stale lines of the old screen stay visible (seen in tmux at 80×24; see also
      // ink issue #1023). The full redraw is correct and cheap at this frame size.
      { exitOnCtrlC: false, incrementalRendering: false, ...(host ? { stdout: host.stdout() } : {}) },
    );
    // Ink draws the first frame inside render(); the start-up profile (if on) ends here.
    if (firstFrameDrawn()) setImmediate(() => instance?.unmount());
    // Without a terminal to read keys from there is nothing to wait for: draw once, stop.
    if (!interactive) instance.unmount();
    await instance.waitUntilExit();
  } catch (error) {
    failure ??= error instanceof Error ? error : new Error(String(error));
  } finally {
    host?.stop();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
    restoreTerminal();
    if (onSignal) {
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      process.stdout.write(LEAVE_ALT);
    }
  }
  if (onSignal && !failure) process.stdout.write(quitLine(opts.course, opts.store.load().progress, opts.store.path));
  // A failed save was shown in the frame; say it again where it stays visible.
  const saveError = opts.store.saveError;
  if (saveError) process.stderr.write(`webinfra-learn: ${saveError}\n`);
  if (failure) {
    // Drawn on the alternate screen, the message went with it: say it again in the shell.
    if (!shown || onSignal) process.stderr.write(`webinfra-learn: ${oneLine(failure.message)}\n`);
    return 1;
  }
  return saveError ? 1 : 0;
}

/** Belt and braces after Ink's own cleanup: never leave the shell in raw mode or without a cursor. */
function restoreTerminal(): void {
  try {
    if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  } catch {
    // stdin already closed
  }
  process.stdin.pause();
  if (process.stdout.isTTY) process.stdout.write(SHOW_CURSOR);
}

function oneLine(message: string): string {
  const first = message.split('\n')[0]?.trim();
  return first || 'unexpected error';
}
