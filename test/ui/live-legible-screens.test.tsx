/**
 * The live view at the class's sizes (60×18, 80×24, 100×30): the numbers with
 * in-flight and slow requests, the log's long causes whole (wrapped), and the `l`
 * overlay that pauses the run, scrolls and puts the run back as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/sim/scenario';
import { LiveSimApp } from '../../src/ui/sim-live';
import type { LiveSimOptions } from '../../src/ui/sim-live-options';
import { cellWidth } from '../../src/ui/text';
import { KEY } from './lab-harness';
import { pressKey, until } from './press-key';

const dir = fileURLToPath(new URL('../../assets/scenarios', import.meta.url));
/** scale-up with lb-1 killed at 0.5 s: a long cause at once (the SYN retries), the VIP moving 3.61 s after lb-1's last advert. */
const options = (): LiveSimOptions => ({
  scenario: loadScenario('scale-up', dir),
  engineOptions: { at: [{ at_s: 0.5, action: 'kill', node: 'lb-1' }] },
  speed: 1,
  color: false,
  ascii: false,
  projector: false,
});

let app: ReturnType<typeof render> | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

const frame = (): string => app!.lastFrame() ?? '';
async function press(...keys: string[]) {
  for (const k of keys) await pressKey(app!.stdin, k);
}
async function shows(test: (f: string) => boolean, what: string): Promise<string> {
  await until(() => test(frame()), () => `waiting for ${what}; frame:\n${frame()}`);
  return frame();
}
/** The frame's text with wrapped lines joined (continuations are indented under the sentence). */
const joined = (f: string): string => f.replace(/\s*\n\s+/g, ' ');

const now = (f: string): number => Number(/ t ([\d.]+) s /.exec(f)?.[1] ?? NaN);

/** Render, pause at once, then step `steps` × 100 ms. */
async function runTo(columns: number, rows: number, steps: number): Promise<string> {
  app = render(<LiveSimApp options={options()} size={{ columns, rows }} />);
  await shows((f) => f.includes('RUNNING'), 'the run');
  await press(KEY.space);
  const t0 = now(await shows((f) => f.includes('PAUSED'), 'paused'));
  for (let i = 0; i < steps; i++) await press('.');
  return shows((f) => Math.abs(now(f) - (t0 + steps / 10)) < 0.05, `t = ${t0 + steps / 10} s`);
}

describe('the live view at the class sizes', () => {
  it.each([
    [60, 18],
    [80, 24],
    [100, 30],
  ])('%i×%i: fits, shows in-flight requests and the errors, nothing cut mid-word in the metrics', async (columns, rows) => {
    const f = await runTo(columns, rows, 45);
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(rows - 1);
    for (const l of lines) expect(cellWidth(l), l).toBeLessThanOrEqual(columns);
    expect(f).toMatch(/in flight( now)? +[\d,]+/);
    expect(f).toMatch(/errors/);
    expect(f).toMatch(/\? help/);
    expect(f).toMatch(/lb-2/);
  }, 30_000);

  it('100×30: the long causes appear whole, wrapped under their sentence', async () => {
    const f = await runTo(100, 30, 85);
    const text = joined(f);
    expect(text).toContain('lb-2 took VIP 8.8.8.8: no advert from lb-1 for 3.61 s (3 × 1 s + skew 0.61 s)');
    expect(text).toContain('clients retransmit their SYN after 1, 3, 7, 15 s (Linux) and give up after client_timeout_s 30 s');
    expect(f).not.toMatch(/…\n/);
    // The sparklines' axis marks the kill and the VIP's move.
    expect(f).toMatch(/✗.*★.*now/);
  }, 30_000);

  it('60×18: l shows the whole log over the diagram, paused, scrolls, and closes back to the run as it was', async () => {
      await runTo(60, 18, 45);
    await press(KEY.space);
    await shows((f) => f.includes('RUNNING'), 'running');
    await press('l');
    let f = await shows((f) => f.includes('Event log'), 'the log');
    expect(f).toMatch(/Event log · events \d+–\d+ of \d+ · run paused/);
    expect(f).toContain('l or Esc closes and resumes');
    for (const l of f.split('\n')) expect(cellWidth(l)).toBeLessThanOrEqual(60);
    expect(joined(f)).toContain('no advert from lb-1 for 3.61 s (3 × 1 s + skew 0.61 s)');
    const total = Number(/of (\d+)/.exec(f)![1]);
    await press(KEY.home);
    f = await shows((f) => /events 1–\d+ of/.test(f), 'the top of the log');
    expect(f).toContain('0.5 s  lb-1 process crashed');
    await press(KEY.end);
    f = await shows((f) => new RegExp(`events \\d+–${total} of ${total}`).test(f), 'the end of the log');
    // Keys of the run do nothing while the log is open.
    await press('x', KEY.tab);
    expect(frame()).toContain('Event log');
    await press('l');
    f = await shows((f) => !f.includes('Event log'), 'the log closed');
    expect(f).toContain('RUNNING');
    // Paused before: closing the log leaves it paused.
    await press(KEY.space, 'l');
    await shows((f) => f.includes('Event log') && !f.includes('and resumes'), 'the log over a paused run');
    await press(KEY.escape);
    f = await shows((f) => !f.includes('Event log'), 'the log closed');
    expect(f).toContain('PAUSED');
  }, 30_000);
});
