/**
 * Colours and glyphs. Every state is shown by a glyph and a word as well as a
 * colour (colour-blind-safe palette, after Okabe & Ito), so NO_COLOR and
 * monochrome projectors lose nothing.
 */
export interface Theme {
  name: 'default' | 'projector';
  color: boolean;
  ascii: boolean;
  /** `--reduced-motion`: no moving requests in the lab and instructor views (state changes still shown). */
  reducedMotion?: boolean;
  colors: {
    accent: string;
    muted: string;
    ok: string;
    bad: string;
    warn: string;
    info: string;
    highlight: string;
  };
  glyphs: {
    done: string;
    current: string;
    todo: string;
    right: string;
    wrong: string;
    bullet: string;
    pointer: string;
    checkboxOn: string;
    checkboxOff: string;
    radioOn: string;
    radioOff: string;
    up: string;
    down: string;
    draining: string;
    vip: string;
    lock: string;
    sparks: string[];
  };
}

const unicodeGlyphs: Theme['glyphs'] = {
  done: '✓',
  current: '▶',
  todo: '·',
  right: '✓',
  wrong: '✗',
  bullet: '•',
  pointer: '›',
  checkboxOn: '[x]',
  checkboxOff: '[ ]',
  radioOn: '(•)',
  radioOff: '( )',
  up: '●',
  down: '✗',
  draining: '◐',
  vip: '★',
  lock: '🔒',
  sparks: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
};

const asciiGlyphs: Theme['glyphs'] = {
  done: 'v',
  current: '>',
  todo: '.',
  right: 'OK',
  wrong: 'X',
  bullet: '*',
  pointer: '>',
  checkboxOn: '[x]',
  checkboxOff: '[ ]',
  radioOn: '(*)',
  radioOff: '( )',
  up: 'o',
  down: 'X',
  draining: '~',
  vip: '*',
  lock: 'TLS',
  sparks: ['_', '.', '-', '=', '+', '*', '#', '#'],
};

export interface ThemeOptions {
  color?: boolean;
  ascii?: boolean;
  projector?: boolean;
  reducedMotion?: boolean;
}

export function makeTheme({ color = true, ascii = false, projector = false, reducedMotion = false }: ThemeOptions = {}): Theme {
  return {
    name: projector ? 'projector' : 'default',
    color,
    ascii,
    reducedMotion,
    colors: projector
      ? { accent: 'whiteBright', muted: 'white', ok: 'greenBright', bad: 'redBright', warn: 'yellowBright', info: 'cyanBright', highlight: 'magentaBright' }
      : // Okabe–Ito-inspired: blue/orange/vermillion distinguishable for most colour-blind viewers.
        { accent: 'cyan', muted: 'gray', ok: 'blue', bad: '#D55E00', warn: '#E69F00', info: '#56B4E9', highlight: 'magenta' },
    glyphs: ascii ? asciiGlyphs : unicodeGlyphs,
  };
}
