/** The course: model, loader and validation. */
export { loadCourse, validateCourse, type LoadCourseOptions, type LoadedCourse } from './load-course';
export { scenarioLookupFromDir, type ScenarioLookup } from './scenario-nodes';
export { parseAtSpec, AT_ACTIONS, type AtEvent } from './at-spec';
export { formatProblem, hasErrors } from './problems';
export * from './queries';
export type * from './types';
