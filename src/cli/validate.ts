/** `validate [DIR]`: every problem of a course folder as `file:line: message`. */
import path from 'node:path';
import { loadCourse } from '../course/load-course';
import { formatProblem } from '../course/problems';
import { chainedLookup, scenarioDirs } from '../course/course-scenarios';
import { quizBiasWarnings } from '../course/quiz-bias';
import { lessonsDir, scenariosDir } from '../package-root';
import type { CliOptions } from './args';
import type { CliIo } from './io';

export async function runValidate(dir: string | undefined, options: CliOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const root = dir ? path.resolve(cwd, dir) : lessonsDir();
  // Always a full load, never the cache: this is the check authors and CI rely on.
  const { course, problems } = loadCourse(root, { scenarios: chainedLookup(scenarioDirs(root, scenariosDir())), cwd });
  for (const p of problems) io.stdout.write(`${formatProblem(p)}\n`);
  // Answers that give themselves away by shape: advice to authors, printed but not
  // failing validation (a deliberate long answer must not block CI).
  const advice = quizBiasWarnings(course);
  for (const p of advice) io.stdout.write(`${formatProblem(p)}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const lessons = course.chapters.reduce((n, c) => n + c.lessons.length, 0);
  const rel = path.relative(cwd, root);
  const name = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? root : rel;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  const adviceNote = advice.length > 0 ? ` (and ${plural(advice.length, 'quiz answer-shape warning')}, advice only)` : '';
  if (problems.length === 0) {
    const ok = options.ascii ? 'ok' : '✓';
    io.stdout.write(`${ok} ${name}: ${plural(course.chapters.length, 'chapter')}, ${plural(lessons, 'lesson')}, no problems${adviceNote}\n`);
  } else {
    io.stdout.write(`${name}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${adviceNote}\n`);
  }
  // Any problem fails validation (warnings too): CI keeps the shipped course clean.
  return problems.length > 0 ? 1 : 0;
}
