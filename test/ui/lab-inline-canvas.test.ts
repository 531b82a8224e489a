/**
 * The inline canvas against a real terminal emulator (@xterm/headless): frames are
 * written the way Ink's log-update writes them, and the painted lines must land in
 * the slot, wherever the frame sits on the screen, and nowhere once the slot is gone.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import xterm from '@xterm/headless';
import { INLINE_MARK, InlineCanvasHost } from '../../src/ui/lab/inline-canvas';

const { Terminal } = xterm;

class FakeTty extends EventEmitter {
  readonly term: InstanceType<typeof Terminal>;
  writes: string[] = [];
  private pending = Promise.resolve();
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
    this.term = new Terminal({ cols: columns, rows, allowProposedApi: true });
  }
  write(s: string): boolean {
    this.writes.push(s);
    // The pty's onlcr: "\n" arrives as "\r\n".
    const data = s.replace(/\n/g, '\r\n');
    this.pending = this.pending.then(() => new Promise<void>((r) => this.term.write(data, r)));
    return true;
  }
  async screen(): Promise<string[]> {
    await this.pending;
    const buf = this.term.buffer.active;
    return Array.from({ length: this.rows }, (_, i) => buf.getLine(buf.viewportY + i)?.translateToString(true).trimEnd() ?? '');
  }
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.term.resize(columns, rows);
    this.emit('resize');
  }
}

/** What Ink's log-update writes: erase the previous frame, the new one, a newline under it. */
let previous = 0;
function inkFrame(lines: string[]): string {
  const erase = previous > 0 ? '\x1b[2K' + '\x1b[1A\x1b[2K'.repeat(previous - 1) + '\x1b[G' : '';
  previous = lines.length + 1;
  return erase + lines.join('\n') + '\n';
}

function setup(columns = 20, rows = 10): { tty: FakeTty; host: InlineCanvasHost; out: NodeJS.WriteStream } {
  previous = 0;
  const tty = new FakeTty(columns, rows);
  const host = new InlineCanvasHost(tty as unknown as NodeJS.WriteStream);
  return { tty, host, out: host.stdout() };
}

const slot = (w: number, h: number): string[] => Array.from({ length: h }, (_, i) => (i === 0 ? INLINE_MARK + ' '.repeat(w - 1) : ' '.repeat(w)));

describe('inline canvas', () => {
  it('paints into the slot, relative to where the frame sits, and the mark never reaches the screen', async () => {
    const { tty, host, out } = setup();
    tty.write('$ shell prompt\n'); // the frame starts below whatever was there
    let painted = 0;
    host.attach(() => (painted = host.draw(['ab  ', 'cd  '], 2)));
    out.write(inkFrame(['title', ...slot(4, 2).map((l) => `  ${l}`), 'footer']));
    expect(painted).toBe(2);
    const s = await tty.screen();
    expect(s.slice(0, 5)).toEqual(['$ shell prompt', 'title', '  ab', '  cd', 'footer']);
    expect(s.join('\n')).not.toContain(INLINE_MARK);
    // Only changed lines are written, and the cursor goes back under the frame.
    expect(host.draw(['ab  ', 'CD  '], 2)).toBe(1);
    tty.write('X');
    expect((await tty.screen()).slice(3, 6)).toEqual(['  CD', 'footer', 'X']);
  });

  it('stops when a frame without the slot is written, and on resize until Ink draws again', async () => {
    const { tty, host, out } = setup();
    host.attach(() => host.draw(['xx', 'yy'], 2));
    out.write(inkFrame(['t', ...slot(2, 2), 'f']));
    expect(host.showing).toBe(true);
    // Cursor show/hide and synchronized-output brackets do not move the frame.
    out.write('\x1b[?2026h');
    out.write('\x1b[?25l');
    expect(host.showing).toBe(true);
    out.write(inkFrame(['help', 'over', 'here', 'f']));
    expect(host.showing).toBe(false);
    expect(host.draw(['zz', 'zz'], 2)).toBe(0);
    expect((await tty.screen()).join('\n')).not.toContain('zz');

    out.write(inkFrame(['t', ...slot(2, 2), 'f']));
    expect(host.showing).toBe(true);
    tty.resize(18, 9);
    expect(host.showing).toBe(false);
    expect(host.draw(['zz', 'zz'], 2)).toBe(0);
    // Ink clearing its output (no newline, no slot) also stops painting.
    out.write(inkFrame(['t', ...slot(2, 2), 'f']));
    out.write('\x1b[2K\x1b[1A\x1b[2K\x1b[G');
    expect(host.showing).toBe(false);
  });

  it('follows a frame drawn after clearing the screen (cursor on its last line)', async () => {
    const { tty, host, out } = setup(20, 6);
    host.attach(() => host.draw(['pq', 'rs'], 2));
    out.write('\x1b[2J\x1b[3J\x1b[H' + ['t', ...slot(2, 2), 'f', 'g'].join('\n'));
    expect(host.showing).toBe(true);
    expect((await tty.screen()).slice(0, 5)).toEqual(['t', 'pq', 'rs', 'f', 'g']);
  });

  it('does not paint when the frame does not fit the terminal', () => {
    const { host, out } = setup(20, 4);
    host.attach(() => host.draw(['pq', 'rs'], 2));
    out.write(inkFrame(['t', ...slot(2, 2), 'f']));
    expect(host.showing).toBe(false);
    // As tall as the screen and not cleared first: where the cursor is is unknown.
    out.write(['t', ...slot(2, 2), 'f'].join('\n'));
    expect(host.showing).toBe(false);
  });

  it('paints nothing after stop, and still keeps the mark off the screen', async () => {
    const { tty, host, out } = setup();
    let calls = 0;
    host.attach(() => {
      calls++;
      host.draw(['xx'], 1);
    });
    host.stop();
    out.write(inkFrame(['t', ...slot(2, 1), 'f']));
    expect(calls).toBe(0);
    expect(host.draw(['xx'], 1)).toBe(0);
    expect((await tty.screen()).join('\n')).not.toContain(INLINE_MARK);
  });
});
