/**
 * `--ascii`: text made of ASCII only, cell for cell. Each symbol the app or a
 * lesson uses becomes one ASCII character of the same width (an arrow a caret or
 * angle bracket, a dash a hyphen, a tick "+"), so a line fitted to its width still
 * fits; anything else outside ASCII becomes "?". Applied where text is painted.
 */
const CELLS: Record<string, string> = {
  '→': '>',
  '←': '<',
  '↑': '^',
  '↓': 'v',
  '⇅': '^',
  '▶': '>',
  '▸': '>',
  '›': '>',
  '‹': '<',
  '»': '>',
  '«': '<',
  '–': '-',
  '—': '-',
  '─': '-',
  '━': '=',
  '│': '|',
  '┃': '|',
  '·': '-',
  '•': '*',
  '◦': 'o',
  '▪': '*',
  '…': '.',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '✓': '+',
  '✔': '+',
  '✗': 'x',
  '✘': 'x',
  '×': 'x',
  '≥': '>',
  '≤': '<',
  '≈': '~',
  '±': '+',
  '↺': '*',
  '⚠': '!',
  '●': '*',
  '○': 'o',
  '\u00a0': ' ',
};

/** `text` in ASCII, one character per character (see above). */
export function asciiCells(text: string): string {
  if (!/[^\u0000-\u007f]/.test(text)) return text;
  return text.replace(/[^\u0000-\u007f]/gu, (ch) => CELLS[ch] ?? (/[┌┐└┘├┤┬┴┼╭╮╰╯]/.test(ch) ? '+' : '?'));
}

/** Key names in ASCII words for the footer and help ("↑↓" is "Up/Dn", "→" is "Right"). */
export function asciiKeyLabel(label: string): string {
  return asciiCells(
    label
      .replace(/↑↓/g, 'Up/Dn')
      .replace(/↑/g, 'Up')
      .replace(/↓/g, 'Dn')
      .replace(/→/g, 'Right')
      .replace(/←/g, 'Left')
      .replace(/–/g, '-'),
  );
}
