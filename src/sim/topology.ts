/** The drawable topology of a scenario, in ./spec/topology.ts. Kept for existing imports. */
export * from './spec/topology';
