/**
 * A step's scenario, from the course: the loader resolved every scenario the
 * lessons name (course/course-scenarios.ts), so `--course DIR` can bring its own.
 * A course built by hand (tests) has no `scenarios` and falls back to the package's
 * assets/scenarios. A missing scenario is an error value, not a throw: the step
 * shows it in place and the rest of the lesson keeps working.
 */
import { safeText, safeValue } from '../../course/safe-text';
import { scenariosDir } from '../../package-root';
import type { Course } from '../../course/types';
import { loadScenario } from '../../sim/scenario';
import type { Scenario } from '../../sim/types';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

const cache = new Map<string, ScenarioResult>();

/** The scenario `id` of `course`. */
export function courseScenario(course: Pick<Course, 'scenarios'>, id: string): ScenarioResult {
  if (course.scenarios) {
    const s = course.scenarios[id];
    return s ? { ok: true, scenario: s } : { ok: false, error: `no scenario '${id}' in the course's scenarios/ folder or the built-in ones` };
  }
  return scenarioById(id);
}

/** A built-in scenario by id, read once per process (the instructor view and hand-built courses). */
export function scenarioById(id: string, dir?: string): ScenarioResult {
  const key = `${dir ?? ''}|${id}`;
  let r = cache.get(key);
  if (!r) {
    try {
      // Names and labels reach the screen: made safe once, here (course/safe-text.ts).
      r = { ok: true, scenario: safeValue(loadScenario(id, dir ?? scenariosDir())) };
    } catch (e) {
      r = { ok: false, error: safeText((e as Error).message) };
    }
    cache.set(key, r);
  }
  return r;
}
