/**
 * `--help` (and `sim --help`, `design --help`) and the README list every command and
 * option that exists, and nothing that does not. The option tables are the parsers'
 * own (`CLI_OPTIONS`, `SIM_OPTIONS`, `DESIGN_OPTIONS`), so a new flag fails here until
 * it is documented in both places.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_OPTIONS, COMMAND_WORDS } from '../../src/cli/args';
import { DESIGN_OPTIONS, DESIGN_USAGE } from '../../src/cli/design-command';
import { helpText } from '../../src/cli/help';
import { SIM_OPTIONS, SIM_USAGE } from '../../src/cli/sim-command';

const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
/** The README's "Commands" section, up to the next second-level heading. */
const commandsSection = readme.slice(readme.indexOf('\n## Commands'), readme.indexOf('\n## ', readme.indexOf('\n## Commands') + 5));
const help = helpText('0.0.0', '/home/someone/.config/webinfra-learn/progress.json');

const flags = (text: string): Set<string> => new Set([...text.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]!));
const keys = (spec: object): string[] => Object.keys(spec);

describe('the documentation matches the command line', () => {
  it('the README has a Commands section', () => {
    expect(commandsSection.length).toBeGreaterThan(200);
  });

  it.each([
    ['webinfra-learn', CLI_OPTIONS, help],
    ['webinfra-learn sim', SIM_OPTIONS, SIM_USAGE],
    ['webinfra-learn design', DESIGN_OPTIONS, DESIGN_USAGE],
  ] as const)('every option of %s is in its --help and in the README', (_what, spec, usage) => {
    const inHelp = flags(usage);
    const inReadme = flags(readme);
    for (const key of keys(spec)) {
      expect(inHelp.has(key), `--${key} in --help`).toBe(true);
      expect(inReadme.has(key), `--${key} in the README`).toBe(true);
    }
  });

  it('every option the help texts and the README name exists', () => {
    const known = new Set([...keys(CLI_OPTIONS), ...keys(SIM_OPTIONS), ...keys(DESIGN_OPTIONS)]);
    for (const [where, text] of [
      ['--help', help],
      ['sim --help', SIM_USAGE],
      ['design --help', DESIGN_USAGE],
      ["the README's Commands section", commandsSection],
    ] as const) {
      const unknown = [...flags(text)].filter((f) => !known.has(f));
      expect(unknown, `options in ${where} that no parser accepts`).toEqual([]);
    }
  });

  it('every command is in --help and in the README, and both name only commands that exist', () => {
    const helpCommands = help.slice(help.indexOf('Commands:'), help.indexOf('Options:'));
    const listed = new Set([...helpCommands.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!));
    expect([...listed].sort()).toEqual([...COMMAND_WORDS].sort());
    const inReadme = new Set([...commandsSection.matchAll(/webinfra-learn ([a-z]+)/g)].map((m) => m[1]!));
    for (const word of COMMAND_WORDS) {
      // `learn` is what a bare `webinfra-learn` does; the README shows it that way.
      if (word === 'learn') expect(commandsSection).toMatch(/^webinfra-learn\s{2,}/m);
      else expect(inReadme.has(word), `webinfra-learn ${word} in the README`).toBe(true);
    }
    for (const word of inReadme) expect(COMMAND_WORDS as readonly string[], `'webinfra-learn ${word}' in the README`).toContain(word);
  });

  it('the subcommands of progress and design are documented', () => {
    for (const sub of ['progress reset', 'progress export', 'progress import', 'design check', 'design drill']) {
      expect(help, sub).toContain(sub);
    }
    expect(commandsSection).toContain('progress reset|export FILE');
    expect(commandsSection).toContain('design check');
    expect(commandsSection).toContain('design drill');
  });
});
