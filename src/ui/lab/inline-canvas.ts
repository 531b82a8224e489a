/**
 * A canvas written straight to the terminal inside Ink's inline frame, for the
 * lab embedded in a lesson.
 *
 * Why: at 30 frames/s, Ink rebuilding the lesson frame cell by cell every tick
 * costs about two thirds of the process's CPU (27–35 % of a core at 120×36). Here
 * Ink renders the lab's area once, as a blank slot, and each tick writes only the
 * slot's lines that changed.
 *
 * The lesson app is not on the alternate screen: Ink draws inline, wherever the
 * shell left the cursor, so there is no absolute row to write at. Instead the slot
 * is found in Ink's own output: its first line starts with {@link INLINE_MARK} (a
 * private-use character, one cell wide), which the stdout given to Ink
 * ({@link InlineCanvasHost.stdout}) replaces with a space while counting how many
 * lines below it Ink's frame ends. Ink's log-update leaves the cursor at column 0
 * of the line under the frame, so the slot's line i is that many lines, minus i,
 * straight up: painting saves the cursor, moves up relatively, writes and restores it.
 *
 * Painting stops as soon as anything else may have moved the frame: a frame
 * written without the mark (the step hidden, an overlay open, another page), a
 * write that is not a whole frame (Ink clearing its output), a frame not ending
 * with a newline or as tall as the terminal (Ink then clears the screen and the
 * cursor is not under the frame), a resize (until Ink has drawn again), the app
 * exiting. After every frame that has the slot, Ink has blanked it: the owner
 * repaints it whole.
 */
import { createContext } from 'react';

/** First cell of the slot's first line in Ink's output (replaced by a space on the way out). */
export const INLINE_MARK = '\uE000';

/** Writes from Ink that neither move the cursor nor touch the screen: cursor show/hide, synchronized-output brackets. */
const HARMLESS = /^(?:\x1b\[\?(?:25|2026)[hl])*$/;
/** Part of the sequence Ink writes before a frame drawn from the screen's top-left corner. */
const CLEAR_SCREEN = '\x1b[2J';
const ANSI = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[78=>])/g;

interface Slot {
  /** Lines from the cursor's row (under Ink's frame) up to the slot's first line. */
  up: number;
  /** Column of the slot's left edge. */
  col: number;
}

export class InlineCanvasHost {
  private slot: Slot | undefined;
  private last: string[] = [];
  private owner: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly real: NodeJS.WriteStream) {
    // Before Ink's own listener: the frame on screen is no longer where we measured
    // it (the terminal may reflow it) until Ink has drawn again.
    if (typeof real.prependListener === 'function') real.prependListener('resize', this.onResize);
  }

  private readonly onResize = (): void => {
    this.slot = undefined;
  };

  /**
   * Register the function that paints the slot whole (calling {@link draw}); it
   * runs after each of Ink's frames that show the slot, and now if one is shown.
   * Returns the function that unregisters it.
   */
  attach(repaint: () => void): () => void {
    this.owner = repaint;
    this.last = [];
    if (this.slot) repaint();
    return () => {
      if (this.owner === repaint) this.owner = undefined;
    };
  }

  /** Whether the slot is on screen where it was measured (a draw would show). */
  get showing(): boolean {
    return this.slot !== undefined && !this.stopped;
  }

  /**
   * Write the lines that differ from the previous draw, each at the slot's left
   * edge; lines must be padded to the slot's width (nothing is cleared around
   * them, so the frame beside the slot stays Ink's). Returns how many were written.
   */
  draw(lines: readonly string[], height: number): number {
    const slot = this.slot;
    if (!slot || this.stopped) return 0;
    let out = '';
    let n = 0;
    const rows = Math.min(height, slot.up);
    for (let i = 0; i < rows; i++) {
      const line = lines[i] ?? '';
      if (this.last[i] === line) continue;
      out += `\r\x1b[${slot.up - i}A${slot.col > 0 ? `\x1b[${slot.col}C` : ''}${line}\x1b[0m\x1b8`;
      n++;
    }
    this.last = lines.slice(0, rows);
    // DECSC/DECRC: the cursor goes back under the frame, where Ink expects it.
    if (n > 0) this.real.write(`\x1b7${out}`);
    return n;
  }

  /** Stop for good (the app is exiting): nothing is painted after this. */
  stop(): void {
    this.stopped = true;
    this.slot = undefined;
    this.owner = undefined;
    this.real.off?.('resize', this.onResize);
  }

  /** One of Ink's writes, on its way to the terminal: find the slot in it and take the mark out. */
  filter(chunk: string): { text: string; frame: boolean } {
    if (HARMLESS.test(chunk)) return { text: chunk, frame: false };
    const at = chunk.indexOf(INLINE_MARK);
    this.slot = undefined;
    this.last = [];
    if (at < 0) return { text: chunk, frame: false };
    const text = chunk.split(INLINE_MARK).join(' ');
    if (chunk.indexOf(INLINE_MARK, at + 1) >= 0) return { text, frame: false }; // two slots: which one?
    let up = 0;
    for (let i = at; i < chunk.length; i++) if (chunk.charCodeAt(i) === 10) up++;
    let newlines = up;
    for (let i = 0; i < at; i++) if (chunk.charCodeAt(i) === 10) newlines++;
    // Where the cursor is: a frame written by log-update ends with a newline, the
    // cursor under it; one written after clearing the screen (Ink does so when the
    // previous frame was as tall as the terminal, e.g. after shrinking it) starts
    // at the top and leaves the cursor on its last line. Either way the slot is
    // `up` lines above the cursor's row, if the whole frame fits on the screen.
    const rows = this.real.rows ?? 0;
    const fits = chunk.endsWith('\n') ? rows <= 0 || newlines <= rows - 1 : chunk.includes(CLEAR_SCREEN) && rows > 0 && newlines + 1 <= rows;
    if (!fits || up < 1) return { text, frame: false };
    const lineStart = chunk.lastIndexOf('\n', at) + 1;
    const col = [...chunk.slice(lineStart, at).replace(ANSI, '')].length;
    this.slot = { up, col };
    return { text, frame: true };
  }

  /** A stdout for Ink's `render()`: the real one, with each write passed through {@link filter} and the slot repainted after a frame. */
  stdout(): NodeJS.WriteStream {
    const real = this.real;
    return new Proxy(real, {
      get: (target, key) => {
        if (key === 'write') {
          return (chunk: unknown, ...rest: unknown[]) => {
            if (typeof chunk !== 'string') return (target.write as (...a: unknown[]) => boolean)(chunk, ...rest);
            if (this.stopped) return (target.write as (...a: unknown[]) => boolean)(chunk.split(INLINE_MARK).join(' '), ...rest);
            const { text, frame } = this.filter(chunk);
            const r = (target.write as (...a: unknown[]) => boolean)(text, ...rest);
            if (frame) this.owner?.();
            return r;
          };
        }
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }
}

/** The lesson app's inline canvas, when it draws to a terminal (absent in tests without one: the lab then draws through Ink). */
export const InlineCanvasContext = createContext<InlineCanvasHost | undefined>(undefined);
