/**
 * Where the app keeps its files. Separate from the store so `--help` can show the
 * progress path without loading the store's validation code.
 */
import path from 'node:path';
import envPaths from 'env-paths';

const appPaths = () => envPaths('webinfra-learn', { suffix: '' });

function home(env: NodeJS.ProcessEnv): string | undefined {
  const h = env.WEBINFRA_LEARN_HOME;
  return h && h.trim() !== '' ? path.resolve(h) : undefined;
}

/** `$WEBINFRA_LEARN_HOME`, or the platform's config folder for the app (XDG, AppData, Library/Preferences). */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return home(env) ?? appPaths().config;
}

/** Absolute path of progress.json. */
export function progressPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dataDir(env), 'progress.json');
}

/** The course cache: next to progress under WEBINFRA_LEARN_HOME, else in the platform's cache folder. */
export function courseCachePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(home(env) ?? appPaths().cache, 'course-cache.json');
}
