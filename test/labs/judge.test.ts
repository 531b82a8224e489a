import { describe, expect, it } from 'vitest';
import { LabJudge, judgeRun, windowValue } from '../../src/labs/judge';
import type { JudgedCheck } from '../../src/labs/types';
import type { Report, SimEvent } from '../../src/sim/types';

/** A report at some moment: counters and events as given. */
function rep(ok: number, failed: number, events: SimEvent[] = [], extra: Partial<Report> = {}): Report {
  return {
    scenario: 't',
    seed: 1,
    duration_s: 60,
    requests: { total: ok + failed, ok, failed },
    availability: ok + failed ? ok / (ok + failed) : 1,
    latency_ms: { mean: 1, p50: 1, p95: 1, p99: 1 },
    nodes: { 'web-1': { kind: 'server', state: 'up', served: ok, utilization: 0.3 } },
    events,
    sim: { events_processed: 0, wall_ms: 0 },
    ...extra,
  };
}
const ev = (t_s: number, type: string, node?: string): SimEvent => ({ t_s, type, node, message: `${type} ${node ?? ''}` }) as SimEvent;

describe('LabJudge', () => {
  it('ticks an event check the moment its event is in the run, and keeps it', () => {
    const j = new LabJudge([{ when: { event: 'marked_down', node: 'web-2' } }]);
    expect(j.observe(rep(10, 0), 1)).toEqual([]);
    expect(j.verdicts).toEqual(['pending']);
    expect(j.observe(rep(20, 1, [ev(3, 'marked_down', 'web-1')]), 3)).toEqual([]);
    expect(j.observe(rep(30, 2, [ev(3, 'marked_down', 'web-1'), ev(4, 'marked_down', 'web-2')]), 4)).toEqual([0]);
    expect(j.verdicts).toEqual(['pass']);
    expect(j.passedAtS).toEqual([4]);
    j.newRun();
    j.observe(rep(0, 0), 0);
    expect(j.verdicts).toEqual(['pass']);
  });

  it('ticks a metric check with no window as soon as it holds (no judging moment)', () => {
    const j = new LabJudge([{ when: { metric: 'requests.failed', op: '>', value: 0 } }]);
    j.observe(rep(10, 0), 1);
    expect(j.verdicts).toEqual(['pending']);
    j.observe(rep(10, 1), 1.1);
    expect(j.verdicts).toEqual(['pass']);
    // Latched: a later report where it no longer holds changes nothing.
    j.newRun();
    j.observe(rep(10, 0), 0.5);
    expect(j.verdicts).toEqual(['pass']);
  });

  it('judges a windowed metric on what happened inside the window, when it closes', () => {
    const check: JudgedCheck = { when: { metric: 'requests.failed', op: '==', value: 0 }, window: { after: { event: 'vip_moved' }, for_s: 5 } };
    const j = new LabJudge([check]);
    const moved = [ev(10, 'vip_moved', 'lb-2')];
    j.observe(rep(100, 40), 9);
    expect(j.nextCloseS()).toBeUndefined();
    j.observe(rep(110, 50, moved), 10);
    expect(j.nextCloseS()).toBe(15);
    j.observe(rep(150, 50, moved), 14);
    expect(j.verdicts).toEqual(['pending']);
    // 50 failures before the window do not count; none inside it.
    j.observe(rep(160, 50, moved), 15);
    expect(j.verdicts).toEqual(['pass']);
  });

  it('fails a closed window without the condition, and passes a later one', () => {
    const check: JudgedCheck = { when: { metric: 'requests.failed', op: '==', value: 0 }, window: { after: { event: 'drained', node: 'web-1' }, until: { event: 'undrained', node: 'web-2' } } };
    const j = new LabJudge([check]);
    const e1 = [ev(5, 'drained', 'web-1')];
    j.observe(rep(50, 0, e1), 5);
    const e2 = [...e1, ev(20, 'undrained', 'web-2')];
    j.observe(rep(200, 3, e2), 20);
    expect(j.verdicts).toEqual(['fail']);
    const e3 = [...e2, ev(30, 'drained', 'web-1')];
    j.observe(rep(300, 3, e3), 30);
    j.observe(rep(400, 3, [...e3, ev(45, 'undrained', 'web-2')]), 45);
    expect(j.verdicts).toEqual(['pass']);
  });

  it('reads availability over a window from its requests, and a gauge at the close', () => {
    expect(windowValue('availability', rep(200, 10), { 'requests.ok': 100, 'requests.failed': 10 })).toBe(1);
    expect(windowValue('availability', rep(150, 60), { 'requests.ok': 100, 'requests.failed': 10 })).toBe(0.5);
    expect(windowValue('nodes.web-1.utilization', rep(1, 0), {})).toBe(0.3);
    expect(windowValue('nodes.web-1.served', rep(150, 0), { 'nodes.web-1.served': 100 })).toBe(50);
    // 100 requests at 80 ms, then 100 more: the run's mean is 70 ms, so the window's is 60 ms.
    const later = rep(200, 0, [], { latency_ms: { mean: 70, p50: 1, p95: 1, p99: 1, count: 200 } });
    expect(windowValue('latency_ms.mean', later, { 'latency_ms.mean': 80, 'latency_ms.count': 100 })).toBeCloseTo(60);
  });

  it('counts events the screen adds for what the learner did outside the simulator', () => {
    const j = new LabJudge([{ when: { event: 'traffic_read', node: 'web-1' } }]);
    j.observe(rep(1, 0), 1, []);
    expect(j.verdicts).toEqual(['pending']);
    j.observe(rep(2, 0), 2, [ev(2, 'traffic_read', 'web-1')]);
    expect(j.verdicts).toEqual(['pass']);
  });

  it('starts from checks already passed (a lab finished before stays finished)', () => {
    const j = new LabJudge([{ when: { event: 'x' } }, { when: { event: 'y' } }], [1]);
    expect(j.verdicts).toEqual(['pending', 'pass']);
    expect(j.complete).toBe(false);
  });
});

describe('judgeRun', () => {
  it('stops the engine exactly where a window closes', () => {
    const stops: number[] = [];
    let t = 0;
    const events: SimEvent[] = [];
    const engine = {
      now: () => t,
      runUntil: (ms: number) => {
        if (t < 2000 && ms >= 2000) events.push(ev(2, 'go'));
        t = ms;
        stops.push(ms);
      },
      report: () => rep(t, 0, [...events]),
    };
    const j = new LabJudge([{ when: { metric: 'requests.ok', op: '>', value: 0 }, window: { after: { event: 'go' }, for_s: 1.25 } }]);
    judgeRun(engine, j, 5, 1);
    expect(stops).toContain(3250);
    expect(j.verdicts).toEqual(['pass']);
  });
});
