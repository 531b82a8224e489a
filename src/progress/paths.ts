/**
 * Where the app keeps its files. Separate from the store so `--help` can show the
 * progress path without loading the store's validation code.
 */
import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';

/**
 * `$WEBINFRA_LEARN_HOME`, or the platform's config folder for the app (XDG, AppData,
 * Library/Preferences). A leading `~` or `~/` means the home folder (a shell does not
 * expand it inside quotes); `~name/…` is refused rather than creating a folder named `~name`.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.WEBINFRA_LEARN_HOME;
  if (!home || home.trim() === '') return envPaths('webinfra-learn', { suffix: '' }).config;
  if (home === '~' || home.startsWith('~/') || home.startsWith('~\\')) return path.resolve(os.homedir(), home.slice(2));
  if (home.startsWith('~')) {
    throw new Error(`WEBINFRA_LEARN_HOME='${home}': only ~ and ~/… are understood; give the full path of the folder instead`);
  }
  return path.resolve(home);
}

/** Absolute path of progress.json. */
export function progressPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'progress.json');
}
