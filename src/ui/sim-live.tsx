/**
 * Instructor mode: `webinfra-learn sim <scenario>` in a terminal opens the live
 * view full-screen. The headless report stays with the CLI for `--json` and
 * non-terminals; this module is only loaded when there is a terminal to draw on.
 */
import React from 'react';
import { Box, Text, render, useApp } from 'ink';
import type { LiveSimOptions } from './sim-live-options';
import { InputProvider } from './input';
import { matchCommand } from './keymap';

function LiveSimApp({ options }: { options: LiveSimOptions }): React.ReactElement {
  const { exit } = useApp();
  return (
    <InputProvider
      active={true}
      onUnhandled={(input, key) => {
        if (matchCommand(['global'], input, key) === 'quit') exit();
      }}
    >
      <Box flexDirection="column">
        <Text bold>{options.scenario.name}</Text>
        <Text dimColor>q quit</Text>
      </Box>
    </InputProvider>
  );
}

/**
 * Run the live view until the user quits. Resolves with the process exit code.
 */
export async function runLiveSim(options: LiveSimOptions): Promise<number> {
  const instance = render(<LiveSimApp options={options} />, { exitOnCtrlC: false });
  await instance.waitUntilExit();
  return 0;
}
