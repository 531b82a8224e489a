/**
 * The live view's legibility helpers: the numbers' labels and dashes in each layout,
 * the event log wrapped (never cut) at the bottom and in the `l` overlay with its
 * scroll position, and the sparklines' time axis with event marks. Pure functions.
 */
import { describe, expect, it } from 'vitest';
import { toPlainText } from '../../src/diagram';
import type { Snapshot } from '../../src/sim/types';
import { flowItems, metricLines, trendLines } from '../../src/ui/lab/metric-lines';
import { clampTop, logOverlayLines, scrollTo, tailLines, wrapEvent, wrapLog } from '../../src/ui/lab/log-lines';
import { axisLine, marksLegend, sparkMarks } from '../../src/ui/lab/sparkline-axis';
import { cellWidth } from '../../src/ui/text';
import { distributedAfterKill } from '../diagram/fixtures';

const plain = (lines: ReturnType<typeof metricLines>): string[] => toPlainText(lines);

/** A snapshot at 12 s: 100 answers a second, 30 of them failed in the last 2 s, 4 slow answers, 7 in flight (2 waiting ≥ 1 s). */
function snap(extra: Partial<Snapshot> = {}): Snapshot {
  const qps = Array(12).fill(100);
  const error_rate = [...Array(10).fill(0), 0.3, 0.3];
  return {
    ...distributedAfterKill(),
    t_ms: 12_400,
    totals: { total: 1200, ok: 1140, failed: 60, dropped: 0 },
    availability: 1140 / 1200,
    p50_ms: 21,
    p99_ms: 80,
    series: { qps, error_rate, p50_ms: Array(12).fill(21), p99_ms: Array(12).fill(80), slow: [...Array(10).fill(0), 3, 1] },
    in_flight: 7,
    waiting_slow: 2,
    events: [
      { t_s: 3.2, type: 'node_killed', node: 'web-1', message: 'web-1 process crashed: connections are refused' },
      { t_s: 8.9, type: 'marked_down', node: 'web-1', message: 'lb-1 marked web-1 DOWN: 3 failed checks, 2 s apart (TCP check: connection refused; fall 3)' },
    ],
    ...extra,
  };
}

