/**
 * Screen-reader mode's view: everything said goes into Ink's <Static> (written once,
 * never repainted), and below it one prompt line, shorter than the terminal, so
 * Ink's screen-reader renderer only ever erases that one line and the cursor never
 * moves back up the screen. Roles and states are Ink's aria props. One input owner.
 */
import React, { useEffect, useReducer, useRef } from 'react';
import { Box, Static, Text, render, useApp, useInput, useStdout } from 'ink';
import { SrController, type SrLine, type SrOptions } from './controller';

/** How often the clock of a running lab ticks, real ms. */
const TICK_MS = 100;

export function SrApp({ controller }: { controller: SrController }): React.ReactElement {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  controller.onChange = rerender;
  useInput((input, key) => controller.key(input, key));
  const running = controller.clockRunning;
  const last = useRef(0);
  useEffect(() => {
    if (!running) return;
    last.current = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      controller.tick(now - last.current);
      last.current = now;
      rerender();
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [running, controller]);
  useEffect(() => {
    if (controller.done) exit();
  });
  const prompt = controller.prompt();
  const room = Math.max(10, (stdout.columns || 80) - 1 - (prompt.role ? prompt.role.length + 2 : 0));
  const text = prompt.text.length > room ? `…${prompt.text.slice(prompt.text.length - room + 1)}` : prompt.text;
  return (
    <>
      <Static items={[...controller.lines]}>
        {(line: SrLine) => (
          <Box key={line.id} aria-role={line.role} aria-state={line.state}>
            <Text>{line.text}</Text>
          </Box>
        )}
      </Static>
      {controller.done ? null : (
        <Box aria-role={prompt.role}>
          <Text>{text}</Text>
        </Box>
      )}
    </>
  );
}

/** Run screen-reader mode until the learner quits; resolves with the exit code. */
export async function runScreenReader(opts: Omit<SrOptions, 'rows'>): Promise<number> {
  const stdin = process.stdin;
  if (stdin.isTTY === true && typeof stdin.setRawMode === 'function') stdin.setRawMode(true);
  const controller = new SrController({ ...opts, rows: process.stdout.rows });
  const instance = render(<SrApp controller={controller} />, { isScreenReaderEnabled: true, exitOnCtrlC: false, patchConsole: false });
  try {
    await instance.waitUntilExit();
  } finally {
    try {
      if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
    stdin.pause();
  }
  if (controller.exitMessage) process.stdout.write(controller.exitMessage);
  const saveError = opts.store?.saveError;
  if (saveError) process.stderr.write(`webinfra-learn: ${saveError}\n`);
  return saveError ? 1 : 0;
}
