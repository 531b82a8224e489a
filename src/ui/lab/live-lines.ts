/**
 * The live view as lines: diagram, status, metrics with sparklines, the selected
 * node's details (including how each load balancer sees it) and the event log
 * with causes. Pure (no React): the view paints the result into one `<Text>`, and
 * tests read it as plain text. Everything here fits `width` × `height` exactly.
 */
import { layoutDiagram, lbViewWord, legendLine, renderDiagram, type DiagramLayout, type DiagramStyle, type Segment, type StyledLine } from '../../diagram';
import { sparkGlyphs, stateMark } from '../../diagram/glyphs';
import { lastSecondHadSuccess, orDash, recentWindow } from './windowed-numbers';
import type { SimEvent, Snapshot, Topology } from '../../sim/types';
import type { LabState } from './use-lab-state';
import { redispatchState, tuningSegments } from './tuning';
import { fitLine, styledWidth } from '../text';
import { causedSegments, failuresPanel, firewallSegments } from './failure-lines';
import { alertsPanel } from './alert-lines';

export interface LiveLinesInput {
  topology: Topology;
  snapshot: Snapshot;
  state: LabState;
  width: number;
  height: number;
  ascii: boolean;
  labelsLarge?: boolean;
  /** Shown on the status line when there is room, e.g. the scenario's name. */
  title?: string;
  /** Draw moving requests (off when not animating). Default true. */
  requests?: boolean;
  /** Add the glyph legend under the metrics when there is room. Default false. */
  legend?: boolean;
  /** Leave the diagram out (status, metrics and log only): for a short summary under other text. */
  noDiagram?: boolean;
  /** Draw every node as a compact list instead of the diagram (when the diagram cannot fit). */
  nodeList?: boolean;
  /** Fill the rows left at the bottom with the newest events. Default true. */
  log?: boolean;
  /** Label availability as measured since the run started. Default false. */
  sinceStart?: boolean;
}

export interface LiveLines {
  lines: StyledLine[];
  layout: DiagramLayout;
  /** True when even the dense diagram did not fit and was cut. */
  clipped: boolean;
  /** How many of the last lines are event-log lines (oldest first): a host may drop older ones for room. */
  logLines: number;
}

/** Minimum width of the metrics side panel. */
const SIDE_MIN = 18;


/** Cut a styled line to `width` cells, ending in "…" (ASCII "~") when something was cut. */
export function cutLine(line: StyledLine, width: number, ascii: boolean): StyledLine {
  if (styledWidth(line) <= width) return line;
  return [...fitLine(line, width - 1), { text: ascii ? '~' : '…', style: 'muted' }];
}

function padTo(line: StyledLine, width: number): StyledLine {
  const w = styledWidth(line);
  const fitted = w > width ? fitLine(line, width) : line;
  return w < width ? [...fitted, { text: ' '.repeat(width - w), style: 'text' }] : fitted;
}

/** A sparkline of the last `width` values, scaled to `max` (default: their maximum). */
export function sparkline(values: readonly number[], width: number, ascii: boolean, max?: number): string {
  const glyphs = sparkGlyphs(ascii);
  const vals = values.slice(-width);
  const top = max ?? Math.max(0, ...vals);
  let out = '';
  for (const v of vals) {
    const f = top > 0 ? Math.max(0, Math.min(1, v / top)) : 0;
    out += glyphs[Math.min(glyphs.length - 1, Math.floor(f * (glyphs.length - 1) + (v > 0 ? 0.999 : 0)))];
  }
  return out.padStart(Math.min(width, Math.max(vals.length, 0)), ' ');
}

