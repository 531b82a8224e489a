/** Screen-reader mode's pure parts: Markdown as plain lines, keys as words, a run told once, the controller. */
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../src/course/load-course';
import { scenariosDir } from '../../../src/package-root';
import { emptyProgress } from '../../../src/progress/types';
import { loadScenario } from '../../../src/sim/scenario';
import { SrController } from '../../../src/ui/sr/controller';
import { LabSession } from '../../../src/ui/sr/lab-session';
import { keysSpoken, plainMarkdown } from '../../../src/ui/sr/plain-text';

describe('plainMarkdown', () => {
  it('says headings, list items (with their continuation), code and tables as such', () => {
    const lines = plainMarkdown(['# Title', '', 'Some **bold** and `code`, a [link](http://x).', '', '- one', '  more of one', '- two', '', '```nginx', 'listen 80;', '```', '', '| a | b |', '|---|---|', '| 1 | 2 |'].join('\n'));
    expect(lines).toEqual(['Heading: Title', 'Some bold and code, a link.', '• one more of one', '• two', 'Code (nginx):', '  listen 80;', 'End of code.', 'Row: a; b', 'Row: 1; 2']);
  });
});

describe('keysSpoken', () => {
  it('says keys as words', () => {
    expect(keysSpoken([['n', 'next'], ['?', 'help'], [' ', 'to pause']])).toBe('Keys: press n for next, question mark for help, Space to pause.');
  });
});

describe('LabSession', () => {
  it('says each change once, checks when they tick, and the numbers on demand', () => {
    const scenario = loadScenario('simple-web-stack', scenariosDir());
    const s = new LabSession({
      scenario,
      engineOptions: { at: [{ at_s: 2, action: 'kill', node: 'server-1' }] },
      checks: [{ text: 'server-1 went down', when: { event: 'node_killed', node: 'server-1' }, pass: 'It died.' }],
    });
    const first = s.advance(1500);
    expect(first).toEqual([]);
    const said = [...s.advance(1000), ...s.advance(1000)];
    expect(said.filter((l) => /^2\.0 s: server-1/.test(l))).toHaveLength(1);
    expect(said).toContain('Check met: server-1 went down. It died.');
    expect(s.advance(1000).some((l) => l.startsWith('2.0 s'))).toBe(false);
    expect(s.metrics()).toMatch(/^At 4\.5 s: \d+ requests per second, .*availability \d+\.\d\d%; \d+ in flight.*; failures caused by server-1 \(\d+ [^)]+\)\.$/);
    expect(s.describe().find((l) => l.startsWith('server-1, '))).toMatch(/, down\b/);
  });
});

describe('SrController', () => {
  const { course } = loadCourse('test/fixtures/sr-course');
  const press = (c: SrController, ...keys: (string | Record<string, boolean>)[]): void => {
    for (const k of keys) c.key(typeof k === 'string' ? k : '', typeof k === 'string' ? {} : k);
  };
  const texts = (c: SrController): string[] => c.lines.map((l) => l.text);

  it('opens a lesson from the map by number and answers a question by keys, feedback said once', () => {
    const c = new SrController({ course, progress: { ...emptyProgress(), learner: 'aaaa0000aaaa0000' } });
    expect(c.lines.find((l) => l.role === 'listitem')).toMatchObject({ text: '1. Every question kind, not done, score 0 of 6 (6 not answered)', state: { checked: false } });
    press(c, '1');
    expect(c.prompt().text).toBe('Lesson number: 1');
    press(c, { return: true }, 'n', 'n', '2', { return: true });
    expect(c.lines.filter((l) => l.role === 'radio').map((l) => [l.text, l.state?.checked])).toContainEqual(['2. CNAME', true]);
    expect(texts(c).filter((t) => t.startsWith('Not right. A CNAME points'))).toHaveLength(1);
    press(c, 'r', '1', { return: true });
    expect(texts(c)).toContain('Right. An A record maps a name to an IPv4 address.');
  });

  it('types into a text field on the prompt line, with its role', () => {
    const c = new SrController({ course, startLesson: 'all-kinds' });
    for (let i = 0; i < 5; i++) press(c, 'n');
    press(c, 'q4', '4', '3');
    expect(c.done).toBe(false);
    expect(c.prompt()).toEqual({ text: 'Your answer: q443', role: 'textbox' });
    press(c, { backspace: true });
    expect(c.prompt().text).toBe('Your answer: q44');
  });
});

