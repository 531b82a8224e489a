import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabBlock, Step } from '../../src/course/types';
import { LabStep, nodeActions, parseLabAt } from '../../src/ui/lab/lab-step';
import { KEY, mountStep, type LabHarness } from './lab-harness';
import { until } from './press-key';

type LabStepData = Extract<Step, { kind: 'lab' }>;

const lab = (extra: Partial<LabBlock> = {}): LabStepData => ({
  kind: 'lab',
  id: 'lab-lesson#lab1',
  pos: { file: 'x.md', line: 3 },
  lab: {
    scenario: 'distributed',
    title: 'web-2 dies; lb-1 routes around it',
    goal: 'Kill web-2 and watch lb-1 mark it DOWN.',
    try: ['Tab to web-2 and press x'],
    at: ['3:kill:web-2'],
    checks: [
      { text: 'lb-1 marked web-2 DOWN', when: { event: 'marked_down', node: 'web-2' }, pass: 'after 3 failed checks', fail: 'kill web-2 and wait' },
      { text: 'Some requests failed', when: { metric: 'requests.failed', op: '>', value: 0 } },
    ],
    ...extra,
  },
});

/** Pause at once (the fixed seed then makes every step deterministic), then step `n` × 100 ms. */
async function pauseAndStep(h: LabHarness, n: number): Promise<void> {
  await h.press(KEY.space);
  for (let i = 0; i < n; i++) await h.press('.');
}

let h: LabHarness | undefined;
afterEach(() => {
  h?.unmount();
  h = undefined;
});

