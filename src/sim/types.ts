/** The simulator's contract types, written once in ./spec/types.ts. Kept for existing imports. */
export * from './spec/types';
