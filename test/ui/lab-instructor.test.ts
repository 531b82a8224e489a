import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/diagram';
import { BANNER_S, bannerLines, bigMoment, instructorLines, upcomingLine } from '../../src/ui/lab/instructor-lines';
import { initialLabState } from '../../src/ui/lab/use-lab-state';
import { scenarioTopology } from '../../src/ui/lab/scenario-topology';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';
import { scenariosDir } from '../../src/package-root';
import type { SimEvent } from '../../src/sim/types';

const ev = (t_s: number, type: string, node?: string): SimEvent => ({ t_s, type, node, message: type }) as SimEvent;

describe('instructor view', () => {
  it('raises a banner for the big moments while they are fresh', () => {
    const none = { nodes: {} };
    expect(bigMoment([ev(10, 'vip_moved', 'lb-2')], none, 12)?.text).toBe('VIP moved to lb-2');
    expect(bigMoment([ev(10, 'marked_down', 'web-2')], none, 10.5)?.text).toBe('web-2 DOWN');
    expect(bigMoment([ev(10, 'write_failed', 'db-1')], none, 10)?.text).toBe('primary lost: writes fail');
    // Reported again every few seconds while writes fail: the banner marks the first report, not each.
    expect(bigMoment([ev(10, 'write_failed', 'db-1'), ev(20, 'write_failed', 'db-1')], none, 21)).toBeUndefined();
    expect(bigMoment([ev(10, 'node_killed', 'web-1')], { nodes: { 'web-1': { dbRole: 'primary' } } } as never, 10)?.text).toBe('primary lost: web-1');
    expect(bigMoment([ev(10, 'node_killed', 'web-2')], none, 10)).toBeUndefined();
    expect(bigMoment([ev(10, 'vip_moved', 'lb-2')], none, 10 + BANNER_S + 0.1)).toBeUndefined();
  });

  it('draws the banner across the width, spaced out when it fits', () => {
    const lines = bannerLines({ t_s: 1, text: 'VIP moved to lb-2', style: 'vip' }, 80, false);
    // Three rows painted inverse across the whole width: a band, the words, a band.
    for (const l of lines) expect(l.reduce((n, s) => n + s.text.length, 0)).toBe(80);
    for (const l of lines) expect(l.every((s) => s.style === 'label-large')).toBe(true);
    const b = toPlainText(lines);
    expect(b[1]).toContain('V I P   M O V E D   T O   L B - 2');
    expect(toPlainText(bannerLines({ t_s: 1, text: 'VIP moved to lb-2', style: 'vip' }, 20, true))[1]!.trim()).toBe('!! VIP MOVED TO LB-2');
  });

  it('shows the scheduled events still to come, soonest first', () => {
    const line = toPlainText([upcomingLine([{ at_s: 45, action: 'restore', node: 'web-2' }, { at_s: 30, action: 'kill', node: 'web-2' }], 17.6, 80, false)!])[0]!;
    expect(line).toBe('next: 30.0 s kill web-2 (in 12.4 s) · 45.0 s restore web-2');
    expect(upcomingLine([{ at_s: 30, action: 'kill', node: 'web-2' }], 31, 80, false)).toBeUndefined();
  });

  it('labels availability as measured since the start and fits the screen', () => {
    const scenario = loadScenario('scale-up', scenariosDir());
    const engine = createEngine(scenario, { at: [{ at_s: 2, action: 'kill', node: 'lb-1' }] });
    engine.runUntil(6500);
    const snapshot = engine.snapshot({ maxInflight: 40 });
    const lines = toPlainText(instructorLines({ topology: scenarioTopology(scenario), snapshot, events: snapshot.events, state: initialLabState({ rate: 150, algorithm: 'roundrobin' }), timeline: [{ at_s: 20, action: 'restore', node: 'lb-1' }], width: 120, height: 34, ascii: false, title: 'scale-up' }));
    expect(lines).toHaveLength(34);
    expect(lines.join('\n')).toContain('V I P   M O V E D   T O   L B - 2');
    expect(lines.join('\n')).toMatch(/availability [!✗ ]*[\d.]+% since start/);
    expect(lines.at(-1)).toContain('next: 20.0 s restore lb-1');
  });
});
