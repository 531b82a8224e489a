import { describe, expect, it } from 'vitest';
import React from 'react';
import { EventEmitter } from 'node:events';
import { Text, render } from 'ink';
import { useTerminalSize } from '../../src/ui/use-terminal-size';

/** A stand-in terminal: a size that can change, and the frames written to it. */
class FakeStdout extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = true;
  frames: string[] = [];
  write = (s: string): boolean => {
    this.frames.push(s);
    return true;
  };
}

function Size(): React.ReactElement {
  const { columns, rows } = useTerminalSize();
  return <Text>{`size ${columns}x${rows}`}</Text>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('useTerminalSize', () => {
  it('follows resize events and removes its listener on unmount', async () => {
    const stdout = new FakeStdout();
    const before = stdout.listenerCount('resize');
    const app = render(<Size />, { stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
    await sleep(20);
    expect(stdout.frames.at(-1)).toContain('size 80x24');
    stdout.columns = 64;
    stdout.rows = 20;
    stdout.emit('resize');
    await sleep(20);
    expect(stdout.frames.at(-1)).toContain('size 64x20');
    app.unmount();
    await sleep(20);
    expect(stdout.listenerCount('resize')).toBe(before);
  });

  it('assumes 80×24 when the stream has no size (a pipe)', async () => {
    const stdout = new FakeStdout();
    (stdout as { columns?: number }).columns = undefined;
    (stdout as { rows?: number }).rows = undefined;
    const app = render(<Size />, { stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
    await sleep(20);
    expect(stdout.frames.at(-1)).toContain('size 80x24');
    app.unmount();
  });
});
