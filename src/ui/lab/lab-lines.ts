/**
 * The lab step's area as lines, for any size down to 60×18: the title with the
 * checks' count, the whole goal (wrapped), the live view (diagram, or every node as
 * a list when the diagram cannot fit), the checklist and the latest event. The
 * hints and the full event log replace the live view, one key away. Pure.
 */
import type { DiagramStyle, StyledLine } from '../../diagram';
import type { LabBlock } from '../../course/types';
import type { Verdict } from '../../labs';
import type { Snapshot, Topology } from '../../sim/types';
import type { LabEvent } from '../../labs';
import { cutLine, eventLine, fmtTime, liveLines, nodeListLines, selectedLine } from './live-lines';
import type { LabState } from './use-lab-state';
import { wrapStyled } from '../text';
import { failuresPanel } from './failure-lines';
import { alertsPanel } from './alert-lines';
import { logOverlayLines, tailLines, wrapLog } from './log-lines';

export type LabPanel = 'live' | 'hints' | 'log';

export interface LabLinesInput {
  lab: LabBlock;
  title: string;
  verdicts: readonly Verdict[];
  /** Virtual second each check passed at (this session), for "at 6.6 s". */
  passedAtS: readonly (number | undefined)[];
  /** The check that changed last: its sentence is the one shown in full. */
  focus?: number;
  topology: Topology;
  snapshot: Snapshot;
  state: LabState;
  panel: LabPanel;
  /** First log line shown (log panel), counted from the oldest. */
  logTop: number;
  /** The whole log (the report's events), for the log panel. */
  events: readonly LabEvent[];
  /** Lab keys shown in the hints, e.g. "p  probe web-1:3306 from the Internet". */
  keyHints: readonly string[];
  /** A line shown above the checks when nothing will happen for a while ("f skips …"). */
  idle?: string;
  /** Problems with the lab's own timeline (bad `at` lines), shown under the goal. */
  errors?: readonly string[];
  /** Lines of the learner's own run, shown once the lab is complete. */
  story?: readonly string[];
  width: number;
  height: number;
  ascii: boolean;
  animating: boolean;
}


export const ellipsize = cutLine;

export function checkMark(v: Verdict, ascii: boolean): { text: string; style: DiagramStyle } {
  if (v === 'pass') return { text: ascii ? '[x] ' : '[✓] ', style: 'up' };
  if (v === 'fail') return { text: ascii ? '[!] ' : '[✗] ', style: 'down' };
  return { text: '[ ] ', style: 'muted' };
}

/** "checks 2/3" or "complete: → continue". */
export function checksSummary(verdicts: readonly Verdict[], ascii: boolean): { text: string; complete: boolean } {
  const passed = verdicts.filter((v) => v === 'pass').length;
  const complete = passed === verdicts.length;
  return { text: complete ? `lab complete ${ascii ? '->' : '→'} continue` : `checks ${passed}/${verdicts.length}`, complete };
}

/** The sentence under the checklist: the last change's, or what to do for the first open check. */
function noteFor(input: LabLinesInput): { text: string; style: DiagramStyle } | undefined {
  const { lab, verdicts, focus, passedAtS } = input;
  const at = (i: number): string => (passedAtS[i] !== undefined ? `at ${fmtTime(passedAtS[i]! * 1000)}: ` : '');
  if (focus !== undefined && verdicts[focus] === 'pass' && lab.checks[focus]?.pass) return { text: `${at(focus)}${lab.checks[focus]!.pass}`, style: 'muted' };
  if (focus !== undefined && verdicts[focus] === 'fail' && lab.checks[focus]?.fail) return { text: lab.checks[focus]!.fail!, style: 'warn' };
  const open = verdicts.findIndex((v) => v !== 'pass');
  if (open >= 0) {
    const c = lab.checks[open]!;
    return c.fail ? { text: `${input.ascii ? '->' : '→'} ${c.fail}`, style: verdicts[open] === 'fail' ? 'warn' : 'text' } : undefined;
  }
  return undefined;
}

