/**
 * Before and after in one run, in a real terminal: `r` switches the load balancer's
 * `option redispatch`, so killing web-2 afterwards fails (almost) nothing, where the
 * same kill without it fails every request sent to web-2 until it is marked DOWN; and
 * `P` on a replica while the primary still runs promotes it with a split-brain warning.
 */
import { describe, expect, it } from 'vitest';
import { KEY, liveApps, type PtyApp } from './pty';

const start = liveApps();

/** Select a node with Tab (the order starts at the load balancer). */
async function select(app: PtyApp, id: string): Promise<void> {
  const selected = (s: string): string | undefined => /▸ (\S+) /.exec(s)?.[1];
  for (let i = 0; i < 6; i++) {
    const now = selected(app.screen());
    if (now === id) return;
    await app.press(KEY.tab);
    await app.waitFor((s) => selected(s) !== now);
  }
  await app.waitFor(new RegExp(`▸ ${id} `));
}

const virtualSeconds = (screen: string): number => {
  const m = /t (?:(\d+):)?(\d+\.\d) s/.exec(screen);
  if (!m) throw new Error(`no time on screen:\n${screen}`);
  return (m[1] ? Number(m[1]) * 60 : 0) + Number(m[2]);
};

/** Kill web-2, wait until lb-1 marks it DOWN, quit, and read the failed count of the summary. */
async function killWeb2AndCount(app: PtyApp): Promise<number> {
  await select(app, 'web-2');
  await app.press('x');
  await app.waitFor('killed web-2');
  const down = virtualSeconds(await app.waitFor('lb-1 marked web-2 DOWN', 20_000));
  // A refused request without redispatch fails after its 3 retries, 1 s apart: let the last ones end.
  await app.waitFor((s) => virtualSeconds(s) >= down + 4, 20_000);
  await app.press('q');
  expect(await app.exited()).toBe(0);
  const m = /([\d,]+) requests, ([\d,]+) failed/.exec(app.output());
  if (!m) throw new Error(`no summary:\n${app.screen()}`);
  return Number(m[2]!.replace(/,/g, ''));
}

describe('before and after in the same run', () => {
  it('r turns redispatch on: killing web-2 no longer fails the requests lb-1 sends it', async () => {
    // Without redispatch: ≈ 100 req/s / 2 over the 4–6 s until web-2 is marked DOWN fail with 503 (≈ 200–300).
    const without = await killWeb2AndCount(await ready(start(['distributed', '--speed', '4'])));
    expect(without).toBeGreaterThan(150);
    const app = await ready(start(['distributed', '--speed', '4']));
    await app.press('r');
    await app.waitFor('redispatch on: lb-1 retries a refused request at once on another server');
    await app.waitFor('redispatch on: lb-1 now retries a refused connection');
    // With it, only the requests inside web-2 when it crashed can fail (not retried: 502).
    expect(await killWeb2AndCount(app)).toBeLessThan(10);
  });

  it('P on the replica while the primary lives promotes it and warns of split brain', async () => {
    const app = await ready(start(['distributed', '--speed', '2']));
    await select(app, 'web-2');
    await app.press('P');
    const s = await app.waitFor('SPLIT BRAIN: web-1 still writable beside web-2');
    expect(s).toContain('split brain: web-1 is still up and writable while web-2 was promoted');
    expect(s).toMatch(/S P L I T {3}B R A I N/); // the instructor's banner
    expect(s).toMatch(/MySQL primary/);
  });

  it('{ and } change the workers of the selected server\'s tier', async () => {
    const app = await ready(start(['distributed', '--speed', '2']));
    await select(app, 'web-1');
    await app.waitFor(/▸ web-1 .*app workers 4/);
    await app.press('}');
    await app.waitFor('app workers 4 → 5 on every app server (web-1, web-2)');
    await app.waitFor(/▸ web-1 .*app workers 5/);
    await app.press('{');
    await app.press('{');
    await app.waitFor(/▸ web-1 .*app workers 3/);
  });
});

async function ready(app: PtyApp): Promise<PtyApp> {
  await app.waitFor('lb-1 8.8.8.8');
  return app;
}
