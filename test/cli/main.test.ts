import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { emptyProgress } from '../../src/progress/types';

const repo = path.resolve(__dirname, '../..');
const fixtureCourse = path.join('test', 'fixtures', 'course');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let home: string;
let n = 0;
beforeEach(() => {
  home = path.join(tmp, `home-${++n}`);
});

/** Runs main() with captured output; `tty` makes stdin/stdout look like a terminal. */
async function run(args: string[], opts: { tty?: boolean; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (opts.tty) stdin.isTTY = true;
  if (opts.input !== undefined) stdin.end(opts.input);
  const code = await main(args, {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: opts.tty, columns: 80 },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin,
    env: { WEBINFRA_LEARN_HOME: home, ...opts.env },
    cwd: repo,
  });
  return { code, stdout, stderr };
}

const progressFile = () => path.join(home, 'progress.json');
const writeProgress = (p: object) => {
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(progressFile(), JSON.stringify(p));
};

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      expect(await run([flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('--help shows commands, options, the real progress path and examples within 80 columns', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const text of ['Usage: webinfra-learn', 'progress reset', 'validate [DIR]', '--lesson ID', '--no-color', '--ascii', 'Examples:']) {
      expect(r.stdout).toContain(text);
    }
    expect(r.stdout).toContain(path.join(home, 'progress.json'));
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect((await run(['list', '-h'])).stdout).toBe(r.stdout);
  });
});

describe('usage errors exit 2 with the usage line on stderr', () => {
  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['lsit'], "did you mean 'list'"],
    [['--frob'], "unknown option '--frob'"],
    [['--lesson'], '--lesson needs a value'],
    [['--theme', 'neon'], "unknown theme 'neon'"],
    [['list', '--yes'], "--yes does not apply to 'list'"],
    [['list', 'extra'], "unexpected argument 'extra'"],
    [['progress'], 'progress needs reset, export FILE or import FILE'],
    [['progress', 'export'], 'progress export needs a FILE'],
    [['progress', 'wipe'], "unknown progress command 'wipe'"],
    [['validate', 'a', 'b'], "unexpected argument 'b'"],
  ])('%j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: webinfra-learn');
  });
});

