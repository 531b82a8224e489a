/**
 * The live view's legibility in a real terminal: a long cause in the log appears
 * whole (wrapped) at 100×30, the numbers show the requests in flight and the slow
 * ones, and `l` shows the whole log with the run paused, scrolls, and closes back to
 * a running simulation. Scripted pauses (`--at T:pause`) stop at an exact time.
 */
import { describe, expect, it } from 'vitest';
import { KEY, liveApps } from './pty';

const start = liveApps();

/** The screen's text with wrapped log lines joined (continuations are indented under the sentence). */
const joined = (screen: string): string => screen.replace(/\s*\n\s+/g, ' ');

describe('webinfra-learn sim: legible at 100×30 and 60×18', () => {
  it('100×30: a long cause appears whole, wrapped; in-flight and slow requests are on screen', async () => {
    // lb-1 dies at 0.5 s; lb-2 takes the VIP 3.61 s after lb-1's last advert; clients retry their SYNs meanwhile.
    const app = start(['scale-up', '--at', '0.5:kill:lb-1', '--at', '9:pause', '--speed', '4']);
    const s = await app.waitFor((s) => s.includes('PAUSED') && s.includes('t 9.0 s'), 30_000);
    for (const line of s.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(joined(s)).toContain('lb-2 took VIP 8.8.8.8: no advert from lb-1 for 3.61 s (3 × 1 s + skew 0.61 s)');
    // Longer than a line: wrapped, the continuation indented under the sentence.
    expect(s).toMatch(/clients retransmit their SYN after 1, 3, 7, 15 s \(Linux\) and\n {9}give up after client_timeout_s 30 s/);
    expect(s).toMatch(/in flight [\d,]+ \([\d,]+ (waiting )?≥ 1 s\)/);
    // The requests that waited out the failover were answered after 1 s or more.
    const slow = /slow ≥ 1 s: ([\d,]+)|([\d,]+) slow \(ok after/.exec(s);
    expect(slow, s).not.toBeNull();
    expect(Number((slow![1] ?? slow![2])!.replace(/,/g, ''))).toBeGreaterThan(0);
    // The time axis under the sparklines marks the kill and the VIP's move.
    expect(s).toMatch(/✗.*★.*now/);
  }, 40_000);

  it('60×18: l shows the whole log and pauses; arrows, Home and End scroll; l closes and the run goes on', async () => {
    const app = start(['scale-up', '--at', '0.5:kill:lb-1', '--speed', '4'], { cols: 60, rows: 18 });
    await app.waitFor((s) => s.includes('RUNNING') && s.includes('lb-2 took VIP'), 30_000);
    await app.press('l');
    let s = await app.waitFor('Event log');
    expect(s).toMatch(/Event log · events \d+–(\d+) of \1 · run paused/);
    for (const line of s.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(s).toContain('l or Esc closes and resumes');
    expect(joined(s)).toContain('no advert from lb-1 for 3.61 s (3 × 1 s + skew 0.61 s)');
    const total = Number(/of (\d+)/.exec(s)![1]);
    await app.press(KEY.home);
    s = await app.waitFor(/events 1–\d+ of/);
    expect(s).toContain('0.5 s  lb-1 process crashed');
    expect(joined(s)).toContain('clients retransmit their SYN after 1, 3, 7, 15 s (Linux) and give up after client_timeout_s 30 s');
    await app.press(KEY.down);
    await app.waitFor(/events (1|2)–\d+ of/);
    await app.press(KEY.end);
    s = await app.waitFor(new RegExp(`events \\d+–${total} of ${total}`));
    // Paused meanwhile: the log has not grown.
    expect(s).toContain(`of ${total} · run paused`);
    await app.press('l');
    const back = await app.waitFor((s) => s.includes('RUNNING') && !s.includes('Event log'));
    const t = Number(/ t ([\d.]+) s /.exec(back)![1]);
    await app.waitFor((s) => Number(/ t ([\d.]+) s /.exec(s)?.[1] ?? 0) > t + 0.5, 10_000);
  }, 40_000);
});
