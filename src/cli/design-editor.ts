/**
 * `webinfra-learn design [--task N] [FILE]`: the keyboard editor. The editor itself
 * (src/ui/design/) replaces the body of this function; until it is in, and whenever
 * the terminal cannot run it, the command says what works instead.
 */
import type { TaskNumber } from '../design';
import type { CliIo } from './io';

export interface DesignEditorOptions {
  task?: TaskNumber;
  file?: string;
}

/** Opens the editor on a terminal; elsewhere explains the headless commands. Resolves with the exit code. */
export async function runDesignEditor(opts: DesignEditorOptions, io: CliIo): Promise<number> {
  const interactive = io.stdout.isTTY === true && (io.stdin as { isRawModeSupported?: boolean }).isRawModeSupported === true;
  const file = opts.file ?? 'FILE';
  const why = interactive ? 'the design editor is not part of this build yet' : 'the design editor needs an interactive terminal';
  io.stderr.write(
    `webinfra-learn design: ${why}.\n` +
      `Without it:\n` +
      `  webinfra-learn design check ${file} --task ${opts.task ?? 'N'}   which requirements your design meets\n` +
      `  webinfra-learn design drill ${file}            break it and find its single points of failure\n`,
  );
  return 2;
}
