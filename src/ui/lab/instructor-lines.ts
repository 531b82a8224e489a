/**
 * What the instructor view adds for a class watching a projector: a banner for the
 * big moments, big enough to read from the back of the room (the VIP moved, a
 * server marked DOWN, the primary database lost), and the scheduled `--at` and
 * timeline events still to come. Pure.
 */
import type { DiagramStyle, StyledLine } from '../../diagram';
import type { SimEvent, Snapshot, TimelineEvent, Topology } from '../../sim/types';
import { fmtTime, liveLines } from './live-lines';
import type { LabState } from './use-lab-state';

/** The instructor view's area: the banner when a big moment is fresh, the live view, the events to come. */
export function instructorLines(o: {
  topology: Topology;
  snapshot: Snapshot;
  events: readonly SimEvent[];
  state: LabState;
  timeline: readonly TimelineEvent[];
  width: number;
  height: number;
  ascii: boolean;
  labelsLarge?: boolean;
  title: string;
  /** Moving requests drawn (false with --reduced-motion). */
  requests?: boolean;
}): StyledLine[] {
  const nowS = o.snapshot.t_ms / 1000;
  const moment = bigMoment(o.events, o.snapshot, nowS);
  const banner = moment && o.height >= 20 ? bannerLines(moment, o.width, o.ascii) : moment ? [bannerLines(moment, o.width, o.ascii)[1]!] : [];
  const next = upcomingLine(o.timeline, nowS, o.width, o.ascii);
  const room = o.height - banner.length - (next ? 1 : 0);
  const { lines } = liveLines({ topology: o.topology, snapshot: o.snapshot, state: o.state, width: o.width, height: room, ascii: o.ascii, labelsLarge: o.labelsLarge, title: o.title, requests: o.requests ?? true, legend: true, sinceStart: true });
  while (lines.length < room) lines.push([]);
  return [...banner, ...lines.slice(0, room), ...(next ? [next] : [])];
}

/** Virtual seconds a banner stays up after its moment. */
export const BANNER_S = 4;

export interface BigMoment {
  t_s: number;
  text: string;
  style: DiagramStyle;
}

/** The most recent big moment within {@link BANNER_S} of `nowS`, if any. */
export function bigMoment(events: readonly SimEvent[], snapshot: Pick<Snapshot, 'nodes'>, nowS: number): BigMoment | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (nowS - e.t_s > BANNER_S) break;
    if (e.type === 'vip_moved') return { t_s: e.t_s, text: `VIP moved to ${e.node}`, style: 'vip' };
    if (e.type === 'marked_down') return { t_s: e.t_s, text: `${e.node} DOWN`, style: 'down' };
    // Failed writes are reported again every few seconds while they last: the banner marks the first report only.
    if (e.type === 'write_failed' && e.reason !== 'firewall' && !events.slice(Math.max(0, i - 200), i).some((p) => p.type === 'write_failed' && e.t_s - p.t_s < 60)) return { t_s: e.t_s, text: 'primary lost: writes fail', style: 'down' };
    if (e.type === 'split_brain') return { t_s: e.t_s, text: `split brain: ${String(e.old_primary)} and ${String(e.new_primary)} both take writes`, style: 'down' };
    if (e.type === 'promoted') return { t_s: e.t_s, text: `${e.node} promoted: new primary`, style: 'vip' };
    if ((e.type === 'node_killed' || e.type === 'node_stopped' || e.type === 'node_hung') && e.node && snapshot.nodes[e.node]?.dbRole === 'primary') {
      return { t_s: e.t_s, text: `primary lost: ${e.node}`, style: 'down' };
    }
  }
  return undefined;
}

/** The banner: three full-width rows, the words in capitals and spaced out when they fit. */
export function bannerLines(m: BigMoment, width: number, ascii: boolean): StyledLine[] {
  const upper = m.text.toUpperCase();
  const spaced = [...upper].join(' ');
  const mark = ascii ? '!!' : '▶';
  let text = `${mark}  ${spaced}  ${ascii ? '!!' : '◀'}`;
  if (text.length > width) text = `${mark} ${upper}`;
  if (text.length > width) text = upper.slice(0, width);
  const pad = Math.max(0, width - text.length);
  const left = Math.floor(pad / 2);
  const band: StyledLine = [{ text: ' '.repeat(width), style: 'label-large' }];
  return [band, [{ text: `${' '.repeat(left)}${text}${' '.repeat(pad - left)}`, style: 'label-large' }], band];
}

/** The scheduled events still to come, soonest first, as one line: "next: 30 s kill web-2 (in 12.4 s) · 45 s restore web-2". */
export function upcomingLine(timeline: readonly TimelineEvent[], nowS: number, width: number, ascii: boolean): StyledLine | undefined {
  const next = timeline.filter((e) => e.at_s > nowS + 1e-9).sort((a, b) => a.at_s - b.at_s);
  if (next.length === 0) return undefined;
  const say = (e: TimelineEvent): string => [e.action, e.node, e.value].filter((x) => x !== undefined).join(' ');
  const first = next[0]!;
  const line: StyledLine = [
    { text: 'next: ', style: 'muted' },
    { text: `${fmtTime(first.at_s * 1000)} ${say(first)}`, style: 'highlight' },
    { text: ` (in ${fmtTime((first.at_s - nowS) * 1000)})`, style: 'muted' },
  ];
  let used = line.reduce((n, s) => n + s.text.length, 0);
  for (const e of next.slice(1)) {
    const t = `${ascii ? ' | ' : ' · '}${fmtTime(e.at_s * 1000)} ${say(e)}`;
    if (used + t.length > width) break;
    line.push({ text: t, style: 'muted' });
    used += t.length;
  }
  return line;
}
