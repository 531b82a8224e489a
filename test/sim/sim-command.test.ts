import { describe, expect, it } from 'vitest';
import { runSimCommand } from '../../src/cli/sim-command';

function io(tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: { write: (s: string) => out.push(s), isTTY: tty, columns: 80 },
      stderr: { write: (s: string) => err.push(s) },
      stdin: { isTTY: tty },
      env: {},
    },
  };
}

describe('webinfra-learn sim', () => {
  it('--json prints the report with the documented fields', async () => {
    const t = io();
    const code = await runSimCommand(['distributed', '--json', '--duration', '40', '--at', '20:kill:web-2', '--seed', '3'], t.io);
    expect(code).toBe(0);
    const r = JSON.parse(t.out.join(''));
    expect(r).toMatchObject({ scenario: 'distributed', seed: 3, duration_s: 40 });
    for (const k of ['requests', 'availability', 'latency_ms', 'nodes', 'events', 'sim']) expect(r).toHaveProperty(k);
    expect(Object.keys(r.nodes)).toEqual(['lb-1', 'web-1', 'web-2']);
    expect(r.events.map((e: { type: string }) => e.type)).toContain('marked_down');
    expect(r.sim.events_processed).toBeGreaterThan(0);
  });

  it('without --json on a non-terminal prints a readable text report', async () => {
    const t = io();
    const code = await runSimCommand(['distributed', '--duration', '40', '--at', '20:kill:web-2'], t.io);
    expect(code).toBe(0);
    const text = t.out.join('');
    expect(text).toContain('Distributed web infrastructure');
    expect(text).toMatch(/Availability\s+\d/);
    expect(text).toMatch(/Node\s+Kind\s+State\s+Served/);
    expect(text).toContain('lb-1 marked web-2 DOWN: 3 failed checks, 2 s apart');
    expect(text).not.toContain('\x1b[');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('--ascii keeps the text report to ASCII', async () => {
    const t = io();
    expect(await runSimCommand(['scale-up', '--ascii', '--duration', '20', '--at', '5:kill:lb-1'], t.io)).toBe(0);
    const text = t.out.join('');
    expect(text).toContain('lb-2 took VIP 8.8.8.8');
    expect(text).toMatch(/^[\x00-\x7f]*$/);
  });

  it('--list names the built-in scenarios', async () => {
    const t = io();
    expect(await runSimCommand(['--list'], t.io)).toBe(0);
    for (const id of ['simple-web-stack', 'distributed', 'secured-monitored', 'scale-up', 'capacity']) expect(t.out.join('')).toContain(id);
  });

  it.each([
    [['distributed', '--at', '20:kill:web-9'], /unknown node 'web-9'/],
    [['distributed', '--at', '20:explode:web-1'], /unknown action 'explode'/],
    [['distributed', '--rate', 'fast'], /--rate must be a positive rate/],
    [['no-such-scenario'], /unknown scenario 'no-such-scenario'/],
    [['distributed', '--bogus'], /unknown option '--bogus'/],
    [[], /which scenario/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const t = io();
    expect(await runSimCommand(args as string[], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(message);
    expect(t.out.join('')).toBe('');
  });

  it('reports an invalid scenario file with file:line', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const f = path.join(mkdtempSync(path.join(tmpdir(), 'sim-')), 'broken.yaml');
    writeFileSync(f, 'name: broken\nworkload: { rate_rps: 10 }\nnodes:\n  - { id: lb-1, kind: load_balancer, to: [ghost] }\n');
    const t = io();
    expect(await runSimCommand([f], t.io)).toBe(2);
    expect(t.err.join('')).toMatch(/broken\.yaml:4: load balancer 'lb-1' sends to unknown node 'ghost'/);
  });
});
