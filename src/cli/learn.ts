/** `webinfra-learn` / `learn`: the course, in a terminal; the outline otherwise. */
import { findLesson } from '../course/queries';
import { withLearner } from '../progress/progress';
import { openProgressStore } from '../progress/store';
import type { CliOptions } from './args';
import { courseForCli, reportCourseProblems } from './course-for-cli';
import { UsageError, type CliIo } from './io';
import { outlineText } from './outline';
import { markStartup } from '../startup-profile';

export async function runLearn(options: CliOptions, io: CliIo): Promise<number> {
  // A pipe's isTTY is undefined, not false; raw mode is what Ink really needs.
  const interactive =
    io.stdin.isTTY === true && io.stdout.isTTY === true && typeof io.stdin.setRawMode === 'function';
  // Start loading the UI (the biggest part of start-up) while the course is read.
  const ui = interactive ? import('../ui/run') : undefined;
  ui?.catch(() => undefined); // awaited below; an early return must not leave it unhandled
  const loaded = await courseForCli(options, io);
  markStartup('course read');
  if (reportCourseProblems(loaded, options, io)) return 1;
  const { course } = loaded;
  if (options.lesson && !findLesson(course, options.lesson)) {
    throw new UsageError(`there is no lesson '${options.lesson}'; see the lesson ids with: webinfra-learn list`);
  }
  const store = openProgressStore(io.env);
  if (interactive && options.screenReader) {
    const { runScreenReader } = await import('../ui/sr/sr-app');
    const { progress, notice } = store.load();
    if (notice) io.stderr.write(`webinfra-learn: ${notice}\n`);
    const withId = withLearner(progress);
    if (withId !== progress) store.save(withId);
    return runScreenReader({ course, store, progress: withId, startLesson: options.lesson });
  }
  if (ui) {
    const { runApp } = await ui;
    markStartup('ui module ready');
    return runApp({
      course,
      store,
      startLesson: options.lesson,
      color: options.color,
      ascii: options.ascii,
      projector: options.theme === 'projector',
      reducedMotion: options.reducedMotion,
      notices: [],
    });
  }
  const { progress, notice } = store.load();
  if (notice) io.stderr.write(`webinfra-learn: ${notice}\n`);
  io.stdout.write(
    'webinfra-learn needs an interactive terminal to run the course (both input and\n' +
      'output must be a terminal, not a pipe or a file). Here is the course outline;\n' +
      'run webinfra-learn in a terminal window to start.\n\n',
  );
  io.stdout.write(outlineText(course, { width: 80, ascii: options.ascii, completed: new Set(progress.completed) }));
  return 0;
}
