/** Saved progress: the pure rules and the file store. */
export * from './progress';
export { FileProgressStore, openProgressStore } from './store';
export { progressPath, dataDir } from './paths';
export { checkProgress } from './schema';
export * from './types';
