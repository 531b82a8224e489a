import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'ink-testing-library';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DesignApp, type DesignAppOptions } from '../../src/ui/design/design-app';
import { BuildStep } from '../../src/ui/design/build-step';
import { emptyDesign } from '../../src/design/editor/model';
import type { Scenario } from '../../src/sim/types';
import type { Step } from '../../src/course/types';
import { KEY, mountStep } from './lab-harness';
import { pressKey, until } from './press-key';

type App = ReturnType<typeof render>;
let app: App | undefined;
afterEach(() => {
  app?.unmount();
  app = undefined;
});

function open(opts: Partial<DesignAppOptions> = {}, size = { columns: 80, rows: 24 }) {
  const saved: Scenario[] = [];
  const options: DesignAppOptions = { task: 0, design: emptyDesign(0), problems: [], file: 'designs/task-0.yaml', color: false, ascii: false, ...opts };
  app = render(<DesignApp options={options} size={size} save={(_f, d) => void saved.push(d)} />);
  const frame = () => app!.lastFrame() ?? '';
  const press = async (...keys: string[]) => {
    for (const k of keys) await pressKey(app!.stdin, k);
  };
  const waitFor = async (text: string | RegExp, timeoutMs = 8000) => {
    const seen = (f: string) => (typeof text === 'string' ? f.includes(text) : text.test(f));
    await until(() => seen(frame()), () => `waiting for ${String(text)}; frame:\n${frame()}`, timeoutMs);
    return frame();
  };
  return { frame, press, waitFor, saved };
}

/** Task 0 by keys: add a server, tick Nginx and the app, make its MySQL the primary. */
const TASK0_KEYS = ['a', KEY.right, KEY.down, KEY.right, KEY.down, KEY.right];

describe('design editor screen', () => {
  it('starts empty, builds task 0 by keys, redraws the diagram and saves each change', async () => {
    const ui = open();
    await ui.waitFor('No machine yet');
    expect(ui.frame()).toContain('Design › task 0');
    await ui.press(...TASK0_KEYS);
    const f = await ui.waitFor('MySQL                  primary');
    expect(f).toContain('server-1 8.8.8.8');
    expect(f).toMatch(/Nginx·App·Code/);
    expect(ui.saved).toHaveLength(4);
    expect(ui.saved.at(-1)!.nodes[0]).toMatchObject({ id: 'server-1', roles: ['web', 'app', 'db'] });
    // Every frame fits: at most rows − 1 lines, none wider than the terminal.
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });

  it('undo takes back the last change', async () => {
    const ui = open();
    await ui.press('a', KEY.right);
    await ui.waitFor('Nginx (web server)     [x]');
    await ui.press('u');
    await ui.waitFor('Nginx (web server)     [ ]');
    await ui.press('u', 'u');
    await ui.waitFor('No machine yet');
    await ui.waitFor('Nothing to undo.');
  });

  it('checks the design against the task: each requirement met or not with its lesson', async () => {
    const ui = open();
    await ui.press('a', 'c');
    let f = await ui.waitFor('The design cannot run yet');
    expect(f).toMatch(/task-0\.yaml:\d+: server 'server-1' needs 'roles'/);
    await ui.press(KEY.escape, ...TASK0_KEYS.slice(1), 'c');
    f = await ui.waitFor('Task 0: 7 of 7 requirements met');
    expect(f).toContain('(lesson: sws-');
    await ui.waitFor('check it');
  });

  it('asks for predictions, runs the drill, shows the table, SPOFs and an adjustable yearly availability', async () => {
    const ui = open();
    await ui.press(...TASK0_KEYS, 'd');
    let f = await ui.waitFor('will users see errors?');
    expect(f).toMatch(/server-1 crash\s+\?/);
    await ui.press(KEY.right);
    f = await ui.waitFor(/server-1 crash\s+errors/);
    await ui.press(KEY.down, KEY.right, KEY.right);
    f = await ui.waitFor(/server-1 hang\s+no errors/);
    expect(f).toContain('(2/');
    // y / n answer a fault and move on.
    await ui.press(KEY.down, 'y');
    f = await ui.waitFor(/server-1 stop\s+errors/);
    expect(f).toMatch(/› server-1 nginx crash/);
    // Enter with faults left asks once more; a second Enter runs the drill anyway.
    await ui.press(KEY.enter);
    await ui.waitFor('not predicted yet');
    await ui.press(KEY.enter);
    f = await ui.waitFor('Single points of failure: server-1', 15000);
    expect(f).toContain('your predictions: 2 of 3 right');
    expect(f).toMatch(/Yearly availability: [\d.]+% \([\d.]+ nines/);
    expect(f).toContain('› machine    2 failures/year, 4 h to repair');
    const before = /Yearly availability: ([\d.]+)%/.exec(f)![1];
    await ui.press(KEY.right, ']');
    f = await ui.waitFor('› machine    4 failures/year, 8 h to repair');
    expect(/Yearly availability: ([\d.]+)%/.exec(f)![1]).not.toBe(before);
    await ui.press(KEY.tab);
    await ui.waitFor('› haproxy');
    await ui.press(KEY.escape);
    await ui.waitFor('MySQL');
  }, 30000);

  it('asks the mentor questions and says which ideas the answer has and which are missing', async () => {
    const ui = open();
    await ui.press(...TASK0_KEYS, 'e');
    await ui.waitFor("The mentor's questions");
    await ui.press(KEY.enter);
    await ui.waitFor('Your answer: _');
    for (const ch of 'the vip stays and requests fail') await ui.press(ch);
    await ui.press(KEY.enter);
    const f = await ui.waitFor('Not yet said:', 15000);
    expect(f).toMatch(/You covered: .*virtual IP/);
    expect(f).toContain('lesson scale-vrrp');
    expect(f).toContain('On your design,');
  }, 30000);

  it('fits 60×18 and says so below it', async () => {
    const ui = open({}, { columns: 60, rows: 18 });
    await ui.press(...TASK0_KEYS);
    const f = await ui.waitFor('primary');
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(17);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    app!.unmount();
    app = undefined;
    const small = open({}, { columns: 50, rows: 14 });
    await small.waitFor('terminal too small');
  });
});

describe('build step', () => {
  let home: string;
  const before = process.env.WEBINFRA_LEARN_HOME;
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'build-step-'));
    process.env.WEBINFRA_LEARN_HOME = home;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.WEBINFRA_LEARN_HOME;
    else process.env.WEBINFRA_LEARN_HOME = before;
    rmSync(home, { recursive: true, force: true });
  });

  it('opens the editor in the lesson, saves the design with progress, and leaves n to the lesson', async () => {
    const step: Extract<Step, { kind: 'build' }> = { kind: 'build', build: { task: 0 }, pos: { file: 'x.md', line: 1 } };
    const h = mountStep(BuildStep, step);
    await h.waitFor('No machine yet');
    expect(h.contexts.at(-1)).toEqual(['designStep', 'design']);
    await h.press('a', KEY.right);
    await h.waitFor('[x]');
    const file = path.join(home, 'designs', 'task-0.yaml');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('id: server-1');
    await h.press('n');
    expect(h.unhandled).toContain('n');
    h.unmount();
    // The next task starts from it.
    const next = mountStep(BuildStep, { ...step, build: { task: 1 } });
    await next.waitFor('server-1');
    next.unmount();
  });
});
