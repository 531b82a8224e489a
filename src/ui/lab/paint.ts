/**
 * Styled lines → terminal strings: the app's one painter. Every screen drawn as
 * styled lines (src/text/styled-line.ts) — the diagram and live view, the lab,
 * pick-node and predict screens, the design editor, the quiz and review screens —
 * speaks in semantic style tokens; this is the one place that turns them into the
 * theme's colours. Lines become plain strings with ANSI codes (chalk, which Ink
 * itself uses), drawn as one `Canvas` (canvas.tsx) or written straight to the
 * terminal by the live views (direct-canvas.ts, inline-canvas.ts): no element per
 * cell or segment, cheap to redraw at 30 fps.
 */
import { asciiCells } from '../ascii';
import chalk, { type ChalkInstance } from 'chalk';
import type { LineStyle, StyledLine } from '../../text/styled-line';
import type { Theme } from '../theme';

type Painter = (text: string) => string;
type Tone = keyof Theme['colors'];

/** How a style looks: a theme colour and the attributes Ink's <Text> has. */
interface Look {
  tone?: Tone;
  bold?: true;
  italic?: true;
  inverse?: true;
  dim?: true;
}

/**
 * Each style's look with colour on, and without (NO_COLOR, --no-color). The
 * diagram's styles draw plain without colour: its glyphs and words carry every
 * state. The quiz's keep their emphasis, so a cursor or a verdict still stands out.
 */
const LOOKS: { readonly [S in LineStyle]: { color: Look; plain?: Look } } = {
  // The diagram and the live view.
  text: { color: {} },
  border: { color: {} },
  title: { color: { bold: true } },
  'label-large': { color: { bold: true, inverse: true } },
  muted: { color: { tone: 'muted' } },
  up: { color: { tone: 'ok' } },
  down: { color: { tone: 'bad', bold: true } },
  hung: { color: { tone: 'bad', bold: true } },
  stopped: { color: { tone: 'bad' } },
  failed: { color: { tone: 'bad', bold: true } },
  draining: { color: { tone: 'warn' } },
  warn: { color: { tone: 'warn', bold: true } },
  primary: { color: { tone: 'accent', bold: true } },
  replica: { color: { tone: 'info' } },
  vip: { color: { tone: 'highlight', bold: true } },
  selected: { color: { tone: 'highlight', bold: true } },
  highlight: { color: { tone: 'accent', bold: true } },
  https: { color: { tone: 'ok', bold: true } },
  http: { color: { tone: 'warn' } },
  sql: { color: { tone: 'accent' } },
  replication: { color: { tone: 'info' } },
  vrrp: { color: { tone: 'highlight' } },
  dns: { color: { tone: 'info' } },
  firewall: { color: { tone: 'warn' } },
  agent: { color: { tone: 'muted' } },
  static: { color: { tone: 'info' } },
  dynamic: { color: { tone: 'accent', bold: true } },
  write: { color: { tone: 'warn', bold: true } },
  health: { color: { tone: 'muted' } },
  probe: { color: { tone: 'highlight', bold: true } },
  busy: { color: { tone: 'info' } },
  // The quiz and review screens.
  bold: { color: { bold: true }, plain: { bold: true } },
  cursor: { color: { tone: 'accent', bold: true }, plain: { bold: true } },
  carried: { color: { bold: true, inverse: true }, plain: { bold: true, inverse: true } },
  caret: { color: { inverse: true }, plain: { inverse: true } },
  correct: { color: { tone: 'ok', bold: true }, plain: { bold: true } },
  wrong: { color: { tone: 'bad', bold: true }, plain: { bold: true } },
  alert: { color: { tone: 'warn', bold: true }, plain: { bold: true } },
  good: { color: { tone: 'ok' } },
  bad: { color: { tone: 'bad' } },
  misconception: { color: { tone: 'warn', italic: true }, plain: { italic: true } },
  info: { color: { tone: 'info' } },
  label: { color: { tone: 'info', bold: true }, plain: { bold: true } },
  hint: { color: { tone: 'muted' }, plain: { dim: true } },
  faint: { color: { tone: 'muted', dim: true }, plain: { dim: true } },
  dim: { color: { dim: true }, plain: { dim: true } },
};

function colour(c: ChalkInstance, name: string): ChalkInstance {
  if (name.startsWith('#')) return c.hex(name);
  const fn = (c as unknown as Record<string, ChalkInstance | undefined>)[name];
  return fn ?? c;
}

const identity: Painter = (t) => t;
const cache = new WeakMap<Theme, Map<LineStyle, Painter>>();

/** The painter of one style token in a theme. */
export function painterFor(theme: Theme, style: LineStyle): Painter {
  let perTheme = cache.get(theme);
  if (!perTheme) cache.set(theme, (perTheme = new Map()));
  let p = perTheme.get(style);
  if (p) return p;
  p = makePainter(theme, style);
  perTheme.set(style, p);
  return p;
}

function makePainter(theme: Theme, style: LineStyle): Painter {
  // Borders vanish in dim light: on a projector they are drawn bright white.
  if (theme.color && theme.name === 'projector' && style === 'border') return (t) => chalk.whiteBright(t);
  const look = theme.color ? LOOKS[style].color : LOOKS[style].plain;
  if (!look) return identity;
  // Nested as Ink's <Text> nests them (inverse outermost, dim innermost), so a
  // screen painted here reads the same, code for code, as one drawn with <Text>.
  let c = chalk;
  if (look.inverse) c = c.inverse;
  if (look.italic) c = c.italic;
  if (look.bold) c = c.bold;
  if (look.tone) c = colour(c, theme.colors[look.tone]);
  if (look.dim) c = c.dim;
  if (c === chalk) return identity;
  const fn = c;
  return (t) => fn(t);
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
export function paintLines(lines: readonly StyledLine[], theme: Theme): string[] {
  return lines.map((l) => paintLine(l, theme));
}