describe('lab step', () => {
  it('shows the goal, the diagram and the checklist, and declares the lab keys', async () => {
    h = mountStep(LabStep, lab());
    const f = await h.waitFor('LAB');
    expect(f).toContain('web-2 dies; lb-1 routes around it');
    expect(f).toContain('Goal: Kill web-2');
    expect(f).toContain('lb-1 8.8.8.8');
    expect(f).toContain('checks 0/2');
    expect(f).toContain('[ ] lb-1 marked web-2 DOWN');
    expect(h.contexts.at(-1)).toEqual(['lab', 'labStep', 'stepDone']);
  });

  it('fits 76×19 (the lesson body at 80×24)', async () => {
    h = mountStep(LabStep, lab(), { width: 76, height: 19 });
    await pauseAndStep(h, 2);
    const lines = h.frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(19);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    expect(h.frame()).not.toContain('diagram cut');
  });

  it.each([
    [76, 19],
    [56, 13],
  ])('at %i×%i shows the whole goal, every node, the checks and the footer keys of the selected node', async (width, height) => {
    const goal = 'Kill web-2 and watch lb-1 mark it DOWN after its health checks fail three times, two seconds apart, then count what failed.';
    h = mountStep(LabStep, lab({ goal }), { width, height });
    await pauseAndStep(h, 2);
    await h.press(KEY.tab, KEY.tab, KEY.tab);
    const f = h.frame();
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(height);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
    expect(f.replace(/\s+/g, ' ')).toContain(goal);
    for (const id of ['lb-1', 'web-1', 'web-2']) expect(f).toContain(id);
    expect(f).not.toContain('diagram cut');
    expect(f).toContain('[ ] lb-1 marked web-2 DOWN');
    expect(f).toContain('[ ] Some requests failed');
    expect(f).toMatch(/▸ web-2 .*lb-1 sees/);
    await until(() => h!.footers.at(-1)!.length === 3, () => `footer ${JSON.stringify(h!.footers.at(-1))}`);
    expect(h.footers.at(-1)!.map((i) => i.label)).toEqual(['x', 'd', 'P']);
    await h.press('x');
    await h.waitFor('killed web-2');
    await until(() => h!.footers.at(-1)![0]?.label === 'u', () => `footer ${JSON.stringify(h!.footers.at(-1))}`);
    expect(h.footers.at(-1)!.map((i) => `${i.label} ${i.description}`)).toEqual(['u restore', 'd drain', 'P promote']);
  });

  it('plays the at events: checks tick the moment they are met, stay ticked, and are saved', async () => {
    h = mountStep(LabStep, lab());
    await pauseAndStep(h, 32);
    let f = h.frame();
    expect(f).toContain('‖ PAUSED');
    expect(f).toMatch(/t 3\.\d s/);
    expect(f).toContain('✗ DOWN');
    expect(f).toContain('web-2 process crashed');
    // The first request sent to the dead web-2 fails: that check ticks then, not at a judging time.
    for (let i = 0; i < 40 && !h.frame().includes('[✓] Some requests failed'); i++) await h.press('.');
    f = await h.waitFor('[✓] Some requests failed');
    expect(f).toContain('[ ] lb-1 marked web-2 DOWN');
    expect(h.labs.at(-1)!.record).toEqual({ passed: [1], completed: false });
    for (let i = 0; i < 70 && !h.frame().includes('checks 2/2'); i++) await h.press('.');
    f = await h.waitFor('lab complete');
    expect(f).toContain('[✓] lb-1 marked web-2 DOWN');
    expect(f).toContain('after 3 failed checks');
    expect(f).toMatch(/Your run: \d+ of \d+ requests failed/);
    // Saving follows the tick by an effect or two.
    await until(() => h!.labs.at(-1)?.record.completed === true, () => `the lab saved as completed; saved ${JSON.stringify(h!.labs)}`);
    const last = h.labs.at(-1)!;
    expect(last.id).toBe('lab-lesson#lab1');
    expect(last.record).toEqual({ passed: [0, 1], completed: true });
    await until(() => h!.footers.at(-1)![0]?.label === '→/Enter', () => `footer ${JSON.stringify(h!.footers.at(-1))}`);
    expect(h.footers.at(-1)![0]).toEqual({ label: '→/Enter', description: 'continue' });
    // Experimenting afterwards never un-ticks it: restore, reset.
    await h.press(KEY.tab, KEY.tab, KEY.tab, 'u', 'R');
    f = await h.waitFor(/t 0\.0 s/);
    expect(f).toContain('lab complete');
    expect(f).toContain('[✓] lb-1 marked web-2 DOWN');
  }, 40_000);

  it('same seed, same run: two labs stepped alike show the same numbers', async () => {
    const a = mountStep(LabStep, lab());
    await pauseAndStep(a, 50);
    const fa = a.frame().split('\n').filter((l) => /QPS|errors|ok ·/.test(l));
    a.unmount();
    h = mountStep(LabStep, lab());
    await pauseAndStep(h, 50);
    const fb = h.frame().split('\n').filter((l) => /QPS|errors|ok ·/.test(l));
    expect(fb).toEqual(fa);
  }, 20_000);

  it('kills and restores the selected node by keyboard, and says what it did', async () => {
    h = mountStep(LabStep, lab({ at: [] }));
    await pauseAndStep(h, 5);
    await h.press('x');
    await h.waitFor('select a node first');
    await h.press(KEY.tab, KEY.tab);
    await h.waitFor(/▸ web-1 ● UP · lb-1 sees UP/);
    await h.press('x');
    await h.waitFor('killed web-1');
    await h.waitFor(/▸ web-1 ✗ DOWN/);
    await h.press('u');
    await h.waitFor('restored web-1');
    await h.press(KEY.shiftTab);
    await h.waitFor(/▸ lb-1/);
    await h.press('P');
    await h.waitFor(/promote refused|refused/);
  }, 20_000);

  it('fast-forwards to the next event with f', async () => {
    h = mountStep(LabStep, lab());
    await h.press(KEY.space, 'f');
    const f = await h.waitFor('skipped to');
    expect(f).toMatch(/skipped to 3\.\d s: web-2/);
    expect(f).toMatch(/t 3\.\d s/);
  });

  it('opens the hints with h: what to try and what each open check needs', async () => {
    h = mountStep(LabStep, lab());
    await h.press(KEY.space, 'h');
    const f = await h.waitFor('Hints');
    expect(f).toContain('Tab to web-2 and press x');
    expect(f).toContain('kill web-2 and wait');
    expect(f).toContain('f: skip to the next event');
    await h.press('h');
    await h.waitFor('PAUSED');
  });

  it('drains a server and switches the algorithm and rate, shown in the status line', async () => {
    h = mountStep(LabStep, lab({ at: [] }));
    await pauseAndStep(h, 3);
    await h.press(KEY.tab, KEY.tab, KEY.tab, 'd');
    await h.waitFor('draining web-2');
    await h.press('a');
    await h.waitFor('leastconn');
    await h.press(']');
    await h.waitFor('150 req/s');
    await h.press('+');
    await h.waitFor('2×');
  });

  it('opens the full event log with l (every line whole, scrollable) and resets with R', async () => {
    h = mountStep(LabStep, lab(), { width: 56, height: 13 });
    await pauseAndStep(h, 40);
    await h.press('l');
    const f = await h.waitFor('Event log');
    // A long sentence wraps under its time instead of being cut.
    const log = f.split('\n').slice(f.split('\n').findIndex((l) => l.includes('Event log')) + 1);
    expect(log.join(' ')).toContain('web-2 process crashed');
    for (const l of log) expect(l).not.toMatch(/…$/);
    await h.press(KEY.up, KEY.up);
    await h.press('l', 'R');
    const g = await h.waitFor(/t 0\.0 s/);
    expect(g).toContain('run reset');
    expect(g).not.toContain('web-2 process crashed');
  }, 20_000);

  it('does not animate while inactive (an overlay is open): time stands still', async () => {
    // Time moves only on the clock's interval: none while inactive means time stands still.
    const intervals = vi.spyOn(globalThis, 'setInterval');
    h = mountStep(LabStep, lab(), { active: false });
    expect(await h.waitFor('checks 0/2')).toMatch(/t 0\.0 s/);
    expect(intervals).not.toHaveBeenCalled();
    intervals.mockRestore();
    h.rerender({ active: true });
    await h.waitFor(/t (0\.[1-9]|[1-9]\d*\.\d) s/);
  });

  it('lets lesson keys fall through (→ goes to the next step)', async () => {
    h = mountStep(LabStep, lab());
    await h.press(KEY.right, 'q');
    expect(h.unhandled).toEqual(['', 'q']); // Ink reports arrows with empty input
  });

  it('says plainly when the scenario does not exist', async () => {
    h = mountStep(LabStep, lab({ scenario: 'no-such-scenario' }));
    expect(await h.waitFor('could not be loaded')).toContain("'no-such-scenario'");
  });

  it('reports a bad at line instead of failing', async () => {
    h = mountStep(LabStep, lab({ at: ['soon:kill:web-2'] }));
    expect(await h.waitFor('!')).toMatch(/not a time in seconds/);
  });
});

describe('lab helpers', () => {
  it('parses at lines and collects errors', () => {
    const r = parseLabAt(['10:kill:web-2', 'nope']);
    expect(r.events).toEqual([{ at_s: 10, action: 'kill', node: 'web-2' }]);
    expect(r.errors).toHaveLength(1);
  });

  it('lists the actions that work on the selected node now', () => {
    const node = (state: string, extra = {}) => ({ nodes: { n: { id: 'n', state, active: 0, queued: 0, served: 0, failed: 0, utilization: 0, ...extra } } }) as never;
    expect(nodeActions(node('up'), undefined)).toEqual([]);
    expect(nodeActions(node('up', { lbView: { 'lb-1': 'up' } }), 'n').map((i) => i.label)).toEqual(['x', 'd']);
    expect(nodeActions(node('down', { dbRole: 'replica' }), 'n').map((i) => i.label)).toEqual(['u', 'P']);
    expect(nodeActions(node('draining', { lbView: { 'lb-1': 'up' } }), 'n').map((i) => i.description)).toEqual(['kill', 'undrain', 'undrain']);
  });
});
