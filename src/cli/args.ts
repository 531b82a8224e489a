/**
 * Command line → what to do. Node's own `util.parseArgs` in strict mode: no parser
 * dependency on the start-up path, and unknown flags are errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { suggest } from '../text/suggest';
import { UsageError } from './io';

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'learn' }
  | { name: 'list' }
  | { name: 'validate'; dir?: string }
  | { name: 'progress-reset' }
  | { name: 'progress-export'; file: string }
  | { name: 'progress-import'; file: string }
  | { name: 'sim'; argv: string[] }
  | { name: 'design'; argv: string[] }
  | { name: 'demo'; argv: string[] };

export interface CliOptions {
  lesson?: string;
  course?: string;
  color: boolean;
  ascii: boolean;
  theme: 'default' | 'projector';
  json: boolean;
  yes: boolean;
  /** Overwrite an existing file (progress export). */
  force: boolean;
  /** `--screen-reader` or INK_SCREEN_READER=true: the linear front end (src/ui/sr). */
  screenReader: boolean;
  /** `--reduced-motion` (implied by screen-reader mode): no moving requests. */
  reducedMotion: boolean;
}

export interface ParsedArgs {
  command: Command;
  options: CliOptions;
}

/** Which flags each command accepts (besides --help/--version). */
const ALLOWED: Record<Command['name'], string[]> = {
  help: [],
  version: [],
  learn: ['lesson', 'course', 'no-color', 'ascii', 'theme', 'screen-reader', 'reduced-motion'],
  list: ['course', 'json', 'no-color', 'ascii'],
  validate: ['no-color', 'ascii'],
  'progress-reset': ['lesson', 'yes', 'course', 'no-color', 'ascii'],
  'progress-export': ['force', 'no-color', 'ascii'],
  'progress-import': ['yes', 'no-color', 'ascii'],
  sim: [],
  design: [],
  demo: [],
};

export const COMMAND_WORDS = ['learn', 'list', 'validate', 'progress', 'sim', 'design', 'demo'];

/** Every option of the main command line (sim and design parse their own: see their modules). */
export const CLI_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  lesson: { type: 'string' },
  course: { type: 'string' },
  'no-color': { type: 'boolean' },
  ascii: { type: 'boolean' },
  theme: { type: 'string' },
  json: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean', short: 'f' },
  'screen-reader': { type: 'boolean' },
  'reduced-motion': { type: 'boolean' },
} as const;

/** Parses `argv` (without node and the script). Throws UsageError for anything unknown. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedArgs {
  // `sim` and `design` have their own flags (--at, --seed, --task …): hand them everything else untouched.
  const simAt = argv.findIndex((a) => !a.startsWith('-'));
  if (simAt >= 0 && (argv[simAt] === 'sim' || argv[simAt] === 'design' || argv[simAt] === 'demo')) {
    return { command: { name: argv[simAt] as 'sim' | 'design' | 'demo', argv: [...argv.slice(0, simAt), ...argv.slice(simAt + 1)] }, options: defaults(env) };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: CLI_OPTIONS,
    });
  } catch (error) {
    throw new UsageError(cleanParseError((error as Error).message));
  }
  const { values, positionals } = parsed;
  const options: CliOptions = {
    ...defaults(env),
    lesson: values.lesson,
    course: values.course,
    json: values.json === true,
    yes: values.yes === true,
    force: values.force === true,
  };
  if (values['no-color']) options.color = false;
  if (values.ascii) options.ascii = true;
  if (values['screen-reader']) options.screenReader = true;
  if (values['reduced-motion'] || options.screenReader) options.reducedMotion = true;
  if (values.theme !== undefined) {
    if (values.theme !== 'default' && values.theme !== 'projector') {
      throw new UsageError(`unknown theme '${values.theme}' (use default or projector)`);
    }
    options.theme = values.theme;
  }
  for (const key of ['lesson', 'course'] as const) {
    if (values[key] !== undefined && values[key]!.trim() === '') throw new UsageError(`--${key} needs a value`);
  }
  if (values.help) return { command: { name: 'help' }, options };
  if (values.version) return { command: { name: 'version' }, options };

  const command = toCommand(positionals);
  const allowed = ALLOWED[command.name];
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && !allowed.includes(key)) {
      const what = command.name.replace('-', ' ');
      throw new UsageError(`--${key} does not apply to '${what}'`);
    }
  }
  return { command, options };
}

function toCommand(positionals: string[]): Command {
  const [word, ...rest] = positionals;
  const extra = (n: number): void => {
    if (rest.length > n) throw new UsageError(`unexpected argument '${rest[n]}'`);
  };
  switch (word) {
    case undefined:
    case 'learn':
      extra(0);
      return { name: 'learn' };
    case 'list':
      extra(0);
      return { name: 'list' };
    case 'validate':
      extra(1);
      return { name: 'validate', dir: rest[0] };
    case 'progress': {
      const [sub, file, ...more] = rest;
      if (sub === 'reset') {
        if (file !== undefined) throw new UsageError(`unexpected argument '${file}' (to reset one lesson: --lesson ID)`);
        return { name: 'progress-reset' };
      }
      if (sub === 'export' || sub === 'import') {
        if (file === undefined) throw new UsageError(`progress ${sub} needs a FILE${sub === 'export' ? " ('-' for standard output)" : ''}`);
        if (more.length) throw new UsageError(`unexpected argument '${more[0]}'`);
        return sub === 'export' ? { name: 'progress-export', file } : { name: 'progress-import', file };
      }
      throw new UsageError(
        sub === undefined ? 'progress needs reset, export FILE or import FILE' : `unknown progress command '${sub}' (reset, export, import)`,
      );
    }
    default: {
      const near = suggest(word, COMMAND_WORDS);
      throw new UsageError(`unknown command '${word}'${near ? ` (did you mean '${near}'?)` : ''}`);
    }
  }
}

function defaults(env: NodeJS.ProcessEnv): CliOptions {
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  // Ink's own switch for its screen-reader support turns the linear front end on too.
  const screenReader = screenReaderFromEnv(env);
  return { color: !noColor, ascii: false, theme: 'default', json: false, yes: false, force: false, screenReader, reducedMotion: screenReader };
}

/** INK_SCREEN_READER=true (Ink's variable) asks for screen-reader mode. */
export function screenReaderFromEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): boolean {
  return env.INK_SCREEN_READER === 'true';
}

/** Node's messages are long and mention `args`; keep the part a user needs. */
export function cleanParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}'`;
  const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  const notTaking = /Option '(--[\w-]+)' does not take an argument/.exec(message);
  if (notTaking) return `${notTaking[1]} does not take a value`;
  const [first = message] = message.split('. ');
  return first.replace(/\.$/, '');
}

/**
 * Parses a subcommand's own flags (`sim`, `demo`). Writes the usage and returns
 * an exit code for a bad flag (2) or `--help` (0); the parsed values otherwise.
 */
export function parseSubcommandArgs(
  command: string,
  argv: string[],
  options: ParseArgsConfig['options'],
  usage: string,
  io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } },
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.stderr.write(`webinfra-learn ${command}: ${cleanParseError((e as Error).message)}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(usage);
    return 0;
  }
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}
