/**
 * The live view's numbers, each labelled with what it counts and over which window
 * (windowed-numbers.ts): answers per second over 5 s, latency of the last second's
 * successes, errors, availability and slow answers over the last 10 s beside the
 * totals since the start, and the requests in flight now (how many of them have
 * waited 1 s or more). A dash, never 0, when there is nothing to measure.
 *
 * Three layouts: the side panel (one number a row, with sparklines and their time
 * axis), two lines under the diagram, one line on short terminals. Items shorten
 * their labels, then the least important ones go, so nothing is cut mid-number.
 * Pure.
 */
import type { DiagramStyle, Segment, StyledLine } from '../../diagram';
import type { Snapshot } from '../../sim/types';
import { cellWidth, fitLine, styledWidth } from '../text';
import { fmtLatency, fmtPercent, group, sparkline } from './live-format';
import { axisLine, sparkMarks } from './sparkline-axis';
import { lastSecondHadSuccess, orDash, recentWindow } from './windowed-numbers';

/** An item of a metrics line: its forms, longest first, and how much it matters (1 = most). */
interface Item {
  forms: StyledLine[];
  prio: number;
}

/**
 * The items on one line of `width` cells, separated by `sep`: each in its longest
 * form while the line fits; when it does not, the least important item that can be
 * shortened is, one step at a time, and when none can, the least important item is
 * left out. Numbers are never cut.
 */
export function flowItems(items: readonly Item[], width: number, sep: Segment): StyledLine {
  let kept = items.map((item) => ({ item, level: 0 }));
  const build = (): StyledLine => {
    const line: StyledLine = [];
    kept.forEach((k, i) => {
      if (i) line.push(sep);
      line.push(...k.item.forms[k.level]!);
    });
    return line;
  };
  while (kept.length > 0) {
    const line = build();
    if (styledWidth(line) <= width) return line;
    const shorter = kept.filter((k) => k.level < k.item.forms.length - 1);
    if (shorter.length) {
      const worst = shorter.reduce((a, b) => (b.item.prio >= a.item.prio ? b : a));
      worst.level++;
      continue;
    }
    const worst = kept.reduce((a, b) => (b.item.prio >= a.item.prio ? b : a));
    kept = kept.filter((k) => k !== worst);
  }
  return [];
}

export interface MetricOptions {
  width: number;
  ascii: boolean;
  /** One number a row (the side panel), else lines under the diagram. */
  side: boolean;
  /** Everything on one line (short terminals). */
  oneLine?: boolean;
  /** Label total availability as measured since the run started. */
  sinceStart?: boolean;
  /** Side panel: at most this many rows (sparklines go first, then the least important numbers). */
  maxRows?: number;
}

/** The snapshot's numbers as text and style, shared by every layout. */
function numbers(snapshot: Snapshot, ascii: boolean) {
  const s = snapshot.series;
  const dash = (v: number | undefined, f: (x: number) => string) => orDash(v, f, ascii);
  const none = dash(undefined, String);
  const w5 = recentWindow(s, 5);
  const w10 = recentWindow(s, 10);
  const measured = lastSecondHadSuccess(s);
  const errStyle: DiagramStyle = (w10.errorRate ?? 0) > 0.01 ? 'down' : 'up';
  const totalDone = snapshot.totals.ok + snapshot.totals.failed;
  const availStyle = (a: number | undefined): DiagramStyle => (a === undefined ? 'text' : a < 0.99 ? 'down' : a < 0.999 ? 'warn' : 'up');
  const p99Style: DiagramStyle = !measured ? 'text' : snapshot.p99_ms >= 1000 ? 'down' : snapshot.p99_ms >= 200 ? 'warn' : 'text';
  // A bad number carries a mark as well as its colour: colour is never the only sign.
  const mark = (style: DiagramStyle): string => (style === 'down' ? (ascii ? 'x ' : '✗ ') : style === 'warn' ? '! ' : '');
  const totalAvail = totalDone > 0 ? snapshot.availability : undefined;
  const waiting = snapshot.waiting_slow;
  return {
    s,
    none,
    errStyle,
    p99Style,
    qps: dash(w5.perSecond, (v) => `${group(Math.round(v))}/s`),
    p50: measured ? fmtLatency(snapshot.p50_ms) : none,
    p99: measured ? `${mark(p99Style)}${fmtLatency(snapshot.p99_ms)}` : none,
    err: w10.errorRate === undefined ? none : `${mark(errStyle)}${fmtPercent(w10.errorRate)}`,
    avail: totalAvail === undefined ? none : `${mark(availStyle(totalAvail))}${fmtPercent(totalAvail, 2)}`,
    availStyle: availStyle(totalAvail),
    availRecent: dash(w10.availability, (v) => fmtPercent(v, 2)),
    availRecentStyle: availStyle(w10.availability),
    ok: group(snapshot.totals.ok),
    failed: group(snapshot.totals.failed),
    failedStyle: (snapshot.totals.failed > 0 ? 'down' : 'text') as DiagramStyle,
    inFlight: snapshot.in_flight === undefined ? none : group(snapshot.in_flight),
    waiting: waiting === undefined ? none : group(waiting),
    waitingStyle: (waiting !== undefined && waiting > 0 ? 'warn' : 'text') as DiagramStyle,
    slow: w10.slow === undefined ? none : group(w10.slow),
    slowStyle: (w10.slow !== undefined && w10.slow > 0 ? 'warn' : 'text') as DiagramStyle,
    errMax: Math.max(0.05, ...s.error_rate),
    ge: ascii ? '>=' : '≥',
  };
}

