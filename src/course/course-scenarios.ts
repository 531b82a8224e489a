/**
 * The scenarios a course names, resolved once by the loader and handed to the UI as
 * finished objects (the UI never reads scenario files): looked up in the course's
 * own `scenarios/` folder first, so `--course DIR` can bring its own, then in the
 * built-in folder. Each lab step gets its `at` lines parsed as well.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAtSpec } from './at-spec';
import { parseScenario } from '../sim/spec/scenario';
import type { Scenario, TimelineEvent } from '../sim/spec/types';
import type { Course, Step } from './types';
import { scenarioLookupFromDir, type ScenarioLookup } from './scenario-nodes';

/** Where a course's scenarios are looked up, in order: its own `scenarios/` folder, then `builtIn`. */
export function scenarioDirs(courseRoot: string, builtIn: string | undefined): string[] {
  const own = path.join(courseRoot, 'scenarios');
  return [...(existsSync(own) && own !== builtIn ? [own] : []), ...(builtIn ? [builtIn] : [])];
}

/** The loader's node-id look-up over several folders: the first that has the scenario wins. */
export function chainedLookup(dirs: readonly string[]): ScenarioLookup | undefined {
  if (dirs.length === 0) return undefined;
  const lookups = dirs.map(scenarioLookupFromDir);
  return (id) => {
    for (const l of lookups) {
      const r = l(id);
      if (r) return r;
    }
    return undefined;
  };
}

/** Scenario ids a step names. */
function scenarioOf(step: Step): string | undefined {
  if (step.kind === 'lab') return step.lab.scenario;
  if (step.kind === 'diagram') return step.diagram.scenario;
  if (step.kind === 'quiz' && 'scenario' in step.question) return (step.question as { scenario?: string }).scenario;
  return undefined;
}

function readScenario(id: string, dirs: readonly string[]): Scenario | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) return undefined;
  for (const dir of dirs) {
    const file = path.join(dir, `${id}.yaml`);
    if (!existsSync(file)) continue;
    try {
      return parseScenario(readFileSync(file, 'utf8'), file, id);
    } catch {
      return undefined; // the loader has reported it at the step's line
    }
  }
  return undefined;
}

/**
 * The course with `scenarios` (every scenario its steps name that could be read)
 * and each lab step's `atEvents` (its `at` lines, parsed; the loader has reported
 * the bad ones).
 */
export function withScenarios(course: Course, dirs: readonly string[]): Course {
  const scenarios: Record<string, Scenario> = {};
  const chapters = course.chapters.map((chapter) => ({
    ...chapter,
    lessons: chapter.lessons.map((lesson) => ({
      ...lesson,
      steps: lesson.steps.map((step): Step => {
        const id = scenarioOf(step);
        if (id && !(id in scenarios)) {
          const s = readScenario(id, dirs);
          if (s) scenarios[id] = s;
        }
        if (step.kind !== 'lab') return step;
        const atEvents: TimelineEvent[] = [];
        for (const spec of step.lab.at ?? []) {
          const r = parseAtSpec(spec);
          if ('event' in r) atEvents.push(r.event as TimelineEvent);
        }
        return { ...step, atEvents };
      }),
    })),
  }));
  return { ...course, chapters, scenarios };
}
