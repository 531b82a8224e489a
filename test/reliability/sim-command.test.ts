/**
 * `sim` with hostile input (issue 10, items 2, 8 and 10): every case ends in one
 * clear line of ours (exit 2) or a report that tells the truth, never Node's raw
 * message, a hang, or a control sequence from the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimCommand } from '../../src/cli/sim-command';
import { HOSTILE, tempRoot } from './helpers';

const fresh = tempRoot('wl-rel-sim-');
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

async function sim(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runSimCommand(argv, {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false, columns: 80 },
    stderr: { write: (s: string) => ((stderr += s), true) },
    stdin: { isTTY: false },
    env: {},
  });
  return { code, stdout, stderr };
}

describe('item 8: bad scenario files and options end in one clear line', () => {
  it.each([
    [['/etc'], 'webinfra-learn sim: /etc: is a folder, not a file\n'],
    [['/dev/zero'], 'webinfra-learn sim: /dev/zero: is not a regular file (a device, a pipe or a socket)\n'],
    [['/no/such/file.yaml'], 'webinfra-learn sim: /no/such/file.yaml: no such scenario file\n'],
    [
      ['simple-web-stack', '--at', '999:kill:server-1'],
      "webinfra-learn sim: --at '999:kill:server-1': 999 s is after the end of the run (120 s); pick an earlier time or add --duration 1029\n",
    ],
  ])('%j', async (argv, message) => {
    expect(await sim(...argv)).toEqual({ code: 2, stdout: '', stderr: message });
  });

  it('.nan is named as such, with file:line', async () => {
    const r = await sim(path.join(HOSTILE, 'nan-scenario.yaml'), '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nan-scenario\.yaml:2: 'duration_s' must be a number, got \.nan \(not a number\)\n$/);
  });

  it('a FIFO as the scenario does not hang', async () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const fifo = path.join(dir, 'scenario.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await sim(fifo)).toEqual({ code: 2, stdout: '', stderr: `webinfra-learn sim: ${fifo}: is not a regular file (a device, a pipe or a socket)\n` });
  });

  it("an unknown option prints our message and usage, not Node's", async () => {
    const r = await sim('simple-web-stack', '--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("webinfra-learn sim: unknown option '--bogus'");
    expect(r.stderr).toContain('Usage: webinfra-learn sim');
    expect(r.stderr).not.toMatch(/positional argument|ERR_PARSE_ARGS/);
  });
});

describe('item 2: scenario text is made safe', () => {
  it('the name, description and labels reach the report without control sequences', async () => {
    for (const args of [[], ['--json'], ['--list']]) {
      const r = await sim(path.join(HOSTILE, 'escape-scenario.yaml'), ...args);
      expect(RAW_CONTROL.test(r.stdout + r.stderr), args.join(' ')).toBe(false);
    }
    const r = await sim(path.join(HOSTILE, 'escape-scenario.yaml'));
    expect(r.stdout.split('\n')[0]).toBe('Evil \u241b]52;c;cm0gLXJmIH4=\u2407 scenario');
  });
});

describe('item 10: the report tells the truth', () => {
  it('says a dash, not 100 %, when no request completed', async () => {
    const r = await sim('simple-web-stack', '--rate', '0.01', '--duration', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Availability {2}– \(no request completed\)$/m);
    expect(r.stdout).toMatch(/^Latency {7}– \(no ok request after the first 0\.5 s\)$/m);
    expect(r.stdout).not.toMatch(/100(\.0+)? %/);
  });

  it('says nothing about writes succeeding when the scenario has no database', async () => {
    const r = await sim(path.join(HOSTILE, 'no-db-scenario.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/succe|writes ok|^Database/im);
    const json = JSON.parse((await sim(path.join(HOSTILE, 'no-db-scenario.yaml'), '--json')).stdout) as { db?: unknown };
    expect(json.db).toBeUndefined();
  });
});
