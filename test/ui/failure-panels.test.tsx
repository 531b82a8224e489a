/**
 * Where the failures come from and what monitoring sees: the failures panel (`e`),
 * the alert panel (`A`), the selected node's line and the `show:` cue, at the sizes a
 * class uses (60×18, 80×24 and the projector's 100×30).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../src/sim/engine';
import { loadScenario } from '../../src/sim/scenario';
import { parseCueSpec } from '../../src/sim/spec/cues';
import type { Snapshot } from '../../src/sim/types';
import { LiveSimApp } from '../../src/ui/sim-live';
import type { LiveSimOptions } from '../../src/ui/sim-live-options';
import { alertsPanel, alertState } from '../../src/ui/lab/alert-lines';
import { allowText, causedSegments, failuresPanel } from '../../src/ui/lab/failure-lines';
import { selectedLine } from '../../src/ui/lab/live-lines';
import { runPresented } from '../../src/ui/lab/presenter';
import { styledWidth } from '../../src/ui/text';
import { layoutDiagram, renderDiagram, toPlainText } from '../../src/diagram';
import { KEY } from './lab-harness';
import { pressKey, until } from './press-key';

const dir = fileURLToPath(new URL('../../assets/scenarios', import.meta.url));
const text = (lines: { text: string }[][]): string[] => lines.map((l) => l.map((s) => s.text).join(''));

function at(id: string, ms: number, extra: Parameters<typeof createEngine>[1] = {}): { snap: Snapshot; engine: ReturnType<typeof createEngine> } {
  const engine = createEngine(loadScenario(id, dir), extra);
  engine.runUntil(ms);
  return { snap: engine.snapshot(), engine };
}

describe('the failures panel and the selected line', () => {
  const { snap, engine } = at('distributed', 12_000, { at: [{ at_s: 2, action: 'kill', node: 'web-2' }] });

  it("says what the killed node caused, with the result and the wait", () => {
    const f = snap.nodes['web-2']!.failures!;
    expect(f[0]).toMatchObject({ node: 'web-2', cause: 'refused', code: '503' });
    // 3 retries 1 s apart, after the client's 25 ms to lb-1 (and a DNS lookup for some).
    expect(f[0]!.wait_mean_ms).toBeGreaterThanOrEqual(3025);
    expect(f[0]!.wait_mean_ms).toBeLessThan(3100);
    const caused = causedSegments(snap.nodes['web-2']!).map((s) => s.text).join('');
    expect(caused).toMatch(/^caused \d+ failures: \d+ refused \(503 after 3\.0 s\)/);
    const line = selectedLine(engine.topology, snap, 'web-2', false).map((s) => s.text).join('');
    expect(line).toMatch(/web-2 ✗ DOWN · caused \d+ failures/);
    expect(line).not.toMatch(/failed 0/);
  });

  for (const [w, h] of [[60, 18], [80, 24], [100, 30]] as const) {
    it(`fits ${w}×${h}: every node and cause, total, last 10 s, wait`, () => {
      const lines = failuresPanel({ snapshot: snap, width: w, height: h, ascii: false });
      expect(lines.length).toBeLessThanOrEqual(h);
      for (const l of lines) expect(styledWidth(l)).toBeLessThanOrEqual(w);
      const t = text(lines).join('\n');
      // The longest title that fits whole: at 60 columns the short one, always with how to close it.
      expect(t.split('\n')[0]).toMatch(w >= 80 ? /^Failures by node and cause · \d+ of [\d,]+ requests failed · e closes$/ : /^Failures · \d+ of [\d,]+ requests failed · e closes$/);
      expect(t).toMatch(/web-2 +refused[^\n]* 503 +\d+ +▲?\d+ +3\.0 s/);
      // The key to the columns is wrapped, never cut.
      expect(t.replace(/\n/g, ' ')).toContain('avg wait: before the error');
    });
  }

  it('cuts a long list with a visible "… N more"', () => {
    const many: Snapshot = { ...snap, failures: Array.from({ length: 40 }, (_, i) => ({ node: `web-${i}`, cause: 'refused', code: '503', total: 40 - i, recent: 0, wait_mean_ms: 3000, wait_max_ms: 3000 })) };
    const lines = text(failuresPanel({ snapshot: many, width: 60, height: 18, ascii: true }));
    expect(lines).toHaveLength(18);
    expect(lines[17]).toMatch(/^\.\.\. 25 more rows/);
    expect(lines.join('')).toMatch(/^[\x20-\x7e]*$/);
  });

  it("keeps the rows, not the column names, when a lesson's lab leaves it 3 rows", () => {
    const three: Snapshot = { ...snap, failures: ['web-1', 'web-2', 'web-3'].map((node, i) => ({ node, cause: 'refused', code: '503', total: 9 - i, recent: 0, wait_mean_ms: 3000, wait_max_ms: 3000 })) };
    const lines = text(failuresPanel({ snapshot: three, width: 60, height: 3, ascii: false }));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^web-1 +refused +503 +9 +0 +3\.0 s$/);
    expect(lines[2]).toBe('… 2 more rows');
  });

  it('says when nothing has failed', () => {
    const quiet = at('distributed', 5000).snap;
    const t = text(failuresPanel({ snapshot: quiet, width: 60, height: 18, ascii: false }));
    // Wrapped at 60 columns, not cut.
    expect(t.join(' ').replace(/\s+/g, ' ')).toContain('no request has failed yet: each failure will show the node and cause that produced it');
    for (const l of t) expect(l.length).toBeLessThanOrEqual(60);
  });
});

describe('the alert panel', () => {
  // secured-monitored at 250 req/s from 10 s: the agents push every 15 s; the push at 30 s
  // sees ≈ 125 req/s per web server (> 80): PENDING from the evaluation at 30.001 s, FIRING
  // at the evaluation 30 s later (60.001 s), as the rule's `for: 30`.
  const spike = { at: [{ at_s: 10, action: 'set_rate' as const, value: 250 }] };
  const web1 = (s: Snapshot) => s.alerts!.find((a) => a.name === 'web-qps-high' && a.node === 'web-1')!;

  it('OK, then PENDING n of 30 s counting up, then FIRING', () => {
    expect(web1(at('secured-monitored', 20_000, spike).snap)).toMatchObject({ state: 'ok', next_push_ms: 30_000, next_eval_ms: 30_001 });
    const p = web1(at('secured-monitored', 36_001, spike).snap);
    expect(p).toMatchObject({ state: 'pending', pending_ms: 6000, for_s: 30 });
    expect(alertState(p, false).text).toBe('! PENDING 6 of 30 s');
    expect(p.value).toBeGreaterThan(80);
    expect(web1(at('secured-monitored', 60_000, spike).snap).state).toBe('pending');
    const f = web1(at('secured-monitored', 60_001, spike).snap);
    expect(f.state).toBe('firing');
    expect(alertState(f, true).text).toBe('x FIRING');
  });

  for (const [w, h] of [[60, 18], [100, 30]] as const) {
    it(`fits ${w}×${h}: each rule per host with its value, threshold, state and the next push`, () => {
      const lines = alertsPanel({ snapshot: at('secured-monitored', 40_000, spike).snap, width: w, height: h, ascii: false });
      expect(lines.length).toBeLessThanOrEqual(h);
      for (const l of lines) expect(styledWidth(l)).toBeLessThanOrEqual(w);
      const t = text(lines).join('\n');
      expect(t).toMatch(/next agent push in 5\.0 s \(at 45\.0 s\)/);
      expect(t).toMatch(/web-qps-high web-1 +qps 12\d\.\d > 80.*! PENDING 9 of 30 s/);
      expect(t).toMatch(/web-down +web-2 +up 1 < 1 .*✓ OK/);
    });
  }

  it('says so when a scenario has no rules', () => {
    const t = text(alertsPanel({ snapshot: at('distributed', 1000).snap, width: 60, height: 18, ascii: false }));
    expect(t.join(' ').replace(/\s+/g, ' ')).toContain('no alert rules in this scenario (monitoring.alerts): nothing watches the numbers');
    for (const l of t) expect(l.length).toBeLessThanOrEqual(60);
  });
});

describe('firewalls', () => {
  it("the selected host's allow rules, grouped by port", () => {
    expect(allowText([{ port: 80, from: 'lb-1' }, { port: 80, from: 'lb-2' }, { port: 22, from: 'admin' }])).toBe('80 from lb-1, lb-2 · 22 from admin');
    expect(allowText([{ port: 'any', from: 'any' }], true)).toBe('any port from anyone');
    expect(allowText([])).toBe('nothing');
  });

  it('a probe is counted at the firewall it hit, marked ✗ for 3 simulated seconds', () => {
    const e = createEngine(loadScenario('secured-monitored', dir), { at: [{ at_s: 5, action: 'probe', node: 'web-1', value: 3306 }] });
    e.runUntil(6000);
    const s = e.snapshot();
    expect(s.nodes['web-1']).toMatchObject({ firewallDrops: 1, lastDropMs: 5000 });
    expect(selectedLine(e.topology, s, 'web-1', false).map((x) => x.text).join('')).toMatch(/firewall allows 80 from lb-1 · 3306 from web-2 · 22 from admin, dropped 1 \(✗ just now\)/);
    e.runUntil(9000);
    expect(selectedLine(e.topology, e.snapshot(), 'web-1', false).map((x) => x.text).join('')).toMatch(/dropped 1 ·/);
  });
});

describe('the diagram', () => {
  it('draws ✗ on the wall a probe hit for 3 simulated seconds, and counts the drops on the box', () => {
    const e = createEngine(loadScenario('secured-monitored', dir), { at: [{ at_s: 5, action: 'probe', node: 'web-1', value: 3306 }] });
    const layout = layoutDiagram(e.topology, { width: 100, live: true });
    const draw = (): string[] => toPlainText(renderDiagram(layout, e.snapshot(), { requests: false }));
    e.runUntil(4000);
    const before = draw();
    expect(before.join('\n')).not.toContain('✗');
    e.runUntil(6000);
    const during = draw();
    // The wall's ✗ and the box's count: two marks where there were none.
    expect(during.join('\n').split('✗').length - 1).toBe(2);
    expect(during.join('\n')).toMatch(/✗1/);
    e.runUntil(8001);
    expect(draw().join('\n').split('✗').length - 1).toBe(1);
  });
});

describe('the show cue', () => {
  it('parses show:alerts | failures | diagram and nothing else', () => {
    expect(parseCueSpec('18:show:alerts')).toEqual({ cue: { at_s: 18, action: 'show', panel: 'alerts' } });
    expect(parseCueSpec('64:show:diagram')).toEqual({ cue: { at_s: 64, action: 'show', panel: 'diagram' } });
    expect(parseCueSpec('5:show:graphs')).toMatchObject({ error: expect.stringMatching(/show needs a panel: alerts, failures, diagram/) });
  });

  it('plays at its exact simulated time', () => {
    const e = createEngine(loadScenario('distributed', dir));
    const shown: [number, string][] = [];
    const cursor = { next: 0, caption: '' };
    runPresented(e, 30_000, { cues: [{ at_s: 12.5, action: 'show', panel: 'failures' }, { at_s: 20, action: 'show', panel: 'diagram' }], pauseOn: new Set() }, cursor, { pause: () => undefined, speed: () => undefined, say: () => undefined, show: (p) => shown.push([e.now(), p]) });
    expect(shown).toEqual([[12_500, 'failures'], [20_000, 'diagram']]);
  });
});

describe('the keys in the live view', () => {
  let app: ReturnType<typeof render> | undefined;
  afterEach(() => {
    app?.unmount();
    app = undefined;
  });
  const options = (id: string, extra: Partial<LiveSimOptions> = {}): LiveSimOptions => ({ scenario: loadScenario(id, dir), engineOptions: {}, speed: 1, color: false, ascii: false, projector: false, ...extra });
  const shows = async (t: string | RegExp): Promise<string> => {
    const seen = (f: string): boolean => (typeof t === 'string' ? f.includes(t) : t.test(f));
    await until(() => seen(app!.lastFrame() ?? ''), () => `waiting for ${String(t)}; frame:\n${app!.lastFrame() ?? ''}`);
    return app!.lastFrame() ?? '';
  };

  for (const [columns, rows] of [[60, 18], [100, 30]] as const) {
    it(`e opens the failures panel and closes it; A the alerts (${columns}×${rows})`, async () => {
      app = render(<LiveSimApp options={options('secured-monitored', { engineOptions: { at: [{ at_s: 0.2, action: 'kill', node: 'web-2' }] } })} size={{ columns, rows }} />);
      await shows('RUNNING');
      await pressKey(app.stdin, KEY.space);
      for (let i = 0; i < 40; i++) await pressKey(app.stdin, '.');
      await pressKey(app.stdin, 'e');
      const f = await shows(/^Failures .*e closes$/m);
      expect(f).toMatch(/web-2 +refused/);
      expect(f.split('\n').length).toBeLessThanOrEqual(rows - 1);
      await pressKey(app.stdin, 'A');
      const a = await shows('Alerts');
      expect(a).toMatch(/web-qps-high +web-1/);
      expect(a).not.toContain('Failures by node');
      await pressKey(app.stdin, 'A');
      await until(() => !(app!.lastFrame() ?? '').includes('next agent push'), () => `alerts still open:\n${app!.lastFrame() ?? ''}`);
      expect(app.lastFrame()).toContain('lb-1');
    }, 20_000);
  }

  it('lists e and A on the help screen', async () => {
    app = render(<LiveSimApp options={options('distributed')} size={{ columns: 100, rows: 40 }} />);
    await shows('RUNNING');
    await pressKey(app.stdin, '?');
    const help = await shows('Keys of the live view');
    expect(help).toMatch(/ e +errors by node and cause/);
    expect(help).toMatch(/ A +alerts/);
  });
});
