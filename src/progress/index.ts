/** Saved progress: the pure rules and the file store. */
export * from './progress';
export { FileProgressStore, openProgressStore, progressPath, dataDir, courseCachePath } from './store';
export { checkProgress } from './schema';
export * from './types';
