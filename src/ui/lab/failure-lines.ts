/**
 * Where the failures come from, as lines: the selected node's "caused 88 failures:
 * 75 refused (503 after 3.0 s), 13 hung (504 after 30 s)", its firewall (what it
 * allows, what it dropped), and the failures panel (`e`): every node and cause with
 * its total, the last 10 s and the typical wait before the failure. Pure.
 */
import type { DiagramStyle, Segment, StyledLine } from '../../diagram';
import { DROP_MARK_MS } from '../../diagram/glyphs';
import type { FailureCount, FirewallRule, NodeSnapshot, Snapshot, TopologyNode } from '../../sim/types';
import { causeWords } from '../../sim/spec/vocabulary';
import { cellWidth, fitLine, styledWidth, wrapStyled } from '../text';

/** Short names of the causes, for the selected node's line. */
const SHORT: Record<string, string> = {
  refused: 'refused',
  no_answer: 'unanswered',
  hung: 'hung',
  firewall: 'firewall drop',
  backlog_full: 'queue full',
  died: 'died mid-request',
  no_server: 'no server',
  queue_timeout: 'queue timeout',
  too_slow: 'too slow',
  vip_down: 'VIP holder down',
  vip_free: 'VIP unheld',
  primary_down: 'primary down',
  db_down: 'database down',
  read_only: 'read-only',
  no_upstream: 'no live app',
  no_address: 'no address',
};

