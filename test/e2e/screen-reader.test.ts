/**
 * Screen-reader mode in a real pseudo-terminal: the course map, a lesson with every
 * question kind, chapter 1's lab taken by keys, and the instructor view. The raw
 * output must read top to bottom: nothing moves the cursor back up the screen
 * (no ESC[nA / ESC[nF, no cursor positioning, no reverse index), so what was said
 * stays said; every element the test names carries its role and state in the
 * text; and each event of a run is said once.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEY, ROOT, assertBuilt, launch, tempHome, type PtyApp } from './pty';

let apps: PtyApp[] = [];
beforeAll(() => assertBuilt());
afterEach(() => {
  for (const app of apps) app.dispose();
  apps = [];
});

const SR_COURSE = path.join(ROOT, 'test', 'fixtures', 'sr-course');

function start(args: string[], opts: Parameters<typeof launch>[1] = {}): PtyApp {
  const app = launch(args, opts);
  apps.push(app);
  return app;
}

/**
 * The lines the app said, as a listener gets them: the raw output split into lines,
 * each taken from after its last erase (the prompt line is rewritten in place by
 * erasing it), escape sequences removed.
 */
function saidLines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((line) => (line.split('\u001B[2K').pop() ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]|\u001B\][^\u0007]*\u0007|\r/g, ''))
    .filter((l) => l.trim() !== '');
}

