/**
 * Where the app keeps its files. Separate from the store so `--help` can show the
 * progress path without loading the store's validation code.
 */
import path from 'node:path';
import envPaths from 'env-paths';

/** `$WEBINFRA_LEARN_HOME`, or the platform's config folder for the app (XDG, AppData, Library/Preferences). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.WEBINFRA_LEARN_HOME;
  return home && home.trim() !== '' ? path.resolve(home) : envPaths('webinfra-learn', { suffix: '' }).config;
}

/** Absolute path of progress.json. */
export function progressPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'progress.json');
}
