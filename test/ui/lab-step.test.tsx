import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabBlock, Step } from '../../src/course/types';
import { LabStep, checklistLines, labIdOf, parseLabAt } from '../../src/ui/lab/lab-step';
import { toPlainText } from '../../src/diagram';
import { KEY, lessonWith, mountStep, type LabHarness } from './lab-harness';
import { until } from './press-key';

type LabStepData = Extract<Step, { kind: 'lab' }>;

const lab = (extra: Partial<LabBlock> = {}): LabStepData => ({
  kind: 'lab',
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
    expect(h.contexts.at(-1)).toEqual(['lab', 'lesson']);
  });

  it('fits 76×19 (the lesson body at 80×24)', async () => {
    h = mountStep(LabStep, lab(), { width: 76, height: 19 });
    await pauseAndStep(h, 2);
    const lines = h.frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(19);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    expect(h.frame()).not.toContain('diagram cut');
  });

  it('at 76×19, selecting a node and acting on it never cuts the diagram', async () => {
    h = mountStep(LabStep, lab(), { width: 76, height: 19 });
    await pauseAndStep(h, 2);
    await h.press(KEY.tab, KEY.tab, KEY.tab);
    expect(h.frame()).toMatch(/▸ web-2 .*lb-1 sees/);
    expect(h.frame()).not.toContain('diagram cut');
    await h.press('x');
    expect(h.frame()).not.toContain('diagram cut');
    expect(h.frame()).toContain('MySQL replica');
  });

  it('plays the at events: web-2 goes down, lb-1 marks it DOWN after its checks, and the checks tick and are saved', async () => {
    h = mountStep(LabStep, lab());
    await pauseAndStep(h, 32);
    let f = h.frame();
    expect(f).toContain('‖ PAUSED');
    expect(f).toMatch(/t 3\.\d s/);
    expect(f).toContain('✗ DOWN');
    expect(f).toContain('web-2 process crashed');
    for (let i = 0; i < 60; i++) await h.press('.');
    f = await h.waitFor('[✓] lb-1 marked web-2 DOWN');
    // The metric check waits for its judging time (3 s + SETTLE_S): not ticked early.
    expect(f).toContain('[ ] Some requests failed — pending — judged at t = 48 s');
    expect(h.labs.at(-1)!.record).toEqual({ passed: [0], completed: false });
    await h.press(KEY.space, '+', '+', '+');
    f = await h.waitFor('checks 2/2', 15_000);
    expect(f).toMatch(/lb-1 marked web-2 DOWN: 3 failed checks, 2 s apart/);
    expect(f).toContain('[✓] lb-1 marked web-2 DOWN');
    expect(f).toContain('after 3 failed checks');
    // Saving follows the tick by an effect or two.
    const saved = h.labs;
    await until(() => saved.at(-1)?.record.completed === true, () => `the lab saved as completed; saved ${JSON.stringify(saved)}`);
    const last = h.labs.at(-1)!;
    expect(last.id).toBe('lab-lesson#lab1');
    expect(last.record).toEqual({ passed: [0, 1], completed: true });
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

  it('counts the learner’s own action like an at event: it moves the judging time', async () => {
    h = mountStep(LabStep, lab({ at: [] }));
    await pauseAndStep(h, 5);
    await h.waitFor('judged at t = 120 s');
    await h.press(KEY.tab, KEY.tab, 'x');
    await h.waitFor('killed web-1');
    expect(await h.waitFor(/judged at t = 45\.\d s/)).not.toContain('[✓] Some requests failed');
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

  it('opens the full event log with l and resets with R', async () => {
    h = mountStep(LabStep, lab());
    await pauseAndStep(h, 40);
    await h.press('l');
    await h.waitFor('Event log');
    await h.press('l', 'R');
    const f = await h.waitFor(/t 0\.0 s/);
    expect(f).toContain('run reset');
    expect(f).not.toContain('web-2 process crashed');
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
  it('ids labs by the loader, or by counting the lesson’s labs', () => {
    const a = lab();
    const b = lab();
    const lesson = lessonWith([a, { kind: 'page', markdown: 'x', pos: { file: 'x', line: 1 } }, b]);
    expect(labIdOf({ lesson, step: b, stepIndex: 2 })).toBe('lab-lesson#lab2');
    expect(labIdOf({ lesson, step: { ...a, id: 'x#lab9' }, stepIndex: 0 })).toBe('x#lab9');
  });

  it('parses at lines and collects errors', () => {
    const r = parseLabAt(['10:kill:web-2', 'nope']);
    expect(r.events).toEqual([{ at_s: 10, action: 'kill', node: 'web-2' }]);
    expect(r.errors).toHaveLength(1);
  });

  it('shows pending checks with their judging time, fail sentences once judged, and the open checks first when short of room', () => {
    const l = lab().lab;
    const pending = toPlainText(checklistLines(l, ['pending', 'pending'], 48, 80, false, 5)).join('\n');
    expect(pending).not.toContain('kill web-2 and wait');
    expect(pending).toContain('[ ] Some requests failed — pending — judged at t = 48 s');
    const judged = toPlainText(checklistLines(l, ['fail', 'pass'], 48, 80, false, 5));
    expect(judged).toEqual(['[✗] lb-1 marked web-2 DOWN — kill web-2 and wait', '[✓] Some requests failed']);
    expect(toPlainText(checklistLines(l, ['pass', 'pending'], 48, 80, true, 1))).toEqual(['[ ] Some requests failed - pending - judged at t = 48 s']);
  });

  it('wraps sentences when there is room; when short, the last change keeps its whole sentence', () => {
    const long = 'Between the crash and DOWN (4–6 s), web-2 still got its share of requests, and they failed';
    const l: LabBlock = { ...lab().lab, checks: [
      { text: 'lb-1 marked web-2 DOWN', when: { event: 'marked_down' }, pass: long },
      { text: 'Some requests failed', when: { metric: 'requests.failed', op: '>', value: 0 }, pass: long },
    ] };
    const roomy = toPlainText(checklistLines(l, ['pass', 'pass'], 48, 60, false, 10));
    expect(roomy.length).toBeGreaterThan(2);
    for (const line of roomy) expect(line.length).toBeLessThanOrEqual(60);
    expect(roomy.join(' ').replace(/\s+/g, ' ')).toContain('and they failed');
    const tight = toPlainText(checklistLines(l, ['pass', 'pass'], 48, 60, false, 4, 1));
    expect(tight).toHaveLength(4);
    expect(tight[0]).toMatch(/…$/);
    expect(tight.slice(1).join(' ').replace(/\s+/g, ' ')).toContain('and they failed');
  });
});
