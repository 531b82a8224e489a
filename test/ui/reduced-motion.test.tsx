/**
 * --reduced-motion: the instructor view draws no moving requests, and still shows
 * every change of state (the crash in the log, the node's state on the diagram).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../../src/sim/scenario';
import { LiveSimApp } from '../../src/ui/sim-live';
import type { LiveSimOptions } from '../../src/ui/sim-live-options';
import { KEY } from './lab-harness';
import { pressKey, until } from './press-key';

const dir = fileURLToPath(new URL('../../assets/scenarios', import.meta.url));
const options = (reducedMotion: boolean): LiveSimOptions => ({
  scenario: loadScenario('distributed', dir),
  engineOptions: { at: [{ at_s: 3, action: 'kill', node: 'web-1' }] },
  speed: 1,
  color: false,
  ascii: false,
  projector: false,
  reducedMotion,
});

let app: ReturnType<typeof render> | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

/** The frame after 3.5 virtual seconds, stepped while paused. */
async function frameAt35(reducedMotion: boolean): Promise<string> {
  app = render(<LiveSimApp options={options(reducedMotion)} size={{ columns: 100, rows: 36 }} />);
  await until(() => (app!.lastFrame() ?? '').includes('q quit'), () => 'no keys line');
  await pressKey(app.stdin, KEY.space);
  for (let i = 0; i < 35; i++) await pressKey(app.stdin, '.');
  const frame = app.lastFrame()!;
  app.unmount();
  app = undefined;
  return frame;
}

/** Request glyphs drawn on the diagram (not the legend's key to them). */
const requestGlyphs = (frame: string): number =>
  [...frame.split('\n').filter((l) => !l.includes(' request ')).join('\n')].filter((ch) => ch === '•' || ch === '○' || ch === '◆').length;

describe('reduced motion', () => {
  it('draws no requests on the edges and keeps every state change', async () => {
    const moving = await frameAt35(false);
    const still = await frameAt35(true);
    expect(requestGlyphs(moving)).toBeGreaterThan(requestGlyphs(still));
    expect(requestGlyphs(still)).toBe(0);
    expect(still).toContain('web-1 process crashed');
    expect(still).toMatch(/┌ web-1[^\n]*╌/);
  }, 20_000);
});
