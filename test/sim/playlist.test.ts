/**
 * The shipped playlist (assets/demos/class-1.yaml) and `extends`: every step loads,
 * its `pause_on` events happen within the run, and a scenario that extends another
 * runs exactly like the full copy. Bad playlists and cycles give file:line problems.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenariosDir } from '../../src/package-root';
import { createEngine } from '../../src/sim/engine';
import { loadPlaylist } from '../../src/sim/playlist';
import { loadScenario, ScenarioError } from '../../src/sim/scenario';

const demos = path.join(__dirname, '..', '..', 'assets', 'demos');

describe('the class-1 playlist', () => {
  const playlist = loadPlaylist(path.join(demos, 'class-1.yaml'), scenariosDir());
  it('has the five demos of the class (a web server with and without redispatch, the primary, the active LB, the alert and firewall, a saturated tier)', () => {
    expect(playlist.steps.map((s) => s.scenario.id)).toEqual(['distributed', 'scale-up', 'scale-up', 'secured-monitored', 'capacity']);
    for (const s of playlist.steps) expect(s.cues.some((c) => c.action === 'say')).toBe(true);
  });
  it.each(playlist.steps.map((s, i) => [i + 1, s] as const))('step %i: the events it pauses on happen, after its scripted actions', (_i, step) => {
    const r = createEngine(step.scenario, step.engineOptions).run();
    for (const kind of step.pauseOn) expect(r.events.some((e) => e.type === kind)).toBe(true);
    for (const ev of step.engineOptions.at ?? []) expect(ev.at_s).toBeLessThan(r.duration_s);
  });
});

describe('the class-1 playlist, step 1: before and after redispatch in one run', () => {
  it('fails requests on the first crash and none with 503 after redispatch is switched on', () => {
    const step = loadPlaylist(path.join(demos, 'class-1.yaml'), scenariosDir()).steps[0]!;
    const on = step.engineOptions.at!.find((e) => e.action === 'set_redispatch')!;
    expect(on.value).toBe('on');
    const e = createEngine(step.scenario, step.engineOptions);
    e.runUntil(on.at_s * 1000);
    const before = e.report().requests.by_code?.['503'] ?? 0;
    expect(before).toBeGreaterThan(100); // ≈ 100 req/s / 2 over the (4, 6] s before web-2 is marked DOWN
    const r = e.run();
    expect(r.events.filter((ev) => ev.type === 'marked_down' && ev.node === 'web-2')).toHaveLength(2);
    expect(r.requests.by_code?.['503'] ?? 0).toBe(before);
    expect(step.cues.find((c) => c.at_s === on.at_s && c.action === 'say')).toBeDefined();
  });
});

describe('extends', () => {
  it('gives the same run as the full copy', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'extends-'));
    const copy = readFileSync(path.join(scenariosDir(), 'distributed.yaml'), 'utf8').replace('    retries: 3\n', '    retries: 3\n    redispatch: true\n').replace(/^name: .*$/m, 'name: Distributed, with redispatch').replace(/^description: .*$/m, 'description: Task 1 with option redispatch on lb-1; a refused request is retried on the other server.');
    writeFileSync(path.join(dir, 'copy.yaml'), copy);
    const extended = loadScenario(path.join(demos, 'distributed-redispatch.yaml'), scenariosDir());
    const full = loadScenario(path.join(dir, 'copy.yaml'), scenariosDir());
    expect({ ...extended, id: '', file: '' }).toEqual({ ...full, id: '', file: '' });
    const at = [{ at_s: 15, action: 'kill' as const, node: 'web-2' }];
    const a = createEngine(extended, { at, duration_s: 40 }).run();
    const b = createEngine(full, { at, duration_s: 40 }).run();
    expect(a.requests).toEqual(b.requests);
    expect(a.events).toEqual(b.events);
  });

  it('merges mappings and keeps the line of the file that wrote a bad value', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'extends-'));
    writeFileSync(path.join(dir, 'more.yaml'), 'extends: distributed\nname: More\nworkload:\n  rate_rps: -5\n');
    const problem = (() => {
      try {
        loadScenario(path.join(dir, 'more.yaml'), scenariosDir());
      } catch (e) {
        return e as ScenarioError;
      }
      return undefined;
    })();
    expect(problem).toBeInstanceOf(ScenarioError);
    expect(problem!.problems[0]!.line).toBe(4);
    expect(problem!.problems[0]!.file).toMatch(/more\.yaml$/);
    writeFileSync(path.join(dir, 'ok.yaml'), 'extends: distributed\nworkload: { rate_rps: 50 }\n');
    const s = loadScenario(path.join(dir, 'ok.yaml'), scenariosDir());
    expect(s.workload.rate_rps).toBe(50);
    expect(s.workload.write_ratio).toBe(0.1); // the rest of the mapping comes from distributed
  });

  it('refuses a cycle, naming it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'extends-'));
    writeFileSync(path.join(dir, 'a.yaml'), 'name: A\nextends: b\n');
    writeFileSync(path.join(dir, 'b.yaml'), 'extends: a\n');
    expect(() => loadScenario(path.join(dir, 'a.yaml'), scenariosDir())).toThrow(/b\.yaml:1: extends goes round in a circle: a\.yaml → b\.yaml → a\.yaml/);
  });
});

describe('a bad playlist', () => {
  it('lists every problem with its line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'playlist-'));
    const file = path.join(dir, 'p.yaml');
    writeFileSync(file, 'title: x\nsteps:\n  - scenario: distributed\n    at: ["5:kill:web-9", "6:say:hi", "7:set_speed:99"]\n    pause_on: [marked_dwn]\n  - scenario: nowhere\n');
    let msg = '';
    try {
      loadPlaylist(file, scenariosDir());
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/p\.yaml:4: '5:kill:web-9'/);
    expect(msg).toMatch(/p\.yaml:4: .*set_speed needs a speed/);
    expect(msg).toMatch(/p\.yaml:5: .*'marked_dwn'.*did you mean 'marked_down'/);
    expect(msg).toMatch(/p\.yaml:6: unknown scenario 'nowhere'/);
  });
});
