/**
 * The command line: argv → command → exit code. This is the bundle's entry, so its
 * static imports are only Node built-ins and two tiny modules: `--help` and
 * `--version` answer without loading Ink, React, yaml or zod. Every command's code is
 * imported when that command runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root';
import { parseCliArgs, type ParsedArgs } from './args';
import { helpText, USAGE } from './help';
import { processIo, UsageError, type CliIo } from './io';

export type { CliIo } from './io';

/**
 * Runs the command line `argv` (without `node` and the script) and resolves with the
 * exit code: 0 success, 1 failure, 2 usage error. Never throws and never prints a
 * stack trace. `io` replaces the process streams and environment (tests).
 */
export async function main(argv: string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = { ...processIo(), ...io };
  try {
    return await run(parseCliArgs(argv, cli.env), cli);
  } catch (error) {
    if (error instanceof UsageError) {
      cli.stderr.write(`webinfra-learn: ${error.message}\n${USAGE}\nRun 'webinfra-learn --help' for more.\n`);
      return 2;
    }
    // A stack overflow is ours, not the user's to decode: say what it means.
    const message =
      error instanceof RangeError
        ? 'the input is too large or too deeply nested to handle'
        : error instanceof Error
          ? error.message
          : String(error);
    cli.stderr.write(`webinfra-learn: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

async function run({ command, options }: ParsedArgs, io: CliIo): Promise<number> {
  switch (command.name) {
    case 'version':
      io.stdout.write(`${version()}\n`);
      return 0;
    case 'help': {
      const { progressPath } = await import('../progress/paths');
      let where: string;
      try {
        where = progressPath(io.env);
      } catch (error) {
        where = (error as Error).message;
      }
      io.stdout.write(helpText(version(), where));
      return 0;
    }
    case 'learn':
      return (await import('./learn')).runLearn(options, io);
    case 'list':
      return (await import('./list')).runList(options, io);
    case 'validate':
      return (await import('./validate')).runValidate(command.dir, options, io);
    case 'progress-reset':
      return (await import('./progress-command')).runProgressReset(options, io);
    case 'progress-export':
      return (await import('./progress-command')).runProgressExport(command.file, options, io);
    case 'progress-import':
      return (await import('./progress-command')).runProgressImport(command.file, options, io);
    case 'sim':
      return (await import('./sim-command')).runSimCommand(command.argv, {
        stdout: io.stdout,
        stderr: io.stderr,
        stdin: io.stdin,
        env: io.env,
      });
    case 'design':
      return (await import('./design-command')).runDesignCommand(command.argv, io);
    case 'demo':
      return (await import('./demo-command')).runDemoCommand(command.argv, { stdout: io.stdout, stderr: io.stderr, stdin: io.stdin, env: io.env });
  }
}

/**
 * For the build script: loads the built-in course once and writes `dist/course.json`,
 * so the app's first start does not parse YAML. Resolves with the course's problems as
 * `file:line: message` lines (the build should stop if there are any).
 */
export async function prebuildCourse(file?: string): Promise<string[]> {
  return (await import('./course-for-cli')).prebuildCourse(file);
}

function version(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