function checkLines(input: LabLinesInput): StyledLine[] {
  const { lab, verdicts, width, ascii } = input;
  return lab.checks.map((c, i) => {
    const v = verdicts[i] ?? 'pending';
    const mark = checkMark(v, ascii);
    return ellipsize([mark, { text: c.text, style: v === 'pass' ? 'up' : v === 'fail' ? 'down' : 'text' }], width, ascii);
  });
}

/** The log panel: every event whole (wrapped under its time), scrolled to `top`, with its position ("events 3–9 of 20"). */
export function logPanel(events: readonly LabEvent[], width: number, height: number, top: number, ascii: boolean): { lines: StyledLine[]; maxTop: number } {
  const log = wrapLog(events, width);
  const r = logOverlayLines(log, { width, height, top, ascii });
  return { lines: r.lines, maxTop: Math.max(0, log.lines.length - r.room) };
}

/** The hints panel: what to try, the lab's own keys, and what each open check needs. */
function hintsPanel(input: LabLinesInput, height: number): StyledLine[] {
  const { lab, width, ascii } = input;
  const bullet = ascii ? '* ' : '• ';
  const out: StyledLine[] = [[{ text: 'Hints (h closes)', style: 'title' }]];
  for (const line of input.story ?? []) out.push(...wrapStyled(line, width, 'text', '  ', 'muted'));
  for (const t of lab.try ?? []) out.push(...wrapStyled(t, width, 'text', bullet, 'muted'));
  for (const k of input.keyHints) out.push(...wrapStyled(k, width, 'text', bullet, 'muted'));
  lab.checks.forEach((c, i) => {
    if (input.verdicts[i] !== 'pass' && c.fail) out.push(...wrapStyled(`${c.text}: ${c.fail}`, width, 'muted', bullet, 'muted'));
  });
  return out.slice(0, height);
}

/**
 * The lab's whole area. The goal, checks and latest event always show; the live view
 * gets the rows left, with a node list when the diagram would be cut.
 */