/** "21 ms", "3.05 s", "0.8 ms". */
export function fmtLatency(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export const fmtPercent = (f: number, digits = 1): string => `${(f * 100).toFixed(digits)}%`;

/** Virtual time as "12.3 s" or "2:05.0". */
export function fmtTime(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
}

const group = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Style of an event line, by its type. */
export function eventStyle(type: string): DiagramStyle {
  if (/killed|hung|stopped|marked_down|failed|rejected|drop|lost/.test(type)) return 'down';
  if (/marked_up|restored|resolved|undrain/.test(type)) return 'up';
  if (/vip|promot|vrrp|master/.test(type)) return 'vip';
  if (/alert_fired|stale|lag/.test(type)) return 'warn';
  if (/drain/.test(type)) return 'draining';
  return 'text';
}

/** One event as a log line: time, then the engine's sentence with its cause. */
export function eventLine(e: Pick<SimEvent, 't_s' | 'message'> & { type: string }): StyledLine {
  return [
    { text: `${fmtTime(e.t_s * 1000).padStart(7)}  `, style: 'muted' },
    { text: e.message, style: eventStyle(e.type) },
  ];
}

function statusLine(input: LiveLinesInput): StyledLine {
  const { state, snapshot, ascii } = input;
  const run: Segment = state.paused
    ? { text: ascii ? '|| PAUSED' : '‖ PAUSED', style: 'warn' }
    : { text: ascii ? '>  RUNNING' : '▶ RUNNING', style: 'up' };
  const sep: Segment = { text: ascii ? ' | ' : ' │ ', style: 'muted' };
  const speed = state.speed < 1 ? `${state.speed}×` : `${state.speed}×`;
  const segs: Segment[] = [
    run,
    { text: ` ${ascii ? speed.replace('×', 'x') : speed}`, style: 'title' },
    sep,
    { text: `t ${fmtTime(snapshot.t_ms)}`, style: 'text' },
    sep,
    { text: `${group(snapshot.rate_rps)} req/s`, style: 'text' },
    sep,
    { text: snapshot.algorithm, style: 'text' },
  ];
  if (input.title && styledWidth(segs) + 3 + input.title.length <= input.width) segs.push(sep, { text: input.title, style: 'muted' });
  const rd = redispatchState(snapshot);
  if (rd && styledWidth(segs) + 14 + rd.length <= input.width) segs.push(sep, { text: `redispatch ${rd}`, style: rd === 'on' ? 'up' : 'text' });
  return segs;
}

/**
 * Every node on as few lines as fit `width`: glyph, id, state word, and what matters
 * about it (VIP, VRRP role, MySQL role, how busy). Used when the diagram cannot fit.
 */
export function nodeListLines(topology: Topology, snapshot: Snapshot, selected: string | undefined, width: number, ascii: boolean): StyledLine[] {
  const lines: StyledLine[] = [];
  let line: StyledLine = [];
  let used = 0;
  for (const node of topology.nodes) {
    const n = snapshot.nodes[node.id];
    if (!n) continue;
    const m = stateMark(n.state, ascii);
    const item: StyledLine = [
      { text: node.id === selected ? (ascii ? '>' : '▸') : ' ', style: 'selected' },
      { text: `${m.glyph} `, style: m.style },
      { text: node.id, style: node.id === selected ? 'selected' : 'title' },
      { text: ` ${m.word}`, style: m.style },
    ];
    if (n.vipHolder) item.push({ text: ' VIP', style: 'vip' });
    else if (n.vrrpState) item.push({ text: ` ${n.vrrpState}`, style: 'muted' });
    if (n.dbRole) item.push({ text: ` ${n.dbRole}`, style: n.dbRole });
    if (n.utilization > 0) item.push({ text: ` ${Math.round(n.utilization * 100)}%`, style: n.utilization >= 0.9 ? 'warn' : 'busy' });
    const w = styledWidth(item) + 1;
    if (used > 0 && used + w > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    line.push(...item, { text: ' ', style: 'text' });
    used += w;
  }
  if (line.length) lines.push(line);
  return lines;
}

function metricLines(snapshot: Snapshot, width: number, ascii: boolean, side: boolean, oneLine = false, sinceStart = false): StyledLine[] {
  const s = snapshot.series;
  const errStyle: DiagramStyle = snapshot.error_rate > 0.01 ? 'down' : 'up';
  const availStyle: DiagramStyle = snapshot.availability < 0.99 ? 'down' : snapshot.availability < 0.999 ? 'warn' : 'up';
  const p99Style: DiagramStyle = snapshot.p99_ms >= 1000 ? 'down' : snapshot.p99_ms >= 200 ? 'warn' : 'text';
  const errMax = Math.max(0.05, ...s.error_rate);
  // What each number counts (windowed-numbers.ts): answers per second over 5 s, errors over
  // the last 10 s, latency of the last second's successes; a dash when there is nothing to measure.
  const dash = (v: number | undefined, f: (x: number) => string) => orDash(v, f, ascii);
  const w5 = recentWindow(s, 5);
  const w10 = recentWindow(s, 10);
  const measured = lastSecondHadSuccess(s);
  // A bad number carries a mark as well as its colour: colour is never the only sign.
  const mark = (style: DiagramStyle): string => (style === 'down' ? (ascii ? 'x ' : '✗ ') : style === 'warn' ? '! ' : '');
  const qpsText = dash(w5.perSecond, (v) => `${group(Math.round(v))}/s`);
  const p50Text = measured ? fmtLatency(snapshot.p50_ms) : dash(undefined, String);
  const p99Text = measured ? `${mark(p99Style === 'text' ? 'up' : p99Style)}${fmtLatency(snapshot.p99_ms)}` : dash(undefined, String);
  const errText = w10.errorRate === undefined ? dash(undefined, String) : `${mark(errStyle)}${fmtPercent(w10.errorRate)}`;
  const availText = snapshot.totals.ok + snapshot.totals.failed > 0 ? `${mark(availStyle)}${fmtPercent(snapshot.availability, 2)}` : dash(undefined, String);
  const availRecent = dash(w10.availability, (v) => fmtPercent(v, 2));
  if (side) {
    const sw = Math.max(6, width - 2);
    const narrow = width < 24;
    const row = (label: string, value: string, style: DiagramStyle = 'title'): StyledLine => [
      { text: (narrow && label.startsWith('avail') ? (sinceStart ? 'avail total' : 'avail') : label).padEnd(Math.max(0, width - value.length - 1)), style: 'muted' },
      { text: value, style },
    ];
    return [
      row(narrow ? 'QPS' : 'QPS (5 s avg)', qpsText),
      [{ text: sparkline(s.qps, sw, ascii), style: 'busy' }],
      row(narrow ? 'p50' : 'p50 (last 1 s)', p50Text),
      row('p99', p99Text, p99Style),
      [{ text: sparkline(s.p99_ms, sw, ascii), style: p99Style === 'text' ? 'busy' : p99Style }],
      row(narrow ? 'errors' : 'errors (10 s)', errText, errStyle),
      [{ text: sparkline(s.error_rate, sw, ascii, errMax), style: errStyle }],
      row(sinceStart ? 'avail since start' : 'availability', availText, availStyle),
      row(narrow ? 'last 10 s' : 'avail last 10 s', availRecent, availStyle),
      row('ok', group(snapshot.totals.ok), 'up'),
      row('failed', group(snapshot.totals.failed), snapshot.totals.failed > 0 ? 'down' : 'text'),
    ];
  }
  if (oneLine) {
    // Short terminals: the five numbers on one line, the QPS sparkline if it fits.
    const line: StyledLine = [
      { text: 'QPS ', style: 'muted' },
      { text: qpsText, style: 'title' },
      { text: '  p50 ', style: 'muted' },
      { text: p50Text, style: 'title' },
      { text: '  p99 ', style: 'muted' },
      { text: p99Text, style: p99Style === 'text' ? 'title' : p99Style },
      { text: '  errors ', style: 'muted' },
      { text: errText, style: errStyle },
      { text: sinceStart ? '  avail since start ' : '  avail ', style: 'muted' },
      { text: availText, style: availStyle },
    ];
    const room = width - styledWidth(line) - 2;
    if (room >= 6) line.push({ text: '  ', style: 'text' }, { text: sparkline(s.error_rate, Math.min(20, room), ascii, errMax), style: errStyle });
    return [line];
  }
  const sw = Math.max(6, Math.min(20, Math.floor((width - 86) / 2)));
  const sep: Segment = { text: ascii ? ' | ' : ' │ ', style: 'muted' };
  return [
    [
      { text: 'QPS ', style: 'muted' },
      { text: `${qpsText} `.padStart(7), style: 'title' },
      { text: '(5 s avg) ', style: 'muted' },
      { text: sparkline(s.qps, sw, ascii), style: 'busy' },
      sep,
      { text: 'p50 ', style: 'muted' },
      { text: p50Text, style: 'title' },
      sep,
      { text: 'p99 ', style: 'muted' },
      { text: `${p99Text} `, style: p99Style === 'text' ? 'title' : p99Style },
      { text: '(last 1 s) ', style: 'muted' },
      { text: sparkline(s.p99_ms, sw, ascii), style: p99Style === 'text' ? 'busy' : p99Style },
    ],
    [
      { text: 'errors ', style: 'muted' },
      { text: `${errText} `, style: errStyle },
      { text: '(10 s) ', style: 'muted' },
      // Narrow: the counts matter more than this sparkline.
      { text: width < 96 ? '' : sparkline(s.error_rate, sw, ascii, errMax), style: errStyle },
      sep,
      { text: sinceStart ? 'avail since start ' : 'availability ', style: 'muted' },
      { text: availText, style: availStyle },
      { text: ' · 10 s ', style: 'muted' },
      { text: availRecent, style: availStyle },
      sep,
      { text: `${group(snapshot.totals.ok)} ok`, style: 'up' },
      { text: ' · ', style: 'muted' },
      { text: `${group(snapshot.totals.failed)} failed`, style: snapshot.totals.failed > 0 ? 'down' : 'text' },
    ],
  ];
}

/** The selected node's details: real state, each load balancer's view of it, work done. */
export function selectedLine(topology: Topology, snapshot: Snapshot, id: string, ascii: boolean): StyledLine {
  const n = snapshot.nodes[id];
  const node = topology.nodes.find((t) => t.id === id);
  if (!n || !node) return [{ text: `${id}: no live state`, style: 'muted' }];
  const m = stateMark(n.state, ascii);
  const segs: Segment[] = [
    { text: `${ascii ? '>' : '▸'} ${id} `, style: 'selected' },
    { text: `${m.glyph} ${m.word}`, style: m.style },
  ];
  const sep: Segment = { text: ' · ', style: 'muted' };
  // What it caused comes first: the line is cut at the right on a narrow terminal.
  if (n.failures?.length) segs.push(sep, ...causedSegments(n));
  for (const [lb, view] of Object.entries(n.lbView ?? {})) {
    const v = lbViewWord(view);
    segs.push(sep, { text: `${lb} sees `, style: 'muted' }, { text: v.word, style: v.style });
  }
  if (n.vipHolder) segs.push(sep, { text: 'holds the VIP', style: 'vip' });
  else if (n.vrrpState) segs.push(sep, { text: `VRRP ${n.vrrpState}`, style: 'muted' });
  if (n.dbRole) segs.push(sep, { text: `MySQL ${n.dbRole}`, style: n.dbRole });
  if (n.dbRole === 'replica' && n.replicationLagMs !== undefined) segs.push({ text: ` lag ${fmtLatency(n.replicationLagMs)}`, style: n.replicationLagMs >= 1000 ? 'warn' : 'muted' });
  segs.push(...tuningSegments(n, node.roles, sep));
  const fw = firewallSegments(node, n, snapshot.t_ms, ascii);
  segs.push(...(fw.length ? [sep, ...fw] : []), sep, { text: `served ${group(n.served)}`, style: 'text' }, sep);
  segs.push(
    { text: `busy ${Math.round(n.utilization * 100)}%`, style: n.utilization >= 0.9 ? 'warn' : 'busy' },
  );
  if (n.queued > 0) segs.push(sep, { text: `queue ${n.queued}`, style: 'warn' });
  return segs;
}

/**
 * Build the live view's lines for `width` × `height`. Tries the roomy layout, then
 * the dense one, and puts the metrics beside the diagram when there is room.
 */
export function liveLines(input: LiveLinesInput): LiveLines {
  const { topology, snapshot, state, width, height, ascii } = input;
  const requests = input.requests !== false;
  // One line under the diagram is always kept: for the notice, the selected node's
  // details or the log, in that order of need. More show when there is room; the
  // diagram is never cut to make room for them (at 80×24 it has no row to spare).
  const fixedBelow = 1;
  const status = fitLine(statusLine(input), width);

  const tryLayout = (dense: boolean, w: number): DiagramLayout => layoutDiagram(topology, { width: w, ascii, live: true, dense, labelsLarge: input.labelsLarge && !dense });
  let layout = tryLayout(false, width);
  let side = width - layout.width - 2 >= SIDE_MIN;
  const metricsHeight = (s: boolean): number => (s ? 0 : 2);
  if (1 + layout.height + metricsHeight(side) + fixedBelow > height) {
    layout = tryLayout(true, width);
    side = width - layout.width - 2 >= SIDE_MIN;
  }
  if (!side && 1 + layout.height + 2 + fixedBelow > height) {
    // Leave room for a side panel so the diagram can use the full height.
    const narrower = tryLayout(true, width - SIDE_MIN - 2);
    if (narrower.width + SIDE_MIN + 2 <= width && narrower.height <= layout.height) {
      layout = narrower;
      side = true;
    }
  }

  const lines: StyledLine[] = [status];
  let diagram: StyledLine[];
  if (state.panel && !state.logOpen) {
    // A panel in place of the diagram (failure-lines.ts, alert-lines.ts), as the log below.
    const room = Math.max(2, height - 1 - (state.selected ? 1 : 0) - (state.notice ? 1 : 0) - 2);
    diagram = (state.panel === 'failures' ? failuresPanel : alertsPanel)({ snapshot, width, height: room, ascii });
    side = false;
  } else if (state.logOpen) {
    const events = snapshot.events;
    const room = Math.max(1, height - 1 - (state.selected ? 1 : 0) - (state.notice ? 1 : 0) - 2);
    diagram = [[{ text: `Event log (${events.length} most recent, newest last) — l closes`, style: 'title' }], ...events.slice(-(room - 1)).map(eventLine)];
    side = false;
  } else if (input.noDiagram) {
    diagram = [];
    side = false;
  } else if (input.nodeList) {
    diagram = nodeListLines(topology, snapshot, state.selected, width, ascii);
    side = false;
  } else {
    diagram = renderDiagram(layout, snapshot, { selected: state.selected, requests });
  }
  const panelWidth = side ? width - layout.width - 2 : width;
  const oneLine = !side && 1 + diagram.length + 2 + fixedBelow > height;
  const metrics = metricLines(snapshot, panelWidth, ascii, side, oneLine, input.sinceStart);
  let clipped = false;
  const below = (side ? 0 : metrics.length) + fixedBelow;
  const diagramRoom = Math.max(1, height - 1 - below);
  if (diagram.length > diagramRoom) {
    clipped = true;
    diagram = [...diagram.slice(0, diagramRoom - 1), [{ text: `${ascii ? '...' : '…'} diagram cut: make the terminal taller`, style: 'warn' }]];
  }
  if (side) {
    const rows = Math.max(diagram.length, metrics.length);
    for (let i = 0; i < rows; i++) {
      const left = padTo(diagram[i] ?? [], layout.width);
      lines.push([...left, { text: '  ', style: 'text' }, ...fitLine(metrics[i] ?? [], panelWidth)]);
    }
  } else {
    for (const l of diagram) lines.push(fitLine(l, width));
    for (const l of metrics) lines.push(fitLine(l, width));
  }
  // The legend only takes a line the event log does not need yet.
  if (input.legend && !state.logOpen && !state.panel && height - lines.length - fixedBelow >= Math.max(2, snapshot.events.length + 1)) lines.push(fitLine(legendLine(layout, { live: true }), width));
  const selected = state.selected ? cutLine(selectedLine(topology, snapshot, state.selected, ascii), width, ascii) : undefined;
  const notice = state.notice ? fitLine([{ text: state.notice.text, style: state.notice.tone === 'error' ? 'down' : 'highlight' }], width) : undefined;
  const extras = [selected, notice].filter((l): l is StyledLine => l !== undefined);
  if (extras.length > Math.max(1, height - lines.length)) extras.splice(0, extras.length, notice ?? selected!);
  lines.push(...extras);
  const logRoom = Math.max(0, height - lines.length);
  let logLines = 0;
  if (!state.logOpen && !state.panel && logRoom > 0 && input.log !== false) {
    const events = snapshot.events.slice(-logRoom);
    if (events.length === 0) lines.push([{ text: '  no events yet: the log explains every change, with its cause', style: 'muted' }]);
    for (const e of events) lines.push(cutLine(eventLine(e), width, ascii));
    logLines = Math.min(events.length, Math.max(0, height - (lines.length - events.length)));
  }
  return { lines: lines.slice(0, height), layout, clipped, logLines };
}