describe('metric lines', () => {
  it('label each number with its window and show in-flight and slow requests (two lines)', () => {
    const text = plain(metricLines(snap(), { width: 160, ascii: false, side: false })).join('\n');
    expect(text).toContain('QPS 100/s (over 5 s)');
    expect(text).toContain('errors ✗ 6.0% (last 10 s)');
    expect(text).toContain('in flight 7 (2 waiting ≥ 1 s)');
    expect(text).toContain('4 slow (ok after ≥ 1 s, last 10 s)');
    expect(text).toContain('1,140 ok · 60 failed');
  });
  it('shorten the least important items first and never cut a number, at every width', () => {
    for (const width of [60, 80, 100, 120]) {
      for (const l of plain(metricLines(snap(), { width, ascii: false, side: false }))) expect(cellWidth(l)).toBeLessThanOrEqual(width);
      const one = plain(metricLines(snap(), { width, ascii: false, side: false, oneLine: true }))[0]!;
      expect(cellWidth(one)).toBeLessThanOrEqual(width);
      expect(one, `errors at ${width}`).toMatch(/errors ✗ 6\.0%/);
    }
    const eighty = plain(metricLines(snap(), { width: 80, ascii: false, side: false })).join('\n');
    expect(eighty).toMatch(/in flight 7 \(2 (waiting )?≥ 1 s\)/);
    expect(eighty).toMatch(/errors ✗ 6\.0% \((last )?10 s\)/);
  });
  it('drop the least important item when even the shortest forms do not fit', () => {
    const item = (t: string, prio: number) => ({ prio, forms: [[{ text: t, style: 'text' as const }]] });
    const line = flowItems([item('aaaa', 1), item('bbbb', 3), item('cccc', 2)], 11, { text: ' ', style: 'muted' });
    expect(line.map((s) => s.text).join('')).toBe('aaaa cccc');
  });
  it('show a dash, not 0, when nothing answered and nothing is known', () => {
    const empty = snap({ totals: { total: 0, ok: 0, failed: 0, dropped: 0 }, availability: 1, series: { qps: [0, 0], error_rate: [0, 0], p50_ms: [0, 0], p99_ms: [0, 0] }, in_flight: undefined, waiting_slow: undefined });
    const text = plain(metricLines(empty, { width: 200, ascii: false, side: false })).join('\n');
    expect(text).toContain('errors – (last 10 s)');
    expect(text).toContain('p50 – · p99 –');
    expect(text).toContain('availability – in all');
    expect(text).toContain('in flight – (– waiting ≥ 1 s)');
    expect(text).not.toMatch(/0\.0%|0\.00%/);
    expect(plain(metricLines(empty, { width: 200, ascii: true, side: false })).join('\n')).toContain('errors - (last 10 s)');
  });
  it('side panel: a row per number, labels that fit, the sparklines and their axis; rows go by importance', () => {
    for (const width of [18, 24, 30]) {
      const rows = plain(metricLines(snap(), { width, ascii: false, side: true }));
      for (const r of rows) expect(cellWidth(r), r).toBeLessThanOrEqual(width);
      expect(rows.some((r) => /^in flight/.test(r) && r.endsWith(' 7'))).toBe(true);
      expect(rows.some((r) => /waite?d?i?n?g? ?≥ 1 s/.test(r) && r.endsWith(' 2'))).toBe(true);
      expect(rows.some((r) => /^slow/.test(r) && r.endsWith(' 4'))).toBe(true);
      // a space between every label and its value
      for (const r of rows) if (/\d$/.test(r) && !/^[▁▂▃▄▅▆▇█]/.test(r)) expect(r, r).toMatch(/\S\s+\S+$/);
    }
    const short = plain(metricLines(snap(), { width: 24, ascii: false, side: true, maxRows: 8 }));
    expect(short).toHaveLength(8);
    expect(short.join('\n')).toMatch(/errors/);
    expect(short.join('\n')).toMatch(/failed/);
    expect(short.join('\n')).not.toMatch(/[▁▂▃▄▅▆▇█]/);
  });
  it('trend lines: three sparklines with an axis and the events marked under each', () => {
    const [top, axis] = plain(trendLines(snap(), 100, false));
    expect(top).toMatch(/^QPS [▁-█]+ +p99 [▁-█]+ +errors [▁-█]+$/);
    // 12 closed seconds: the kill (3.2 s) in column 3, the mark-down (8.9 s) in column 8, a dot 10 s
    // before now; no room left for the labels beside the marks.
    const first = axis!.slice(4, 4 + 12);
    expect(first).toBe(' · ✗    ▼   ');
    const later = toPlainText(trendLines(snap({ t_ms: 30_000, events: [], series: { ...snap().series, qps: Array(30).fill(100), error_rate: Array(30).fill(0), p99_ms: Array(30).fill(80) } }), 100, false))[1]!;
    expect(later.slice(4, 4 + 26)).toBe('−26 s          ·       now');
    expect(trendLines(snap(), 30, false)).toEqual([]);
  });
});

describe('sparkline axis and marks', () => {
  const events = [
    { t_s: 3.2, type: 'node_killed' },
    { t_s: 3.9, type: 'vip_moved' },
    { t_s: 7.0, type: 'promoted' },
    { t_s: 12.5, type: 'marked_down' },
  ];
  it('puts each mark in the column of its second, the cause first when two share one', () => {
    const marks = sparkMarks(events, 12_400, 12, false);
    expect(marks.map((m) => m?.glyph ?? ' ').join('')).toBe('   ✗   ▲    ');
    // The current second is not closed yet: its mark comes with the next column.
    expect(sparkMarks(events, 13_000, 12, true).map((m) => m?.glyph ?? ' ').join('')).toBe('  x   ^    v');
  });
  it('draws −N s and now when they fit beside the marks, a dot every 10 s back', () => {
    expect(axisLine(30, [], false).map((s) => s.text).join('')).toBe('−30 s    ·         ·       now');
    expect(axisLine(30, [], true).map((s) => s.text).join('')).toBe('-30 s    .         .       now');
    const marks = sparkMarks(events, 12_400, 12, false);
    expect(axisLine(12, marks, false).map((s) => s.text).join('')).toBe(' · ✗   ▲ now');
    expect(axisLine(4, [], false).map((s) => s.text).join('')).toBe(' now');
    expect(axisLine(2, [], false).map((s) => s.text).join('')).toBe('  ');
  });
  it('explains the marks drawn, once each', () => {
    expect(toPlainText([marksLegend(sparkMarks(events, 13_000, 12, false))])[0]).toBe('✗ killed or hung  ▲ promoted  ▼ marked down');
  });
});

