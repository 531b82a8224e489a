/**
 * The live view's whole event log: `l` opens it over the diagram and pauses the
 * run; ↑↓ / PgUp / PgDn / Home / End scroll it; `l` or Esc closes it and puts the
 * run back as it was (running, or paused if it was). Keys other than the global
 * ones (? help, q quit) do nothing while it is open, so nothing happens to a run
 * nobody can see. The wrapped log is kept between frames (the run is paused).
 */
import { useRef, useState } from 'react';
import type { Key } from 'ink';
import type { StyledLine } from '../../diagram';
import type { SimEvent } from '../../sim/types';
import { LAYER, useKeys } from '../input';
import { matchCommand } from '../keymap';
import { logOverlayLines, scrollTo, wrapLog, type WrappedLog } from './log-lines';

export interface LogOverlay {
  open: boolean;
  /** The overlay's lines for `width` × `height`. */
  lines(width: number, height: number): StyledLine[];
}

/** Keys over the screen's (lab keys, presenter jumps), under the global overlay (help, quit). */
const LOG_LAYER = LAYER.overlay - 1;

export function useLogOverlay(o: { events(): readonly SimEvent[]; paused: boolean; setPaused(paused: boolean): void; active: boolean; ascii: boolean }): LogOverlay {
  const [open, setOpen] = useState(false);
  const [top, setTop] = useState(Number.MAX_SAFE_INTEGER);
  const wasPaused = useRef(false);
  const cache = useRef<WrappedLog | undefined>(undefined);
  const shape = useRef({ total: 0, room: 1 });
  const wrapped = (width: number): WrappedLog => {
    const events = o.events();
    const c = cache.current;
    if (!c || c.events !== events.length || c.width !== width) cache.current = wrapLog(events, width);
    return cache.current!;
  };
  useKeys(
    (input: string, key: Key) => {
      if (!open) {
        if (matchCommand(['lab'], input, key) !== 'log') return false;
        wasPaused.current = o.paused;
        o.setPaused(true);
        setTop(Number.MAX_SAFE_INTEGER);
        setOpen(true);
        return true;
      }
      const cmd = matchCommand(['eventLog'], input, key);
      if (cmd === 'log') {
        setOpen(false);
        o.setPaused(wasPaused.current);
        return true;
      }
      if (cmd === 'up' || cmd === 'down' || cmd === 'pageUp' || cmd === 'pageDown' || cmd === 'home' || cmd === 'end') {
        setTop((t) => scrollTo(cmd, t, shape.current.total, shape.current.room));
      }
      return true;
    },
    o.active,
    LOG_LAYER,
  );
  return {
    open,
    lines: (width, height) => {
      const log = wrapped(width);
      const r = logOverlayLines(log, { width, height, top, ascii: o.ascii, note: 'run paused', resumes: !wasPaused.current });
      shape.current = { total: log.lines.length, room: r.room };
      return r.lines;
    },
  };
}
