/**
 * progress.json on disk: where it lives, atomic writes, and recovery from a damaged
 * file. The learner's progress is never lost and a bad file never stops the course:
 * it is moved aside (`progress.json.corrupt-<timestamp>`) and the course starts fresh,
 * with a one-time notice saying where the old file went.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describeFsError, readTextFile } from '../read-text-file';
import { progressPath } from './paths';
import { mergeProgress } from './progress';
import { checkProgress } from './schema';
import { emptyProgress, type Progress, type ProgressStore } from './types';

/** `2026-01-31T09-15-02-123Z`: sortable and legal in Windows file names. */
function stamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** A progress file is a few KB; anything near this is not one. */
const MAX_PROGRESS_BYTES = 4 * 1024 * 1024;

/** The file-backed ProgressStore. */
export class FileProgressStore implements ProgressStore {
  saveError?: string;
  /** Set when the file on disk must not be overwritten (it could not be moved aside, or is newer). */
  private readOnlyReason?: string;
  /** What this store last read or wrote: the base that tells "removed here" from "added elsewhere". */
  private base: Progress = emptyProgress();

  constructor(readonly path: string) {}

  load(): { progress: Progress; notice?: string } {
    this.removeStaleTempFiles();
    const read = this.readDisk();
    if (read.status === 'ok') {
      this.base = read.progress;
      return { progress: read.progress };
    }
    return read.status === 'problem' ? { progress: emptyProgress(), notice: read.notice } : { progress: emptyProgress() };
  }

  /**
   * Writes `progress` joined with what the file holds now (another copy of the app,
   * or an import, may have saved since), so neither side's progress is lost.
   * `replace` writes it as it is: a reset or an import means to drop the rest.
   */
  save(progress: Progress, opts: { replace?: boolean } = {}): void {
    if (!this.readOnlyReason && !opts.replace) {
      const read = this.readDisk();
      if (read.status === 'ok') progress = mergeProgress(read.progress, progress, this.base);
    }
    if (this.readOnlyReason) {
      this.saveError = this.notSaved(this.readOnlyReason);
      return;
    }
    const dir = path.dirname(this.path);
    // Opened with 'wx' (create, fail if anything exists, never follow a symlink) under
    // a name nobody can guess; load() removes those a killed process left behind.
    const tmp = path.join(dir, `.${path.basename(this.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let created = false;
    try {
      const text = `${JSON.stringify(progress, null, 2)}\n`;
      mkdirSync(dir, { recursive: true });
      const fd = openSync(tmp, 'wx', 0o600);
      created = true;
      try {
        writeSync(fd, text);
        // Data on disk before the rename makes it visible: a crash leaves old or new, never half.
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameWithRetry(tmp, this.path);
      created = false;
      this.base = progress;
      this.saveError = undefined;
    } catch (error) {
      this.saveError = this.notSaved(error instanceof RangeError ? 'the progress is nested too deeply to write' : describe(error));
      if (created) {
        try {
          unlinkSync(tmp);
        } catch {
          // already gone
        }
      }
    }
  }

  /** "progress not saved: <reason>, <path>": the line the app shows and repeats on exit. */
  private notSaved(reason: string): string {
    return `progress not saved: ${reason}, ${this.path}`;
  }

  /**
   * The file as it is now: `ok` with its progress, `missing`, or a problem already
   * dealt with (moved aside, or marked read-only) with the notice to show.
   */
  private readDisk(): { status: 'ok'; progress: Progress } | { status: 'missing' } | { status: 'problem'; notice: string } {
    let text: string;
    try {
      text = readTextFile(this.path, MAX_PROGRESS_BYTES);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Nothing there yet (ENOTDIR: a file where a parent folder should be; save will say so).
      if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing' };
      return { status: 'problem', notice: this.setAside(`could not be read (${describeFsError(error)})`) };
    }
    let value: unknown;
    try {
      value = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      return { status: 'problem', notice: this.setAside('was damaged (not valid JSON)') };
    }
    const version = (value as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > 1) {
      // A newer app wrote it: leave it alone rather than downgrade it.
      this.readOnlyReason = 'it was written by a newer webinfra-learn';
      return {
        status: 'problem',
        notice: `Your progress file was written by a newer webinfra-learn (format ${version}); it is left untouched and this session's progress will not be saved. Update with: npx webinfra-learn@latest`,
      };
    }
    const checked = checkProgress(value);
    if ('error' in checked) return { status: 'problem', notice: this.setAside(`was damaged (${checked.error.replace(/^progress file is damaged: /, '')})`) };
    return { status: 'ok', progress: checked.progress };
  }

  /** Temp files of saves that were killed midway (their process is gone). */
  private removeStaleTempFiles(): void {
    const dir = path.dirname(this.path);
    const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(this.path))}\\.(\\d+)\\.[0-9a-z]+\\.tmp$`);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const pid = Number(pattern.exec(name)?.[1]);
      if (!pid || (pid !== process.pid && isAlive(pid))) continue;
      try {
        unlinkSync(path.join(dir, name));
      } catch {
        // someone else cleaned it
      }
    }
  }

  /** Moves a bad file aside (the course starts fresh); if it cannot be moved, refuses to overwrite it. Returns the notice. */
  private setAside(why: string): string {
    const aside = `${this.path}.corrupt-${stamp()}`;
    try {
      renameSync(this.path, aside);
      return `Your progress file ${why}. It was moved to ${aside} and the course starts fresh.`;
    } catch (error) {
      this.readOnlyReason = `the file ${why.replace(/^was /, 'is ')} and could not be moved aside`;
      return `Your progress file ${why} and could not be moved aside (${describe(error)}). It is left as it is and this session's progress will not be saved.`;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
  return (error as NodeJS.ErrnoException)?.code === 'EEXIST' || (error as NodeJS.ErrnoException)?.code === 'ENOTDIR'
    ? 'a file is in the way of the folder'
    : describeFsError(error);
}