/** The metrics for one layout (see the module's comment). */
export function metricLines(snapshot: Snapshot, o: MetricOptions): StyledLine[] {
  const { width, ascii } = o;
  const n = numbers(snapshot, ascii);
  if (o.side) return sidePanel(snapshot, n, o);
  const m = (text: string): Segment => ({ text, style: 'muted' });
  const v = (text: string, style: DiagramStyle = 'title'): Segment => ({ text, style });
  const ge = n.ge;
  const dot = ascii ? ', ' : ' · ';
  const qps: Item = { prio: 2, forms: [[m('QPS '), v(n.qps), m(' (over 5 s)')], [m('QPS '), v(n.qps), m(' (5 s)')], [m('QPS '), v(n.qps)]] };
  const p99v = v(n.p99, n.p99Style === 'text' ? 'title' : n.p99Style);
  const latency: Item = {
    prio: 4,
    forms: [
      [m('p50 '), v(n.p50), m(`${dot}p99 `), p99v, m(' (last 1 s)')],
      [m('p50 '), v(n.p50), m(' p99 '), p99v, m(' (1 s)')],
      [m('p99 '), p99v, m(' (1 s)')],
    ],
  };
  const inFlight: Item = {
    prio: 3,
    forms: [
      [m('in flight '), v(n.inFlight), m(' ('), v(n.waiting, n.waitingStyle), m(` waiting ${ge} 1 s)`)],
      [m('in flight '), v(n.inFlight), m(' ('), v(n.waiting, n.waitingStyle), m(` ${ge} 1 s)`)],
    ],
  };
  const errors: Item = { prio: 1, forms: [[m('errors '), v(n.err, n.errStyle), m(' (last 10 s)')], [m('errors '), v(n.err, n.errStyle), m(' (10 s)')]] };
  const since = o.sinceStart ? ' since start' : ' in all';
  const availability: Item = {
    prio: 5,
    forms: [
      [m('availability '), v(n.avail, n.availStyle), m(`${since}${dot}`), v(n.availRecent, n.availRecentStyle), m(' last 10 s')],
      [m('availability '), v(n.avail, n.availStyle), m(`${dot}10 s `), v(n.availRecent, n.availRecentStyle)],
      [m('availability '), v(n.avail, n.availStyle)],
    ],
  };
  const counts: Item = { prio: 6, forms: [[v(`${n.ok} ok`, 'up'), m(dot), v(`${n.failed} failed`, n.failedStyle)], [v(`${n.failed} failed`, n.failedStyle)]] };
  const slow: Item = {
    prio: 7,
    forms: [
      [v(n.slow, n.slowStyle), m(` slow (ok after ${ge} 1 s, last 10 s)`)],
      [m(`slow ${ge} 1 s: `), v(n.slow, n.slowStyle), m(' (10 s)')],
    ],
  };
  const sep: Segment = { text: ascii ? ' | ' : ' │ ', style: 'muted' };
  if (o.oneLine) {
    // Short terminals: the numbers that matter most on one line, an error sparkline if it fits.
    const line = flowItems([qps, latency, inFlight, errors, availability], width, sep);
    const room = width - styledWidth(line) - 2;
    if (room >= 6) line.push({ text: '  ', style: 'text' }, { text: sparkline(n.s.error_rate, Math.min(20, room), ascii, n.errMax), style: n.errStyle });
    return [line];
  }
  return [flowItems([qps, latency, inFlight], width, sep), flowItems([errors, availability, counts, slow], width, sep)];
}

