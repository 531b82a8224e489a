/**
 * The course's light entry: model types, queries, problem formatting, `at` parsing
 * and the prebuilt-aware loader. Deliberately NOT the loader itself: `./load-course` pulls in
 * yaml and zod, which the app's start-up path must not load when `dist/course.json` is
 * current. Import `loadCourse` / `validateCourse` from './load-course' where a full load
 * is wanted (validate, tests); the app uses `loadCourseCached`.
 */
export { loadCourseCached, type CachedLoadOptions } from './cached';
export type { LoadCourseOptions, LoadedCourse } from './load-course';
export type { ScenarioLookup } from './scenario-nodes';
export { parseAtSpec, AT_ACTIONS, ALGORITHMS, type AtEvent, type AtAction } from './at-spec';
export { formatProblem, hasErrors } from './problems';
export * from './queries';
export type * from './types';
