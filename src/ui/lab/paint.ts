/**
 * Styled diagram lines → terminal strings. The diagram module speaks in semantic
 * style tokens; this is the one place that turns them into the theme's colours.
 * Lines become plain strings with ANSI codes (chalk, which Ink itself uses), so a
 * whole diagram is a single `<Text>`: no element per cell, cheap to redraw at 30 fps.
 */
import { asciiCells } from '../ascii';
import chalk, { type ChalkInstance } from 'chalk';
import type { DiagramStyle, StyledLine } from '../../diagram';
import type { Theme } from '../theme';

type Painter = (text: string) => string;

function colour(c: ChalkInstance, name: string): ChalkInstance {
  if (name.startsWith('#')) return c.hex(name);
  const fn = (c as unknown as Record<string, ChalkInstance | undefined>)[name];
  return fn ?? c;
}

const cache = new WeakMap<Theme, Map<DiagramStyle, Painter>>();

/** The painter of one style token in a theme (identity when colour is off). */
export function painterFor(theme: Theme, style: DiagramStyle): Painter {
  let perTheme = cache.get(theme);
  if (!perTheme) cache.set(theme, (perTheme = new Map()));
  let p = perTheme.get(style);
  if (p) return p;
  p = makePainter(theme, style);
  perTheme.set(style, p);
  return p;
}

function makePainter(theme: Theme, style: DiagramStyle): Painter {
  if (!theme.color) return (t) => t;
  const k = theme.colors;
  const c = chalk;
  const by: Partial<Record<DiagramStyle, ChalkInstance>> = {
    title: c.bold,
    'label-large': c.bold.inverse,
    muted: colour(c, k.muted),
    up: colour(c, k.ok),
    down: colour(c.bold, k.bad),
    hung: colour(c.bold, k.bad),
    stopped: colour(c, k.bad),
    failed: colour(c.bold, k.bad),
    draining: colour(c, k.warn),
    warn: colour(c.bold, k.warn),
    primary: colour(c.bold, k.accent),
    replica: colour(c, k.info),
    vip: colour(c.bold, k.highlight),
    selected: colour(c.bold, k.highlight),
    highlight: colour(c.bold, k.accent),
    https: colour(c.bold, k.ok),
    http: colour(c, k.warn),
    sql: colour(c, k.accent),
    replication: colour(c, k.info),
    vrrp: colour(c, k.highlight),
    dns: colour(c, k.info),
    firewall: colour(c, k.warn),
    agent: colour(c, k.muted),
    static: colour(c, k.info),
    dynamic: colour(c.bold, k.accent),
    write: colour(c.bold, k.warn),
    health: colour(c, k.muted),
    probe: colour(c.bold, k.highlight),
    busy: colour(c, k.info),
  };
  if (theme.name === 'projector') {
    // Dim grey vanishes on a projector: borders and muted text stay full white.
    by.muted = c.white;
    by.border = c.whiteBright;
  }
  const fn = by[style];
  return fn ? (t) => fn(t) : (t) => t;
}

/** One styled line as a terminal string. */
export function paintLine(line: StyledLine, theme: Theme): string {
  let out = '';
  for (const seg of line) {
    // --ascii: cell for cell (hints, lesson text and feedback included).
    const text = theme.ascii ? asciiCells(seg.text) : seg.text;
    out += seg.style === 'text' ? text : painterFor(theme, seg.style)(text);
  }
  return out;
}

/** Styled lines as terminal strings. */
export function paintLines(lines: StyledLine[], theme: Theme): string[] {
  return lines.map((l) => paintLine(l, theme));
}
