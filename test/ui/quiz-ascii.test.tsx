/**
 * `--ascii` is ASCII everywhere, footers included, and numbers never wrap apart
 * from their units.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asciiCells, asciiKeyLabel } from '../../src/ui/ascii';
import { QuizStep } from '../../src/ui/quiz/quiz-step';
import { keepUnits, wrapText } from '../../src/ui/text';
import { dnsSingle } from '../quiz/fixtures';
import { KEY, mount, quizStep, type Harness } from './quiz-harness';
import { renderApp } from './app-harness';

let h: Harness | undefined;
afterEach(() => h?.unmount());

const nonAscii = /[^\u0000-\u007f]/;

describe('--ascii', () => {
  it('turns each symbol into one ASCII character, so widths hold', () => {
    const text = '↑↓ → ← – — · • … ✓ ✗ “q” 45 °';
    const out = asciiCells(text);
    expect(out).not.toMatch(nonAscii);
    expect([...out].length).toBe([...text].length);
    expect(asciiKeyLabel('↑↓')).toBe('Up/Dn');
    expect(asciiKeyLabel('→/Enter')).toBe('Right/Enter');
    expect(asciiKeyLabel('1–9')).toBe('1-9');
  });

  it('draws a question, its feedback and its hint in ASCII only', async () => {
    const q = { ...dnsSingle, prompt: 'www → 8.8.8.8 — which record?', explain: 'An A record “maps” a name…' };
    h = await mount(QuizStep, quizStep(q), { ascii: true });
    await h.press('2', KEY.enter, 's');
    const f = await h.waitFor('Why:');
    expect(f).toContain('www > 8.8.8.8 - which record?');
    for (const line of f.split('\n')) expect(line).not.toMatch(nonAscii);
  });

  it('the app footer and map are ASCII', async () => {
    const app = renderApp({ ascii: true });
    const f = await app.waitFor('lessons done');
    for (const line of f.split('\n')) expect(line, line).not.toMatch(nonAscii);
    expect(f).toContain('Up/Dn');
    await app.press('?');
    const help = await app.waitFor('Keys');
    for (const line of help.split('\n')) expect(line, line).not.toMatch(nonAscii);
    expect(help).toContain('Up/Dn');
  });
});

describe('numbers and their units', () => {
  it('are joined for wrapping and printed with a plain space', () => {
    expect(keepUnits('after 250 ms, 99.9 % and 3 req/s')).toBe('after 250\u00a0ms, 99.9\u00a0% and 3\u00a0req/s');
    expect(keepUnits('8.8.8.8 is 1 address')).toBe('8.8.8.8 is 1 address');
    const lines = wrapText('The failover takes about 12 s before the VIP moves', 26);
    expect(lines.some((l) => /\d$/.test(l))).toBe(false);
    expect(lines.join('\n')).toContain('12 s');
    expect(lines.join('')).not.toContain('\u00a0');
  });
});
