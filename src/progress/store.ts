/**
 * progress.json on disk: where it lives, atomic writes, and recovery from a damaged
 * file. The learner's progress is never lost and a bad file never stops the course:
 * it is moved aside (`progress.json.corrupt-<timestamp>`) and the course starts fresh,
 * with a one-time notice saying where the old file went.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { progressPath } from './paths';
import { checkProgress } from './schema';
import { emptyProgress, type Progress, type ProgressStore } from './types';

/** `2026-01-31T09-15-02-123Z`: sortable and legal in Windows file names. */
function stamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

let tmpCounter = 0;

/** The file-backed ProgressStore. */
export class FileProgressStore implements ProgressStore {
  saveError?: string;
  /** Set when the file on disk must not be overwritten (it could not be moved aside, or is newer). */
  private readOnlyReason?: string;

  constructor(readonly path: string) {}

  load(): { progress: Progress; notice?: string } {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Nothing there yet (ENOTDIR: a file where a parent folder should be; save will say so).
      if (code === 'ENOENT' || code === 'ENOTDIR') return { progress: emptyProgress() };
      return this.setAside(`could not be read (${code ?? (error as Error).message})`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return this.setAside('was damaged (not valid JSON)');
    }
    const version = (value as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > 1) {
      // A newer app wrote it: leave it alone rather than downgrade it.
      this.readOnlyReason = `${this.path} was written by a newer webinfra-learn`;
      return {
        progress: emptyProgress(),
        notice: `Your progress file was written by a newer webinfra-learn (format ${version}); it is left untouched and this session's progress will not be saved. Update with: npx webinfra-learn@latest`,
      };
    }
    const checked = checkProgress(value);
    if ('error' in checked) return this.setAside(`was damaged (${checked.error.replace(/^progress file is damaged: /, '')})`);
    return { progress: checked.progress };
  }

  save(progress: Progress): void {
    if (this.readOnlyReason) {
      this.saveError = `progress not saved: ${this.readOnlyReason}`;
      return;
    }
    const dir = path.dirname(this.path);
    const tmp = path.join(dir, `.${path.basename(this.path)}.${process.pid}.${++tmpCounter}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify(progress, null, 2)}\n`);
        // Data on disk before the rename makes it visible: a crash leaves old or new, never half.
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameWithRetry(tmp, this.path);
      this.saveError = undefined;
    } catch (error) {
      this.saveError = `progress not saved to ${this.path}: ${describe(error)}`;
      try {
        unlinkSync(tmp);
      } catch {
        // the temp file was never created
      }
    }
  }

  /** Moves a bad file aside and starts fresh; if it cannot be moved, refuses to overwrite it. */
  private setAside(why: string): { progress: Progress; notice: string } {
    const aside = `${this.path}.corrupt-${stamp()}`;
    try {
      renameSync(this.path, aside);
      return {
        progress: emptyProgress(),
        notice: `Your progress file ${why}. It was moved to ${aside} and the course starts fresh.`,
      };
    } catch (error) {
      this.readOnlyReason = `${this.path} ${why} and could not be moved aside`;
      return {
        progress: emptyProgress(),
        notice: `Your progress file ${why} and could not be moved aside (${describe(error)}). It is left as it is and this session's progress will not be saved.`,
      };
    }
  }
}

/** Opens the store at the usual place (see `progressPath`). */
export function openProgressStore(env: NodeJS.ProcessEnv = process.env): FileProgressStore {
  return new FileProgressStore(progressPath(env));
}

/**
 * rename() over an existing file can fail briefly on Windows while another process
 * (an antivirus scan, a second app instance) has the target open.
 */
function renameWithRetry(from: string, to: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
      const until = Date.now() + 20 * (attempt + 1);
      while (Date.now() < until) {
        // brief synchronous back-off: save() is synchronous by contract
      }
    }
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'disk full';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of the folder';
    default:
      return e?.message ?? String(error);
  }
}
