import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseCliArgs } from '../../src/cli/args';
import { serializeDesign } from '../../src/design';
import { fixture } from './helpers';

const repo = path.resolve(__dirname, '../..');
const designs = path.join('test', 'fixtures', 'designs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wl-design-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], opts: { tty?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  const code = await main(args, {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: opts.tty, columns: 80 },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin,
    env: { WEBINFRA_LEARN_HOME: tmp },
    cwd: repo,
  });
  return { code, stdout, stderr };
}

describe('webinfra-learn design check', () => {
  it('exit 0 and every requirement met for a complete design', async () => {
    const r = await run(['design', 'check', path.join(designs, 'task2-complete.yaml'), '--task', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('8 of 8 requirements met');
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('exit 1 when some are not, each with the lesson that teaches it', async () => {
    const r = await run(['design', 'check', path.join(designs, 'task2-broken.yaml'), '--task', '2', '--ascii']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[ ] 3 firewalls');
    expect(r.stdout).toContain('lesson: webinfra-learn --lesson sec-firewall');
  });

  it('--json: {"task": N, "requirements": [{"id", "text", "met", "reason"}]}', async () => {
    const r = await run(['design', 'check', path.join(designs, 'task3-broken.yaml'), '--task', '3', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { task: number; requirements: Record<string, unknown>[] };
    expect(out.task).toBe(3);
    expect(out.requirements.length).toBeGreaterThan(3);
    for (const req of out.requirements) {
      expect(Object.keys(req)).toEqual(expect.arrayContaining(['id', 'text', 'met', 'reason']));
      expect(typeof req.met).toBe('boolean');
    }
    expect(out.requirements.find((q) => q.id === 't3-lb-cluster')!.met).toBe(false);
  });

  it('exit 2 with file:line for a bad design, and for a missing file', async () => {
    const bad = await run(['design', 'check', path.join(designs, 'bad-cname.yaml'), '--task', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-cname\.yaml:4: a CNAME points to another name/);
    expect(bad.stdout).toBe('');
    const missing = await run(['design', 'check', 'nope.yaml', '--task', '0']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file');
  });

  it('exit 2 for bad usage: no --task, a task out of range, an unknown option', async () => {
    for (const args of [
      ['design', 'check', 'x.yaml'],
      ['design', 'check', 'x.yaml', '--task', '4'],
      ['design', 'check', 'x.yaml', '--task', '1', '--frobnicate'],
      ['design', 'drill'],
      ['design', 'drill', 'x.yaml', '--seconds', '5'],
      ['design', 'drill', 'x.yaml', '--task', '1'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage: webinfra-learn design');
    }
  });
});

describe('webinfra-learn design drill', () => {
  it('--json: faults with node, component, fault, failed, availability, detected_after_s; spofs; wall_ms', async () => {
    const r = await run(['design', 'drill', path.join(designs, 'task1-complete.yaml'), '--json', '--seconds', '30']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { faults: Record<string, unknown>[]; spofs: string[]; wall_ms: number };
    expect(out.spofs).toEqual(['lb-1', 'web-1']);
    expect(typeof out.wall_ms).toBe('number');
    for (const f of out.faults) expect(Object.keys(f)).toEqual(expect.arrayContaining(['node', 'component', 'fault', 'failed', 'availability', 'detected_after_s']));
  });

  it('prints a table within 80 columns that names the single points of failure', async () => {
    const r = await run(['design', 'drill', path.join(designs, 'task0-complete.yaml'), '--seconds', '20']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Single points of failure: server-1');
    expect(r.stdout).toContain('server-1 crash');
    expect(r.stdout).toMatch(/Yearly availability: [\d.]+% \([\d.]+ nines/);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('exit 2 for a bad design', async () => {
    const file = path.join(tmp, 'typo.yaml');
    writeFileSync(file, 'name: t\nworkload: { rate_rps: 10 }\nnodes:\n  - { id: s, kind: server, rolez: [web] }\n');
    const r = await run(['design', 'drill', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/typo\.yaml:4: .*unknown field 'rolez'/);
  });
});

describe('a saved design runs in the simulator as it is', () => {
  it('webinfra-learn sim my-design.yaml', async () => {
    const file = path.join(tmp, 'my-design.yaml');
    writeFileSync(file, serializeDesign(fixture('task3-track')));
    const r = await run(['sim', file, '--json', '--duration', '20']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { requests: { total: number }; availability: number };
    expect(report.requests.total).toBeGreaterThan(1000);
    expect(report.availability).toBe(1);
  });
});

describe('webinfra-learn design (the editor form)', () => {
  it('parses with and without a subcommand', () => {
    expect(parseCliArgs(['design', '--task', '1', 'mine.yaml'], {}).command).toEqual({ name: 'design', argv: ['--task', '1', 'mine.yaml'] });
    expect(parseCliArgs(['design', 'check', 'mine.yaml', '--task', '1'], {}).command).toEqual({ name: 'design', argv: ['check', 'mine.yaml', '--task', '1'] });
  });

  it('without a terminal, says so and names the headless commands', async () => {
    const r = await run(['design', '--task', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('design check');
    expect(r.stderr).toContain('design drill');
  });

  it('design --help', async () => {
    const r = await run(['design', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('design check FILE --task N');
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('appears in the main --help', async () => {
    const r = await run(['--help']);
    expect(r.stdout).toContain('design check FILE --task N');
    expect(r.stdout).toContain('design drill FILE');
  });
});
