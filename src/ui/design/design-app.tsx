/**
 * `webinfra-learn design [--task N] [FILE]` in a terminal: the design editor
 * full-screen (alternate screen, so quitting gives the shell back as it was), in the
 * course's frame (header, body, footer of the keys that work now). Every change is
 * saved at once to the design's file; q quits.
 */
import React, { useCallback, useState } from 'react';
import { Box, render, useApp } from 'ink';
import type { Scenario } from '../../sim/types';
import type { TaskNumber } from '../../design/requirements';
import { saveDesign } from '../../design/editor/files';
import { InputProvider, LAYER } from '../input';
import { matchCommand, quitOrHelpKey, type Context } from '../keymap';
import { layout as computeLayout } from '../layout';
import { makeTheme, type Theme } from '../theme';
import { useTerminalSize, type TerminalSize } from '../use-terminal-size';
import { Frame, FrameWarning } from '../components/frame';
import { TooSmall } from '../screens/too-small';
import { DesignEditor, type EditorMode } from './design-editor';

export interface DesignAppOptions {
  task: TaskNumber;
  design: Scenario;
  /** Problems found when the design was loaded (`file:line: message`). */
  problems: string[];
  /** Where it is saved. */
  file: string;
  /** Shown under the title once (e.g. "from your design of task 0"). */
  notice?: string;
  color: boolean;
  ascii: boolean;
}

export interface DesignAppProps {
  options: DesignAppOptions;
  /** Fixed size (tests); the terminal's otherwise. */
  size?: TerminalSize;
  /** Replaces saving to disk (tests). */
  save?(file: string, design: Scenario): void;
  interactive?: boolean;
}

const MODE_NAMES: Record<EditorMode, string> = {
  build: 'build',
  check: 'check it',
  predict: 'break it: predict',
  running: 'break it',
  drill: 'break it: results',
  explain: 'explain it',
};

/** The editor app (exported for tests). */
export function DesignApp(props: DesignAppProps): React.ReactElement {
  const theme = makeTheme({ color: props.options.color, ascii: props.options.ascii });
  const { exit } = useApp();
  const [help, setHelp] = useState(false);
  const onUnhandled = (input: string, key: Parameters<typeof matchCommand>[2]) => quitOrHelpKey(input, key, help, { quit: exit, toggleHelp: () => setHelp((h) => !h) });
  return (
    <InputProvider active={props.interactive ?? true} onUnhandled={onUnhandled}>
      <DesignFrame {...props} theme={theme} help={help} />
    </InputProvider>
  );
}

function DesignFrame({ options, size, save, theme, help }: DesignAppProps & { theme: Theme; help: boolean }): React.ReactElement {
  const { columns, rows } = useTerminalSize(size);
  const lay = computeLayout(columns, rows);
  const [contexts, setContexts] = useState<Context[]>(['design']);
  const [mode, setMode] = useState<EditorMode>('build');
  const [warning, setWarning] = useState<string | undefined>(options.notice);
  const onChange = useCallback(
    (design: Scenario) => {
      try {
        (save ?? saveDesign)(options.file, design);
        setWarning(undefined);
      } catch (error) {
        setWarning(`not saved to ${options.file}: ${(error as Error).message}`);
      }
    },
    [options.file, save],
  );
  const title = `Design ${theme.ascii ? '>' : '›'} task ${options.task}`;
  return (
    <FrameWarning.Provider value={warning}>
      <Box flexDirection="column" display={lay.tooSmall ? 'none' : 'flex'}>
        <Frame layout={lay} theme={theme} title={title} status={MODE_NAMES[mode]} progress={0} contexts={contexts} help={help}>
          <DesignEditor
            task={options.task}
            initial={options.design}
            loadProblems={options.problems}
            file={options.file}
            width={lay.bodyWidth}
            height={lay.bodyHeight}
            theme={theme}
            active={!help && !lay.tooSmall}
            layer={LAYER.screen}
            setContexts={setContexts}
            onChange={onChange}
            onMode={setMode}
          />
        </Frame>
      </Box>
      {lay.tooSmall ? <TooSmall columns={columns} rows={rows} theme={theme} /> : null}
    </FrameWarning.Provider>
  );
}

/**
 * Run the editor full-screen until the learner quits. Resolves with the exit code;
 * the terminal is restored even if rendering throws.
 */
export async function runDesignApp(options: DesignAppOptions): Promise<number> {
  const out = process.stdout;
  const alt = out.isTTY === true;
  if (alt) out.write('\x1b[?1049h\x1b[H');
  try {
    const instance = render(<DesignApp options={options} />, { exitOnCtrlC: false, patchConsole: false, maxFps: 60 });
    await instance.waitUntilExit();
  } finally {
    if (alt) out.write('\x1b[?1049l\x1b[?25h');
  }
  out.write(`Your design of task ${options.task} is saved in ${options.file}\n  webinfra-learn design check ${options.file} --task ${options.task}\n  webinfra-learn sim ${options.file}\n`);
  return 0;
}
