/**
 * The alert panel (`A`): each monitoring rule on each host it watches, its last value
 * against the threshold, OK / PENDING n of 30 s (the rule's `for`) / FIRING, and when
 * the agents push and the rules are evaluated next. Pure.
 */
import type { DiagramStyle, StyledLine } from '../../diagram';
import type { AlertView, Snapshot } from '../../sim/types';
import { cellWidth, fitLine, wrapStyled } from '../text';
import { moreLine, pad } from './failure-lines';

/** A rule's value as the class reads it: "152.3", "0.031" (error rate), "–" before the first push. */
export function fmtAlertValue(a: Pick<AlertView, 'value' | 'metric'>, ascii = false): string {
  if (a.value === undefined) return ascii ? '-' : '–';
  if (Number.isInteger(a.value)) return String(a.value);
  return a.value.toFixed(a.metric === 'error_rate' ? 3 : 1);
}

/** "OK", "PENDING 15 of 30 s", "FIRING", with a mark (colour is never the only sign). */
export function alertState(a: Pick<AlertView, 'state' | 'pending_ms' | 'for_s'>, ascii: boolean): { text: string; style: DiagramStyle } {
  if (a.state === 'firing') return { text: `${ascii ? 'x' : '✗'} FIRING`, style: 'down' };
  if (a.state === 'pending') return { text: `! PENDING ${Math.min(a.for_s, Math.floor(a.pending_ms / 1000))} of ${a.for_s} s`, style: 'warn' };
  return { text: `${ascii ? 'v' : '✓'} OK`, style: 'up' };
}

/** "in 3.2 s (at 45.0 s)". */
function nextIn(atMs: number, nowMs: number): string {
  if (!Number.isFinite(atMs)) return 'never';
  return `in ${Math.max(0, (atMs - nowMs) / 1000).toFixed(1)} s (at ${(atMs / 1000).toFixed(1)} s)`;
}

/** The alert panel for `width` × `height`, with a "… N more" line when cut. */
export function alertsPanel(input: { snapshot: Snapshot; width: number; height: number; ascii: boolean }): StyledLine[] {
  const { snapshot, width, height, ascii } = input;
  const alerts = snapshot.alerts ?? [];
  const sep = ascii ? ' | ' : ' · ';
  const lines: StyledLine[] = [[{ text: 'Alerts', style: 'title' }, { text: `${sep}${alerts.length} rule${alerts.length === 1 ? '' : 's'}${width >= 40 ? ' on hosts' : ''}${sep}A closes`, style: 'muted' }]];
  if (alerts.length === 0) {
    lines.push(...wrapStyled('no alert rules in this scenario (monitoring.alerts): nothing watches the numbers', width, 'muted', '  '));
    return lines.slice(0, height).map((l) => fitLine(l, width));
  }
  const now = snapshot.t_ms;
  const a0 = alerts[0]!;
  const compact = height < 7;
  if (compact) {
    // Short of rows: the next push and evaluation on the title line, no column names.
    lines[0] = [{ text: 'Alerts', style: 'title' }, { text: `${sep}push ${nextIn(a0.next_push_ms, now).replace(/ \(at.*/, '')}${sep}evaluation ${nextIn(a0.next_eval_ms, now).replace(/ \(at.*/, '')}${sep}A closes`, style: 'muted' }];
  } else lines.push([
    { text: 'next agent push ', style: 'muted' },
    { text: nextIn(a0.next_push_ms, now), style: 'text' },
    { text: `${sep}next evaluation `, style: 'muted' },
    { text: nextIn(a0.next_eval_ms, now), style: 'text' },
  ]);
  const ruleW = Math.min(16, Math.max(4, ...alerts.map((a) => cellWidth(a.name))));
  const hostW = Math.min(10, Math.max(4, ...alerts.map((a) => cellWidth(a.node))));
  const stateW = 22;
  const condW = Math.min(36, Math.max(10, width - ruleW - hostW - stateW - 3));
  if (!compact) lines.push([{ text: `${pad('rule', ruleW)} ${pad('host', hostW)} ${pad('value vs threshold', condW)} state`, style: 'muted' }]);
  const rows: StyledLine[] = alerts.map((a) => {
    const st = alertState(a, ascii);
    const cond = `${a.metric} ${fmtAlertValue(a, ascii)} ${a.op} ${a.threshold}${a.for_s && condW >= 30 ? ` for ${a.for_s} s` : ''}`;
    return [
      { text: `${pad(a.name, ruleW, false, ascii)} `, style: 'title' },
      { text: `${pad(a.node, hostW, false, ascii)} `, style: 'text' },
      { text: `${pad(cond, condW, false, ascii)} `, style: a.state === 'ok' ? 'text' : st.style },
      { text: st.text, style: st.style },
    ];
  });
  // The key to the states, wrapped (never cut) when the rows leave room for it.
  const legend = wrapStyled(`PENDING n of F s: held n s, fires at F s (the rule's for)${sep}value: the agent's last push`, width, 'muted');
  const room = height - lines.length;
  if (rows.length <= room) {
    lines.push(...rows);
    if (height - lines.length >= legend.length) lines.push(...legend);
  } else lines.push(...rows.slice(0, Math.max(0, room - 1)), moreLine(rows.length - Math.max(0, room - 1), 'rules', ascii, compact));
  return lines.slice(0, height).map((l) => fitLine(l, width));
}
