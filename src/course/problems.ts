import { safeText } from './safe-text';
import type { CourseProblem } from './types';

/**
 * `file:line: message` (line 0 means the whole file or folder: `file: message`);
 * warnings say so after the position.
 */
export function formatProblem(p: CourseProblem): string {
  // File and folder names can hold control characters too.
  const where = safeText(p.line > 0 ? `${p.file}:${p.line}` : p.file);
  return `${where}: ${p.severity === 'warning' ? 'warning: ' : ''}${safeText(p.message)}`;
}

/** True when at least one problem is an error (warnings alone do not stop the course). */
export function hasErrors(problems: readonly CourseProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
