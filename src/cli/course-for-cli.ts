/** Loading the course the way every command that needs one does. */
import path from 'node:path';
import { loadCourseCached, writePrebuiltCourse } from '../course/cached';
import { formatProblem } from '../course/problems';
import type { LoadedCourse } from '../course/load-course';
import { lessonsDir, packageRoot, scenariosDir } from '../package-root';
import type { CliOptions } from './args';
import type { CliIo } from './io';

/** Where the build leaves the built-in course, already loaded (see `prebuildCourse`). */
export const prebuiltCoursePath = (): string => path.join(packageRoot(), 'dist', 'course.json');

/**
 * The built-in course (from `dist/course.json` when it matches the lessons), or
 * `--course DIR`, always loaded fresh: an author previewing a folder wants their
 * latest edits, and half a second is fine there. Paths in the built-in course are
 * shown from the package folder (`lessons/01-…/…md`) wherever the app is started,
 * which also lets the build prepare it once for everyone.
 */
export async function courseForCli(options: CliOptions, io: CliIo): Promise<LoadedCourse> {
  const cwd = io.cwd ?? process.cwd();
  const builtIn = !options.course;
  const { source: _source, ...loaded } = await loadCourseCached(builtIn ? lessonsDir() : path.resolve(cwd, options.course!), {
    scenariosDir: scenariosDir(),
    cwd: builtIn ? packageRoot() : cwd,
    prebuilt: builtIn ? prebuiltCoursePath() : undefined,
  });
  return loaded;
}

/**
 * Build step: loads the built-in course and stores it in `dist/course.json` so even a
 * first start skips parsing. Returns the problems found (a build should fail on errors).
 */
export async function prebuildCourse(file = prebuiltCoursePath()): Promise<string[]> {
  const loaded = await writePrebuiltCourse(lessonsDir(), file, { scenariosDir: scenariosDir(), cwd: packageRoot() });
  return loaded.problems.map(formatProblem);
}

/**
 * Prints the course's errors (and warnings, for an author's `--course`) to stderr.
 * Returns true when there were errors: the course should not be started.
 */
export function reportCourseProblems(loaded: LoadedCourse, options: CliOptions, io: CliIo): boolean {
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  const shown = errors.length > 0 || options.course ? loaded.problems : [];
  for (const p of shown) io.stderr.write(`${formatProblem(p)}\n`);
  if (errors.length > 0) {
    io.stderr.write(
      `webinfra-learn: the course has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} and try again\n`,
    );
  }
  return errors.length > 0;
}
