/**
 * The design editor in screen-reader mode (src/ui/sr/build-session.ts): task 0 built,
 * checked, predicted and drilled by keys, each change said once in words, and saved
 * after every change.
 */
import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../../../src/design/editor/model';
import type { Scenario } from '../../../src/sim/types';
import { BuildSession } from '../../../src/ui/sr/build-session';
import { SrController } from '../../../src/ui/sr/controller';
import { loadCourse } from '../../../src/course/load-course';

type K = string | Record<string, boolean>;

function session(saved: Scenario[] = []): BuildSession {
  return new BuildSession({ task: 0, initial: emptyDesign(0), file: 'task-0.yaml', save: (d) => void saved.push(d) });
}

/** Presses keys; returns the texts said. */
function press(s: BuildSession, ...keys: K[]): string[] {
  const out: string[] = [];
  for (const k of keys) {
    const said = typeof k === 'string' ? s.key(k, {}) : s.key('', k);
    out.push(...(said ?? []).map((l) => l.text));
  }
  return out;
}

describe('BuildSession', () => {
  it('builds task 0 by keys, says each setting as it changes, saves every change and checks 7 of 7', () => {
    const saved: Scenario[] = [];
    const s = session(saved);
    expect(s.intro().map((l) => l.text)).toContain('No machine yet: press a to add a server.');
    const added = press(s, 'a');
    expect(added.some((t) => /^server-1, empty; \d+ settings\. Nginx \(web server\): off\./.test(t))).toBe(true);
    expect(press(s, ' ')[0]).toMatch(/^Nginx \(web server\): on\./);
    expect(press(s, { downArrow: true })[0]).toMatch(/^2 of \d+: App server \+ code base: off\./);
    press(s, ' ', { downArrow: true });
    expect(press(s, { rightArrow: true })[0]).toMatch(/^MySQL: primary\./);
    expect(saved).toHaveLength(4);
    expect(saved.at(-1)!.nodes).toHaveLength(1);
    const check = press(s, 'c');
    expect(check[0]).toBe('Task 0: 7 of 7 requirements met.');
    expect(check.filter((t) => t.startsWith('Met: '))).toHaveLength(7);
    // Not a key of the editor: left to the lesson (n, p, m…).
    expect(s.key('n', {})).toBeUndefined();
  });

  it('asks a prediction for each fault, then runs the drill and names the single point of failure', () => {
    const s = session();
    press(s, 'a', ' ', { downArrow: true }, ' ', { downArrow: true }, { rightArrow: true });
    const start = press(s, 'd');
    expect(start[1]).toBe('Fault 1 of 10: server-1 crash. Will users see errors?');
    expect(s.predicting).toBe(true);
    expect(press(s, 'x')[0]).toMatch(/^Press y if users will see errors/);
    // Errors for every fault but traffic ×3 (the 7th), which one server absorbs.
    const answers: K[] = ['y', 'y', 'y', 'y', 'y', 'y', 'n', 'y', 'y', 'y'];
    const said = press(s, ...answers);
    expect(s.predicting).toBe(false);
    expect(said).toContain('Drill done: 10 faults. Your predictions: 10 of 10 right.');
    expect(said).toContain('Single points of failure: server-1.');
    expect(said.find((t) => t.startsWith('server-1 crash: '))).toMatch(/^server-1 crash: users see errors, a single point of failure\. You predicted it\. \d+ failed/);
    expect(said.find((t) => t.startsWith('Yearly availability: '))).toMatch(/^Yearly availability: 99\.\d{3} percent/);
  });

  it('Escape stops the predictions; D describes the design, or says why it cannot', () => {
    const s = session();
    expect(press(s, 'D')[0]).toMatch(/cannot run yet/);
    press(s, 'a', ' ', { downArrow: true }, ' ', { downArrow: true }, { rightArrow: true });
    expect(press(s, 'd', { escape: true }).at(-1)).toBe('Drill stopped. Back to your design.');
    const d = press(s, 'D');
    expect(d[0]).toBe('Your design as a list, from the users to the database:');
    expect(d.some((t) => t.startsWith('server-1, server'))).toBe(true);
  });
});

describe('SrController with the design editor', () => {
  it('webinfra-learn design: opens the given design, says it, and saves through the store', () => {
    const saves: Scenario[] = [];
    const c = new SrController({
      design: { task: 0, file: '/d/task-0.yaml', design: emptyDesign(0), problems: [] },
      designs: { open: () => ({ design: emptyDesign(0), problems: [], file: '/d/task-0.yaml' }), save: (_f, d) => void saves.push(d) },
    });
    const texts = () => c.lines.map((l) => l.text);
    expect(texts().some((t) => t.startsWith('Your design of task 0, saved in /d/task-0.yaml: no machine yet.'))).toBe(true);
    c.key('a', {});
    expect(saves).toHaveLength(1);
    c.key('?', {});
    expect(texts().at(-1)).toMatch(/press Tab for the next machine.*q to quit \(the design is saved after every change\)\.$/);
    expect(texts().filter((t) => t.startsWith('DNS record: '))).toHaveLength(1);
    c.key('q', {});
    expect(c.exitMessage).toBe('Goodbye: your design is saved.\n');
  });
});

