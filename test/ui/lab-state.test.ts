import { describe, expect, it } from 'vitest';
import { ALGORITHM_CYCLE, RATES, SPEEDS, clampSpeed, initialLabState, labReducer, nextAlgorithm, nextRate, type LabState } from '../../src/ui/lab/use-lab-state';

const start = (): LabState => initialLabState({ rate: 100, algorithm: 'roundrobin' });

describe('lab reducer', () => {
  it('starts running at 1× with nothing selected', () => {
    const s = start();
    expect(s).toMatchObject({ paused: false, speed: 1, logOpen: false, passed: [], runId: 0 });
    expect(s.selected).toBeUndefined();
  });

  it('toggles and sets pause', () => {
    const paused = labReducer(start(), { type: 'togglePause' });
    expect(paused.paused).toBe(true);
    expect(labReducer(paused, { type: 'togglePause' }).paused).toBe(false);
    expect(labReducer(paused, { type: 'setPaused', paused: true })).toBe(paused);
  });

  it('steps speed along 0.25–10× and stops at the ends', () => {
    let s = start();
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      s = labReducer(s, { type: 'faster' });
      seen.push(s.speed);
    }
    expect(seen).toEqual([2, 4, 10, 10, 10, 10, 10, 10]);
    for (let i = 0; i < 10; i++) s = labReducer(s, { type: 'slower' });
    expect(s.speed).toBe(SPEEDS[0]);
    expect(labReducer(s, { type: 'setSpeed', speed: 50 }).speed).toBe(10);
    expect(clampSpeed(Number.NaN)).toBe(1);
  });

  it('moves the selection through the order, wrapping both ways', () => {
    const order = ['lb-1', 'web-1', 'web-2'];
    let s = labReducer(start(), { type: 'selectNext', order });
    expect(s.selected).toBe('lb-1');
    s = labReducer(s, { type: 'selectPrev', order });
    expect(s.selected).toBe('web-2');
    s = labReducer(s, { type: 'selectNext', order });
    expect(s.selected).toBe('lb-1');
    expect(labReducer(start(), { type: 'selectPrev', order }).selected).toBe('web-2');
    expect(labReducer(start(), { type: 'selectNext', order: [] }).selected).toBeUndefined();
  });

  it('keeps passed checks sorted, without duplicates, and returns the same state when nothing is new', () => {
    let s = labReducer(start(), { type: 'checksPassed', indices: [2] });
    s = labReducer(s, { type: 'checksPassed', indices: [0, 2] });
    expect(s.passed).toEqual([0, 2]);
    expect(labReducer(s, { type: 'checksPassed', indices: [0] })).toBe(s);
  });

  it('reset bumps the run, restores rate and algorithm, clears checks and says so', () => {
    let s = labReducer(start(), { type: 'setRate', rate: 500 });
    s = labReducer(s, { type: 'setAlgorithm', algorithm: 'leastconn' });
    s = labReducer(s, { type: 'checksPassed', indices: [1] });
    s = labReducer(s, { type: 'reset', rate: 100, algorithm: 'roundrobin' });
    expect(s).toMatchObject({ runId: 1, rate: 100, algorithm: 'roundrobin', passed: [] });
    expect(s.notice?.text).toMatch(/same seed/);
  });

  it('toggles the log and records notices', () => {
    const s = labReducer(start(), { type: 'toggleLog' });
    expect(s.logOpen).toBe(true);
    expect(labReducer(s, { type: 'notice', text: 'nope', tone: 'error' }).notice).toEqual({ text: 'nope', tone: 'error' });
  });
});

describe('ladders', () => {
  it('rates go up and down the ladder and stay inside it', () => {
    expect(nextRate(100, 1)).toBe(150);
    expect(nextRate(100, -1)).toBe(50);
    expect(nextRate(120, 1)).toBe(150);
    expect(nextRate(120, -1)).toBe(100);
    expect(nextRate(RATES[RATES.length - 1]!, 1)).toBe(RATES[RATES.length - 1]);
    expect(nextRate(RATES[0]!, -1)).toBe(RATES[0]);
  });

  it('cycles every HAProxy algorithm and comes back', () => {
    let a = ALGORITHM_CYCLE[0]!;
    const seen = new Set<string>();
    for (let i = 0; i < ALGORITHM_CYCLE.length; i++) {
      seen.add(a);
      a = nextAlgorithm(a);
    }
    expect(a).toBe(ALGORITHM_CYCLE[0]);
    expect(seen.size).toBe(ALGORITHM_CYCLE.length);
  });
});
