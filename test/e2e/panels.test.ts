/**
 * The failures panel (`e`), the alert panel (`A`) and the `show:` cue in a real
 * pseudo-terminal, against the built binary.
 */
import { describe, expect, it } from 'vitest';
import { liveApps } from './pty';

const start = liveApps();

describe('where the failures come from, and what monitoring sees', () => {
  it('e: failures attributed to the killed node (refused, 503 after 3 s) and the hung one (504 after timeout server 30 s)', async () => {
    const app = start(['distributed', '--speed', '10', '--at', '2:kill:web-1', '--at', '2:hang:web-2', '--at', '36:pause']);
    await app.waitFor('paused: pause at 36.0 s', 40_000);
    await app.press('e');
    const panel = await app.waitFor('Failures by node and cause', 10_000);
    expect(panel).toMatch(/web-1 +refused: the process is dead +503 +\d+ +\S+ +3\.0 s/);
    expect(panel).toMatch(/web-2 +hung: connected, never answered +504 +\d+ +\S+ +30 s/);
    await app.press('e');
    await app.waitFor((s) => !s.includes('Failures by node and cause') && s.includes('lb-1'), 10_000);
  });

  it('A: the QPS rule goes PENDING n of 30 s, then FIRING, in the secured-monitored scenario with a rate spike', async () => {
    const app = start(['secured-monitored', '--speed', '10', '--at', '10:set_rate:250', '--at', '36.5:pause', '--at', '61:pause']);
    await app.waitFor('paused: pause at 36.5 s', 40_000);
    await app.press('A');
    const pending = await app.waitFor('next agent push', 10_000);
    expect(pending).toMatch(/web-qps-high web-1 +qps 12\d\.\d > 80[^\n]*! PENDING 6 of 30 s/);
    await app.press(' ');
    const firing = await app.waitFor('paused: pause at 61.0 s', 40_000);
    expect(firing).toMatch(/web-qps-high web-1 +qps 12\d\.\d > 80[^\n]*✗ FIRING/);
  });

  it('show:alerts opens the alert panel at its time; show:diagram closes it', async () => {
    const app = start(['secured-monitored', '--speed', '10', '--at', '17.5:pause', '--at', '18:show:alerts', '--at', '18.5:pause', '--at', '20:show:diagram', '--at', '20.5:pause']);
    const before = await app.waitFor('paused: pause at 17.5 s', 40_000);
    expect(before).not.toContain('next agent push');
    await app.press(' ');
    const shown = await app.waitFor('paused: pause at 18.5 s', 20_000);
    expect(shown).toContain('next agent push in 11.5 s (at 30.0 s)');
    await app.press(' ');
    const after = await app.waitFor('paused: pause at 20.5 s', 20_000);
    expect(after).not.toContain('next agent push');
  });
});
