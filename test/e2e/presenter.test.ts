/**
 * The presenter's controls in a real pseudo-terminal: cues (`--at 12:pause`,
 * `say`), `--pause-on EVENT`, and `<` / `>` between events.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveApps } from './pty';

const start = liveApps();

const statusTime = (screen: string): string => {
  const m = /PAUSED [^│]*│ t ([\d.:]+) s/.exec(screen);
  if (!m) throw new Error(`not paused:\n${screen}`);
  return m[1]!;
};

describe('presenter controls', () => {
  it('a timeline pause stops at its exact simulated time; say captions appear and change', async () => {
    const app = start(['distributed', '--speed', '10', '--at', '1:say:first caption here', '--at', '6:say:second caption now', '--at', '7.5:pause']);
    await app.waitFor('first caption here', 20_000);
    const paused = await app.waitFor('paused: pause at 7.5 s', 30_000);
    expect(statusTime(paused)).toBe('7.5');
    expect(paused).toContain('second caption now');
    expect(paused).not.toContain('first caption here');
  });

  it('--pause-on marked_down stops at the moment lb-1 marks web-2 down; < lands just before the previous event', async () => {
    const app = start(['distributed', '--speed', '10', '--at', '30:kill:web-2', '--pause-on', 'marked_down']);
    const paused = await app.waitFor(/paused: marked_down at [\d.]+ s/, 60_000);
    const at = /paused: marked_down at ([\d.]+) s/.exec(paused)![1]!;
    expect(paused).toContain('lb-1 marked web-2 DOWN');
    // The event log's own time for the event is the pause's time.
    expect(paused).toMatch(new RegExp(`${Number(at).toFixed(1)} s\\s+lb-1 marked web-2 DOWN`));
    await app.press('<');
    const back = await app.waitFor(/back to [\d.]+ s, just before marked_down/, 30_000);
    const t = Number(/back to ([\d.]+) s/.exec(back)![1]);
    expect(t).toBeCloseTo(Number(at) - 0.001, 3);
    await app.press('<');
    const before = await app.waitFor(/back to 29\.999 s, just before node_killed/, 30_000);
    expect(before).toContain('PAUSED');
    await app.press('>');
    await app.waitFor(/paused: node_killed at 30\.0 s/, 30_000);
  });

  it('a two-step playlist moves with n and back with p, each step with its caption and cues', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'playlist-'));
    const file = path.join(dir, 'two.yaml');
    writeFileSync(file, ['title: two', 'steps:', '  - scenario: distributed', '    caption: "first step caption"', '    speed: 4', '  - scenario: scale-up', '    caption: "second step caption"', '    at: ["2:pause"]', '    speed: 4', ''].join('\n'));
    const app = start([file], { command: 'demo' });
    const first = await app.waitFor('first step caption', 20_000);
    expect(first).toContain('step 1/2');
    await app.press('n');
    const second = await app.waitFor((s) => s.includes('second step caption') && s.includes('step 2/2'), 20_000);
    expect(second).not.toContain('first step caption');
    const paused = await app.waitFor('paused: pause at 2.0 s', 20_000);
    expect(statusTime(paused)).toBe('2.0');
    await app.press('p');
    await app.waitFor((s) => s.includes('first step caption') && s.includes('step 1/2'), 20_000);
  });

  it('metrics show a dash, not 0, when nothing succeeded', async () => {
    const app = start(['simple-web-stack', '--speed', '4', '--at', '2:kill:server-1', '--at', '8:pause']);
    const paused = await app.waitFor('paused: pause at 8.0 s', 30_000);
    expect(paused).toMatch(/p50 \((?:last )?1 s\)\s+–/);
    expect(paused).toMatch(/p99(?: \((?:last )?1 s\))?\s+–/);
    expect(paused).toMatch(/errors \((?:last )?10 s\)\s+(?:[✗!x] )?[\d.]+%/);
    expect(paused).not.toMatch(/p50[^\n]*0\.0 ms/);
  });

  it('--duration is honoured: the run ends itself, paused; a scenario timeline can say and pause too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cues-'));
    const file = path.join(dir, 'cued.yaml');
    writeFileSync(file, ['extends: distributed', 'timeline:', '  - { at_s: 1, action: say, value: "from the scenario file" }', '  - { at_s: 2, action: pause }', ''].join('\n'));
    const app = start([file, '--speed', '4', '--duration', '4']);
    const paused = await app.waitFor('paused: pause at 2.0 s', 20_000);
    expect(paused).toContain('from the scenario file');
    await app.press(' ');
    const end = await app.waitFor('paused: end of the run (4 s)', 20_000);
    expect(statusTime(end)).toBe('4.0');
  });
});
