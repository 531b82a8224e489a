/** `progress reset | export FILE | import FILE`. */
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { findLesson } from '../course/queries';
import { describeProgress, DESIGN_NAME, exportProgress, importProgress, MAX_DESIGN_CHARS, resetAll, resetLesson, type DesignTexts } from '../progress/progress';
import { dataDir } from '../progress/paths';
import { openProgressStore } from '../progress/store';
import type { Progress } from '../progress/types';
import { describeFsError, ReadFileError, readTextFile } from '../read-text-file';
import type { CliOptions } from './args';
import { courseForCli } from './course-for-cli';
import { UsageError, type CliIo } from './io';

export async function runProgressReset(options: CliOptions, io: CliIo): Promise<number> {
  const store = openProgressStore(io.env);
  const { progress, notice } = store.load();
  if (notice) io.stderr.write(`webinfra-learn: ${notice}\n`);
  let next: Progress;
  let question: string;
  let done: string;
  if (options.lesson) {
    const id = options.lesson;
    const { course } = await courseForCli(options, io);
    const known = findLesson(course, id);
    // A lesson removed from the course can still be reset if progress mentions it.
    const mentioned =
      progress.completed.includes(id) ||
      progress.current?.lesson === id ||
      id in progress.furthest ||
      [...Object.keys(progress.quizzes), ...Object.keys(progress.labs)].some((k) => k.startsWith(`${id}#`));
    if (!known && !mentioned) {
      throw new UsageError(`there is no lesson '${id}'; see the lesson ids with: webinfra-learn list`);
    }
    next = resetLesson(progress, course, id);
    if (known) io.stdout.write(`Lesson '${id}': ${known.lesson.title}\n`);
    question = `Reset your progress in lesson '${id}'?`;
    done = `Progress in lesson '${id}' was reset.`;
  } else {
    next = resetAll();
    io.stdout.write(`Your progress: ${describeProgress(progress)}.\n`);
    question = 'Reset all of it?';
    done = 'All progress was reset.';
  }
  if (!(await confirm(question, options, io, 'progress reset'))) {
    io.stdout.write('Nothing was changed.\n');
    return 0;
  }
  store.save(next, { replace: true });
  if (store.saveError) {
    io.stderr.write(`webinfra-learn: ${store.saveError}\n`);
    return 1;
  }
  io.stdout.write(`${done}\n`);
  return 0;
}

export async function runProgressExport(file: string, options: Pick<CliOptions, 'force'>, io: CliIo): Promise<number> {
  const store = openProgressStore(io.env);
  const { progress, notice } = store.load();
  if (notice) io.stderr.write(`webinfra-learn: ${notice}\n`);
  let designs: DesignTexts;
  try {
    designs = readDesigns(io.env);
  } catch (error) {
    io.stderr.write(`webinfra-learn: cannot read your designs: ${describeFsError(error)}; nothing was written.\n`);
    return 1;
  }
  const text = exportProgress(progress, designs);
  if (file === '-') {
    io.stdout.write(text);
    return 0;
  }
  const target = path.resolve(io.cwd ?? process.cwd(), file);
  try {
    // 'wx' creates the file and fails if anything (a file, a symlink) is there already.
    writeFileSync(target, text, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      io.stderr.write(`webinfra-learn: ${file} already exists; nothing was written. Add --force to replace it, or choose another name.\n`);
      return 1;
    }
    io.stderr.write(`webinfra-learn: cannot write ${file}: ${describeFsError(error)}\n`);
    return 1;
  }
  io.stdout.write(`Progress exported to ${file} (${describeProgress(progress)}${designsWord(designs)}).\n`);
  return 0;
}