describe('SrController: a lesson\'s build step', () => {
  it('chapter 1 ends by building task 0: the editor is said, n still moves on, ? names both', () => {
    const { course } = loadCourse('lessons');
    const saves: Scenario[] = [];
    const c = new SrController({
      course,
      startLesson: 'sws-review',
      designs: { open: () => ({ design: emptyDesign(0), problems: [], file: 'mem/task-0.yaml' }), save: (_f, d) => void saves.push(d) },
    });
    const texts = () => c.lines.map((l) => l.text);
    const steps = course.chapters[0]!.lessons.at(-1)!.steps;
    const build = steps.findIndex((st) => st.kind === 'build');
    expect(build).toBeGreaterThan(0);
    for (let i = 0; i < build; i++) c.key('n', {});
    expect(texts().some((t) => t.startsWith('Build step: build your own design of task 0'))).toBe(true);
    c.key('a', {});
    expect(saves).toHaveLength(1);
    c.key('?', {});
    expect(texts().at(-1)).toMatch(/n for the next step\. Keys: press p for previous, m for the map, q to quit\.$/);
  });
});

describe('SrController: the tuning keys of a live run', () => {
  it('r switches redispatch on both load balancers, } raises a tier\'s workers, P while the primary runs warns of split brain', async () => {
    const { loadScenario } = await import('../../../src/sim/scenario');
    const { scenariosDir } = await import('../../../src/package-root');
    const scenario = loadScenario('scale-up', scenariosDir());
    const c = new SrController({ sim: { scenario, engineOptions: {}, speed: 1, color: false, ascii: false, projector: false } });
    const texts = () => c.lines.map((l) => l.text);
    c.key('r', {});
    expect(texts().at(-2)).toBe('0.0 s: you switched redispatch on.');
    expect(texts().at(-1)).toMatch(/^0\.0 s: redispatch on: lb-1, lb-2 now retry a refused connection at once on another server/);
    // Tab to app-1, then one more app worker on every app server.
    for (let i = 0; i < 10 && !texts().at(-1)!.startsWith('Selected app-1'); i++) c.key('', { tab: true });
    c.key('}', {});
    expect(texts().at(-2)).toBe('0.0 s: you set the app workers to 5.');
    expect(texts().at(-1)).toMatch(/^0\.0 s: app workers 4 → 5 on every app server \(app-1, app-2\)/);
    for (let i = 0; i < 10 && !texts().at(-1)!.startsWith('Selected db-2'); i++) c.key('', { tab: true });
    c.key('P', {});
    expect(texts().some((t) => t.startsWith('Warning: split brain: db-1 still writable beside db-2'))).toBe(true);
  });
});

describe('SrController: failures, alerts and in-flight counts in words', () => {
  it('e says what each node caused, A each rule and its state, i the requests in flight', async () => {
    const { loadScenario } = await import('../../../src/sim/scenario');
    const { scenariosDir } = await import('../../../src/package-root');
    const scenario = loadScenario('secured-monitored', scenariosDir());
    const c = new SrController({ sim: { scenario, engineOptions: { at: [{ at_s: 1, action: 'kill', node: 'web-2' }] }, speed: 1, color: false, ascii: false, projector: false } });
    const texts = () => c.lines.map((l) => l.text);
    c.key('e', {});
    expect(texts().at(-1)).toBe('No request has failed yet.');
    // Run to 20 s (f skips to each next change).
    for (let i = 0; i < 20 && !texts().some((t) => /^\d+\.\d s: lb-1 marked web-2 DOWN/.test(t)); i++) c.key('f', {});
    c.key('e', {});
    expect(texts().find((t) => t.startsWith('web-2: '))).toMatch(/^web-2: \d+ refused[^,]*, result 503, \d+ in the last 10 s, after 3\.\d+ s on average\.$/);
    c.key('A', {});
    expect(texts().some((t) => /^web-down on web-2: up 0 < 1: (OK|PENDING|FIRING)/.test(t) || /^web-down on web-2: up not pushed yet/.test(t))).toBe(true);
    c.key('i', {});
    expect(texts().at(-1)).toMatch(/; \d+ in flight/);
  });
});