const group = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "3.0 s", "250 ms", "at once". */
export function fmtWait(ms: number): string {
  if (ms < 1) return 'at once';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

/** What the client got: "503", "no reply", "client gave up". */
export function resultWords(code: string): string {
  return code === 'no_answer' ? 'no reply' : code === 'client_timeout' ? 'client gave up' : code;
}

/** "503 after 3.0 s", "no reply at once". */
function resultAfter(f: Pick<FailureCount, 'code' | 'wait_mean_ms'>): string {
  const wait = fmtWait(f.wait_mean_ms);
  return `${resultWords(f.code)}${wait === 'at once' ? ' at once' : ` after ${wait}`}`;
}

/**
 * The selected node's failures in a few words: "caused 88 failures: 75 refused (503
 * after 3.0 s), 13 hung (504 after 30 s)"; the two largest, then "+N more".
 */
export function causedSegments(n: Pick<NodeSnapshot, 'failures'>): Segment[] {
  const list = n.failures ?? [];
  const total = list.reduce((k, f) => k + f.total, 0);
  if (total === 0) return [{ text: 'caused no failure', style: 'muted' }];
  const parts = list.slice(0, 2).map((f) => `${group(f.total)} ${SHORT[f.cause] ?? f.cause} (${resultAfter(f)})`);
  const more = list.length - 2;
  return [
    { text: `caused ${group(total)} failure${total === 1 ? '' : 's'}`, style: 'down' },
    { text: `: ${parts.join(', ')}${more > 0 ? `, +${more} more (e)` : ''}`, style: 'text' },
  ];
}

/** "80 from lb-1, lb-2 · 22 from admin": the allow rules grouped by port, in their order. */
export function allowText(rules: readonly FirewallRule[] | undefined, ascii = false): string {
  if (!rules || rules.length === 0) return 'nothing';
  const byPort = new Map<string, string[]>();
  for (const r of rules) {
    const port = r.port === 'any' ? 'any port' : String(r.port);
    const from = r.from === 'any' ? 'anyone' : r.from;
    const list = byPort.get(port) ?? [];
    if (!list.includes(from)) list.push(from);
    byPort.set(port, list);
  }
  return [...byPort].map(([port, from]) => `${port} from ${from.join(', ')}`).join(ascii ? ' | ' : ' · ');
}


/** The selected host's firewall: "firewall allows 80 from lb-1, lb-2 · 22 from admin, dropped 12 (✗ just now)". */
export function firewallSegments(node: Pick<TopologyNode, 'firewall' | 'allow'>, n: Pick<NodeSnapshot, 'firewallDrops' | 'lastDropMs'>, nowMs: number, ascii: boolean): Segment[] {
  if (!node.firewall) return [];
  const segs: Segment[] = [{ text: `firewall allows ${allowText(node.allow, ascii)}`, style: 'firewall' }];
  if (n.firewallDrops) {
    const fresh = n.lastDropMs !== undefined && nowMs - n.lastDropMs <= DROP_MARK_MS;
    segs.push({ text: `, dropped ${group(n.firewallDrops)}${fresh ? (ascii ? ' (x just now)' : ' (✗ just now)') : ''}`, style: 'down' });
  }
  return segs;
}

export interface PanelInput {
  snapshot: Snapshot;
  width: number;
  height: number;
  ascii: boolean;
}

/** `text` padded (or cut, ending in "…", ASCII "~") to `width` cells. */
export function pad(text: string, width: number, right = false, ascii = false): string {
  const w = cellWidth(text);
  if (w > width) return cutText(text, width, ascii);
  return right ? ' '.repeat(width - w) + text : text + ' '.repeat(width - w);
}

function cutText(text: string, width: number, ascii: boolean): string {
  if (cellWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (cellWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}${ascii ? '~' : '…'}`;
}

/** A "… N more" line, for a panel cut short. */
export function moreLine(n: number, what: string, ascii: boolean, short = false): StyledLine {
  return [{ text: `${ascii ? '...' : '…'} ${n} more ${what}${short ? '' : ' (make the terminal taller)'}`, style: 'warn' }];
}

/**
 * The failures panel (`e`): every node and cause, with the total, the last 10 s and
 * the typical (mean) wait before the failure; the node with the most first. Fits
 * `width` × `height`, with a "… N more" line when cut.
 */
export function failuresPanel(input: PanelInput): StyledLine[] {
  const { snapshot, width, height, ascii } = input;
  const all = snapshot.failures ?? [];
  const total = snapshot.totals.failed;
  const sep = ascii ? ' | ' : ' · ';
  // The longest title that fits whole: how to close the panel is never cut off.
  const heads: StyledLine[] = [
    [{ text: 'Failures by node and cause', style: 'title' }, { text: `${sep}${group(total)} of ${group(snapshot.totals.total)} requests failed${sep}e closes`, style: 'muted' }],
    [{ text: 'Failures', style: 'title' }, { text: `${sep}${group(total)} of ${group(snapshot.totals.total)} requests failed${sep}e closes`, style: 'muted' }],
    [{ text: 'Failures', style: 'title' }, { text: `${sep}${group(total)} failed${sep}e closes`, style: 'muted' }],
  ];
  const lines: StyledLine[] = [fitLine(heads.find((h) => styledWidth(h) <= width) ?? heads[heads.length - 1]!, width)];
  if (all.length === 0) {
    lines.push(...wrapStyled('no request has failed yet: each failure will show the node and cause that produced it', width, 'muted', '  '));
    return lines.slice(0, height).map((l) => fitLine(l, width));
  }
  // Nodes by how many failures they caused, then each node's causes, most first.
  const byNode = new Map<string, FailureCount[]>();
  for (const f of all) byNode.set(f.node, [...(byNode.get(f.node) ?? []), f]);
  const nodes = [...byNode].sort((a, b) => sum(b[1]) - sum(a[1]));
  const nodeW = Math.min(12, Math.max(4, ...nodes.map(([id]) => cellWidth(id))));
  const narrow = width < 72;
  const resW = narrow ? 8 : 14;
  const numW = 7;
  const recentW = 10;
  const waitW = 9;
  const causeW = Math.max(8, width - nodeW - resW - numW - recentW - waitW - 5);
  const cols = (node: string, cause: string, result: string, tot: string, recent: string, wait: string): string =>
    `${pad(node, nodeW)}  ${pad(cause, causeW)} ${pad(result, resW)}${pad(tot, numW, true)}${pad(recent, recentW, true)} ${pad(wait, waitW, true)}`;
  // Short of rows (a lesson's lab at 60×18): the rows themselves matter more than the column names.
  const compact = height < 7;
  if (!compact) lines.push([{ text: cols('node', 'cause', 'result', 'total', 'last 10 s', 'avg wait'), style: 'muted' }]);
  const rows: StyledLine[] = [];
  for (const [id, list] of nodes) {
    list.forEach((f, i) => {
      const style: DiagramStyle = f.recent > 0 ? 'down' : 'text';
      const result = narrow ? resultWords(f.code).replace('client gave up', 'gave up') : resultWords(f.code);
      rows.push([
        { text: pad(i === 0 ? id : '', nodeW), style: 'title' },
        { text: `  ${pad(causeW < 26 ? (SHORT[f.cause] ?? f.cause) : causeWords(f.cause), causeW, false, ascii)} `, style: 'text' },
        { text: pad(result, resW), style: 'muted' },
        { text: pad(group(f.total), numW, true), style },
        // A mark beside a count still rising: colour is never the only sign.
        { text: pad(f.recent > 0 ? `${ascii ? '!' : '▲'}${group(f.recent)}` : '0', recentW, true), style: f.recent > 0 ? 'warn' : 'muted' },
        { text: ` ${pad(fmtWait(f.wait_mean_ms), waitW, true)}`, style: 'text' },
      ]);
    });
  }
  // The key to the columns, wrapped (never cut) when the rows leave room for it.
  const legend = wrapStyled(`last 10 s: simulated seconds (${ascii ? '!' : '▲'} still failing)${sep}avg wait: before the error`, width, 'muted');
  const room = height - lines.length;
  if (rows.length <= room) {
    lines.push(...rows);
    if (height - lines.length >= legend.length && !compact) lines.push(...legend);
  } else {
    lines.push(...rows.slice(0, Math.max(0, room - 1)), moreLine(rows.length - Math.max(0, room - 1), rows.length - room + 1 === 1 ? 'row' : 'rows', ascii, compact));
  }
  return lines.slice(0, height).map((l) => (styledWidth(l) > width ? fitLine(l, width) : l));
}

function sum(list: readonly FailureCount[]): number {
  return list.reduce((k, f) => k + f.total, 0);
}
