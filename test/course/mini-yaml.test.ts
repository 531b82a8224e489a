import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMiniYaml } from '../../src/course/mini-yaml';
import { splitLesson } from '../../src/course/split-lesson';
import { parseYamlBlock, type Path } from '../../src/course/yaml-block';

const repo = path.resolve(__dirname, '../..');

function files(dir: string, ext: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out = out.concat(files(full, ext));
    else if (name.endsWith(ext)) out.push(full);
  }
  return out;
}

/** Every path to every value inside `v`. */
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** Every YAML text of the shipped course and the fixtures: blocks, front matter, chapter.yaml. */
function corpus(): { name: string; body: string; line: number }[] {
  const out: { name: string; body: string; line: number }[] = [];
  for (const dir of ['lessons', 'test/fixtures', 'assets/scenarios']) {
    for (const file of files(path.join(repo, dir), '.md')) {
      const split = splitLesson(readFileSync(file, 'utf8'));
      if (split.frontMatter) out.push({ name: `${file}:front`, body: split.frontMatter.text, line: split.frontMatter.line });
      for (const p of split.parts) if (p.type === 'block') out.push({ name: `${file}:${p.line}`, body: p.body, line: p.bodyLine });
    }
    for (const file of files(path.join(repo, dir), '.yaml')) out.push({ name: file, body: readFileSync(file, 'utf8'), line: 1 });
  }
  return out;
}

describe('the fast YAML reader agrees with the yaml package', () => {
  const all = corpus();

  it('reads nearly every shipped block itself', () => {
    const lessonBlocks = all.filter((c) => c.name.includes(`${path.sep}lessons${path.sep}`) && !c.name.endsWith('.yaml'));
    const fast = lessonBlocks.filter((c) => parseMiniYaml(c.body) !== undefined).length;
    expect(lessonBlocks.length).toBeGreaterThan(50);
    expect(fast / lessonBlocks.length).toBeGreaterThan(0.95);
  });

  it('on values and on the line of every value, wherever it reads a block', () => {
    let compared = 0;
    for (const c of all) {
      if (!parseMiniYaml(c.body)) continue;
      const full = parseYamlBlock(c.body, c.line, { fast: false });
      const fast = parseYamlBlock(c.body, c.line);
      expect(fast.problems, c.name).toEqual([]);
      if (!full.block) throw new Error(`${c.name}: the fast reader accepted what yaml rejects: ${full.problems[0]?.message}`);
      expect(fast.block!.value, c.name).toEqual(full.block.value);
      for (const p of paths(full.block.value)) {
        expect(fast.block!.lineOf(p), `${c.name} ${p.join('.')}`).toBe(full.block.lineOf(p));
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('the fast reader on damaged blocks', () => {
  it('never accepts something yaml reads differently (every block with one line dropped, or cut short)', () => {
    let checked = 0;
    for (const c of corpus().filter((x) => !x.name.endsWith('.yaml'))) {
      const lines = c.body.split('\n');
      const variants = lines.flatMap((_, k) => [
        [...lines.slice(0, k), ...lines.slice(k + 1)].join('\n'),
        lines.slice(0, k).join('\n') + '\n' + lines[k].slice(0, Math.floor(lines[k].length / 2)),
      ]);
      for (const body of variants) {
        const mini = parseMiniYaml(body);
        if (!mini) continue;
        const full = parseYamlBlock(body, 1, { fast: false });
        expect(full.problems, `${c.name}\n${body}`).toEqual([]);
        expect(mini.value, `${c.name}\n${body}`).toEqual(full.block!.value);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('parseMiniYaml', () => {
  it('types plain scalars as YAML 1.2 does', () => {
    expect(
      parseMiniYaml('a: 1\nb: -2.5\nc: true\nd: ~\ne: 8.8.8.8\nf: 10:kill:web-1\ng: "x: y"\nh: \'it\'\'s\'\ni: null\nj: 1e3\nk: C#')?.value,
    ).toEqual({ a: 1, b: -2.5, c: true, d: null, e: '8.8.8.8', f: '10:kill:web-1', g: 'x: y', h: "it's", i: null, j: 1000, k: 'C#' });
  });

  it('reads nested blocks, "- key:" items and flow collections with lines', () => {
    const r = parseMiniYaml('kind: single\nchoices:\n  - text: A\n    correct: true\n  - text: B\nat: ["1:kill:x", 2]\nwhen: { event: up, min_count: 2 }\n');
    expect(r?.value).toEqual({
      kind: 'single',
      choices: [{ text: 'A', correct: true }, { text: 'B' }],
      at: ['1:kill:x', 2],
      when: { event: 'up', min_count: 2 },
    });
    expect(r?.lines.get(['choices', 1, 'text'].join('\u0000'))).toBe(5);
  });

  it('drops trailing comments, but not a # inside quotes or after an apostrophe', () => {
    expect(parseMiniYaml('a: 1 # one\nb: "x # y" # z\nc: don\'t # no\n')?.value).toEqual({ a: 1, b: 'x # y', c: "don't" });
  });

  it('reads nested flow collections', () => {
    expect(parseMiniYaml('- x\n')).toBeUndefined();
    expect(parseMiniYaml('n: [{ id: a, to: [b, "c, d"] }, []]\n')?.value).toEqual({ n: [{ id: 'a', to: ['b', 'c, d'] }, []] });
  });

  it.each([
    ['block scalar', 'a: |\n  text\n'],
    ['multi-line plain scalar', 'a: one\n  two\n'],
    ['anchor', 'a: &x 1\n'],
    ['duplicate key', 'a: 1\na: 2\n'],
    ['flow list over two lines', 'a: [1,\n  2]\n'],
    ['flow mapping without space after the colon', 'a: {b:1}\n'],
    ['colon in plain scalar', 'a: b: c\n'],
    ['odd escape', 'a: "\\x41"\n'],
    ['tab indentation', 'a:\n\t- 1\n'],
    ['top-level list', '- a\n'],
    ['text after a quoted string', 'a: "x" y\n'],
    ['hex number', 'a: 0x1F\n'],
  ])('leaves %s to the yaml package', (_, text) => {
    expect(parseMiniYaml(text)).toBeUndefined();
  });
});

describe('scenario files', () => {
  it('are read by the fast reader (node ids are all the course needs)', () => {
    const dir = path.join(repo, 'assets', 'scenarios');
    const names = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(names.length).toBeGreaterThan(0);
    const fast = names.filter((f) => parseMiniYaml(readFileSync(path.join(dir, f), 'utf8')) !== undefined);
    expect(fast).toEqual(names);
  });
});
