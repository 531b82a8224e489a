/**
 * A canvas written straight to the terminal, for the full-screen live view.
 *
 * Why: at 30 frames/s most of the live view's cost is Ink composing every frame
 * cell by cell (it splits each line into graphemes and rebuilds the whole screen
 * as objects, then diffs styles char by char): about two thirds of the process's
 * CPU at 120×36. Here each tick paints the view's lines itself and writes only the
 * lines that changed, at absolute rows, saving and restoring the cursor so Ink's
 * own bookkeeping (it redraws relative to where it left the cursor) is untouched.
 * Ink still draws the rest of the screen (a blank area of the canvas's size and
 * the keys line); whenever Ink writes, it has blanked the canvas, so the canvas is
 * repainted whole right after (see {@link inkStdout}).
 *
 * Only used where the app owns the whole screen from its top-left corner
 * (instructor mode on the alternate screen); a lab inside a lesson, drawn inline,
 * uses inline-canvas.ts instead.
 */

/** Where and how to write; `write` is the real terminal's. */
export interface DirectCanvasTarget {
  write(s: string): void;
}

export class DirectCanvas {
  private last: string[] = [];
  private enabled = false;

  constructor(private readonly target: DirectCanvasTarget, private readonly top = 0) {}

  /** Start or stop drawing (stopped while an overlay or the too-small notice shows). */
  setEnabled(on: boolean): void {
    this.enabled = on;
    if (!on) this.last = [];
  }

  /** Forget what is on screen: the next draw writes every line (Ink just redrew). */
  invalidate(): void {
    this.last = [];
  }

  /**
   * Write the lines that differ from the previous draw. Each written line is
   * cleared to its end, so a shorter line leaves no residue. Returns how many
   * lines were written.
   */
  draw(lines: readonly string[]): number {
    if (!this.enabled) return 0;
    let out = '';
    let n = 0;
    const rows = Math.max(lines.length, this.last.length);
    for (let i = 0; i < rows; i++) {
      const line = lines[i] ?? '';
      if (this.last[i] === line) continue;
      out += `\x1b[${this.top + i + 1};1H${line}\x1b[0m\x1b[K`;
      n++;
    }
    this.last = lines.slice();
    // DECSC/DECRC keep the cursor where Ink left it (Ink hides it).
    if (n > 0) this.target.write(`\x1b7${out}\x1b8`);
    return n;
  }
}

/**
 * A stdout for Ink that tells `afterWrite` each time Ink has written a frame, so
 * the direct canvas can repaint over the blank area Ink drew. Everything else is
 * the real stream's.
 */
export function inkStdout(real: NodeJS.WriteStream, afterWrite: () => void): NodeJS.WriteStream {
  return new Proxy(real, {
    get(target, key) {
      if (key === 'write') {
        return (...args: Parameters<NodeJS.WriteStream['write']>) => {
          const r = (target.write as (...a: unknown[]) => boolean)(...args);
          afterWrite();
          return r;
        };
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