describe('SrController in a lab with its own tools', () => {
  it("reads a hop's traffic, re-encrypts and completes chapter 3's TLS lab by keys", async () => {
    const { lessonsDir } = await import('../../../src/package-root');
    const { course: shipped } = loadCourse(lessonsDir());
    const lesson = shipped.chapters.flatMap((c) => c.lessons).find((l) => l.id === 'sec-https')!;
    const at = lesson.steps.findIndex((s) => s.kind === 'lab');
    const c = new SrController({ course: shipped, startLesson: 'sec-https', progress: { ...emptyProgress(), current: { lesson: 'sec-https', step: at } } });
    for (let i = 0; i < at; i++) c.key('n', {});
    expect(c.lines.some((l) => l.text.startsWith('Lab: Plaintext behind'))).toBe(true);
    c.key('', { tab: true });
    expect(c.lines.at(-1)).toMatchObject({ text: expect.stringMatching(/^Selected web-1: up\b/), role: 'option', state: { selected: true } });
    c.key(' ', {});
    c.tick(2000);
    c.key('t', {});
    c.key('E', {});
    c.key(' ', {});
    c.tick(2000);
    c.key('t', {});
    c.key('f', {});
    c.tick(20_000);
    const said = c.lines.map((l) => l.text);
    for (const check of ['You read plain HTTP on the hop lb-1 → web-1', 'After re-encryption the same hop showed nothing readable', 'The outside probe of web-1:80 was dropped'])
      expect(said.filter((t) => t.startsWith(`Check met: ${check}.`)), check).toHaveLength(1);
    expect(said).toContain('Every check is met: the lab is done. Press n for the next step.');
    c.key('h', {});
    expect(c.lines.at(-1)?.role).toBe('listitem');
  });
});

describe('SrController: showing the answer', () => {
  it('adds the answer without saying the feedback again', () => {
    const { course } = loadCourse('test/fixtures/sr-course');
    const c = new SrController({ course, startLesson: 'all-kinds' });
    for (const k of ['n', 'n', 'n', '1', '3']) c.key(k, {});
    c.key('', { return: true });
    c.key('s', {});
    const said = c.lines.map((l) => l.text);
    expect(said.filter((t) => t.includes('There is no load balancer in the one-server design'))).toHaveLength(1);
    expect(said).toContain('The answer: Nginx and MySQL both run on the one server.');
  });
});

describe('SrController: pages and saving', () => {
  const { course } = loadCourse('test/fixtures/sr-course');
  it('reads a long page in parts the height of the terminal; Space reads on', () => {
    const long = { ...course, chapters: course.chapters.map((ch) => ({ ...ch, lessons: ch.lessons.map((l) => ({ ...l, steps: [{ kind: 'page' as const, markdown: Array.from({ length: 30 }, (_, i) => `Line ${i + 1}.\n`).join('\n'), pos: { file: 'x.md', line: 1 } }, ...l.steps] })) })) };
    const c = new SrController({ course: long, startLesson: 'all-kinds', rows: 18 });
    const texts = (): string[] => c.lines.map((l) => l.text);
    expect(texts()).toContain('Line 15.');
    expect(texts()).not.toContain('Line 16.');
    expect(texts().at(-1)).toMatch(/^More on this page \(15 lines\): press Space to read on\./);
    c.key(' ', {});
    expect(texts()).toContain('Line 30.');
    expect(texts().filter((t) => t === 'Line 1.')).toHaveLength(1);
  });

  it('says once that progress could not be saved', () => {
    const store = { path: 'p.json', saveError: 'progress not saved: disk full, p.json', load: () => ({ progress: emptyProgress() }), save: () => undefined };
    const c = new SrController({ course, store, startLesson: 'all-kinds' });
    c.key('n', {});
    c.key('n', {});
    expect(c.lines.filter((l) => l.text === 'Warning: progress not saved: disk full, p.json')).toHaveLength(1);
  });
});
