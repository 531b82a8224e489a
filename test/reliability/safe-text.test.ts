/**
 * Issue 10 item 2: text from a course reaches the terminal only after it was made
 * safe where it was loaded, and `validate` warns about each place.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { safeText, safeValue, textWarnings } from '../../src/course/safe-text';
import { HOSTILE, runMain } from './helpers';

const COURSE = path.join(HOSTILE, 'escape-course');
/** ESC, BEL, C1 controls, lone CR and the bidi controls: none may reach stdout. */
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/;

describe('safeText', () => {
  it('shows control characters as visible signs and keeps newline, tab and CRLF', () => {
    expect(safeText('a\x1b]52;c;eA==\x07b')).toBe('a\u241b]52;c;eA==\u2407b');
    expect(safeText('x\x1b[2Jy')).toBe('x\u241b[2Jy');
    expect(safeText('abc\u202efdp.exe')).toBe('abc\ufffdfdp.exe');
    expect(safeText('one\u009b31m')).toBe('one\ufffd31m');
    expect(safeText('over\rwrite')).toBe('over\u240dwrite');
    expect(safeText('line\r\nnext\ttab\n')).toBe('line\r\nnext\ttab\n');
    expect(safeText('ascii and ünïcode ✓')).toBe('ascii and ünïcode ✓');
  });

  it('applies to every string and key of a parsed value, and keeps a clean value as it is', () => {
    const clean = { a: ['x', { b: 'y' }], n: 1 };
    expect(safeValue(clean)).toBe(clean);
    expect(safeValue({ ['k\x1b']: ['v\u202e', 2] })).toEqual({ 'k\u241b': ['v\ufffd', 2] });
  });

  it('warns per line, with the line number', () => {
    expect(textWarnings('ok\nbad \x1b[5m\nok\n')).toEqual([{ line: 2, message: expect.stringContaining('the escape character ESC (U+001B)') }]);
  });
});

describe('a course full of escape sequences', () => {
  it('loads with every title, prompt and page made safe, and a warning for each place', () => {
    const { course, problems } = loadCourse(COURSE, { cwd: HOSTILE });
    const all = strings(course.chapters);
    expect(all.length).toBeGreaterThan(10);
    for (const text of all) expect(RAW_CONTROL.test(text), JSON.stringify(text)).toBe(false);
    expect(course.chapters[0]!.title).toBe('Evil \u241b]0;pwned title\u2407chapter');
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.severity}`)).toEqual([
      'escape-course/01-evil/chapter.yaml:2: warning',
      'escape-course/01-evil/01-evil.md:3: warning',
      'escape-course/01-evil/01-evil.md:8: warning',
      'escape-course/01-evil/01-evil.md:10: warning',
      'escape-course/01-evil/01-evil.md:14: warning',
    ]);
  });

  it('validate, list --course and the non-terminal outline print no raw control character', async () => {
    for (const args of [['validate', COURSE], ['list', '--course', COURSE], ['--course', COURSE], ['list', '--course', COURSE, '--json']]) {
      const r = await runMain(args, { env: { WEBINFRA_LEARN_HOME: path.join(HOSTILE, 'no-such-home') } });
      expect(RAW_CONTROL.test(r.stdout), args.join(' ')).toBe(false);
      expect(RAW_CONTROL.test(r.stderr), args.join(' ')).toBe(false);
    }
    const v = await runMain(['validate', COURSE]);
    expect(v.code).toBe(1); // warnings fail validation: CI keeps courses clean
    expect(v.stdout).toContain('01-evil.md:10: warning: a text direction override (U+202E)');
    expect(v.stdout).toContain('01-evil.md:3: warning: an escape in this text makes the escape character ESC');
  });
});

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
}
