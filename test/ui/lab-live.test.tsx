import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/sim/scenario';
import type { Report } from '../../src/sim/types';
import { LiveSimApp, keysLine, liveTooSmallMessage, quitSummary } from '../../src/ui/sim-live';
import type { LiveSimOptions } from '../../src/ui/sim-live-options';
import { KEY } from './lab-harness';
import { pressKey, until } from './press-key';

const dir = fileURLToPath(new URL('../../assets/scenarios', import.meta.url));
const options = (extra: Partial<LiveSimOptions> = {}): LiveSimOptions => ({
  scenario: loadScenario('distributed', dir),
  engineOptions: { at: [{ at_s: 3, action: 'kill', node: 'web-1' }] },
  speed: 1,
  color: false,
  ascii: false,
  projector: false,
  ...extra,
});

let app: ReturnType<typeof render> | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

async function press(...keys: string[]) {
  for (const k of keys) await pressKey(app!.stdin, k);
}

/** Until the screen shows `text` (and React has registered the keys). */
async function shows(text: string): Promise<string> {
  await until(() => (app!.lastFrame() ?? '').includes(text), () => `waiting for ${text}; frame:\n${app!.lastFrame() ?? ''}`);
  return app!.lastFrame() ?? '';
}

describe('instructor mode', () => {
  it('shows the scenario, seed and keys, and --at events play at their virtual time', async () => {
    app = render(<LiveSimApp options={options()} size={{ columns: 100, rows: 36 }} />);
    await shows('q quit');
    await press(KEY.space);
    for (let i = 0; i < 35; i++) await press('.');
    const f = app.lastFrame()!;
    expect(f).toContain('Distributed web infrastructure (task 1) · seed 7');
    expect(f).toContain('web-1 process crashed');
    expect(f).toMatch(/┌ web-1[^\n]*╌/);
    expect(f).toContain('q quit');
    expect(f.split('\n').length).toBeLessThanOrEqual(35);
  }, 15_000);

  it('q reports the run and exits; ? shows every lab key', async () => {
    let report: Report | undefined;
    app = render(<LiveSimApp options={options()} size={{ columns: 100, rows: 30 }} onQuit={(r) => (report = r)} />);
    await shows('q quit');
    await press('?');
    const help = app.lastFrame()!;
    for (const k of ['pause', 'kill node', 'promote replica', 'reset run', 'request rate']) expect(help).toContain(k);
    await press(KEY.escape, 'q');
    expect(report?.scenario).toBeDefined();
    expect(report!.requests.total).toBeGreaterThanOrEqual(0);
  });

  it('says plainly when the terminal is too small, and recovers when it grows', async () => {
    app = render(<LiveSimApp options={options()} size={{ columns: 50, rows: 12 }} />);
    await shows(liveTooSmallMessage(50, 12));
    app.rerender(<LiveSimApp options={options()} size={{ columns: 100, rows: 30 }} />);
    await shows('RUNNING');
  });

  it('projector theme draws node names in their own upper-case row (ink-testing-library is 100 columns wide)', async () => {
    app = render(<LiveSimApp options={options({ projector: true })} size={{ columns: 100, rows: 40 }} />);
    expect(await shows('WEB-1')).toContain('WEB-1');
  });

  it('keys line and summary', () => {
    expect(keysLine(400, false)).toContain('P promote replica');
    expect(keysLine(80, false).length).toBeLessThanOrEqual(80);
    expect(keysLine(80, true)).toMatch(/^[\x20-\x7e]*$/);
    const s = quitSummary({ scenario: 'distributed', seed: 7, duration_s: 30, requests: { total: 3000, ok: 2900, failed: 100 }, availability: 0.9667, latency_ms: { mean: 1, p50: 1, p95: 1, p99: 1 }, nodes: {}, events: [], sim: { events_processed: 1, wall_ms: 1 } }, options());
    expect(s).toContain('3,000 requests, 100 failed');
    expect(s).toContain('seed 7');
  });
});
