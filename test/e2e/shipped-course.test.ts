/** Smoke test: the course that ships in lessons/ opens, a lesson renders, q quits. */
import { afterEach, expect, it } from 'vitest';
import { KEY, launch, type PtyApp } from './pty';

let app: PtyApp | undefined;
afterEach(() => app?.dispose());

it('the shipped course opens on its map, shows a lesson and quits cleanly', async () => {
  app = launch([]);
  const map = await app.waitFor('lessons done');
  expect(map).toContain('Simple web stack');
  await app.press(KEY.enter);
  const lesson = await app.waitFor(/step 1\/\d+/);
  expect(lesson).toContain('Simple web stack ›');
  // The map fills the whole 80×24 frame; the first page is shorter. Nothing of the
  // map may survive the swap (Ink's incremental renderer left such lines behind).
  await app.press(KEY.right);
  const next = await app.waitFor(/step 2\/\d+/);
  expect(next).not.toContain('Distributed web infrastructure');
  expect(next).not.toContain('lessons done');
  expect(next.split('step ').length - 1).toBe(1);
  await app.press('q');
  expect(await app.exited()).toBe(0);
});
