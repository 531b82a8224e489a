import { describe, expect, it } from 'vitest';
import { DirectCanvas, inkStdout } from '../../src/ui/lab/direct-canvas';

function target(): { writes: string[]; write(s: string): void } {
  const writes: string[] = [];
  return { writes, write: (s) => void writes.push(s) };
}

describe('direct canvas', () => {
  it('writes only the lines that changed, at their rows, keeping the cursor', () => {
    const t = target();
    const c = new DirectCanvas(t);
    c.setEnabled(true);
    expect(c.draw(['a', 'b', 'c'])).toBe(3);
    expect(t.writes[0]).toBe('\x1b7\x1b[1;1Ha\x1b[0m\x1b[K\x1b[2;1Hb\x1b[0m\x1b[K\x1b[3;1Hc\x1b[0m\x1b[K\x1b8');
    expect(c.draw(['a', 'B', 'c'])).toBe(1);
    expect(t.writes[1]).toBe('\x1b7\x1b[2;1HB\x1b[0m\x1b[K\x1b8');
    expect(c.draw(['a', 'B', 'c'])).toBe(0);
    expect(t.writes).toHaveLength(2);
  });

  it('clears rows a shorter frame no longer uses', () => {
    const t = target();
    const c = new DirectCanvas(t);
    c.setEnabled(true);
    c.draw(['a', 'b']);
    expect(c.draw(['a'])).toBe(1);
    expect(t.writes[1]).toBe('\x1b7\x1b[2;1H\x1b[0m\x1b[K\x1b8');
  });

  it('draws nothing while disabled, and everything again after invalidate', () => {
    const t = target();
    const c = new DirectCanvas(t);
    expect(c.draw(['a'])).toBe(0);
    c.setEnabled(true);
    c.draw(['a', 'b']);
    c.invalidate();
    expect(c.draw(['a', 'b'])).toBe(2);
  });

  it('tells after each write to the wrapped stream and keeps its other members', () => {
    let after = 0;
    const out: string[] = [];
    const real = { columns: 99, write: (s: string) => (out.push(s), true), on() { return this; } } as unknown as NodeJS.WriteStream;
    const s = inkStdout(real, () => after++);
    s.write('x');
    expect(out).toEqual(['x']);
    expect(after).toBe(1);
    expect(s.columns).toBe(99);
  });
});