describe('list', () => {
  it('prints the outline with lesson ids and counts', async () => {
    const r = await run(['list', '--course', fixtureCourse]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 chapters, 4 lessons');
    expect(r.stdout).toMatch(/1\.1\s+one-server\s+One server does it all\s+\(2 quizzes\)/);
    expect(r.stdout).toMatch(/2\.1\s+load-balancer\s+A load balancer and two servers\s+\(1 quiz, 1 lab\)/);
  });

  it('--json gives chapters, lessons and counts', async () => {
    const r = await run(['list', '--json', '--course', fixtureCourse]);
    expect(JSON.parse(r.stdout)).toEqual({
      chapters: [
        {
          id: 'simple-web-stack',
          title: 'A simple web stack',
          lessons: [
            { id: 'one-server', title: 'One server does it all', quizzes: 2, labs: 0 },
            { id: 'dns-basics', title: 'DNS and the long page', quizzes: 3, labs: 0 },
          ],
        },
        {
          id: 'distributed',
          title: 'Distributed web infrastructure',
          lessons: [
            { id: 'load-balancer', title: 'A load balancer and two servers', quizzes: 1, labs: 1 },
            { id: 'chapter-review', title: 'Say it out loud', quizzes: 0, labs: 0 },
          ],
        },
      ],
    });
  });

  it('lists the built-in course', async () => {
    const r = await run(['list', '--json']);
    expect(r.code).toBe(0);
    const ids = JSON.parse(r.stdout).chapters.map((c: { id: string }) => c.id);
    expect(ids).toEqual(['simple-web-stack', 'distributed', 'secured-monitored', 'scale-up']);
  });
});

describe('validate', () => {
  it('the shipped course has no problems', async () => {
    const r = await run(['validate']);
    expect(r.stdout).toMatch(/no problems/);
    expect(r.code).toBe(0);
  });

  it('reports every problem of a bad course as file:line: message and exits 1', async () => {
    const r = await run(['validate', path.join('test', 'fixtures', 'bad-course')]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(`${path.join('test', 'fixtures', 'bad-course')}: 25 errors, 2 warnings`);
    expect(lines[1]).toBe(
      `${path.join('test', 'fixtures', 'bad-course', '01-basics', '01-typos.md')}:13: quiz (single): unknown field 'choices[0].corect' (did you mean 'correct'?)`,
    );
  });

  it('fails on warnings too, which do not stop the course', async () => {
    const dir = path.join(tmp, 'warn-course', '01-c');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'chapter.yaml'), 'id: c\ntitle: C\n');
    writeFileSync(path.join(dir, '01-l.md'), '---\nid: l\ntitle: L\n---\nA heading?\n---\nText\n');
    const v = await run(['validate', path.join(tmp, 'warn-course')]);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('01-l.md:6: warning:');
    expect(v.stdout).toContain('0 errors, 1 warning');
    const learn = await run(['--course', path.join(tmp, 'warn-course')]);
    expect(learn.code).toBe(0);
    expect(learn.stderr).toContain('01-l.md:6: warning:');
  });

  it('reports a missing folder', async () => {
    const r = await run(['validate', 'no-such-folder']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no-such-folder: cannot read course folder');
  });
});

describe('learn without a terminal', () => {
  it('explains, prints the outline with done marks, and exits 0', async () => {
    writeProgress({ ...emptyProgress(), completed: ['one-server'] });
    const r = await run(['--course', fixtureCourse]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('needs an interactive terminal');
    expect(r.stdout).toMatch(/✓ 1\.1\s+one-server/);
    expect(r.stdout).toMatch(/ {3}1\.2\s+dns-basics/);
    expect(r.stdout).toContain('1 completed');
  });

  it('uses ASCII marks with --ascii', async () => {
    writeProgress({ ...emptyProgress(), completed: ['one-server'] });
    const r = await run(['--course', fixtureCourse, '--ascii']);
    expect(r.stdout).toMatch(/\* 1\.1\s+one-server/);
    expect(r.stdout).not.toContain('✓');
  });

  it('an unknown --lesson is a usage error that says how to see ids', async () => {
    const r = await run(['--course', fixtureCourse, '--lesson', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("there is no lesson 'nope'; see the lesson ids with: webinfra-learn list");
  });

  it('a course with errors is not started: problems, then exit 1', async () => {
    const r = await run(['--course', path.join('test', 'fixtures', 'bad-course')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('01-typos.md:13:');
    expect(r.stderr).toContain('webinfra-learn: the course has 25 errors');
    expect(r.stdout).toBe('');
  });

  it('moves a corrupt progress file aside and says so', async () => {
    writeProgress({});
    writeFileSync(progressFile(), 'garbage');
    const r = await run(['--course', fixtureCourse]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('was moved to');
    expect(readdirSync(home).some((f) => f.startsWith('progress.json.corrupt-'))).toBe(true);
  });
});

describe('progress', () => {
  const some = { ...emptyProgress(), completed: ['one-server', 'dns-basics'], furthest: { 'one-server': 5 } };

  it('reset refuses without a terminal or --yes, and changes nothing', async () => {
    writeProgress(some);
    const r = await run(['progress', 'reset']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('add --yes');
    expect(JSON.parse(readFileSync(progressFile(), 'utf8')).completed).toEqual(some.completed);
  });

  it('reset --yes forgets everything', async () => {
    writeProgress(some);
    const r = await run(['progress', 'reset', '--yes']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(progressFile(), 'utf8'))).toMatchObject(emptyProgress());
  });

  it('reset asks on a terminal and honours the answer', async () => {
    writeProgress(some);
    const no = await run(['progress', 'reset'], { tty: true, input: 'n\n' });
    expect(no.stdout).toContain('Your progress: 2 lessons completed, 0 questions answered, 0 labs done.\nReset all of it? [y/N] ');
    expect(no.stdout).toContain('Nothing was changed.');
    expect(JSON.parse(readFileSync(progressFile(), 'utf8')).completed).toHaveLength(2);
    const yes = await run(['progress', 'reset'], { tty: true, input: 'y\n' });
    expect(yes.code).toBe(0);
    expect(JSON.parse(readFileSync(progressFile(), 'utf8')).completed).toEqual([]);
  });

  it('reset --lesson forgets one lesson only', async () => {
    writeProgress(some);
    const r = await run(['progress', 'reset', '--lesson', 'one-server', '--yes', '--course', fixtureCourse]);
    expect(r.code).toBe(0);
    const p = JSON.parse(readFileSync(progressFile(), 'utf8'));
    expect(p.completed).toEqual(['dns-basics']);
    expect(p.furthest).toEqual({});
    const bad = await run(['progress', 'reset', '--lesson', 'nope', '--yes', '--course', fixtureCourse]);
    expect(bad.code).toBe(2);
  });

  it('export then import round-trips', async () => {
    writeProgress(some);
    const file = path.join(home, 'backup.json');
    expect((await run(['progress', 'export', file])).code).toBe(0);
    expect((await run(['progress', 'export', '-'])).stdout).toBe(readFileSync(file, 'utf8'));
    await run(['progress', 'reset', '--yes']);
    const r = await run(['progress', 'import', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('with the one in');
    expect(JSON.parse(readFileSync(progressFile(), 'utf8'))).toEqual(some);
  });

  it("carries the learner's designs: exported beside the progress, written back on import, a different one kept aside", async () => {
    writeProgress(some);
    const designs = path.join(home, 'designs');
    mkdirSync(designs, { recursive: true });
    writeFileSync(path.join(designs, 'task-1.yaml'), 'name: mine\n');
    writeFileSync(path.join(designs, 'notes.txt'), 'not a design');
    const file = path.join(home, 'backup.json');
    const out = await run(['progress', 'export', file]);
    expect(out.stdout).toContain('1 design)');
    expect(JSON.parse(readFileSync(file, 'utf8')).designs).toEqual({ 'task-1': 'name: mine\n' });
    // On another machine: a different design of task 1 is there already.
    writeFileSync(path.join(designs, 'task-1.yaml'), 'name: other\n');
    const r = await run(['progress', 'import', file, '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('task-1.before-import.yaml');
    expect(r.stdout).toContain('with your designs of task-1');
    expect(readFileSync(path.join(designs, 'task-1.yaml'), 'utf8')).toBe('name: mine\n');
    expect(readFileSync(path.join(designs, 'task-1.before-import.yaml'), 'utf8')).toBe('name: other\n');
    // The designs never end up inside progress.json.
    expect(JSON.parse(readFileSync(progressFile(), 'utf8'))).toEqual(some);
    // A bad designs field replaces nothing.
    writeFileSync(file, JSON.stringify({ ...some, designs: { '../../etc/passwd': 'x' } }));
    const bad = await run(['progress', 'import', file, '--yes']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("not a task (task-0 to task-9)");
    expect(readFileSync(path.join(designs, 'task-1.yaml'), 'utf8')).toBe('name: mine\n');
  });

  it('import checks the file first and replaces nothing when it is bad', async () => {
    writeProgress(some);
    const bad = path.join(home, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, completed: 'everything' }));
    const r = await run(['progress', 'import', bad, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Your progress was not changed');
    expect(JSON.parse(readFileSync(progressFile(), 'utf8'))).toEqual(some);
    const missing = await run(['progress', 'import', path.join(home, 'nope.json'), '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });

  it('import without --yes and without a terminal refuses', async () => {
    writeProgress(some);
    const file = path.join(home, 'p.json');
    writeFileSync(file, JSON.stringify(emptyProgress()));
    const r = await run(['progress', 'import', file]);
    expect(r.code).toBe(2);
    expect(JSON.parse(readFileSync(progressFile(), 'utf8'))).toEqual(some);
  });

  it('a failed save is reported, not thrown', async () => {
    const r = await run(['progress', 'reset', '--yes'], { env: { WEBINFRA_LEARN_HOME: path.join(repo, 'package.json') } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^webinfra-learn: progress not saved: a file is in the way of the folder, .*package\.json/);
    expect(existsSync(path.join(repo, 'package.json'))).toBe(true);
  });
});

describe('sim', () => {
  it('is handed to the sim command', async () => {
    const r = await run(['sim', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('webinfra-learn sim');
  });
});

describe('progress import from standard input', () => {
  it('needs --yes, then reads the piped file', async () => {
    const text = JSON.stringify({ ...emptyProgress(), completed: ['x'] });
    expect((await run(['progress', 'import', '-'], { input: text })).code).toBe(2);
    const r = await run(['progress', 'import', '-', '--yes'], { input: text });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(progressFile(), 'utf8')).completed).toEqual(['x']);
  });
});

describe('the design editor without a terminal', () => {
  it('names the text commands instead of drawing the editor', async () => {
    let stderr = '';
    const code = await main(['design', '--task', '1'], {
      stdout: { write: () => true, isTTY: false, columns: 80 },
      stderr: { write: (s: string) => ((stderr += s), true) },
      stdin: new PassThrough(),
      env: { WEBINFRA_LEARN_HOME: home },
      cwd: repo,
    });
    expect(code).toBe(2);
    expect(stderr).toContain('needs an interactive terminal');
    expect(stderr).toContain('design drill');
  });
});
