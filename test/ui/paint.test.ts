/**
 * The one painter (src/ui/lab/paint.ts): style tokens → ANSI, with colour, without
 * colour and in ASCII. Chalk is set to full colour here, as in a real terminal,
 * so the codes themselves are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import chalk from 'chalk';
import stripAnsi from 'strip-ansi';
import { lineText, type LineStyle, type StyledLine } from '../../src/text/styled-line';
import { paintLine, paintLines } from '../../src/ui/lab/paint';
import { makeTheme } from '../../src/ui/theme';

const E = '\u001B[';
let level: typeof chalk.level;
beforeAll(() => {
  level = chalk.level;
  chalk.level = 3;
});
afterAll(() => {
  chalk.level = level;
});

/** Every style token (the type makes this list complete: a missing one does not compile). */
const ALL: { [S in LineStyle]: true } = {
  text: true, border: true, title: true, 'label-large': true, muted: true, up: true, down: true, hung: true, draining: true,
  stopped: true, primary: true, replica: true, vip: true, selected: true, highlight: true, https: true, http: true, sql: true,
  replication: true, vrrp: true, dns: true, firewall: true, agent: true, static: true, dynamic: true, write: true, health: true,
  probe: true, failed: true, warn: true, busy: true,
  bold: true, cursor: true, carried: true, caret: true, correct: true, wrong: true, alert: true, good: true, bad: true,
  misconception: true, info: true, label: true, hint: true, faint: true, dim: true,
};
const STYLES = Object.keys(ALL) as LineStyle[];

describe('the one painter', () => {
  it('paints each token in the theme colours, nested as Ink nests <Text> attributes', () => {
    const theme = makeTheme({ color: true });
    const one = (text: string, style: LineStyle): string => paintLine([{ text, style }], theme);
    expect(one('web-1', 'text')).toBe('web-1');
    expect(one('✗ DOWN', 'down')).toBe(`${E}1m${E}38;2;213;94;0m✗ DOWN${E}39m${E}22m`);
    expect(one('● UP', 'up')).toBe(`${E}34m● UP${E}39m`);
    expect(one('› (•) 1. A', 'cursor')).toBe(`${E}1m${E}36m› (•) 1. A${E}39m${E}22m`);
    expect(one('✓ right', 'correct')).toBe(`${E}1m${E}34m✓ right${E}39m${E}22m`);
    expect(one('Enter: next', 'hint')).toBe(`${E}90mEnter: next${E}39m`);
    expect(one('(last try)', 'faint')).toBe(`${E}90m${E}2m(last try)${E}22m${E}39m`);
    expect(one('Nginx', 'carried')).toBe(`${E}7m${E}1mNginx${E}22m${E}27m`);
    expect(one('! a myth', 'misconception')).toBe(`${E}3m${E}38;2;230;159;0m! a myth${E}39m${E}23m`);
    expect(one(' ', 'caret')).toBe(`${E}7m ${E}27m`);
    // A line is its segments painted one after the other.
    expect(paintLine([{ text: '› ', style: 'cursor' }, { text: 'A', style: 'text' }, { text: '  ✓ right', style: 'correct' }], theme)).toBe(
      `${E}1m${E}36m› ${E}39m${E}22mA${E}1m${E}34m  ✓ right${E}39m${E}22m`,
    );
  });

  it('without colour, the diagram draws plain and the quiz keeps its emphasis', () => {
    const theme = makeTheme({ color: false });
    const one = (text: string, style: LineStyle): string => paintLine([{ text, style }], theme);
    // The diagram: glyphs and words carry every state.
    for (const style of ['down', 'up', 'title', 'label-large', 'selected', 'muted', 'border'] as const) expect(one('x', style)).toBe('x');
    // The quiz: bold, dim, italic and inverse are not colours.
    expect(one('› 1. A', 'cursor')).toBe(`${E}1m› 1. A${E}22m`);
    expect(one('✗ Not quite.', 'wrong')).toBe(`${E}1m✗ Not quite.${E}22m`);
    expect(one('Enter: next', 'hint')).toBe(`${E}2mEnter: next${E}22m`);
    expect(one('(last try)', 'faint')).toBe(`${E}2m(last try)${E}22m`);
    expect(one(' ', 'caret')).toBe(`${E}7m ${E}27m`);
    expect(one('! a myth', 'misconception')).toBe(`${E}3m! a myth${E}23m`);
    expect(one('• note', 'good')).toBe('• note');
    expect(one('Answered before', 'info')).toBe('Answered before');
  });

  it('in ASCII, every symbol becomes one ASCII character and the styles stay', () => {
    const line: StyledLine = [
      { text: '✓ right', style: 'correct' },
      { text: ' → next · ↑↓', style: 'hint' },
    ];
    expect(paintLine(line, makeTheme({ color: true, ascii: true }))).toBe(`${E}1m${E}34m+ right${E}39m${E}22m${E}90m > next - ^v${E}39m`);
    const plain = paintLine(line, makeTheme({ color: false, ascii: true }));
    expect(stripAnsi(plain)).toBe('+ right > next - ^v');
    expect([...stripAnsi(plain)].length).toBe([...lineText(line)].length); // cell for cell
  });

  it('on a projector, borders are bright white and muted text white', () => {
    const theme = makeTheme({ color: true, projector: true });
    expect(paintLine([{ text: '┌─┐', style: 'border' }], theme)).toBe(`${E}97m┌─┐${E}39m`);
    expect(paintLine([{ text: 'muted', style: 'muted' }], theme)).toBe(`${E}37mmuted${E}39m`);
    expect(paintLine([{ text: '┌─┐', style: 'border' }], makeTheme({ color: false, projector: true }))).toBe('┌─┐');
  });

  it('every token, in every theme, paints its own text and nothing else', () => {
    for (const color of [true, false])
      for (const ascii of [true, false])
        for (const projector of [true, false]) {
          const theme = makeTheme({ color, ascii, projector });
          const lines: StyledLine[] = STYLES.map((style) => [{ text: `${style}: abc`, style }]);
          expect(paintLines(lines, theme).map(stripAnsi)).toEqual(lines.map(lineText));
        }
  });
});
