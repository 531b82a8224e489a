import { describe, expect, it } from 'vitest';
import React from 'react';
import { EventEmitter } from 'node:events';
import { Text, render } from 'ink';
import { useTerminalSize } from '../../src/ui/use-terminal-size';
import { until } from './press-key';

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

/** Until the last frame written contains `text`. */
const drawn = (stdout: FakeStdout, text: string) => until(() => Boolean(stdout.frames.at(-1)?.includes(text)), () => `a frame with ${text}; last: ${stdout.frames.at(-1) ?? ''}`);

describe('useTerminalSize', () => {
  it('follows resize events and removes its listener on unmount', async () => {
    const stdout = new FakeStdout();
    const before = stdout.listenerCount('resize');
    const app = render(<Size />, { stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
    await drawn(stdout, 'size 80x24');
    expect(stdout.listenerCount('resize')).toBeGreaterThan(before);
    stdout.columns = 64;
    stdout.rows = 20;
    stdout.emit('resize');
    await drawn(stdout, 'size 64x20');
    app.unmount();
    await until(() => stdout.listenerCount('resize') === before, () => `resize listeners back to ${before}`);
  });

  it('assumes 80×24 when the stream has no size (a pipe)', async () => {
    const stdout = new FakeStdout();
    (stdout as { columns?: number }).columns = undefined;
    (stdout as { rows?: number }).rows = undefined;
    const app = render(<Size />, { stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
    await drawn(stdout, 'size 80x24');
    app.unmount();
  });
});