/** The side panel: a row per number, the sparklines under theirs, and their time axis. */
function sidePanel(snapshot: Snapshot, n: ReturnType<typeof numbers>, o: MetricOptions): StyledLine[] {
  const { width, ascii } = o;
  const ge = n.ge;
  const sw = Math.max(6, width - 2);
  /** A label (the longest of its forms that fits) and its value, right-aligned. */
  const row = (labels: string[], value: string, style: DiagramStyle = 'title'): StyledLine => {
    const room = width - cellWidth(value) - 1;
    const label = labels.find((l) => cellWidth(l) <= room) ?? labels[labels.length - 1]!;
    const cut = fitLine([{ text: label, style: 'muted' }], Math.max(0, room))[0]?.text ?? '';
    return [
      { text: cut + ' '.repeat(Math.max(1, width - cellWidth(cut) - cellWidth(value))), style: 'muted' },
      { text: value, style },
    ];
  };
  const spark = (values: number[], style: DiagramStyle, max?: number): StyledLine => [{ text: sparkline(values, sw, ascii, max), style }];
  const cols = Math.min(sw, n.s.qps.length);
  const axis = axisLine(cols, sparkMarks(snapshot.events, snapshot.t_ms, cols, ascii), ascii);
  const since = o.sinceStart ? 'since start' : 'in all';
  // [line, priority]: the higher the number, the sooner it goes when rows are short.
  const rows: [StyledLine, number][] = [
    [row(['QPS (over 5 s)', 'QPS (5 s)', 'QPS'], n.qps), 2],
    [spark(n.s.qps, 'busy'), 9],
    [row(['p50 (last 1 s)', 'p50 (1 s)', 'p50'], n.p50), 5],
    [row(['p99 (last 1 s)', 'p99 (1 s)', 'p99'], n.p99, n.p99Style), 4],
    [spark(n.s.p99_ms, n.p99Style === 'text' ? 'busy' : n.p99Style), 9],
    [row(['errors (last 10 s)', 'errors (10 s)', 'errors'], n.err, n.errStyle), 1],
    [spark(n.s.error_rate, n.errStyle, n.errMax), 8],
    [axis, 8],
    [row([`availability ${since}`, `available ${since}`, 'available'], n.avail, n.availStyle), 3],
    [row(['availability last 10 s', 'available last 10 s', '  last 10 s', '  10 s'], n.availRecent, n.availRecentStyle), 6],
    [row(['in flight now', 'in flight'], n.inFlight), 3],
    [row([`  waiting ${ge} 1 s so far`, `  waiting ${ge} 1 s`, `  waited ${ge} 1 s`, `  ${ge} 1 s`], n.waiting, n.waitingStyle), 3],
    [row([`slow: ok after ${ge} 1 s, 10 s`, `slow ${ge} 1 s (10 s)`, `slow ${ge} 1 s`, 'slow (10 s)'], n.slow, n.slowStyle), 7],
    [row(['answered ok', 'ok'], n.ok, 'up'), 7],
    [row(['failed'], n.failed, n.failedStyle), 2],
  ];
  let kept = rows;
  const max = o.maxRows ?? Infinity;
  while (kept.length > max) {
    const worst = Math.max(...kept.map((r) => r[1]));
    const at = kept.map((r) => r[1]).lastIndexOf(worst);
    kept = kept.filter((_, i) => i !== at);
  }
  return kept.map((r) => r[0]);
}

/**
 * Sparklines side by side under the numbers (QPS, p99, errors over the last
 * seconds) with the time axis and event marks under each: two lines, for the
 * layouts that have no side panel and rows to spare.
 */
export function trendLines(snapshot: Snapshot, width: number, ascii: boolean): StyledLine[] {
  const n = numbers(snapshot, ascii);
  const blocks: { label: string; values: number[]; style: DiagramStyle; max?: number }[] = [
    { label: 'QPS ', values: n.s.qps, style: 'busy' },
    { label: 'p99 ', values: n.s.p99_ms, style: n.p99Style === 'text' ? 'busy' : n.p99Style },
    { label: 'errors ', values: n.s.error_rate, style: n.errStyle, max: n.errMax },
  ];
  const gap = 3;
  const fixed = blocks.reduce((t, b) => t + b.label.length, 0) + gap * (blocks.length - 1);
  const cw = Math.min(60, Math.floor((width - fixed) / blocks.length));
  if (cw < 8 || n.s.qps.length === 0) return [];
  const cols = Math.min(cw, n.s.qps.length);
  const axis = axisLine(cols, sparkMarks(snapshot.events, snapshot.t_ms, cols, ascii), ascii);
  const top: StyledLine = [];
  const bottom: StyledLine = [];
  blocks.forEach((b, i) => {
    const pad = i ? ' '.repeat(gap + cw - cols) : '';
    top.push({ text: pad, style: 'text' }, { text: b.label, style: 'muted' }, { text: sparkline(b.values, cols, ascii, b.max), style: b.style });
    bottom.push({ text: pad + ' '.repeat(b.label.length), style: 'text' }, ...axis);
  });
  return [fitLine(top, width), fitLine(bottom, width)];
}
