/**
 * The design editor in a real 80×24 terminal: a learner builds task 0 from nothing by
 * keys, quits, opens task 1 (which starts from their task 0), grows it into task 1 by
 * keys, checks it against the task's requirements, predicts, runs the drill and finds
 * its single points of failure: the load balancer and the primary.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KEY, assertBuilt, launch, runPiped, tempHome, type PtyApp } from './pty';

let apps: PtyApp[] = [];
let homes: string[] = [];
beforeAll(() => assertBuilt());
afterEach(() => {
  for (const app of apps) app.dispose();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
  apps = [];
  homes = [];
});

function start(args: string[], home: string, size = { cols: 80, rows: 24 }): PtyApp {
  const app = launch(['design', ...args], { home, ...size });
  apps.push(app);
  return app;
}

/** Press a key and wait until the screen shows `what`. */
async function key(app: PtyApp, k: string, what: string | RegExp): Promise<string> {
  await app.press(k);
  return app.waitFor(what);
}

describe('webinfra-learn design in a terminal', () => {
  it('builds task 1 from task 0 by keys, checks it and runs the drill', async () => {
    const home = tempHome();
    homes.push(home);

    // Task 0, from nothing.
    const t0 = start(['--task', '0'], home);
    await t0.waitFor('No machine yet');
    await key(t0, 'a', 'server-1 8.8.8.8');
    await key(t0, KEY.right, /Nginx \(web server\)\s+\[x\]/);
    await key(t0, KEY.down, /› App server \+ code base/);
    await key(t0, KEY.right, /App server \+ code base\s+\[x\]/);
    await key(t0, KEY.down, /› MySQL/);
    const built0 = await key(t0, KEY.right, /MySQL\s+primary/);
    expect(built0).toContain('Nginx·App·Code');
    await key(t0, 'c', 'Task 0: 7 of 7 requirements met');
    await t0.press('q');
    expect(await t0.exited()).toBe(0);
    expect(t0.output()).toContain('Your design of task 0 is saved in');
    const file0 = path.join(home, 'designs', 'task-0.yaml');
    // The last change before quitting is saved too.
    expect(readFileSync(file0, 'utf8')).toMatch(/id: server-1[\s\S]*role: primary/);

    // Task 1 starts from the learner's task 0.
    const t1 = start(['--task', '1'], home);
    await t1.waitFor('server-1 8.8.8.8');
    await key(t1, 'b', 'lb-1 8.8.8.8');
    await key(t1, 'a', 'server-2');
    await key(t1, KEY.right, /Nginx \(web server\)\s+\[x\]/);
    await key(t1, KEY.down, /› App server \+ code base/);
    await key(t1, KEY.right, /App server \+ code base\s+\[x\]/);
    await key(t1, KEY.down, /› MySQL/);
    await key(t1, KEY.right, /› MySQL\s+primary/);
    const built1 = await key(t1, KEY.right, /MySQL\s+replica of server-1/);
    expect(built1).toContain('DNS   lb-1   server-1   server-2');
    // The diagram: users → lb-1 → both servers, replication between them.
    expect(built1).toMatch(/Users │─+▶│ roundrobin|lb-1 8\.8\.8\.8/);

    // Check it.
    const check = await key(t1, 'c', 'Task 1: 6 of 6 requirements met');
    expect(check).toContain('(lesson: dist-');
    for (const line of check.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    // Break it: predict the first fault, then run the drill.
    await key(t1, 'd', 'will users see errors?');
    await key(t1, 'y', /lb-1 crash\s+errors/);
    await key(t1, KEY.enter, 'not predicted yet');
    await t1.press(KEY.enter);
    const drill = await t1.waitFor('Single points of failure:', 30_000);
    expect(drill).toContain('Single points of failure: lb-1, server-1');
    expect(drill).toContain('your predictions: 1 of 1 right');
    expect(drill).toMatch(/Yearly availability: [\d.]+%/);
    await t1.press('q');
    expect(await t1.exited()).toBe(0);
    const file1 = path.join(home, 'designs', 'task-1.yaml');
    const saved = readFileSync(file1, 'utf8');
    expect(saved).toContain('id: lb-1');
    expect(saved).toMatch(/role: replica/);
    // A design is a scenario: the simulator runs it, and the headless check agrees.
    const sim = await runPiped(['sim', file1, '--json'], { home });
    expect(sim.code).toBe(0);
    expect(JSON.parse(sim.stdout).nodes).toHaveProperty('lb-1');
    const checked = await runPiped(['design', 'check', file1, '--task', '1', '--json'], { home });
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout).requirements.every((r: { met: boolean }) => r.met)).toBe(true);
  }, 90_000);

  it('opens a file made by hand, and refuses one that is not a design with file:line', async () => {
    const home = tempHome();
    homes.push(home);
    const app = start(['--task', '3', 'assets/scenarios/scale-up.yaml'], home);
    const screen = await app.waitFor('DNS   lb-1   lb-2');
    expect(screen).toContain('Design › task 3');
    await app.press('q');
    expect(await app.exited()).toBe(0);

    // A design that cannot run yet opens, its problems kept for the check panel…
    const wip = start(['test/fixtures/designs/bad-cname.yaml'], home);
    await wip.waitFor('DNS www.foobar.com  CNAME  8.8.8.8');
    await key(wip, 'c', /bad-cname\.yaml:\d+: a CNAME points to another name/);
    await wip.press('q');
    expect(await wip.exited()).toBe(0);
    // …a file that is not a design at all is refused.
    const file = path.join(home, 'not-a-design.yaml');
    writeFileSync(file, 'name: x\nnodes:\n  - { id: a, kind: router }\n');
    const bad = start([file], home);
    await bad.waitFor(/not-a-design\.yaml:3: /);
    expect(await bad.exited()).toBe(2);
    expect(existsSync(path.join(home, 'designs'))).toBe(false);
  }, 60_000);

  it('works at 60×18', async () => {
    const home = tempHome();
    homes.push(home);
    const app = start(['--task', '0'], home, { cols: 60, rows: 18 });
    await app.waitFor('No machine yet');
    await key(app, 'a', 'server-1');
    const s = await key(app, KEY.right, /Nginx \(web server\)\s+\[x\]/);
    expect(s.split('\n').length).toBeLessThanOrEqual(18);
    expect(s).toContain('? help');
  }, 60_000);
});
