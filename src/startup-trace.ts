/**
 * Start-up trace marks, free unless the launcher was started with
 * WEBINFRA_LEARN_PROFILE=FILE (see startup-profile.ts). No I/O here: any module,
 * the pure core included, may note that it was evaluated.
 */
export interface StartupTrace {
  marks: [string, number][];
  loaded: string[];
  cache: string;
  segmenterMs?: number[];
  /** Set once the profile is written (at the first frame, or by the launcher at exit). */
  written?: boolean;
}

export const startupTrace = (): StartupTrace | undefined =>
  (globalThis as { __webinfraLearnStartup?: StartupTrace }).__webinfraLearnStartup;

/** Records that `name` happened now (ms since the process started). */
export function markStartup(name: string): void {
  startupTrace()?.marks.push([name, performance.now()]);
}

/**
 * Records that a part of the app was evaluated. Called at the top of the modules
 * that must stay off the path to the first frame (the simulator, the diagram, YAML,
 * zod, Markdown) and of the UI, so a test can check what start-up loads.
 */
export function noteLoaded(part: string): void {
  const t = startupTrace();
  if (t && !t.loaded.includes(part)) t.loaded.push(part);
}
