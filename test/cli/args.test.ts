import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args';
import { UsageError } from '../../src/cli/io';

describe('parseCliArgs', () => {
  it('defaults to learn with colour and the default theme', () => {
    expect(parseCliArgs([], {})).toEqual({
      command: { name: 'learn' },
      options: { color: true, ascii: false, theme: 'default', json: false, yes: false, force: false, screenReader: false, reducedMotion: false, lesson: undefined, course: undefined },
    });
  });

  it('turns screen-reader mode on by flag or INK_SCREEN_READER=true, and reduced motion with it', () => {
    expect(parseCliArgs(['--screen-reader'], {}).options).toMatchObject({ screenReader: true, reducedMotion: true });
    expect(parseCliArgs([], { INK_SCREEN_READER: 'true' }).options).toMatchObject({ screenReader: true, reducedMotion: true });
    expect(parseCliArgs([], { INK_SCREEN_READER: 'false' }).options).toMatchObject({ screenReader: false, reducedMotion: false });
    expect(parseCliArgs(['--reduced-motion'], {}).options).toMatchObject({ screenReader: false, reducedMotion: true });
    expect(() => parseCliArgs(['list', '--screen-reader'], {})).toThrow(/does not apply to 'list'/);
  });

  it('honours NO_COLOR (non-empty) and --no-color', () => {
    expect(parseCliArgs([], { NO_COLOR: '1' }).options.color).toBe(false);
    expect(parseCliArgs([], { NO_COLOR: '' }).options.color).toBe(true);
    expect(parseCliArgs(['--no-color'], {}).options.color).toBe(false);
  });

  it('reads learn options', () => {
    const { command, options } = parseCliArgs(['--lesson', 'sws-dns', '--ascii', '--theme', 'projector', '--course', 'x'], {});
    expect(command).toEqual({ name: 'learn' });
    expect(options).toMatchObject({ lesson: 'sws-dns', ascii: true, theme: 'projector', course: 'x' });
  });

  it('reads the progress sub-commands', () => {
    expect(parseCliArgs(['progress', 'reset', '--lesson', 'a', '-y'], {})).toMatchObject({
      command: { name: 'progress-reset' },
      options: { lesson: 'a', yes: true },
    });
    expect(parseCliArgs(['progress', 'export', '-'], {}).command).toEqual({ name: 'progress-export', file: '-' });
    expect(parseCliArgs(['progress', 'import', 'f.json'], {}).command).toEqual({ name: 'progress-import', file: 'f.json' });
  });

  it('hands everything after sim to the sim command untouched', () => {
    expect(parseCliArgs(['sim', 'distributed', '--at', '10:kill:web-1', '--json'], {}).command).toEqual({
      name: 'sim',
      argv: ['distributed', '--at', '10:kill:web-1', '--json'],
    });
    expect(parseCliArgs(['--no-color', 'sim', '--list'], {}).command).toEqual({ name: 'sim', argv: ['--no-color', '--list'] });
  });

  it('help and version win over the rest', () => {
    expect(parseCliArgs(['progress', 'reset', '--help'], {}).command).toEqual({ name: 'help' });
    expect(parseCliArgs(['-v'], {}).command).toEqual({ name: 'version' });
  });

  it('throws UsageError for unknown things', () => {
    expect(() => parseCliArgs(['--lesson', ''], {})).toThrow(UsageError);
    expect(() => parseCliArgs(['validate', '--json'], {})).toThrow("--json does not apply to 'validate'");
    expect(() => parseCliArgs(['progress', 'reset', 'extra'], {})).toThrow('to reset one lesson: --lesson ID');
  });
});
