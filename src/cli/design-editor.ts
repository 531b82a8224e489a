/**
 * `webinfra-learn design [--task N] [FILE]`: the keyboard editor (src/ui/design/).
 * Without FILE the design is the learner's own, kept with progress
 * (`<config>/designs/task-N.yaml`), and task N starts from their design of task N−1.
 * A FILE that exists opens as it is (problems that stop it from running are listed
 * in the editor; a file that is not a design at all is refused with `file:line`
 * messages, exit 2); a FILE that does not exist yet is created.
 * Where the terminal cannot run the editor, the command says what works instead; with
 * a screen reader the editor is said as lines (src/ui/sr/build-session.ts).
 */
import { existsSync } from 'node:fs';
import type { TaskNumber } from '../design';
import type { CliIo } from './io';

export interface DesignEditorOptions {
  task?: TaskNumber;
  file?: string;
  ascii?: boolean;
  /** `--screen-reader` (INK_SCREEN_READER=true works too): the editor said as lines. */
  screenReader?: boolean;
}

/** Opens the editor on a terminal; elsewhere explains the headless commands. Resolves with the exit code. */
export async function runDesignEditor(opts: DesignEditorOptions, io: CliIo): Promise<number> {
  // A pipe's isTTY is undefined, not false; raw mode is what Ink really needs.
  const interactive = io.stdin.isTTY === true && io.stdout.isTTY === true && typeof io.stdin.setRawMode === 'function';
  if (!interactive) {
    const file = opts.file ?? 'FILE';
    io.stderr.write(
      `webinfra-learn design: the design editor needs an interactive terminal.\n` +
        `Without it:\n` +
        `  webinfra-learn design check ${file} --task ${opts.task ?? 'N'}   which requirements your design meets\n` +
        `  webinfra-learn design drill ${file}            break it and find its single points of failure\n`,
    );
    return 2;
  }
  const task = opts.task ?? 0;
  const { designPath, loadDesignFile, startingDesign, DesignFileError } = await import('../design/editor/files');
  const file = opts.file ?? designPath(task, io.env);
  let loaded: { design: import('../sim/types').Scenario; problems: string[] };
  let notice: string | undefined;
  try {
    if (opts.file && existsSync(opts.file)) loaded = loadDesignFile(opts.file, task);
    else {
      const start = startingDesign(task, io.env);
      loaded = start;
      if (start.from && start.from !== file) notice = `Starting from your design in ${start.from}`;
    }
  } catch (error) {
    if (!(error instanceof DesignFileError)) throw error;
    io.stderr.write(`webinfra-learn design: cannot open the design:\n${error.message}\n`);
    return 2;
  }
  // With a screen reader the editor is told as lines (src/ui/sr/build-session.ts), not drawn.
  if (opts.screenReader || io.env.INK_SCREEN_READER === 'true') {
    const { runScreenReader } = await import('../ui/sr/sr-app');
    return runScreenReader({ design: { task, file, design: loaded.design, problems: loaded.problems, notice } });
  }
  const color = io.env.NO_COLOR === undefined || io.env.NO_COLOR === '';
  const { withoutGlobalFetch } = await import('../ui/run');
  const { runDesignApp } = await withoutGlobalFetch(() => import('../ui/design/design-app'));
  return runDesignApp({ task, file, design: loaded.design, problems: loaded.problems, notice, color, ascii: opts.ascii === true });
}