describe('event log lines', () => {
  const long = { t_s: 5.6, type: 'vip_moved', message: 'lb-2 took VIP 8.8.8.8: no advert from lb-1 for 3.41 s (3 × 1 s + skew 0.41 s)' };
  it('wraps a long cause under the sentence, keeping numbers with their units', () => {
    const lines = toPlainText(wrapEvent(long, 50));
    expect(lines).toEqual(['  5.6 s  lb-2 took VIP 8.8.8.8: no advert from', '         lb-1 for 3.41 s (3 × 1 s + skew 0.41 s)']);
    // "3.41 s" stays on one line even where the line would break between them.
    expect(toPlainText(wrapEvent(long, 27)).some((l) => /3\.41$/.test(l))).toBe(false);
    for (const l of lines) expect(cellWidth(l)).toBeLessThanOrEqual(50);
  });
  it('shows the newest events whole in the rows available, the oldest shown cut with a mark', () => {
    const evs = [{ t_s: 1, type: 'node_killed', message: 'one two three four five six seven eight nine ten' }, long];
    expect(toPlainText(tailLines(evs, 50, 2, false))).toEqual(toPlainText(wrapEvent(long, 50)));
    const three = toPlainText(tailLines(evs, 50, 3, false));
    expect(three[0]).toBe('  1.0 s  one two three four five six seven eight…');
    expect(three.slice(1)).toEqual(toPlainText(wrapEvent(long, 50)));
    expect(toPlainText(tailLines([long], 50, 1, true))).toEqual(['  5.6 s  lb-2 took VIP 8.8.8.8: no advert from~']);
    expect(tailLines(evs, 50, 0, false)).toEqual([]);
  });
  it('the overlay: the whole log, scrolled, with its position, in 60×18', () => {
    const evs = Array.from({ length: 20 }, (_, i) => ({ ...long, t_s: i + 1 }));
    const log = wrapLog(evs, 60);
    expect(log.lines).toHaveLength(40);
    const end = logOverlayLines(log, { width: 60, height: 17, top: Number.MAX_SAFE_INTEGER, ascii: false, note: 'run paused', resumes: true });
    expect(end.room).toBe(15);
    expect(end.lines).toHaveLength(17);
    for (const l of toPlainText(end.lines)) expect(cellWidth(l)).toBeLessThanOrEqual(60);
    const text = toPlainText(end.lines);
    expect(text[0]).toBe('Event log · events 13–20 of 20 · run paused');
    expect(text.at(-1)).toBe('↑↓ PgUp/PgDn Home/End scroll · l or Esc closes and resumes');
    const top = logOverlayLines(log, { width: 60, height: 17, top: 0, ascii: true });
    expect(toPlainText(top.lines)[0]).toBe('Event log | events 1-8 of 20');
    expect(toPlainText(logOverlayLines(wrapLog([], 60), { width: 60, height: 17, top: 0, ascii: false }).lines)[0]).toBe('Event log · no events yet');
  });
  it('scrolls by line, page, to either end, and never past them', () => {
    expect(clampTop(Number.MAX_SAFE_INTEGER, 40, 15)).toBe(25);
    expect(scrollTo('up', Number.MAX_SAFE_INTEGER, 40, 15)).toBe(24);
    expect(scrollTo('down', 25, 40, 15)).toBe(25);
    expect(scrollTo('pageUp', 25, 40, 15)).toBe(11);
    expect(scrollTo('pageUp', 5, 40, 15)).toBe(0);
    expect(scrollTo('pageDown', 0, 40, 15)).toBe(14);
    expect(scrollTo('home', 25, 40, 15)).toBe(0);
    expect(scrollTo('end', 0, 40, 15)).toBe(25);
    expect(scrollTo('end', 0, 5, 15)).toBe(0);
  });
});