export async function runProgressImport(file: string, options: CliOptions, io: CliIo): Promise<number> {
  if (file === '-' && !options.yes) {
    throw new UsageError('importing from standard input needs --yes (standard input cannot also answer the question)');
  }
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : readTextFile(path.resolve(io.cwd ?? process.cwd(), file), MAX_IMPORT_BYTES);
  } catch (error) {
    io.stderr.write(`webinfra-learn: cannot read ${file}: ${describeFsError(error)}\n`);
    return 1;
  }
  const imported = importProgress(text);
  if ('error' in imported) {
    io.stderr.write(`webinfra-learn: ${file}: ${imported.error}. Your progress was not changed.\n`);
    return 1;
  }
  const store = openProgressStore(io.env);
  const { progress, notice } = store.load();
  if (notice) io.stderr.write(`webinfra-learn: ${notice}\n`);
  const mine = readDesigns(io.env, true);
  io.stdout.write(
    `This replaces your progress (${describeProgress(progress)}${designsWord(mine)})\n` +
      `with the one in ${file} (${describeProgress(imported.progress)}${designsWord(imported.designs)}).\n`,
  );
  const replaced = Object.keys(imported.designs).filter((name) => mine[name] !== undefined && mine[name] !== imported.designs[name]);
  if (replaced.length > 0) io.stdout.write(`Your own ${replaced.join(', ')} will be kept beside it as ${replaced.map((n) => `${n}.before-import.yaml`).join(', ')}.\n`);
  if (!(await confirm('Replace it?', options, io, 'progress import'))) {
    io.stdout.write('Nothing was changed.\n');
    return 0;
  }
  store.save(imported.progress, { replace: true });
  if (store.saveError) {
    io.stderr.write(`webinfra-learn: ${store.saveError}\n`);
    return 1;
  }
  const written: string[] = [];
  try {
    const { designPath, saveDesignText } = await import('../design/editor/files');
    for (const [name, text] of Object.entries(imported.designs)) {
      const target = designPath(Number(name.slice('task-'.length)), io.env);
      if (mine[name] === text) continue;
      // Nothing is lost: a different design of the same task is moved aside first.
      if (existsSync(target)) renameSync(target, freeName(target.replace(/\.yaml$/, '.before-import')));
      saveDesignText(target, text);
      written.push(name);
    }
  } catch (error) {
    io.stderr.write(`webinfra-learn: progress imported, but a design could not be written: ${describeFsError(error)}${written.length ? ` (written: ${written.join(', ')})` : ''}.\n`);
    return 1;
  }
  io.stdout.write(`Progress imported from ${file}${written.length ? `, with your designs of ${written.join(', ')}` : ''}.\n`);
  return 0;
}

/**
 * The learner's own designs, `<data>/designs/task-N.yaml`, by name ("task-2"). A
 * missing folder is no designs; `quiet` skips files that cannot be read (for the
 * question before an import) instead of throwing.
 */
function readDesigns(env: NodeJS.ProcessEnv, quiet = false): DesignTexts {
  const dir = path.join(dataDir(env), 'designs');
  const designs: DesignTexts = {};
  if (!existsSync(dir)) return designs;
  for (const entry of readdirSync(dir).sort()) {
    const name = entry.replace(/\.yaml$/, '');
    if (name === entry || !DESIGN_NAME.test(name)) continue;
    try {
      designs[name] = readTextFile(path.join(dir, entry), MAX_DESIGN_CHARS);
    } catch (error) {
      if (!quiet) throw error;
    }
  }
  return designs;
}

/** `<base>.yaml`, or `<base>-2.yaml`, `-3`… when that is taken (an earlier import's copy stays). */
function freeName(base: string): string {
  let name = `${base}.yaml`;
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}.yaml`;
  return name;
}

/** ", 2 designs" (nothing when there are none). */
function designsWord(designs: DesignTexts): string {
  const n = Object.keys(designs).length;
  return n === 0 ? '' : `, ${n} design${n === 1 ? '' : 's'}`;
}

/**
 * Asks `question [y/N]` on a terminal. With --yes it does not ask; with no terminal
 * to ask on it refuses (exit 2) rather than guess.
 */
async function confirm(question: string, options: CliOptions, io: CliIo, command: string): Promise<boolean> {
  if (options.yes) return true;
  if (io.stdin.isTTY !== true || io.stdout.isTTY !== true) {
    throw new UsageError(`${command} asks for confirmation, but there is no terminal to ask on; add --yes to go ahead`);
  }
  io.stdout.write(`${question} [y/N] `);
  // No `output`: readline would echo and manage the cursor; the terminal echoes already.
  const rl = createInterface({ input: io.stdin, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.once('line', resolve);
      rl.once('close', () => resolve(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Progress files are a few KB: standard input or a file past this is not one. */
const MAX_IMPORT_BYTES = 4 * 1024 * 1024;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    text += chunk as string;
    if (text.length > MAX_IMPORT_BYTES) throw new ReadFileError('is too large for a progress file', 'EFBIG');
  }
  return text;
}
