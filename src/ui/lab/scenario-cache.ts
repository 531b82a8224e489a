/**
 * Scenarios by id for lesson steps, read once per process from the package's
 * assets/scenarios. A missing or broken scenario is an error value, not a throw:
 * the step shows it in place and the rest of the lesson keeps working.
 */
import { safeText, safeValue } from '../../course/safe-text';
import { scenariosDir } from '../../package-root';
import { loadScenario } from '../../sim/scenario';
import type { Scenario } from '../../sim/types';

export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

const cache = new Map<string, ScenarioResult>();

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
