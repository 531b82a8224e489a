/**
 * Fuzz (issue 10, "Tests"): seeded random mutations of the shipped scenarios and
 * lessons. Every one must end in a clear answer: a scenario parses or is refused
 * with `file:line: message` lines; a course loads with problems of that form and
 * no raw control character in its text; a sample run through the built binary
 * (`sim --json`, `validate`) exits 0 or 2 (validate: 0 or 1) within a time and
 * memory bound, with no stack trace and no message of Node's own.
 *
 * The mutations run in-process (fast); only a sample is spawned. Same seed, same
 * mutations: a failure names its seed and case so it can be replayed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course';
import { scenarioLookupFromDir } from '../../src/course/scenario-nodes';
import { mulberry32 } from '../../src/quiz/shuffle';
import { parseScenario, ScenarioError } from '../../src/sim/scenario';
import { REPO, tempRoot } from './helpers';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const SCENARIO_CASES = 160;
const LESSON_CASES = 140;
/** Spawned runs of the built binary (each costs a Node start-up). */
const SPAWNED_SIM = 10;
const SPAWNED_VALIDATE = 4;
/** Per spawned run. */
const SPAWN_TIMEOUT_MS = 15_000;
const SPAWN_HEAP_MB = 256;
/**
 * Values that make a scenario enormous (rates, client counts, tiny intervals).
 * Until every scenario number has an upper bound (issue 10 item 3), runs with them
 * are parsed but not spawned: the engine would run for minutes.
 */
const HUGE = ['1e9', '999999999999', '0.000001', '1e-9'];
const VALUES = ['', '-1', '0', '.nan', '.inf', '-.inf', 'null', '~', '[]', '{}', 'abc', 'true', '"\\e]52;c;cm0gLXJmIH4=\\a"', '"\\u202ereversed"', '3.5', '"', "'", '[1, 2', '&a x', '*a', ...HUGE];
const NOISE = ['\u001b[2J', '\u001b]0;title\u0007', '\u001b]8;;http://x\u001b\\', '\u202e', '\u009b31m', '\u0000', '\r', '\t', ':', '- ', '#', '{', '[', '"', '```', '---'];

const SCENARIOS = path.join(REPO, 'assets', 'scenarios');
const LESSONS = path.join(REPO, 'lessons');
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LEAKS = /\n\s+at |Maximum call stack|Cannot read propert|is not a function|undefined is not|ERR_[A-Z_]+|TypeError|ReferenceError|RangeError|EISDIR|ENOENT|got null\b/;

interface Mutation {
  text: string;
  what: string;
  huge: boolean;
}

