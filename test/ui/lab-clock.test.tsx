import React from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from 'ink-testing-library';
import { Text } from 'ink';
import { MAX_TICK_MS, useSimClock } from '../../src/ui/lab/use-sim-clock';
import { settleReact } from './press-key';

function Clock(props: { running: boolean; speed: number; onTick(ms: number): void; now: () => number }): React.ReactElement {
  useSimClock({ running: props.running, speed: props.speed, onTick: props.onTick, now: props.now, fps: 50 });
  return <Text>clock</Text>;
}

// Only the clock's interval is faked: React and Ink keep their real scheduling,
// and each interval tick happens exactly when the test advances the fake time.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** One frame at 50 fps. */
const FRAME_MS = 20;

describe('useSimClock', () => {
  it('advances virtual time by real elapsed × speed, one call per tick', async () => {
    let t = 0;
    const ticks: number[] = [];
    const app = render(<Clock running speed={4} onTick={(ms) => ticks.push(ms)} now={() => t} />);
    await settleReact();
    for (let i = 0; i < 5; i++) {
      t += 10;
      vi.advanceTimersByTime(FRAME_MS);
    }
    app.unmount();
    // Five ticks, each 10 real ms × speed 4.
    expect(ticks).toEqual([40, 40, 40, 40, 40]);
  });

  it('starts no interval while paused, one while running, and clears it on unmount', async () => {
    const setSpy = vi.spyOn(globalThis, 'setInterval');
    const clearSpy = vi.spyOn(globalThis, 'clearInterval');
    let t = 0;
    const now = () => t;
    const tick = vi.fn();
    const app = render(<Clock running={false} speed={1} onTick={tick} now={now} />);
    await settleReact();
    t += 100;
    vi.advanceTimersByTime(100);
    expect(setSpy).not.toHaveBeenCalled();
    expect(tick).not.toHaveBeenCalled();
    app.rerender(<Clock running speed={1} onTick={tick} now={now} />);
    await settleReact();
    expect(setSpy).toHaveBeenCalledTimes(1);
    t += FRAME_MS;
    vi.advanceTimersByTime(FRAME_MS);
    expect(tick).toHaveBeenCalledTimes(1);
    // Changing speed reads a ref: no new interval, and the next tick uses it.
    app.rerender(<Clock running speed={10} onTick={tick} now={now} />);
    await settleReact();
    expect(setSpy).toHaveBeenCalledTimes(1);
    t += FRAME_MS;
    vi.advanceTimersByTime(FRAME_MS);
    expect(tick).toHaveBeenLastCalledWith(FRAME_MS * 10);
    app.unmount();
    expect(clearSpy).toHaveBeenCalledTimes(1);
    const calls = tick.mock.calls.length;
    t += 1000;
    vi.advanceTimersByTime(1000);
    expect(tick).toHaveBeenCalledTimes(calls);
  });

  it('caps a long stall so the simulation never jumps by minutes', async () => {
    let t = 0;
    const ticks: number[] = [];
    const app = render(<Clock running speed={1} onTick={(ms) => ticks.push(ms)} now={() => t} />);
    await settleReact();
    t = 60_000;
    vi.advanceTimersByTime(FRAME_MS);
    app.unmount();
    expect(ticks).toEqual([MAX_TICK_MS]);
  });
});
