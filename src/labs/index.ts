/** Judging a lab (or a predict question) from a simulator run. Pure. */
export * from './types';
export { compare, evaluateCondition, eventMatches, getMetric } from './checks';
export { LabJudge, judgeRun, windowValue } from './judge';