export function labLines(input: LabLinesInput): StyledLine[] {
  const { lab, width, height, ascii, snapshot } = input;
  const summary = checksSummary(input.verdicts, ascii);
  const label = ascii ? 'LAB  ' : 'LAB · ';
  const titleRoom = Math.max(4, width - label.length - summary.text.length - 2);
  const title = input.title.length > titleRoom ? `${input.title.slice(0, titleRoom - 1)}${ascii ? '~' : '…'}` : input.title;
  const gap = Math.max(2, width - label.length - title.length - summary.text.length);
  const top: StyledLine[] = [
    ellipsize([{ text: label, style: 'highlight' }, { text: title, style: 'title' }, { text: ' '.repeat(gap), style: 'text' }, { text: summary.text, style: summary.complete ? 'up' : 'muted' }], width, ascii),
    ...wrapStyled(lab.goal, width, 'text', 'Goal: ', 'muted'),
    ...(input.errors ?? []).map((e) => ellipsize([{ text: `! ${e}`, style: 'warn' }], width, ascii)),
  ];
  const checks = checkLines(input);
  const latest = snapshot.events[snapshot.events.length - 1];
  const eventRow: StyledLine = latest
    ? ellipsize(eventLine(latest), width, ascii)
    : [{ text: `  no events yet ${ascii ? '-' : '·'} h hints ${ascii ? '-' : '·'} l log`, style: 'muted' }];
  const note = noteFor(input);
  let noteLines = note ? wrapStyled(note.text, width, note.style, '    ', 'muted') : [];
  const story = summary.complete && input.story ? input.story.flatMap((s) => wrapStyled(s, width, 'text', '  ', 'muted')) : [];
  const idle = input.idle ? [ellipsize([{ text: input.idle, style: 'warn' }], width, ascii)] : [];
  // The last operator notice, whole (up to two lines): a capture or a refusal is worth reading.
  const notice = input.state.notice ? wrapStyled(input.state.notice.text, width, input.state.notice.tone === 'error' ? 'down' : 'highlight').slice(0, 2) : [];

  const fixed = top.length + checks.length + 1 + idle.length + notice.length;
  // The live view needs a status line, some diagram or node list and the metrics.
  const MIN_LIVE = 6;
  let room = height - fixed;
  const extrasWanted = noteLines.length + story.length;
  const extraRoom = Math.max(0, room - MIN_LIVE);
  let storyLines = story;
  if (extrasWanted > extraRoom) {
    storyLines = story.slice(0, Math.max(0, extraRoom - Math.min(noteLines.length, 2)));
    noteLines = noteLines.slice(0, Math.max(0, extraRoom - storyLines.length));
    if (noteLines.length && note && wrapStyled(note.text, width, note.style, '    ', 'muted').length > noteLines.length) {
      noteLines[noteLines.length - 1] = ellipsize([...noteLines[noteLines.length - 1]!, { text: '    ', style: 'muted' }], width, ascii);
    }
  }
  room -= noteLines.length + storyLines.length;
  room = Math.max(1, room);

  let middle: StyledLine[];
  if (input.panel === 'log') middle = logPanel(input.events, width, room, input.logTop, ascii).lines;
  else if (input.panel === 'hints') middle = hintsPanel(input, room);
  else if (input.state.panel) middle = (input.state.panel === 'failures' ? failuresPanel : alertsPanel)({ snapshot, width, height: room, ascii });
  else {
    const base = { topology: input.topology, snapshot, state: { ...input.state, logOpen: false, notice: undefined }, width, height: room, ascii, requests: input.animating || input.state.paused, log: false };
    const view = (o: { height?: number; nodeList?: boolean; noDiagram?: boolean }) => liveLines({ ...base, ...o });
    let v = view({});
    if (v.clipped && noteLines.length > 0 && !summary.complete) {
      // The whole diagram is worth more than the note (which the hints repeat).
      const taller = view({ height: room + noteLines.length });
      if (!taller.clipped) {
        v = taller;
        room += noteLines.length;
        noteLines = [];
      }
    }
    if (v.clipped) v = view({ nodeList: true });
    middle = v.lines;
    if (v.clipped) {
      // Not even the node list with the metrics: the status line, every node and the selection.
      const status = view({ noDiagram: true, height: 1 }).lines.slice(0, 1);
      const nodes = nodeListLines(input.topology, snapshot, input.state.selected, width, ascii);
      const sel = input.state.selected ? [cutLine(selectedLine(input.topology, snapshot, input.state.selected, ascii), width, ascii)] : [];
      middle = [...status, ...nodes, ...sel];
    }
  }
  const midRows = room;
  // Rows the live view leaves empty show older events, then what to try.
  while (middle.length && middle[middle.length - 1]!.every((seg) => seg.text.trim() === '')) middle.pop();
  if (input.panel === 'live' && !input.state.panel) {
    const spare = midRows - middle.length;
    // Older events whole (wrapped), the newest of them last, above the latest event's row.
    const older = tailLines(snapshot.events.slice(0, -1).slice(-Math.max(0, spare - 1)), width, Math.max(0, spare - 1), ascii);
    if (spare >= 2 && older.length) middle.push(...older);
    const left = midRows - middle.length;
    if (left >= 2 && lab.try?.length) {
      const tips = [[] as StyledLine, ...lab.try.flatMap((t) => wrapStyled(t, width, 'muted', ascii ? '  * ' : '  • ', 'muted'))];
      middle.push(...tips.slice(0, left));
    }
  }
  while (middle.length < midRows) middle.push([]);
  return [...top, ...middle.slice(0, midRows), ...notice, ...idle, ...checks, ...noteLines, ...storyLines, eventRow].slice(0, height);
}
