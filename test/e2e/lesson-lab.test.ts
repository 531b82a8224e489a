/**
 * The lab inside a lesson, in a real pseudo-terminal: its animation is painted
 * straight into a blank slot of Ink's inline frame (src/ui/lab/inline-canvas.ts),
 * so these check what only a real terminal shows: the diagram moves and shows
 * web-2 going down, and nothing of it is left behind when help opens over it,
 * when the terminal is resized, or when the learner goes back a page.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEY, assertBuilt, launch, type PtyApp } from './pty';

let apps: PtyApp[] = [];
beforeAll(() => assertBuilt());
afterEach(() => {
  for (const app of apps) app.dispose();
  apps = [];
});

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const virtualSeconds = (screen: string): number => {
  const m = /t (?:(\d+):)?(\d+\.\d) s/.exec(screen);
  if (!m) throw new Error(`no time on screen:\n${screen}`);
  return (m[1] ? Number(m[1]) * 60 : 0) + Number(m[2]);
};
/** Lines only the live lab draws (the lesson's other pages have none of them). */
const LAB_ONLY = ['LAB ·', 'RUNNING', 'QPS', 'checks 0/3', 'lb-1 marked web-2 DOWN'];
/** Text that appears exactly once on a whole, fresh lab screen ("QPS" also labels its sparkline: the numbers' "in flight" stands for them). */
const HEADERS = ['How the load bal', 'step 7/10', 'LAB ·', 'Goal:', 'in flight', 'q quit'];

/** Open dist-lb's lab (step 7: six pages on) and wait until it runs. */
async function openLab(cols: number, rows: number): Promise<PtyApp> {
  const app = launch(['--lesson', 'dist-lb'], { cols, rows });
  apps.push(app);
  await app.waitFor('step 1/10', 15_000);
  for (let i = 0; i < 6; i++) await app.press(KEY.right);
  await app.waitFor('step 7/10');
  await app.waitFor('RUNNING');
  return app;
}

/** Wait for the lab to be fully painted again at `cols` and check each header shows once. */
async function expectWholeLab(app: PtyApp, cols: number): Promise<string> {
  const s = await app.waitFor((x) => HEADERS.every((h) => x.includes(h)) && x.split('\n').some((l) => /step 7\/10$/.test(l.trimEnd()) && l.trimEnd().length > cols - 6));
  // A tick later still: painting carries on after the redraw.
  const t0 = virtualSeconds(s);
  const later = await app.waitFor((x) => HEADERS.every((h) => x.includes(h)) && virtualSeconds(x) > t0);
  for (const h of HEADERS) expect(count(later, h), `"${h}" once in:\n${later}`).toBe(1);
  // The diagram cuts its lower half on short terminals; where it fits, web-2 shows once too.
  expect(count(later, 'web-2 10.0.0.12')).toBeLessThanOrEqual(1);
  for (const line of later.split('\n')) expect(line.length).toBeLessThanOrEqual(cols);
  return later;
}

describe.each([
  [80, 24, 64, 20, 100, 30],
  [120, 36, 90, 28, 120, 36],
])('the lesson lab at %i×%i', (cols, rows, smallCols, smallRows, largeCols, largeRows) => {
  it('animates, shows web-2 go DOWN, and leaves nothing behind (help, resize, back, quit)', async () => {
    const app = await openLab(cols, rows);
    // The diagram moves: virtual time advances on screen.
    const first = await app.waitFor(/t \d+\.\d s/);
    await app.waitFor((s) => /t \d+\.\d s/.test(s) && virtualSeconds(s) > virtualSeconds(first));

    // The lab's own `at` event kills web-2 at 10 s; faster to get there.
    for (let i = 0; i < 3; i++) await app.press('+');
    // The diagram (web-2's box) or, where it cannot fit, the node list shows it.
    await app.waitFor(/✗ (web-2 )?DOWN/, 20_000);
    await app.waitFor('[✓] lb-1 marked web-2 DOWN', 20_000);
    await expectWholeLab(app, cols);

    // Help covers the whole body: no lab line may show through it.
    await app.press('?');
    const help = await app.waitFor('Esc close help');
    await sleep(300); // ticks that would paint over help have had their chance
    const helpNow = app.screen();
    expect(helpNow).toContain('Esc close help');
    for (const t of LAB_ONLY) expect(helpNow, `"${t}" over help`).not.toContain(t);
    expect(help).toContain('Live lab');
    await app.press('?');
    await expectWholeLab(app, cols);

    // Smaller, then larger: one copy of everything, at the new width.
    app.resize(smallCols, smallRows);
    await expectWholeLab(app, smallCols);
    app.resize(largeCols, largeRows);
    await expectWholeLab(app, largeCols);

    // Back a page: not one line of the lab survives, then or a few ticks later.
    await app.press(KEY.left);
    await app.waitFor('step 6/10');
    await sleep(400);
    const back = app.screen();
    expect(count(back, 'step 6/10')).toBe(1);
    for (const t of LAB_ONLY) expect(back, `"${t}" after going back`).not.toContain(t);

    await app.press('q');
    expect(await app.exited()).toBe(0);
  }, 90_000);
});
