/** Keys that arrive in one read are handed to the screens one by one. */
import React from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { InputProvider, splitKeys, useKeys } from '../../src/ui/input';
import { until } from './press-key';

const plain = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false } as Parameters<typeof splitKeys>[1];

describe('splitKeys', () => {
  it('splits plain printable characters, keeps everything else whole', () => {
    expect(splitKeys('nn', plain)).toEqual(['n', 'n']);
    expect(splitKeys('xP', plain)).toEqual(['x', 'P']);
    expect(splitKeys('n', plain)).toEqual(['n']);
    expect(splitKeys('ab', { ...plain, ctrl: true })).toEqual(['ab']);
    expect(splitKeys('a\rb', plain)).toEqual(['a\rb']);
    expect(splitKeys('👩‍💻', plain)).toEqual(['👩‍💻']);
    expect(splitKeys('', plain)).toEqual(['']);
  });
});

function Recorder({ seen }: { seen: string[] }): React.ReactElement {
  useKeys((input) => {
    seen.push(input);
    return true;
  });
  return <Text>ready</Text>;
}

describe('the input owner', () => {
  it('hands two quick presses to the screen as two keys', async () => {
    const seen: string[] = [];
    const app = render(
      <InputProvider active={true}>
        <Recorder seen={seen} />
      </InputProvider>,
    );
    await until(() => (app.lastFrame() ?? '').includes('ready'), () => 'the recorder to mount');
    app.stdin.write('nn');
    await until(() => seen.length >= 2, () => `two keys; seen ${JSON.stringify(seen)}`);
    expect(seen).toEqual(['n', 'n']);
    app.unmount();
  });
});
