import React from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import { MAX_TICK_MS, useSimClock } from '../../src/ui/lab/use-sim-clock';
import { wait } from './lab-harness';

function Clock(props: { running: boolean; speed: number; onTick(ms: number): void; now: () => number }): React.ReactElement {
  useSimClock({ running: props.running, speed: props.speed, onTick: props.onTick, now: props.now, fps: 50 });
  return <Text>clock</Text>;
}

afterEach(() => vi.restoreAllMocks());

describe('useSimClock', () => {
  it('advances virtual time by real elapsed × speed, one call per tick', async () => {
    let t = 0;
    const now = () => t;
    const ticks: number[] = [];
    const app = render(<Clock running speed={4} onTick={(ms) => ticks.push(ms)} now={now} />);
    for (let i = 0; i < 5; i++) {
      t += 10;
      await wait(25);
    }
    app.unmount();
    expect(ticks.length).toBeGreaterThan(0);
    // Every real millisecond counted once, times the speed: 50 ms × 4.
    expect(ticks.reduce((a, b) => a + b, 0)).toBeCloseTo(200, 5);
  });

  it('starts no interval while paused, one while running, and clears it on unmount', async () => {
    const setSpy = vi.spyOn(globalThis, 'setInterval');
    const clearSpy = vi.spyOn(globalThis, 'clearInterval');
    const tick = vi.fn();
    const app = render(<Clock running={false} speed={1} onTick={tick} now={() => performance.now()} />);
    await wait(80);
    const intervalsWhilePaused = setSpy.mock.calls.length;
    expect(tick).not.toHaveBeenCalled();
    app.rerender(<Clock running speed={1} onTick={tick} now={() => performance.now()} />);
    await wait(80);
    expect(setSpy.mock.calls.length - intervalsWhilePaused).toBe(1);
    // Changing speed reads a ref: no new interval.
    app.rerender(<Clock running speed={10} onTick={tick} now={() => performance.now()} />);
    await wait(40);
    expect(setSpy.mock.calls.length - intervalsWhilePaused).toBe(1);
    const clearsBefore = clearSpy.mock.calls.length;
    app.unmount();
    expect(clearSpy.mock.calls.length).toBeGreaterThan(clearsBefore);
    const calls = tick.mock.calls.length;
    await wait(80);
    expect(tick.mock.calls.length).toBe(calls);
  });

  it('caps a long stall so the simulation never jumps by minutes', async () => {
    let t = 0;
    const ticks: number[] = [];
    const app = render(<Clock running speed={1} onTick={(ms) => ticks.push(ms)} now={() => t} />);
    t = 60_000;
    await wait(60);
    app.unmount();
    expect(Math.max(...ticks)).toBe(MAX_TICK_MS);
  });
});
