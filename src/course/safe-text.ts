/**
 * Text from files (lessons, chapter titles, scenarios) made safe for a terminal,
 * once, where it is loaded, so no screen can forget. A lesson that contains
 * ESC ] 52 would write the learner's clipboard, ESC ] 0 their window title, ESC [ 2J
 * wipe the screen; a right-to-left override makes text read differently from what
 * it is. Every control character except newline and tab, and every invisible
 * direction override, is replaced by a visible sign: C0 controls by their Unicode
 * control picture (ESC shows as ␛), the rest by U+FFFD (�). Nothing is dropped
 * silently: `validate` warns about each line that had one.
 */

/**
 * C0 controls but tab and newline (and CR, handled apart), DEL, C1 controls
 * (U+0080–U+009F: U+009B is a one-byte CSI), and the bidirectional controls:
 * LRM/RLM/ALM, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069.
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/g;
const UNSAFE_ONE = new RegExp(UNSAFE.source);

/** The visible stand-in for one unsafe character. */
function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // ␀ … ␟ (␛ for ESC)
  if (code === 0x7f) return '\u2421'; // ␡
  return '\uFFFD';
}

/** `text` with every unsafe character replaced by a visible sign (see the module comment). */
export function safeText(text: string): string {
  return UNSAFE_ONE.test(text) ? text.replace(UNSAFE, visible) : text;
}

/** True when `text` holds a character {@link safeText} would replace. */
export function hasUnsafeText(text: string): boolean {
  return UNSAFE_ONE.test(text);
}

/** A short name for the first unsafe character of `text` ("the escape character ESC (U+001B)"). */
export function describeUnsafe(text: string): string | undefined {
  const m = UNSAFE_ONE.exec(text);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0x1b) return `the escape character ESC (${hex}), which can start terminal commands`;
  if (code === 0x9b) return `a one-byte terminal command introducer (${hex})`;
  if (code >= 0x202a && code <= 0x202e) return `a text direction override (${hex}), which makes text read differently from what it is`;
  if (code >= 0x2066 || code === 0x200e || code === 0x200f || code === 0x061c) return `an invisible text direction mark (${hex})`;
  if (code === 0x0d) return `a lone carriage return (${hex}), which overwrites the line on screen`;
  return `a control character (${hex})`;
}

/**
 * Problems of a whole file's text, one per line that has an unsafe character, with
 * 1-based lines (`firstLine` for the first). For `validate` warnings.
 */
export function unsafeTextLines(text: string, firstLine = 1): { line: number; message: string }[] {
  if (!UNSAFE_ONE.test(text)) return [];
  const out: { line: number; message: string }[] = [];
  text.split('\n').forEach((line, i) => {
    const what = describeUnsafe(line.replace(/\r$/, ''));
    if (what) out.push({ line: firstLine + i, message: `${what}; it is shown as a visible sign, not sent to the terminal` });
  });
  return out;
}

/**
 * A parsed value (YAML, JSON) with {@link safeText} applied to every string, keys
 * included: YAML escapes such as "\e" make control characters the file's text did
 * not show. Returns the same object when nothing needed changing.
 */
export function safeValue<T>(value: T): T {
  if (typeof value === 'string') return safeText(value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const s = safeValue(v);
      if (s !== v) changed = true;
      return s;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const sk = safeText(k);
      const sv = safeValue(v);
      if (sk !== k || sv !== v) changed = true;
      out[sk] = sv;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

/** A source line longer than this is almost certainly a mistake (a pasted blob, a generated file). */
export const LONG_LINE_CHARS = 1000;
/** A page longer than this takes dozens of screens to read: split it with `---`. */
export const LONG_PAGE_CHARS = 10_000;

/**
 * Everything `validate` warns about in a file's raw text: unsafe characters and
 * over-long lines, one problem per line.
 */
export function textWarnings(text: string, firstLine = 1): { line: number; message: string }[] {
  const out = unsafeTextLines(text, firstLine);
  let start = 0;
  for (let i = 0; start <= text.length; i++) {
    const end = text.indexOf('\n', start);
    const length = (end < 0 ? text.length : end) - start;
    if (length > LONG_LINE_CHARS) {
      out.push({ line: firstLine + i, message: `line is ${length.toLocaleString('en-US')} characters long (more than ${LONG_LINE_CHARS.toLocaleString('en-US')}); wrap it` });
    }
    if (end < 0) break;
    start = end + 1;
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The warning for a page past {@link LONG_PAGE_CHARS}, if it is one. */
export function pageSizeWarning(markdown: string): string | undefined {
  return markdown.length > LONG_PAGE_CHARS
    ? `page is ${markdown.length.toLocaleString('en-US')} characters long (more than ${LONG_PAGE_CHARS.toLocaleString('en-US')}); split it with a --- line`
    : undefined;
}
