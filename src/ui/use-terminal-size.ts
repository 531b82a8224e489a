/**
 * Size is state: the terminal's columns × rows, updated on every `resize` of the
 * output stream, with the listener removed on unmount (a leftover listener keeps a
 * reference to a dead tree and, in tests, leaks between renders).
 */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize {
  columns: number;
  rows: number;
}

function read(stream: NodeJS.WriteStream): TerminalSize {
  // A pipe or a test stream has no size: 80×24 is what every screen is designed for.
  return { columns: stream.columns || 80, rows: stream.rows || 24 };
}

/**
 * The current terminal size. `override` fixes the size (tests inject one, since
 * ink-testing-library's stream has 100 columns and no rows).
 */
export function useTerminalSize(override?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => override ?? read(stdout));
  useEffect(() => {
    if (override) {
      setSize((prev) => (prev.columns === override.columns && prev.rows === override.rows ? prev : override));
      return;
    }
    const onResize = (): void => {
      const next = read(stdout);
      setSize((prev) => (prev.columns === next.columns && prev.rows === next.rows ? prev : next));
    };
    onResize();
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the override's size, not its identity (a new object each render)
  }, [stdout, override?.columns, override?.rows]);
  return size;
}