/** One or two random edits of `text`. */
function mutate(text: string, random: () => number): Mutation {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  let lines = text.split('\n');
  const done: string[] = [];
  let huge = false;
  const edits = 1 + Math.floor(random() * 2);
  for (let e = 0; e < edits; e++) {
    const i = Math.floor(random() * lines.length);
    const op = Math.floor(random() * 9);
    switch (op) {
      case 0:
        lines.splice(i, 1);
        done.push(`delete line ${i + 1}`);
        break;
      case 1:
        lines.splice(i, 0, lines[i] ?? '');
        done.push(`duplicate line ${i + 1}`);
        break;
      case 2: {
        const j = Math.floor(random() * lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        done.push(`swap lines ${i + 1} and ${j + 1}`);
        break;
      }
      case 3:
      case 4: {
        // A value after "key:" becomes something odd.
        const withValue = lines.map((l, k) => [l, k] as const).filter(([l]) => /^\s*-?\s*[\w.-]+:\s*\S/.test(l));
        if (withValue.length === 0) break;
        const [line, k] = pick(withValue);
        const value = pick(VALUES);
        if (HUGE.includes(value)) huge = true;
        lines[k] = line.replace(/^(\s*-?\s*[\w.-]+:\s*).*$/, `$1${value}`);
        done.push(`line ${k + 1} value → ${JSON.stringify(value)}`);
        break;
      }
      case 5: {
        const line = lines[i] ?? '';
        const at = Math.floor(random() * (line.length + 1));
        const noise = pick(NOISE);
        lines[i] = line.slice(0, at) + noise + line.slice(at);
        done.push(`insert ${JSON.stringify(noise)} in line ${i + 1}`);
        break;
      }
      case 6: {
        const joined = lines.join('\n');
        lines = joined.slice(0, Math.floor(random() * joined.length)).split('\n');
        done.push('truncate');
        break;
      }
      case 7:
        lines[i] = random() < 0.5 ? `  ${lines[i] ?? ''}` : (lines[i] ?? '').replace(/^ {1,2}/, '');
        done.push(`indent line ${i + 1}`);
        break;
      default:
        lines.splice(i, 0, `${'long '.repeat(2_000 + Math.floor(random() * 4_000))}`);
        done.push(`long line at ${i + 1}`);
    }
  }
  return { text: lines.join('\n'), what: done.join('; '), huge };
}

/** Lines of a refusal: each `file:line: message`, one line each, none of Node's own words. */
function expectClearProblems(message: string, context: string): void {
  expect(message, context).not.toMatch(LEAKS);
  for (const line of message.split('\n')) expect(line, context).toMatch(/^[^\n]+:\d+: \S/);
}

const fresh = tempRoot('wl-fuzz-');

describe(`fuzz (seed ${SEED})`, { timeout: 120_000 }, () => {
  const random = mulberry32(SEED);
  const scenarioFiles = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();
  const lessonFiles = readdirSync(LESSONS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && /^\d/.test(path.basename(f)))
    .sort();
  const spawnable: { file: string; what: string }[] = [];

  it(`${SCENARIO_CASES} mutated scenarios parse or are refused with file:line lines`, () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    let parsed = 0;
    for (let n = 0; n < SCENARIO_CASES; n++) {
      const source = scenarioFiles[n % scenarioFiles.length]!;
      const m = mutate(readFileSync(path.join(SCENARIOS, source), 'utf8'), random);
      const context = `case ${n} (${source}: ${m.what})`;
      try {
        parseScenario(m.text, `m${n}.yaml`);
        parsed++;
        if (!m.huge && spawnable.length < SPAWNED_SIM) {
          const file = path.join(dir, `m${n}.yaml`);
          writeFileSync(file, m.text);
          spawnable.push({ file, what: context });
        }
      } catch (error) {
        expect(error, context).toBeInstanceOf(ScenarioError);
        expectClearProblems((error as Error).message, context);
      }
    }
    // Not all refused: the mutations must leave some scenarios that still run.
    expect(parsed).toBeGreaterThan(SCENARIO_CASES / 20);
  });

  it(`${LESSON_CASES} mutated lessons load with clear problems and safe text`, () => {
    const lookup = scenarioLookupFromDir(SCENARIOS);
    for (let n = 0; n < LESSON_CASES; n++) {
      const source = lessonFiles[n % lessonFiles.length]!;
      const m = mutate(readFileSync(path.join(LESSONS, source), 'utf8'), random);
      const context = `case ${n} (${source}: ${m.what})`;
      const course = path.join(fresh(), 'course');
      mkdirSync(path.join(course, '01-fuzz'), { recursive: true });
      writeFileSync(path.join(course, '01-fuzz', 'chapter.yaml'), 'id: fuzz\ntitle: Fuzz\n');
      writeFileSync(path.join(course, '01-fuzz', '01-lesson.md'), m.text);
      const loaded = loadCourse(course, { scenarios: lookup, cwd: course });
      for (const p of loaded.problems) {
        expect(p.line, context).toBeGreaterThanOrEqual(0);
        expect(p.message, context).not.toMatch(LEAKS);
        expect(p.message.includes('\n'), context).toBe(false);
      }
      for (const text of strings(loaded.course.chapters)) expect(RAW_CONTROL.test(text), context).toBe(false);
    }
  });

  it('a sample runs through the built binary: exit 0 or 2, one clear message, bounded time and memory', () => {
    expect(existsSync(path.join(REPO, 'dist', 'cli.cjs')), 'run `npm run build` first').toBe(true);
    expect(spawnable.length).toBeGreaterThan(3);
    for (const { file, what } of spawnable) {
      const r = spawnSync(process.execPath, [`--max-old-space-size=${SPAWN_HEAP_MB}`, path.join(REPO, 'bin', 'webinfra-learn.js'), 'sim', file, '--json', '--duration', '20'], {
        encoding: 'utf8',
        timeout: SPAWN_TIMEOUT_MS,
        env: { ...process.env, CI: '1' },
      });
      expect(r.error, what).toBeUndefined();
      expect([0, 2], `${what}: exit ${r.status}\n${r.stderr}`).toContain(r.status);
      if (r.status === 0) expect(() => JSON.parse(r.stdout), what).not.toThrow();
      else {
        expect(r.stderr, what).toMatch(/^webinfra-learn sim: \S/);
        expect(r.stderr, what).not.toMatch(LEAKS);
      }
    }
  });

  it('validate on mutated courses through the built binary: exit 0 or 1, every line file:line', () => {
    for (let n = 0; n < SPAWNED_VALIDATE; n++) {
      const source = lessonFiles[(n * 7) % lessonFiles.length]!;
      const m = mutate(readFileSync(path.join(LESSONS, source), 'utf8'), random);
      const course = path.join(fresh(), 'course');
      mkdirSync(path.join(course, '01-fuzz'), { recursive: true });
      writeFileSync(path.join(course, '01-fuzz', 'chapter.yaml'), 'id: fuzz\ntitle: Fuzz\n');
      writeFileSync(path.join(course, '01-fuzz', '01-lesson.md'), m.text);
      const r = spawnSync(process.execPath, [`--max-old-space-size=${SPAWN_HEAP_MB}`, path.join(REPO, 'bin', 'webinfra-learn.js'), 'validate', course], {
        encoding: 'utf8',
        timeout: SPAWN_TIMEOUT_MS,
        env: { ...process.env, CI: '1' },
      });
      const what = `${source}: ${m.what}`;
      expect(r.error, what).toBeUndefined();
      expect([0, 1], `${what}: exit ${r.status}\n${r.stderr}`).toContain(r.status);
      expect(r.stderr, what).toBe('');
      expect(RAW_CONTROL.test(r.stdout), what).toBe(false);
      const lines = r.stdout.trimEnd().split('\n');
      for (const line of lines.slice(0, -1)) expect(line, what).toMatch(/^\S[^\n]*?(:\d+)?: (warning: )?\S/);
    }
  });
});

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
}
