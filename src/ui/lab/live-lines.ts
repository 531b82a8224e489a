/**
 * The live view as lines: diagram, status, metrics with sparklines, the selected
 * node's details (including how each load balancer sees it) and the event log
 * with causes. Pure (no React): the view paints the result into one `<Text>`, and
 * tests read it as plain text. Everything here fits `width` × `height` exactly.
 */
import { layoutDiagram, lbViewWord, legendLine, renderDiagram, type DiagramLayout, type Segment, type StyledLine } from '../../diagram';
import { stateMark } from '../../diagram/glyphs';
import { eventStyle, fmtTime, group, fmtLatency } from './live-format';
import { metricLines, trendLines } from './metric-lines';
import { logOverlayLines, tailLines, wrapLog } from './log-lines';
import { marksLegend, sparkMarks } from './sparkline-axis';
export { eventStyle, fmtLatency, fmtPercent, fmtTime, sparkline } from './live-format';
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

/** The legend: short forms drawn, glyphs, and the sparklines' event marks, as many as fit whole. */
function legendFor(layout: DiagramLayout, drawn: readonly StyledLine[], snapshot: Snapshot, width: number, ascii: boolean, trend: boolean): StyledLine {
  const marks = marksLegend(sparkMarks(snapshot.events, snapshot.t_ms, trend ? 60 : Math.max(0, width - layout.width - 4), ascii));
  const base = legendLine(layout, { live: true, width, drawn });
  const room = width - styledWidth(base) - 2;
  if (marks.length === 0 || styledWidth(marks) > room) return base;
  return [...base, { text: '  ', style: 'text' }, ...marks];
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
    // The whole log instead of the diagram (the lab's and the instructor view's overlays draw their own).
    const room = Math.max(2, height - 1 - (state.selected ? 1 : 0) - (state.notice ? 1 : 0) - 2);
    diagram = logOverlayLines(wrapLog(snapshot.events, width), { width, height: room, top: Number.MAX_SAFE_INTEGER, ascii }).lines;
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
  // The side panel takes the diagram's rows (and at most the rows the view has).
  const metrics = metricLines(snapshot, { width: panelWidth, ascii, side, oneLine, sinceStart: input.sinceStart, maxRows: side ? Math.max(Math.min(diagram.length, height - 2), height - 4) : undefined });
  let clipped = false;
  const below = (side ? 0 : metrics.length) + fixedBelow;
  const diagramRoom = Math.max(1, height - 1 - below);
  if (diagram.length > diagramRoom) {
    clipped = true;
    const e = ascii ? '...' : '…';
    const roomW = side ? layout.width : width;
    const cut = [`${e} diagram cut: make the terminal taller`, `${e} diagram cut: taller terminal`, `${e} cut: taller terminal`, `${e} cut`].find((t) => t.length <= roomW) ?? e;
    diagram = [...diagram.slice(0, diagramRoom - 1), [{ text: cut, style: 'warn' }]];
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
  const selected = state.selected ? cutLine(selectedLine(topology, snapshot, state.selected, ascii), width, ascii) : undefined;
  const notice = state.notice ? fitLine([{ text: state.notice.text, style: state.notice.tone === 'error' ? 'down' : 'highlight' }], width) : undefined;
  const extras = [selected, notice].filter((l): l is StyledLine => l !== undefined);
  const showLog = !state.logOpen && !state.panel && input.log !== false;
  // Rows the log wants before the extras below the numbers: the newest event whole, and one more line.
  const events = snapshot.events;
  const newest = events.length ? tailLines(events.slice(-1), width, 8, ascii).length : 1;
  const logWant = showLog ? newest + (events.length > 1 ? 1 : 0) : 0;
  const spare = (): number => height - lines.length - Math.min(extras.length, 1) - logWant;
  // Sparklines with their time axis and event marks, when the numbers have none beside them.
  if (!side && !oneLine && !state.logOpen && !state.panel && !input.noDiagram && spare() >= 2) lines.push(...trendLines(snapshot, width, ascii));
  // The legend takes a line the event log does not need.
  const logAll = showLog ? tailLines(events.slice(-3), width, 12, ascii).length : 0;
  if (input.legend && !state.logOpen && !state.panel && height - lines.length - Math.min(extras.length, 1) - Math.max(logWant, logAll) >= 1) lines.push(legendFor(layout, lines, snapshot, width, ascii, !side && !oneLine));
  if (extras.length > Math.max(1, height - lines.length)) extras.splice(0, extras.length, notice ?? selected!);
  lines.push(...extras);
  const logRoom = Math.max(0, height - lines.length);
  let logLines = 0;
  if (showLog && logRoom > 0) {
    if (events.length === 0) {
      const text = ['  no events yet: the log explains every change, with its cause', '  no events yet: the log explains each change', '  no events yet'].find((t) => t.length <= width) ?? '';
      lines.push([{ text, style: 'muted' }]);
    }
    const tail = tailLines(events, width, logRoom, ascii);
    lines.push(...tail);
    logLines = tail.length;
  }
  return { lines: lines.slice(0, height), layout, clipped, logLines };
}
