/**
 * Entry point of the interactive course, called by the CLI through a dynamic
 * import, so `--help`, `list` and `validate` never load Ink.
 *
 * Ink is loaded from here, not imported statically, for start-up time: Ink's layout
 * engine (yoga, WebAssembly inlined as base64) compiles itself when imported and,
 * when a global `fetch` exists, fetches its own data: URL with it. In Node that first
 * fetch() loads the whole HTTP client (undici) — a large share of the start-up time
 * on a slow machine, for nothing. Hiding `fetch` during that import makes yoga
 * instantiate from the decoded bytes instead. The app never uses the network.
 */
import { markStartup } from '../startup-profile';
import type { RunAppOptions } from './run-options';

/**
 * Run the course until the learner quits. Resolves with the process exit code
 * (0 on quit, 1 if a screen failed) once the terminal is back to normal.
 */
export async function runApp(opts: RunAppOptions): Promise<number> {
  const { startApp } = await withoutGlobalFetch(() => import('./start-app'));
  markStartup('ui loaded');
  return startApp(opts);
}

/** Run `load` with `globalThis.fetch` hidden, restoring it afterwards whatever happens. */
export async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!original || !original.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', original);
  }
}
