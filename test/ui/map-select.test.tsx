/** The course map's list (ink-select-input) in step with the app's cursor and keys. */
import { describe, expect, it, vi } from 'vitest';
import { KEY } from './quiz-harness';
import { renderApp } from './app-harness';

const selected = (frame: string): string => frame.split('\n').find((l) => l.includes(' › '))?.trim() ?? '';

describe('course map list', { timeout: 20_000 }, () => {
  it('moves with ↑↓, follows End and Home from the map keys, and opens with Enter', async () => {
    const app = renderApp();
    let f = await app.waitFor('One server does it all');
    expect(selected(f)).toContain('One server does it all');
    await app.press(KEY.down);
    f = await app.waitFor((x) => selected(x).includes('DNS and the long page'));
    await app.press(KEY.end);
    f = await app.waitFor((x) => selected(x).includes('Say it out loud'));
    // The list follows the jump: ↑ moves from the last entry, not from where it was.
    await app.press(KEY.up);
    f = await app.waitFor((x) => selected(x).includes('A load balancer and two servers'));
    await app.press(KEY.home);
    await app.waitFor((x) => selected(x).includes('One server does it all'));
    await app.press(KEY.down);
    await app.waitFor((x) => selected(x).includes('DNS and the long page'));
    await app.press(KEY.enter);
    f = await app.waitFor('step 1/');
    expect(f.split('\n')[0]).toContain('DNS and the long page');
  });

  it('two quick presses that arrive in one read ("jj") move two entries, and a digit opens that entry', async () => {
    const app = renderApp();
    await app.waitFor('One server does it all');
    await app.press('jj');
    const f = await app.waitFor((x) => !selected(x).includes('One server does it all'));
    expect(selected(f)).toContain('A load balancer and two servers');
    await app.press('kk');
    await app.waitFor((x) => selected(x).includes('One server does it all'));
    await app.press('2');
    const opened = await app.waitFor('step 1/');
    expect(opened.split('\n')[0]).toContain('DNS and the long page');
  });

  it('never takes a stdin that is not a terminal (focused only by the input owner)', async () => {
    const { render } = await import('ink-testing-library');
    const { App } = await import('../../src/ui/app');
    const { makeTheme } = await import('../../src/ui/theme');
    const { emptyProgress } = await import('../../src/progress/types');
    const { fixtureCourse, MemoryStore } = await import('./app-harness');
    const r = render(
      <App course={fixtureCourse()} store={new MemoryStore()} initialProgress={emptyProgress()} theme={makeTheme({ color: false })} interactive={false} size={{ columns: 80, rows: 24 }} />,
    );
    const rawModes: boolean[] = [];
    const stdin = r.stdin as unknown as { setRawMode(mode: boolean): void };
    const original = stdin.setRawMode.bind(stdin);
    stdin.setRawMode = (mode: boolean) => {
      rawModes.push(mode);
      original(mode);
    };
    await vi.waitFor(() => expect(r.lastFrame()).toContain('One server does it all'));
    const before = r.lastFrame();
    r.stdin.write(KEY.down);
    r.stdin.write(KEY.enter);
    await new Promise((done) => setImmediate(done));
    expect(r.lastFrame()).toBe(before);
    expect(rawModes).toEqual([]);
    r.unmount();
  });
});
