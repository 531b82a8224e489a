/**
 * The start-up profile behind `npm run bench -- startup`. Off (and free) unless the
 * launcher was started with WEBINFRA_LEARN_PROFILE=FILE: then it keeps timed marks
 * (the launcher's own, reading the course and progress, loading the UI, the first
 * frame), the parts of the app evaluated so far and the code cache's state
 * (startup-trace.ts), and writes them to FILE as JSON when the first frame is drawn.
 * With WEBINFRA_LEARN_PROFILE_EXIT=1 the app then quits, so a profiler sees start-up
 * only.
 */
import { writeFileSync } from 'node:fs';
import { markStartup, startupTrace } from './startup-trace';

export { markStartup, noteLoaded } from './startup-trace';

/**
 * Called once the first frame is on screen. Writes the profile; returns true when the
 * app should quit now (WEBINFRA_LEARN_PROFILE_EXIT=1).
 */
export function firstFrameDrawn(): boolean {
  const t = startupTrace();
  const file = process.env.WEBINFRA_LEARN_PROFILE;
  if (!t || !file || t.marks.some(([name]) => name === 'first frame')) return false;
  markStartup('first frame');
  t.written = true;
  const cpu = process.cpuUsage();
  try {
    writeFileSync(
      file,
      JSON.stringify({ ...t, cpuMs: (cpu.user + cpu.system) / 1000, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }),
    );
  } catch {
    // a profile is never a reason to fail
  }
  return process.env.WEBINFRA_LEARN_PROFILE_EXIT === '1';
}
