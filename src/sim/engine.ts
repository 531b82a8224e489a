/**
 * The simulator's engine, split by component under ./engine/ (see engine/index.ts).
 * This module keeps the import path the rest of the app uses.
 */
export { createEngine } from './engine/index';
