/**
 * Layout (+ live snapshot) → styled lines. The layout's static background (edges,
 * labels) is copied, the boxes are drawn with their current state, and sampled
 * in-flight requests are placed along their edge's path. Per-frame work is a copy
 * of a small grid and a few hundred cell writes.
 */
import type { LbView, NodeSnapshot, Snapshot } from '../sim/types';
import {
  bar,
  borderSet,
  firewallGlyph,
  dropGlyph,
  DROP_MARK_MS,
  requestMark,
  selectedPointer,
  stateMark,
  vipGlyph,
  type BorderKind,
} from './glyphs';
import type { BoxLayout, BoxRow, DiagramLayout, DiagramStyle, LineStyle, Segment, StyledLine } from './types';

/** Options of {@link renderDiagram}. */
export interface RenderOptions {
  /** Draw sampled in-flight requests (default true when a snapshot is given). */
  requests?: boolean;
  /** Override the layout's selected node (so selection changes need no new layout). */
  selected?: string;
}

/** Characters and their styles; a segment written onto it may carry any line style. */
interface Grid {
  chars: string[][];
  styles: LineStyle[][];
}

function cloneBase(layout: DiagramLayout): Grid {
  return { chars: layout.base.chars.map((r) => r.slice()), styles: layout.base.styles.map((r) => r.slice()) };
}

function put(grid: Grid, x: number, y: number, ch: string, style: LineStyle): void {
  const row = grid.chars[y];
  if (!row || x < 0 || x >= row.length) return;
  row[x] = ch;
  grid.styles[y]![x] = style;
}

function putText(grid: Grid, x: number, y: number, text: string, style: LineStyle, max: number): number {
  let n = 0;
  for (const ch of text) {
    if (n >= max) break;
    put(grid, x + n, y, ch, style);
    n++;
  }
  return n;
}

function putSegments(grid: Grid, x: number, y: number, segs: Segment[], max: number, ascii: boolean): void {
  let used = 0;
  for (const s of segs) {
    const room = max - used;
    if (room <= 0) break;
    const text = s.text.length > room ? s.text.slice(0, Math.max(0, room - 1)) + (ascii ? '~' : '…') : s.text;
    used += putText(grid, x + used, y, text, s.style, room);
  }
}

const LB_VIEW_WORD: Record<LbView, { word: string; style: DiagramStyle }> = {
  UP: { word: 'UP', style: 'up' },
  DOWN: { word: 'DOWN', style: 'down' },
  'UP-going-down': { word: 'UP, failing', style: 'warn' },
  'DOWN-going-up': { word: 'DOWN, rising', style: 'warn' },
  DRAIN: { word: 'DRAIN', style: 'draining' },
};

/** How a load balancer's view of a back end reads ("UP, failing" between failure and DOWN). */
export function lbViewWord(view: LbView): { word: string; style: DiagramStyle } {
  return LB_VIEW_WORD[view];
}

function fmtMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)}s`;
  return `${Math.round(ms)}ms`;
}

function rowSegments(row: BoxRow, box: BoxLayout, snap: NodeSnapshot | undefined, snapshot: Snapshot | undefined, layout: DiagramLayout, inner: number): Segment[] {
  const ascii = layout.ascii;
  switch (row.kind) {
    case 'text':
    case 'label':
      return [{ text: row.text, style: row.style }];
    case 'state': {
      if (!snap) return [{ text: ascii ? '. idle' : '· idle', style: 'muted' }];
      const m = stateMark(snap.state, ascii);
      const segs: Segment[] = [{ text: `${m.glyph} ${m.word}`, style: m.style }];
      if (box.node.kind === 'load_balancer') {
        const used = segs[0]!.text.length;
        if (snap.vipHolder) segs.push({ text: inner >= 10 ? ` ${vipGlyph(ascii)} VIP` : ` ${vipGlyph(ascii)}VIP`, style: 'vip' });
        // keepalived's own word (MASTER, BACKUP, FAULT), whole or not at all; a dead machine has no VRRP role.
        else if (snap.vrrpState && (snap.state === 'up' || snap.state === 'draining') && used + 1 + snap.vrrpState.length <= inner) segs.push({ text: ` ${snap.vrrpState}`, style: 'muted' });
      } else {
        const used = segs[0]!.text.length;
        if (snap.lbView && !box.rows.some((r) => r.kind === 'lbview')) {
          // No row for the load balancer's view: squeeze it in, because "DOWN but the
          // load balancer still says UP" is the whole lesson of the detection window.
          const lbs = layout.loadBalancers.filter((lb) => snap.lbView![lb] !== undefined);
          const active = lbs.find((lb) => snapshot?.nodes[lb]?.vipHolder) ?? lbs[0];
          if (active) {
            const v = snap.lbView[active]!;
            const word = v === 'UP-going-down' ? 'UP' : v === 'DOWN-going-up' ? 'DOWN' : v;
            const prefix = [' LB sees ', ' LB: '].find((p) => used + p.length + word.length <= inner);
            if (prefix) segs.push({ text: prefix, style: 'muted' }, { text: word, style: lbViewWord(v).style });
          }
        }
        const pct = ` ${Math.round(snap.utilization * 100)}%`;
        const usedNow = segs.reduce((n, x) => n + x.text.length, 0);
        const noBusyRow = !box.rows.some((r) => r.kind === 'busy');
        if ((snap.state === 'up' || snap.state === 'draining') && noBusyRow && usedNow + pct.length <= inner) segs.push({ text: pct, style: snap.utilization >= 0.9 ? 'warn' : 'busy' });
        const queue = ` ${snap.queued} queued`;
        if (snap.queued > 0 && noBusyRow && segs.reduce((n, x) => n + x.text.length, 0) + queue.length <= inner) segs.push({ text: queue, style: 'warn' });
      }
      return segs;
    }
    case 'lbview': {
      if (!snap?.lbView) return [];
      const lbs = layout.loadBalancers.filter((lb) => snap.lbView![lb] !== undefined);
      if (lbs.length === 0) return [];
      // The load balancer holding the VIP is the one whose view matters right now.
      const active = lbs.find((lb) => snapshot?.nodes[lb]?.vipHolder) ?? lbs[0]!;
      const one = (lb: string, prefix: string): Segment[] => {
        const v = lbViewWord(snap.lbView![lb]!);
        return [
          { text: prefix, style: 'muted' },
          { text: v.word, style: v.style },
        ];
      };
      const agree = lbs.every((lb) => snap.lbView![lb] === snap.lbView![active]);
      if (lbs.length === 1 || agree) {
        // The longest form that fits whole: "lb-1 sees UP, failing", "LB sees UP, failing", "LB: UP, failing", then "UP" alone.
        const view = snap.lbView[active]!;
        const full = lbViewWord(view);
        const short = view === 'UP-going-down' ? 'UP' : view === 'DOWN-going-up' ? 'DOWN' : full.word;
        const prefixes = [...(lbs.length === 1 && inner >= `${active} sees DOWN, rising`.length ? [`${active} sees `] : []), 'LB sees ', 'LB: '];
        for (const word of [full.word, short])
          for (const prefix of prefixes)
            if (prefix.length + word.length <= inner) return [{ text: prefix, style: 'muted' }, { text: word, style: full.style }];
        return [{ text: 'LB: ', style: 'muted' }, { text: short, style: full.style }];
      }
      // They disagree: each one's view when it fits whole, else the one holding the VIP.
      for (const sep of [', ', ' ']) {
        const all = lbs.flatMap((lb, i) => one(lb, `${i ? sep : ''}${lb} `));
        if (all.reduce((n, x) => n + x.text.length, 0) <= inner) return all;
      }
      return one(active, `${active} sees `).reduce((n, x) => n + x.text.length, 0) <= inner ? one(active, `${active} sees `) : one(active, 'LB: ');
    }
    case 'db': {
      const role = snap?.dbRole ?? box.node.dbRole;
      // An old primary left running and writable after a promote is not a replica: say so.
      if (snap?.splitBrain) {
        const text = ['MySQL split brain', 'split brain', 'split'].find((t) => t.length <= inner) ?? '';
        return [{ text, style: 'down' }];
      }
      // A lone database is neither primary nor replica to the learner: say only "MySQL"
      // unless the design has replication (the topology names the role) or a promotion changed it.
      const named = /primary|replica/i.test(row.text) || (snap?.dbRole !== undefined && snap.dbRole !== box.node.dbRole);
      if (!role || !named) return [{ text: row.text, style: 'text' }];
      const lag = role === 'replica' && snap && (snap.replicationLagMs ?? 0) >= 1 ? ` lag ${fmtMs(snap.replicationLagMs!)}` : '';
      const lagStyle: DiagramStyle = (snap?.replicationLagMs ?? 0) >= 1000 ? 'warn' : 'muted';
      // The longest form that fits whole: the product's name goes before the lag does.
      const forms: [string, string][] = [[`MySQL ${role}`, lag], [role, lag], [`MySQL ${role}`, ''], [role, '']];
      const [name, extra] = forms.find(([a, b]) => a.length + b.length <= inner) ?? [role, ''];
      const segs: Segment[] = [{ text: name, style: role }];
      if (extra) segs.push({ text: extra, style: lagStyle });
      return segs;
    }
    case 'algorithm': {
      const algo = snapshot?.algorithm ?? box.node.algorithm ?? '';
      const withName = `HAProxy ${algo}`.trim();
      // Whole words only: the algorithm (also on the status line), else the product's name.
      const text = [row.text.startsWith('HAProxy') ? withName : '', algo, 'HAProxy'].find((t) => t && t.length <= inner) ?? '';
      return [{ text, style: 'text' }];
    }
    case 'busy': {
      if (!snap || snap.state === 'down' || snap.state === 'stopped') return [];
      const pctText = `${Math.round(snap.utilization * 100)}%`;
      const style: DiagramStyle = snap.utilization >= 0.9 ? 'warn' : 'busy';
      const q = snap.queued;
      // Forms, longest first: label, bar, percentage, queue. A queue only forms when every
      // worker is busy, so the percentage goes before the queue's count does; "q12" (the
      // legend explains it) only when nothing else fits.
      const forms: { label: string; pct: string; queue: string; minBar: number }[] = q > 0
        ? [
            { label: 'busy ', pct: ` ${pctText.padStart(4)}`, queue: ` ${q} queued`, minBar: 3 },
            { label: '', pct: ` ${pctText.padStart(4)}`, queue: ` ${q} queued`, minBar: 3 },
            { label: '', pct: '', queue: ` ${q} queued`, minBar: 3 },
            { label: '', pct: '', queue: `${q} queued`, minBar: 0 },
            { label: '', pct: '', queue: ` q${q}`, minBar: 3 },
            { label: '', pct: '', queue: `q${q}`, minBar: 0 },
          ]
        : [
            { label: 'busy ', pct: ` ${pctText.padStart(4)}`, queue: '', minBar: 3 },
            { label: '', pct: ` ${pctText.padStart(4)}`, queue: '', minBar: 3 },
          ];
      const fits = (f: (typeof forms)[number]): boolean => f.label.length + f.minBar + f.pct.length + f.queue.length <= inner && (f.label === '' || inner >= 18);
      const f = forms.find(fits) ?? forms[forms.length - 1]!;
      const barW = f.minBar === 0 ? 0 : Math.max(3, Math.min(10, inner - f.label.length - f.pct.length - f.queue.length));
      return [
        { text: f.label, style: 'muted' },
        { text: barW ? bar(snap.utilization, barW, ascii) : '', style },
        { text: f.pct, style },
        { text: f.queue, style: 'warn' },
      ];
    }
  }
}

function drawBox(grid: Grid, box: BoxLayout, layout: DiagramLayout, snapshot: Snapshot | undefined, selected: string | undefined): void {
  const { x, y, w, h } = box;
  const ascii = layout.ascii;
  const snap = snapshot?.nodes[box.id];
  const highlight = layout.options.highlight;
  const isHighlighted = highlight?.includes(box.id) ?? false;
  const failed = snap && (snap.state === 'down' || snap.state === 'hung' || snap.state === 'stopped');
  const kind: BorderKind = selected === box.id ? 'selected' : failed ? 'down' : isHighlighted ? 'highlight' : 'normal';
  const style: DiagramStyle =
    kind === 'selected' ? 'selected' : kind === 'down' ? 'down' : kind === 'highlight' ? 'highlight' : highlight && highlight.length > 0 ? 'muted' : snap?.state === 'draining' ? 'draining' : 'border';
  const b = borderSet(kind, ascii);
  const inner = w - 4;
  for (let i = 1; i < w - 1; i++) {
    put(grid, x + i, y, b.h, style);
    put(grid, x + i, y + h - 1, b.h, style);
  }
  for (let j = 1; j < h - 1; j++) {
    put(grid, x, y + j, b.v, style);
    put(grid, x + w - 1, y + j, b.v, style);
    for (let i = 1; i < w - 1; i++) put(grid, x + i, y + j, ' ', 'text');
  }
  put(grid, x, y, b.tl, style);
  put(grid, x + w - 1, y, b.tr, style);
  put(grid, x, y + h - 1, b.bl, style);
  put(grid, x + w - 1, y + h - 1, b.br, style);
  if (box.node.firewall) {
    // The wall stands on the side traffic comes in by: a dropped packet never gets inside.
    const wall = firewallGlyph(ascii);
    if (box.entry === 'left') for (let j = 1; j < h - 1; j++) put(grid, x, y + j, wall, 'firewall');
    else for (let i = 1; i < w - 1; i++) put(grid, x + i, y, wall, 'firewall');
  }
  const title = box.title ? `${selected === box.id ? selectedPointer(ascii) : ''}${box.title}` : selected === box.id ? selectedPointer(ascii) : '';
  if (title) putText(grid, x + 1, y, ` ${title} `, selected === box.id ? 'selected' : box.node.kind === 'dns' ? 'dns' : 'title', w - 2);
  if (box.badges) putText(grid, x + 1, y + h - 1, ` ${box.badges} `, box.node.firewall ? 'firewall' : 'agent', w - 2);
  if (box.node.firewall && snap?.firewallDrops) {
    // What the firewall dropped: a ✗ on the wall for a few simulated seconds after each
    // drop (a probe, a blocked connection), and the count on the bottom border.
    const fresh = snapshot !== undefined && snap.lastDropMs !== undefined && snapshot.t_ms - snap.lastDropMs <= DROP_MARK_MS;
    if (fresh) {
      if (box.entry === 'left') put(grid, x, y + Math.floor(h / 2), dropGlyph(ascii), 'down');
      else put(grid, x + Math.floor(w / 2), y, dropGlyph(ascii), 'down');
    }
    const count = ` ${dropGlyph(ascii)}${snap.firewallDrops > 9999 ? '9999+' : snap.firewallDrops} `;
    const at = x + 1 + (box.badges ? box.badges.length + 2 : 0);
    if (at + count.length <= x + w - 1) putText(grid, at, y + h - 1, count, 'down', x + w - 1 - at);
  }
  box.rows.forEach((row, i) => {
    putSegments(grid, x + 2, y + 1 + i, rowSegments(row, box, snap, snapshot, layout, inner), inner, ascii);
  });
}

function edgeIndex(layout: DiagramLayout): Map<string, DiagramLayout['edges'][number]> {
  let idx = edgeIndexes.get(layout);
  if (!idx) {
    idx = new Map();
    for (const e of layout.edges) if (e.path.length > 0 && !idx.has(`${e.from}>${e.to}`)) idx.set(`${e.from}>${e.to}`, e);
    edgeIndexes.set(layout, idx);
  }
  return idx;
}
const edgeIndexes = new WeakMap<DiagramLayout, Map<string, DiagramLayout['edges'][number]>>();

function overlayGrid(grid: Grid, layout: DiagramLayout, snapshot: Snapshot): void {
  const idx = edgeIndex(layout);
  const usersId = layout.boxes.find((b) => b.node.kind === 'users')?.id ?? 'users';
  const drawnIds = new Set(layout.boxes.map((b) => b.id));
  for (const r of snapshot.inflight) {
    if (r.atNode) continue;
    // Clients have no node of their own in the engine: their hops start at the users box.
    const from = drawnIds.has(r.from) ? r.from : usersId;
    const edge = idx.get(`${from}>${r.to}`);
    if (!edge) continue;
    const last = edge.path.length - 1;
    // The arrowhead cell stays an arrowhead; requests travel on the line before it.
    const i = Math.max(0, Math.min(last - 1, Math.floor(r.progress * last)));
    const [x, y] = edge.path[Math.max(0, i)]!;
    const mark = requestMark(r.kind, r.encrypted, r.failed, layout.ascii);
    put(grid, x, y, mark.glyph, mark.style);
  }
}

function gridToLines(grid: Grid): StyledLine[] {
  const lines: StyledLine[] = [];
  for (let y = 0; y < grid.chars.length; y++) {
    const chars = grid.chars[y]!;
    const styles = grid.styles[y]!;
    // Trailing blanks carry no information; trimming keeps golden files and Ink lean.
    let end = chars.length;
    while (end > 0 && chars[end - 1] === ' ') end--;
    const line: StyledLine = [];
    let cur: Segment | undefined;
    for (let x = 0; x < end; x++) {
      // A blank looks the same in any foreground colour: let it join the current run
      // (fewer colour codes for the terminal to parse), except after inverse text.
      const st = chars[x] === ' ' ? (cur && cur.style !== 'label-large' ? cur.style : 'text') : styles[x]!;
      if (cur && cur.style === st) cur.text += chars[x];
      else line.push((cur = { text: chars[x]!, style: st }));
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Draw a layout, optionally with a live snapshot (node states, load-balancer views,
 * utilisation, moving requests). Returns header lines followed by the grid's lines.
 */
export function renderDiagram(layout: DiagramLayout, snapshot?: Snapshot, opts: RenderOptions = {}): StyledLine[] {
  const grid = cloneBase(layout);
  const selected = opts.selected ?? layout.options.selected;
  for (const box of layout.boxes) drawBox(grid, box, layout, snapshot, selected);
  if (snapshot && opts.requests !== false) overlayGrid(grid, layout, snapshot);
  return [...layout.header, ...gridToLines(grid)];
}

/**
 * Place the snapshot's sampled in-flight requests on already drawn lines (as
 * returned by {@link renderDiagram} without requests), by their progress along
 * the routed edge path; glyph and style by kind (static/dynamic/write, HTTPS vs
 * plain). Returns new lines.
 */
export function overlayRequests(lines: StyledLine[], layout: DiagramLayout, snapshot: Snapshot): StyledLine[] {
  const head = layout.header.length;
  const grid: Grid = { chars: [], styles: [] };
  for (let y = head; y < lines.length; y++) {
    const chars: string[] = [];
    const styles: LineStyle[] = [];
    for (const seg of lines[y]!) for (const ch of seg.text) {
      chars.push(ch);
      styles.push(seg.style);
    }
    while (chars.length < layout.base.chars[0]!.length) {
      chars.push(' ');
      styles.push('text');
    }
    grid.chars.push(chars);
    grid.styles.push(styles);
  }
  overlayGrid(grid, layout, snapshot);
  return [...lines.slice(0, head), ...gridToLines(grid)];
}

/** Lines as plain strings (for tests, NO_COLOR output and widths). */
export function toPlainText(lines: StyledLine[]): string[] {
  return lines.map((l) => l.map((s) => s.text).join('').replace(/\s+$/, ''));
}

/**
 * A one-line legend of the glyphs this layout uses (so a printout explains itself).
 * With `drawn` (the rendered lines), it first explains the short forms a tight box
 * had to use ("LB: UP", "q12", keepalived's FAULT). With `width`, items that do not
 * fit whole are left out instead of cut.
 */
export function legendLine(layout: DiagramLayout, opts: { live?: boolean; width?: number; drawn?: readonly StyledLine[] } = {}): StyledLine {
  const ascii = layout.ascii;
  const kinds = new Set(layout.edges.map((e) => e.kind));
  const items: Segment[][] = [];
  const add = (glyph: string, style: DiagramStyle, word: string): void => {
    items.push([{ text: glyph, style }, { text: ` ${word}`, style: 'muted' }]);
  };
  if (opts.drawn) {
    const text = opts.drawn.map((l) => l.map((x) => x.text).join('')).join('\n');
    if (/ LB: /.test(text)) add('LB:', 'muted', 'what the load balancer sees');
    const q = /(?<![\w-])q(\d+)\b/.exec(text);
    if (q) add(`q${q[1]}`, 'warn', `${q[1]} requests queued`);
    if (/\bFAULT\b/.test(text)) add('FAULT', 'muted', 'keepalived out of the VIP election');
  }
  if (kinds.has('https')) add(ascii ? '==' : '━━', 'https', 'HTTPS (TLS)');
  if (kinds.has('http')) add(ascii ? '--' : '──', 'http', 'plain HTTP');
  if (kinds.has('replication')) add(ascii ? '..' : '┄┄', 'replication', 'replication');
  if (layout.boxes.some((b) => b.node.firewall)) add(firewallGlyph(ascii), 'firewall', 'firewall');
  if (opts.live) {
    add(stateMark('up', ascii).glyph, 'up', 'up');
    add(stateMark('down', ascii).glyph, 'down', 'down');
    add(stateMark('draining', ascii).glyph, 'draining', 'drain');
    add(requestMark('dynamic', false, false, ascii).glyph, 'dynamic', 'request');
    add(requestMark('static', false, false, ascii).glyph, 'static', 'static');
    add(requestMark('write', false, false, ascii).glyph, 'write', 'write');
  }
  const segs: Segment[] = [];
  let used = 0;
  for (const item of items) {
    const w = item.reduce((n, x) => n + x.text.length, 0) + (segs.length ? 2 : 0);
    if (opts.width !== undefined && used + w > opts.width) continue;
    if (segs.length) segs.push({ text: '  ', style: 'text' });
    segs.push(...item);
    used += w;
  }
  return segs;
}
