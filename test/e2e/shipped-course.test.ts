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
  await app.press('q');
  expect(await app.exited()).toBe(0);
});
