/**
 * Reading a text file the user named (a progress file, a scenario, a lesson)
 * without the ways a plain readFileSync goes wrong: a FIFO blocks forever, a device
 * such as /dev/zero never ends, a folder fails with a bare "EISDIR", a huge file
 * fills memory. Only regular files are read, up to a size limit, and every failure
 * is a {@link ReadFileError} whose message a learner can act on.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** A file that could not be read; `message` is short and plain ("is a folder, not a file"). */
export class ReadFileError extends Error {
  constructor(
    message: string,
    /** The errno code behind it, when there is one (ENOENT, EACCES …). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ReadFileError';
  }
}

/** Default size limit: far above any real lesson, scenario or progress file. */
export const MAX_TEXT_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Reads `file` as UTF-8. Throws {@link ReadFileError} for a missing file, a folder,
 * anything that is not a regular file, or a file over `maxBytes`.
 */
export function readTextFile(file: string, maxBytes = MAX_TEXT_FILE_BYTES): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fsError(error);
  }
  try {
    const st = fstatSync(fd);
    const problem = statProblem(st, maxBytes);
    if (problem) throw new ReadFileError(problem.message, problem.code);
    // Read at most one byte past the limit: a file that grows while read is still bounded.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new ReadFileError(`is too large (the limit is ${mib(maxBytes)})`, 'EFBIG');
      if (length === buf.length) break;
    }
    return buf.subarray(0, length).toString('utf8');
  } catch (error) {
    throw error instanceof ReadFileError ? error : fsError(error);
  } finally {
    closeSync(fd);
  }
}

/** A Node file-system error as a short phrase ("no such file", "permission denied"). */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a file is in the way of the folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'disk full';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EEXIST':
      return 'a file is in the way';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      if (error instanceof ReadFileError) return error.message;
      return e?.code ? `error ${e.code}` : String((e as Error | undefined)?.message ?? error);
  }
}

function fsError(error: unknown): ReadFileError {
  return new ReadFileError(describeFsError(error), (error as NodeJS.ErrnoException)?.code);
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Why `file` cannot be read as a text file (not there, a folder, a device or a pipe,
 * over `maxBytes`), or undefined when it can. Only stats the file: never blocks.
 */
export function regularFileProblem(file: string, maxBytes = MAX_TEXT_FILE_BYTES): string | undefined {
  let st;
  try {
    st = statSync(file);
  } catch (error) {
    return describeFsError(error);
  }
  return statProblem(st, maxBytes)?.message;
}

function statProblem(st: Stats, maxBytes: number): { message: string; code: string } | undefined {
  if (st.isDirectory()) return { message: 'is a folder, not a file', code: 'EISDIR' };
  if (!st.isFile()) return { message: 'is not a regular file (a device, a pipe or a socket)', code: 'ENOTREG' };
  if (st.size > maxBytes) return { message: `is too large (${mib(st.size)}; the limit is ${mib(maxBytes)})`, code: 'EFBIG' };
  return undefined;
}