/** Nothing in the raw output moves the cursor up or repositions it. */
function expectLinear(raw: string): void {
  expect(raw).not.toMatch(/\u001B\[\d*[AF]/); // cursor up / previous line
  expect(raw).not.toMatch(/\u001B\[\d*;\d*[Hf]/); // cursor position
  expect(raw).not.toMatch(/\u001B\[[0-2]?J/); // erase display
  expect(raw).not.toMatch(/\u001BM/); // reverse index
}

const count = (lines: string[], text: string): number => lines.filter((l) => l.includes(text)).length;

/** Every "12.3 s: …" line (a change of the run) appears once. */
function expectEventsOnce(lines: string[]): string[] {
  const events = lines.filter((l) => /^\d+\.\d s: /.test(l));
  const seen = new Map<string, number>();
  for (const e of events) seen.set(e, (seen.get(e) ?? 0) + 1);
  for (const [line, n] of seen) expect(n, line).toBe(1);
  return events;
}

describe('screen-reader mode', () => {
  it('says the course map as a list with roles and states (INK_SCREEN_READER=true)', async () => {
    const home = tempHome();
    mkdirSync(home, { recursive: true });
    writeFileSync(
      path.join(home, 'progress.json'),
      JSON.stringify({ version: 1, learner: 'abcd0000abcd0000', completed: ['sws-basics'], furthest: { 'sws-basics': 3 }, quizzes: {}, labs: {}, reviewed: {} }),
    );
    const app = start([], { env: { INK_SCREEN_READER: 'true' }, home });
    await app.waitFor('Lesson number:', 15_000);
    await app.press(KEY.down);
    await app.waitFor('option: (selected, checked) 1.');
    await app.press(KEY.down);
    await app.waitFor('option: (selected) 2.');
    const lines = saidLines(app.output());
    expect(lines.some((l) => /^listitem: \(checked\) 1\. From a browser to a server, done, score 0 of 4/.test(l))).toBe(true);
    expect(lines.some((l) => /^listitem: 2\. Domain names and DNS, not done, score 0 of 4/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('listitem: ')).length).toBe(29);
    expect(count(lines, 'Course map: 29 lessons, 1 done')).toBe(1);
    expect(lines.some((l) => l.startsWith('Keys: press a number then Enter to open that lesson'))).toBe(true);
    await app.press('q');
    expect(await app.exited()).toBe(0);
    expect(count(saidLines(app.output()), 'Goodbye: your progress is saved.')).toBe(1);
    expectLinear(app.output());
  }, 30_000);

  it('takes a lesson with every question kind, the diagram and the review by keys', async () => {
    const app = start(['--screen-reader', '--course', SR_COURSE, '--lesson', 'all-kinds'], { cols: 60, rows: 18 });
    await app.waitFor('Command:', 15_000);
    const said = (): string[] => saidLines(app.output());
    const keys = async (...ks: string[]): Promise<void> => {
      for (const k of ks) await app.press(k);
    };
    // page → diagram: its text alternative
    await keys('n');
    await app.waitFor('a diagram');
    expect(said().some((l) => /^listitem: server-1, server \(Nginx, App server, Code base, MySQL\)/.test(l))).toBe(true);
    // single choice
    await keys('n', '1', KEY.enter);
    await app.waitFor('Right. An A record');
    expect(said()).toContain('radio: 2. CNAME, not checked');
    expect(said()).toContain('radio: (checked) 1. A');
    // multiple choice: a wrong try, feedback said once, then right
    await keys('n', '1', '3', KEY.enter);
    await app.waitFor('Not right.');
    await keys('r', '1', '2', KEY.enter);
    await app.waitFor('Right. Nginx and MySQL');
    expect(said()).toContain('checkbox: (checked) 3. A second load balancer');
    expect(count(said(), 'There is no load balancer in the one-server design')).toBe(1);
    // order: pick up DNS lookup and put it first, then the rest
    await keys('n');
    await app.waitFor('The order being built');
    const place = (item: string): string => {
      const hits = said().filter((l) => l.startsWith('listitem: ') && l.endsWith(`. ${item}`));
      return /listitem: (\d)\./.exec(hits[hits.length - 1]!)![1]!;
    };
    for (const [i, item] of ['DNS lookup', 'TCP connection', 'HTTP request'].entries()) {
      const at = place(item);
      if (at === String(i + 1)) continue;
      await keys(at);
      await app.waitFor(`Picked up ${at}. ${item}`);
      await keys(String(i + 1));
      await app.waitFor(`Put ${item} in place ${i + 1}`);
    }
    await keys(KEY.enter);
    await app.waitFor('Right. The name is resolved first');
    expect(said()).toContain('listitem: 1. DNS lookup');
    // text field
    await keys('n');
    await app.waitFor('textbox: Your answer:');
    await keys('4', '4', '3');
    await app.waitFor('textbox: Your answer: 443');
    await keys(KEY.enter);
    await app.waitFor('Right. HTTPS listens');
    expect(said()).toContain('textbox: You answered: 443');
    // pick-node by list
    await keys('n');
    await app.waitFor('machines to pick from');
    const lb = said().find((l) => /^radio: \d\. lb-1, not checked$/.test(l))!;
    await keys(/radio: (\d)/.exec(lb)![1]!, KEY.enter);
    await app.waitFor('Right. lb-1 is the only way in');
    expect(said().some((l) => /^radio: \(checked\) \d\. lb-1$/.test(l))).toBe(true);
    // predict: the run is told as lines, then the verdict
    await keys('n');
    await app.waitFor('What do the users get?');
    const errors = said().find((l) => l.includes('Errors for every request'))!;
    await keys(/radio: (\d)/.exec(errors)![1]!, KEY.enter);
    await app.waitFor('Right. With one server');
    expect(count(said(), '5.0 s: server-1')).toBe(1);
    // review checklist
    await keys('n');
    await app.waitFor('Review checklist');
    await keys('2');
    await app.waitFor('checkbox: (checked) 2. I can name the parts');
    expect(said()).toContain('checkbox: 1. I can say what an A record is., not checked');
    await keys('n');
    await app.waitFor('Lesson done: Every question kind.');
    await app.waitFor('Lesson number:');
    expect(said().some((l) => l.startsWith('listitem: (checked) 1. Every question kind, done'))).toBe(true);
    await keys('q');
    expect(await app.exited()).toBe(0);
    expectLinear(app.output());
    expectEventsOnce(said());
  }, 60_000);

  it('takes chapter 1 and runs its lab by keys: changes said once each, checks as they tick', async () => {
    const app = start(['--screen-reader'], { cols: 80, rows: 24 });
    await app.waitFor('Lesson number:', 15_000);
    for (const k of ['5', KEY.enter]) await app.press(k);
    await app.waitFor('What goes wrong with one server: step 1 of');
    await app.press('n');
    await app.press('n');
    await app.waitFor('Paused at 0.0 s');
    const said = (): string[] => saidLines(app.output());
    expect(said()).toContain('checkbox: server-1 went down, not checked');
    for (const k of ['+', '+', '+']) await app.press(k);
    await app.waitFor('Speed 10×');
    await app.press(KEY.space);
    await app.waitFor('Every check is met', 30_000);
    await app.waitFor(() => said().some((l) => /^\d+\.\d s: server-1 .*(restored|back)/i.test(l)), 30_000);
    await app.press(KEY.space);
    await app.press('i');
    await app.waitFor('requests per second');
    await app.press('c');
    await app.waitFor('checkbox: (checked) server-1 went down');
    await app.press('D');
    await app.waitFor('The diagram at');
    const lines = said();
    expect(count(lines, 'Check met: server-1 went down.')).toBe(1);
    expect(lines.some((l) => l.startsWith('listitem: server-1, server'))).toBe(true);
    const events = expectEventsOnce(lines);
    expect(events.some((e) => e.startsWith('10.0 s: server-1'))).toBe(true);
    await app.press('q');
    expect(await app.exited()).toBe(0);
    expectLinear(app.output());
  }, 90_000);

  it('builds a design in the editor said as lines, checks it and saves it (design --screen-reader)', async () => {
    const home = tempHome();
    const app = start(['design', '--task', '0', '--screen-reader'], { home });
    await app.waitFor('No machine yet: press a to add a server.', 15_000);
    const said = (): string[] => saidLines(app.output());
    await app.press('a');
    await app.waitFor(/server-1, empty; \d+ settings/);
    await app.press(' ');
    await app.waitFor('Nginx (web server): on.');
    await app.press(KEY.down);
    await app.press(' ');
    await app.waitFor('App server + code base: on.');
    await app.press(KEY.down);
    await app.press(KEY.right);
    await app.waitFor('MySQL: primary.');
    await app.press('c');
    await app.waitFor('Task 0: 7 of 7 requirements met.');
    expect(said().filter((l) => l.startsWith('listitem: Met: '))).toHaveLength(7);
    expect(count(said(), 'Nginx (web server): on.')).toBe(1);
    await app.press('q');
    expect(await app.exited()).toBe(0);
    expect(count(saidLines(app.output()), 'Goodbye: your design is saved.')).toBe(1);
    expect(readFileSync(path.join(home, 'designs', 'task-0.yaml'), 'utf8')).toMatch(/primary/);
    expectLinear(app.output());
  }, 60_000);

  it('tells the instructor view as lines: events once each, numbers on demand', async () => {
    const app = start(['sim', 'distributed', '--screen-reader', '--speed', '10', '--at', '5:kill:web-2', '--duration', '40']);
    await app.waitFor('Running at', 15_000);
    await app.waitFor(() => saidLines(app.output()).some((l) => /^\d+\.\d s: lb-1 marked web-2 DOWN/.test(l)), 30_000);
    await app.press('i');
    await app.waitFor('requests per second');
    const lines = saidLines(app.output());
    expect(lines.some((l) => l.startsWith('listitem: lb-1, load balancer'))).toBe(true);
    expect(count(lines, '5.0 s: web-2')).toBe(1);
    expectEventsOnce(lines);
    await app.press('q');
    expect(await app.exited()).toBe(0);
    expect(count(saidLines(app.output()), 'Same scenario, seed')).toBe(1);
    expectLinear(app.output());
  }, 60_000);
});
