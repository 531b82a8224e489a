/**
 * Instructor mode in a real pseudo-terminal: `webinfra-learn sim <scenario>` opens
 * the live view full-screen, plays `--at` events at their virtual times, pauses and
 * single-steps, says when the terminal is too small, and gives the shell back.
 */
import { describe, expect, it } from 'vitest';
import { KEY, liveApps } from './pty';

const start = liveApps();

const virtualSeconds = (screen: string): number => {
  const m = /t (?:(\d+):)?(\d+\.\d) s/.exec(screen);
  if (!m) throw new Error(`no time on screen:\n${screen}`);
  return (m[1] ? Number(m[1]) * 60 : 0) + Number(m[2]);
};
const errorPercent = (screen: string): number => {
  const m = /errors\s+(?:[✗!x] )?([\d.]+)%/.exec(screen);
  if (!m) throw new Error(`no error rate on screen:\n${screen}`);
  return Number(m[1]);
};

describe('webinfra-learn sim in a terminal', () => {
  it('--at 3:kill:web-1: web-1 goes down, the error rate moves, lb-1 marks it DOWN', async () => {
    const app = start(['distributed', '--at', '3:kill:web-1', '--speed', '4']);
    const before = await app.waitFor(/t \d+\.\d s/);
    expect(before).toContain('lb-1 8.8.8.8');
    expect(before).toContain('Distributed web infrastructure');
    const down = await app.waitFor('web-1 process crashed', 20_000);
    expect(down).toMatch(/✗ DOWN/);
    const failing = await app.waitFor((s) => /errors\s+(?:[✗!x] )?([\d.]+)%/.test(s) && errorPercent(s) > 0, 20_000);
    expect(errorPercent(failing)).toBeGreaterThan(0);
    const marked = await app.waitFor('lb-1 marked web-1 DOWN', 20_000);
    expect(marked).toMatch(/3 failed checks, 2 s apart/);
  });

  it('Space pauses (time stands still) and . steps 100 ms', async () => {
    const app = start(['distributed']);
    await app.waitFor('RUNNING');
    await app.press(KEY.space);
    const paused = await app.waitFor('PAUSED');
    const t0 = virtualSeconds(paused);
    await new Promise((r) => setTimeout(r, 600));
    expect(virtualSeconds(app.screen())).toBe(t0);
    await app.press('.');
    const stepped = await app.waitFor((s) => virtualSeconds(s) !== t0);
    expect(virtualSeconds(stepped)).toBeCloseTo(t0 + 0.1, 5);
    await app.press(KEY.space);
    await app.waitFor('RUNNING');
  });

  // The view draws its frames straight to the terminal; Ink draws the rest. Neither
  // may leave the other's lines behind.
  it('the help screen is not drawn over, and the view comes back whole after it and after a resize', async () => {
    const app = start(['distributed', '--speed', '4']);
    await app.waitFor('lb-1 8.8.8.8');
    await app.press('?');
    const help = await app.waitFor('Keys of the live view');
    await new Promise((r) => setTimeout(r, 400));
    expect(app.screen()).not.toMatch(/RUNNING|lb-1 8\.8\.8\.8|QPS/);
    expect(help).toContain('pause');
    await app.press('?');
    const back = await app.waitFor((s) => s.includes('lb-1 8.8.8.8') && s.includes('QPS') && !s.includes('Keys of the live view'));
    expect(back).toMatch(/web-2 10\.0\.0\.12/);
    app.resize(80, 24);
    const small = await app.waitFor((s) => /RUNNING 4× │ t [\d.]+ s │ 100 req\/s │ roundrobin(?: │ redispatch off)?\s*\n/.test(s) && s.includes('web-2'));
    for (const line of small.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(small).not.toContain('Keys of the live view');
  });

  it('says so when the terminal is too small, then draws when it grows', async () => {
    const app = start(['distributed'], { cols: 50, rows: 12 });
    await app.waitFor('terminal too small (need 60×16, have 50×12)');
    app.resize(100, 30);
    await app.waitFor('RUNNING');
  });

  it('q quits, restores the screen and prints how to replay the run', async () => {
    const app = start(['distributed', '--seed', '11']);
    await app.waitFor('RUNNING');
    await app.press('q');
    expect(await app.exited()).toBe(0);
    const s = await app.waitFor('replay the same run');
    expect(s).toContain('seed 11');
    expect(s).not.toContain('RUNNING');
    expect(app.output()).toContain('\u001B[?1049l');
  });
});
