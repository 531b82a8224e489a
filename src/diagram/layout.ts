/**
 * Topology → positioned boxes and routed edges on a character grid.
 *
 * Left to right by tier (users → load balancers → web → app → db), machines as
 * boxes holding their components, the DNS record shown, firewalls as a wall on the
 * side traffic enters by. Three modes: `wide` (≥ 100 columns: one component per
 * row, the DNS as a box above the users), `compact` (80 columns: components packed,
 * the DNS record as a header line) and `stacked` (narrower: tiers top to bottom).
 *
 * Edges between neighbouring tiers run through a "bus" in the gap (a fan-out / fan-in
 * that is honest when every source talks to every target, which is how the
 * scenarios are built); edges inside a tier (SQL to the primary on the other host,
 * replication, VRRP adverts) are short arrows between the stacked boxes.
 *
 * The result is memoised per topology object and options: a live view calls this
 * every frame for free and only redraws state and moving requests.
 */
import type { EdgeKind, Topology, TopologyEdge, TopologyNode } from '../sim/types';
import { noteLoaded } from '../startup-trace';
import { E, N, S, W, arrowGlyph, lineGlyph, type Dir, type LineWeight } from './glyphs';
import type { BoxLayout, BoxRow, DiagramLayout, DiagramOptions, DiagramStyle, EdgeLayout, LayoutMode, StyledLine } from './types';

noteLoaded('diagram');

interface ModeParams {
  mode: LayoutMode;
  vertical: boolean;
  minInner: number;
  maxInner: number;
  /** Cells between tiers along the main axis. */
  gap: number;
  labels: boolean;
  /** DNS drawn as a box above the users (else as a header line). */
  dnsBox: boolean;
  /** One component per row (else packed). */
  onePerRow: boolean;
}

const WIDE: ModeParams = { mode: 'wide', vertical: false, minInner: 14, maxInner: 24, gap: 8, labels: true, dnsBox: true, onePerRow: true };
const WIDE_TIGHT: ModeParams = { ...WIDE, gap: 7 };
const COMPACT: ModeParams = { mode: 'compact', vertical: false, minInner: 10, maxInner: 18, gap: 6, labels: true, dnsBox: false, onePerRow: false };
const COMPACT_TIGHT: ModeParams = { ...COMPACT, gap: 3, labels: false, minInner: 10 };
/** Last resort before stacking: the bus sits right against the boxes. */
const COMPACT_TIGHTER: ModeParams = { ...COMPACT, gap: 2, labels: false, minInner: 9 };
const STACKED: ModeParams = { mode: 'stacked', vertical: true, minInner: 12, maxInner: 22, gap: 3, labels: true, dnsBox: false, onePerRow: false };

const HIDDEN_KINDS = new Set(['monitoring', 'admin']);

const WEIGHT: Record<EdgeKind, LineWeight> = {
  https: 'heavy',
  http: 'light',
  sql: 'light',
  replication: 'dashed',
  vrrp: 'dotted',
  dns: 'dotted',
  metrics: 'dotted',
};

const LABELS: Record<EdgeKind, string[]> = {
  https: ['HTTPS', 'TLS'],
  http: ['HTTP'],
  sql: ['SQL'],
  replication: ['replication', 'copies'],
  vrrp: ['VRRP'],
  dns: ['lookup', 'DNS'],
  metrics: ['metrics'],
};

/** Style token of an edge kind. */
export function edgeStyle(kind: EdgeKind): DiagramStyle {
  return kind === 'metrics' ? 'muted' : kind;
}

const cache = new WeakMap<Topology, Map<string, DiagramLayout>>();

/**
 * Lay out a topology for `opts.width` columns. Pure and memoised: the same topology
 * object with equal options returns the same layout object.
 */
export function layoutDiagram(topology: Topology, opts: DiagramOptions): DiagramLayout {
  const key = JSON.stringify([opts.width, opts.ascii ?? false, opts.highlight ?? null, opts.show ?? null, opts.selected ?? null, opts.labelsLarge ?? false, opts.live ?? true, opts.dense ?? false, opts.mode ?? null]);
  let perTopology = cache.get(topology);
  if (!perTopology) cache.set(topology, (perTopology = new Map()));
  const hit = perTopology.get(key);
  if (hit) return hit;
  const layout = computeLayout(topology, opts);
  if (perTopology.size > 64) perTopology.clear(); // resizing through many widths must not grow forever
  perTopology.set(key, layout);
  return layout;
}

function computeLayout(topology: Topology, opts: DiagramOptions): DiagramLayout {
  const width = Math.max(20, Math.floor(opts.width));
  let candidates: ModeParams[];
  if (opts.mode === 'wide') candidates = [WIDE, WIDE_TIGHT];
  else if (opts.mode === 'compact') candidates = [COMPACT, COMPACT_TIGHT, COMPACT_TIGHTER];
  else if (opts.mode === 'stacked') candidates = [STACKED];
  else candidates = width >= 100 ? [WIDE, WIDE_TIGHT, COMPACT, COMPACT_TIGHT, COMPACT_TIGHTER, STACKED] : [COMPACT, COMPACT_TIGHT, COMPACT_TIGHTER, STACKED];
  let last: DiagramLayout | undefined;
  for (const params of candidates) {
    last = build(topology, opts, params, width);
    if (last.width <= width) return last;
  }
  return last!;
}

// ------------------------------------------------------------------ box contents

function shortComponent(name: string): string {
  if (/^app server$/i.test(name)) return 'App';
  if (/^code base$/i.test(name)) return 'Code';
  if (/^ssl certificate$/i.test(name)) return 'certificate';
  return name;
}

const isDbComponent = (c: string): boolean => /mysql|database/i.test(c);

/** Pack chips into rows of at most `inner` cells, joined by " · " (or one per row). */
function pack(chips: string[], inner: number, onePerRow: boolean, ascii: boolean, dense = false): string[] {
  if (onePerRow) return chips;
  const sep = dense ? (ascii ? ',' : '·') : ascii ? ', ' : ' · ';
  const rows: string[] = [];
  let cur = '';
  for (const chip of chips) {
    if (cur === '') cur = chip;
    else if (cur.length + sep.length + chip.length <= inner) cur += sep + chip;
    else {
      rows.push(cur);
      cur = chip;
    }
  }
  if (cur) rows.push(cur);
  return rows;
}

interface Ctx {
  params: ModeParams;
  opts: Required<Pick<DiagramOptions, 'ascii' | 'live' | 'dense' | 'labelsLarge'>>;
  /** Ids of nodes some load balancer sends traffic to. */
  behindLb: Set<string>;
  entryIps: Set<string>;
}

function titleFor(node: TopologyNode, inner: number, _ctx: Ctx): string {
  if (node.kind === 'users') return '';
  if (node.kind === 'dns') return 'DNS';
  const full = node.ip ? `${node.label} ${node.ip}` : node.label;
  return full.length <= inner ? full : node.label;
}

function rowsFor(node: TopologyNode, inner: number, ctx: Ctx, records: Topology['records']): BoxRow[] {
  const { params, opts } = ctx;
  const rows: BoxRow[] = [];
  const text = (t: string, style: DiagramStyle = 'text'): void => void rows.push({ kind: 'text', text: t, style });
  if (node.kind === 'users') {
    text('Users', 'title');
    if (params.mode === 'wide') text('browsers', 'muted');
    return rows;
  }
  if (node.kind === 'dns') {
    const recs = records.length > 0 ? records : [];
    for (const r of recs.slice(0, 3)) {
      const one = `${r.name}  ${r.type}  ${r.value}`;
      if (one.length <= inner) text(one, 'dns');
      else {
        text(r.name, 'dns');
        text(`${r.type}  ${r.value}`, 'dns');
      }
    }
    if (rows.length === 0) for (const c of node.components) text(c, 'dns');
    return rows;
  }
  if (opts.labelsLarge) rows.push({ kind: 'label', text: node.label.toUpperCase(), style: 'label-large' });
  const title = titleFor(node, inner, ctx);
  // The entry address must stay visible even when the title is too short for it:
  // it is what the DNS record points to.
  if (node.ip && !title.includes(node.ip) && ctx.entryIps.has(node.ip)) text(`IP ${node.ip}`, 'dns');
  if (opts.live) rows.push({ kind: 'state', text: '', style: 'up' });
  if (node.kind === 'load_balancer') {
    const algo = node.algorithm ?? '';
    // Live, the algorithm can be switched to any of them: plan for the longest name.
    const planned = opts.live && !opts.dense ? 'roundrobin' : algo;
    if (`HAProxy ${planned}`.trim().length <= inner) rows.push({ kind: 'algorithm', text: `HAProxy ${algo}`.trim(), style: 'text' });
    else {
      // Dense labs keep the algorithm (it changes live) and drop the product name.
      if (!opts.dense) text('HAProxy');
      rows.push({ kind: 'algorithm', text: algo || 'HAProxy', style: 'text' });
    }
    // A component that cannot fit whole is left out (the title, TLS and VIP rows still tell the story).
    // Outside the wide layout the certificate goes without saying where a TLS row says TLS ends there.
    const others = node.components.filter((c) => c !== 'HAProxy' && !(params.mode !== 'wide' && node.tls && /certificate/i.test(c))).map((c) => (params.onePerRow && c.length <= inner ? c : shortComponent(c))).filter((c) => c.length <= inner);
    if (!opts.dense) for (const r of pack(others, inner, params.onePerRow, opts.ascii)) text(r);
    // Dense live labs drop the TLS row: the heavy HTTPS line ending at the LB says it.
    if (opts.dense && opts.live) {
      // nothing
    } else if (node.tls === 'terminate') text(inner >= 13 ? 'TLS ends here' : 'TLS ends', 'https');
    else if (node.tls === 'passthrough') text(inner >= 15 ? 'TLS passthrough' : 'passes TLS', 'https');
    else if (node.tls === 'reencrypt') text(inner >= 15 ? 'TLS re-encrypts' : inner >= 11 ? 're-encrypts' : 'TLS again', 'https');
    if (node.vip && !(opts.dense && opts.live)) text(`VIP ${node.vip}`.length <= inner ? `VIP ${node.vip}` : `${opts.ascii ? '*' : '★'} ${node.vip}`, 'vip');
    return rows;
  }
  if (opts.live && !opts.dense && ctx.behindLb.has(node.id)) rows.push({ kind: 'lbview', text: '', style: 'up' });
  const comps = node.components.filter((c) => !isDbComponent(c)).map((c) => (params.onePerRow && c.length <= inner ? c : shortComponent(c)));
  for (const r of pack(comps, inner, params.onePerRow, opts.ascii, opts.dense)) text(r);
  const db = node.components.find(isDbComponent);
  if (db) rows.push({ kind: 'db', text: db, style: node.dbRole === 'replica' ? 'replica' : node.dbRole === 'primary' ? 'primary' : 'text' });
  if (opts.live && !opts.dense) rows.push({ kind: 'busy', text: '', style: 'busy' });
  return rows;
}

/** Widest row a node would like (components unpacked), before clamping. */
function naturalInner(node: TopologyNode, ctx: Ctx, records: Topology['records']): number {
  const titleLen = node.ip ? `${node.label} ${node.ip}`.length : node.label.length;
  let w = node.kind === 'users' ? 5 : node.kind === 'dns' ? 0 : titleLen;
  if (node.kind === 'dns') {
    for (const r of records.slice(0, 3)) w = Math.max(w, ctx.params.dnsBox ? Math.max(r.name.length, `${r.type}  ${r.value}`.length) : `${r.name}  ${r.type}  ${r.value}`.length);
    return w;
  }
  if (node.kind === 'users') return ctx.params.mode === 'wide' ? 8 : 5;
  const chips = node.components.filter((c) => node.kind !== 'server' || !isDbComponent(c)).map((c) => (ctx.params.onePerRow ? c : shortComponent(c)));
  // Packed modes would like every chip on one row (fewer rows), up to the mode's maximum.
  w = Math.max(w, ...(ctx.params.onePerRow ? chips.map((c) => c.length) : [chips.join(ctx.opts.dense ? '·' : ' · ').length]));
  if (node.components.some(isDbComponent)) w = Math.max(w, ctx.params.onePerRow ? 13 : 10);
  // Dense labs show the algorithm without the product name when that is narrower.
  if (node.kind === 'load_balancer') w = Math.max(w, ctx.opts.dense ? (node.algorithm ?? 'HAProxy').length : `HAProxy ${node.algorithm ?? ''}`.trim().length);
  if (ctx.opts.live) w = Math.max(w, node.kind === 'load_balancer' ? 10 : 12);
  // Room for "lb-1 sees DOWN, rising" where a row is reserved for it.
  if (ctx.opts.live && !ctx.opts.dense && ctx.params.mode === 'wide' && ctx.behindLb.has(node.id)) w = Math.max(w, 22);
  return w;
}

// ------------------------------------------------------------------ the build

interface Canvas {
  cells: Map<string, { bits: number; weight: LineWeight; style: DiagramStyle; char?: string }>;
  text: Map<string, { char: string; style: DiagramStyle }>;
}

function build(topology: Topology, opts: DiagramOptions, params: ModeParams, width: number): DiagramLayout {
  const V = params.vertical;
  const ascii = opts.ascii ?? false;
  const fullOpts = { ascii, live: opts.live ?? true, dense: opts.dense ?? false, labelsLarge: opts.labelsLarge ?? false };
  const show = opts.show ? new Set(opts.show) : undefined;

  // Which nodes are drawn.
  let users = topology.nodes.find((n) => n.kind === 'users');
  if (!users) users = { id: 'users', kind: 'users', label: 'Users', roles: [], components: [], tier: 0, firewall: false, agent: false };
  const dnsNode = topology.nodes.find((n) => n.kind === 'dns');
  const hasRecords = topology.records.length > 0 || (dnsNode?.components.length ?? 0) > 0;
  const drawn = topology.nodes.filter((n) => n.kind !== 'users' && n.kind !== 'dns' && !HIDDEN_KINDS.has(n.kind) && (!show || show.has(n.id)));
  const drawnIds = new Set(drawn.map((n) => n.id));
  drawnIds.add(users.id);
  const dnsInBox = params.dnsBox && hasRecords;
  const dns: TopologyNode | undefined = dnsInBox ? (dnsNode ?? { id: 'dns', kind: 'dns', label: 'DNS', roles: [], components: [], tier: 1, firewall: false, agent: false }) : undefined;
  if (dns) drawnIds.add(dns.id);

  // Edges: drawable ones only; users' edges synthesised if the topology has none.
  const edges: TopologyEdge[] = topology.edges.filter((e) => e.kind !== 'metrics' && e.from !== e.to && drawnIds.has(e.from) && drawnIds.has(e.to));
  if (!topology.edges.some((e) => e.from === users!.id && e.kind !== 'dns')) {
    const targeted = new Set(topology.edges.map((e) => e.to));
    const entries = drawn.filter((n) => !targeted.has(n.id));
    const minTier = Math.min(...entries.map((n) => n.tier));
    for (const n of entries) if (n.tier === minTier) edges.push({ from: users.id, to: n.id, kind: 'http' });
  }
  if (dns && !edges.some((e) => e.kind === 'dns')) edges.push({ from: users.id, to: dns.id, kind: 'dns' });

  // Groups along the main axis, by tier.
  const tiers = [...new Set(drawn.map((n) => n.tier))].sort((a, b) => a - b);
  const groups: TopologyNode[][] = [[...(dns ? [dns] : []), users], ...tiers.map((t) => drawn.filter((n) => n.tier === t))];
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((n) => groupOf.set(n.id, i)));
  // A tier that only some other tier's nodes point to would leave a hole; fine.

  const behindLb = new Set(topology.edges.filter((e) => topology.nodes.find((n) => n.id === e.from)?.kind === 'load_balancer' && e.kind !== 'vrrp').map((e) => e.to));
  const entryIps = new Set(topology.records.filter((r) => r.type === 'A').map((r) => r.value));
  const ctx: Ctx = { params, opts: fullOpts, behindLb, entryIps };

  // Inner widths per group, shrunk until the layout fits.
  const inner = groups.map((g) => Math.min(params.maxInner, Math.max(params.minInner, ...g.map((n) => naturalInner(n, ctx, topology.records)))));
  if (dns) inner[0] = Math.max(inner[0]!, naturalInner(dns, ctx, topology.records));
  if (!V) inner[0] = Math.min(inner[0]!, Math.max(naturalInner(users, ctx, topology.records), dns ? naturalInner(dns, ctx, topology.records) : 0));
  // users' column hugs its content
  const crossGapOf = (g: TopologyNode[]): number => {
    const hasConnector = edges.some((e) => groupOf.get(e.from) === groupOf.get(e.to) && g.some((n) => n.id === e.from));
    return V ? (hasConnector ? 6 : 3) : 1;
  };
  const totalMain = (): number => (V ? 0 : inner.reduce((s, w) => s + w + 4, 0) + params.gap * (groups.length - 1));
  const totalCross = (): number => (V ? Math.max(...groups.map((g, i) => g.length * (inner[i]! + 4) + (g.length - 1) * crossGapOf(g))) : 0);
  const measure = (): number => (V ? totalCross() : totalMain());
  while (measure() > width) {
    let widest = -1;
    for (let i = 1; i < inner.length; i++) if (inner[i]! > params.minInner && (widest < 0 || inner[i]! > inner[widest]!)) widest = i;
    if (widest < 0) break;
    inner[widest]!--;
  }

  // Boxes.
  const boxes: BoxLayout[] = [];
  const boxOf = new Map<string, BoxLayout>();
  groups.forEach((g, gi) => {
    for (const node of g) {
      const w = inner[gi]! + 4;
      const rows = rowsFor(node, inner[gi]!, ctx, topology.records);
      const badgeParts: string[] = [];
      if (node.firewall) badgeParts.push('firewall');
      if (node.agent) badgeParts.push('agent');
      // Without room for "firewall", the wall drawn on the box's side says it (and the legend names it).
      const short = badgeParts.filter((b) => b !== 'firewall');
      const badges = [badgeParts.join(ascii ? ' ' : ' · '), badgeParts.join(' '), short.join(' ')].find((t) => t.length <= w - 5) ?? '';
      const box: BoxLayout = { id: node.id, node, x: 0, y: 0, w, h: rows.length + 2, title: titleFor(node, inner[gi]!, ctx), rows, badges, entry: 'left' };
      boxes.push(box);
      boxOf.set(node.id, box);
    }
  });
  if (V) {
    // Boxes of a row share their height so that ports line up.
    for (const g of groups) {
      const h = Math.max(...g.map((n) => boxOf.get(n.id)!.h));
      for (const n of g) {
        const b = boxOf.get(n.id)!;
        while (b.h < h) {
          b.rows.push({ kind: 'text', text: '', style: 'text' });
          b.h++;
        }
      }
    }
  }

  // Place: main axis by group, cross axis centred on a common midline.
  const mainSizeOf = (gi: number): number => (V ? Math.max(...groups[gi]!.map((n) => boxOf.get(n.id)!.h)) : inner[gi]! + 4);
  const crossSizeOf = (b: BoxLayout): number => (V ? b.w : b.h);
  let mainCursor = 0;
  const groupMain: Array<{ start: number; end: number }> = [];
  groups.forEach((g, gi) => {
    const size = mainSizeOf(gi);
    groupMain.push({ start: mainCursor, end: mainCursor + size });
    const gapC = crossGapOf(g);
    const total = g.reduce((s, n) => s + crossSizeOf(boxOf.get(n.id)!), 0) + gapC * (g.length - 1);
    let cross = -Math.floor(total / 2);
    if (!V && gi === 0 && dns) {
      // Keep the users box on the midline (straight line to the entry); the DNS sits above it.
      const ub = boxOf.get(users!.id)!;
      cross = -Math.floor(ub.h / 2) - gapC - boxOf.get(dns.id)!.h;
    }
    for (const n of g) {
      const b = boxOf.get(n.id)!;
      if (V) {
        b.y = mainCursor;
        b.x = cross;
      } else {
        b.x = mainCursor;
        b.y = cross;
      }
      cross += crossSizeOf(b) + gapC;
    }
    mainCursor += size + params.gap;
  });

  // Route edges onto a sparse canvas.
  const canvas: Canvas = { cells: new Map(), text: new Map() };
  const routed: EdgeLayout[] = [];
  const skipped: string[] = [];
  const pt = (main: number, cross: number): [number, number] => (V ? [cross, main] : [main, cross]);
  const crossCenter = (b: BoxLayout): number => (V ? b.x + Math.floor(b.w / 2) : b.y + Math.floor(b.h / 2));
  const occupied = (x: number, y: number): boolean =>
    canvas.cells.has(`${x},${y}`) || canvas.text.has(`${x},${y}`) || boxes.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);

  const drawPath = (path: Array<[number, number]>, kind: EdgeKind, startDir: number, arrow: Dir | undefined): void => {
    const weight = WEIGHT[kind];
    const style = edgeStyle(kind);
    const cell = (p: [number, number]) => {
      const k = `${p[0]},${p[1]}`;
      let c = canvas.cells.get(k);
      if (!c) canvas.cells.set(k, (c = { bits: 0, weight, style }));
      c.weight = weight;
      c.style = style;
      return c;
    };
    if (path.length === 0) return;
    cell(path[0]!).bits |= startDir;
    for (let i = 0; i + 1 < path.length; i++) {
      const [x0, y0] = path[i]!;
      const [x1, y1] = path[i + 1]!;
      const d = x1 > x0 ? [E, W] : x1 < x0 ? [W, E] : y1 > y0 ? [S, N] : [N, S];
      cell(path[i]!).bits |= d[0]!;
      cell(path[i + 1]!).bits |= d[1]!;
    }
    if (arrow) cell(path[path.length - 1]!).char = arrowGlyph(arrow, ascii);
  };
  const putLabel = (x: number, y: number, label: string, style: DiagramStyle): boolean => {
    for (let i = 0; i < label.length; i++) if (occupied(x + i, y)) return false;
    for (let i = 0; i < label.length; i++) canvas.text.set(`${x + i},${y}`, { char: label[i]!, style });
    return true;
  };

  const fwd: Dir = V ? 'down' : 'right';
  const startBit = V ? N : W;
  // Gap edges, one gap at a time.
  for (let gi = 0; gi + 1 < groups.length; gi++) {
    const gapEdges = edges.filter((e) => groupOf.get(e.from) === gi && groupOf.get(e.to) === gi + 1);
    if (gapEdges.length === 0) continue;
    const gapStart = groupMain[gi]!.end;
    const arrowMain = groupMain[gi + 1]!.start - 1;
    const sources = [...new Set(gapEdges.map((e) => e.from))];
    const targets = [...new Set(gapEdges.map((e) => e.to))];
    const complete = gapEdges.length === sources.length * targets.length;
    const busOffset = params.gap >= 5 ? 1 : 0;
    for (const [k, e] of gapEdges.entries()) {
      const sb = boxOf.get(e.from)!;
      const tb = boxOf.get(e.to)!;
      const lane = complete || sources.length === 1 || targets.length === 1 ? gapStart + busOffset : Math.min(arrowMain - 1, gapStart + busOffset + k);
      const cs = crossCenter(sb);
      const ct = crossCenter(tb);
      const path: Array<[number, number]> = [];
      for (let m = gapStart; m <= lane; m++) path.push(pt(m, cs));
      for (let c = cs; c !== ct; c += Math.sign(ct - cs)) if (c !== cs) path.push(pt(lane, c));
      if (cs !== ct) path.push(pt(lane, ct));
      for (let m = lane + 1; m <= arrowMain; m++) path.push(pt(m, ct));
      drawPath(path, e.kind, startBit, fwd);
      routed.push({ from: e.from, to: e.to, kind: e.kind, path });
    }
    if (params.labels) {
      const kinds = [...new Set(gapEdges.map((e) => e.kind))];
      const lane = gapStart + busOffset;
      const crosses = gapEdges.map((e) => crossCenter(boxOf.get(e.to)!));
      const topTarget = Math.min(...crosses);
      const busMax = Math.max(...crosses, ...gapEdges.map((e) => crossCenter(boxOf.get(e.from)!)));
      for (const kind of kinds) {
        for (const label of LABELS[kind]) {
          const ok = V ? putLabel(busMax + 2, lane, label, edgeStyle(kind)) : label.length <= arrowMain - lane - 1 && putLabel(lane + 1, topTarget - 1, label, edgeStyle(kind));
          if (ok) break;
        }
      }
    }
  }

  // Connectors between neighbouring boxes of one tier.
  const connectorsPerPair = new Map<string, number>();
  // Horizontal layouts: where the next connector of a pair goes (after the previous one's label).
  const connectorOffset = new Map<string, number>();
  for (const e of edges) {
    const gf = groupOf.get(e.from);
    if (gf === undefined || gf !== groupOf.get(e.to)) continue;
    const g = groups[gf]!;
    const i = g.findIndex((n) => n.id === e.from);
    const j = g.findIndex((n) => n.id === e.to);
    if (Math.abs(i - j) !== 1) {
      skipped.push(`${e.from}>${e.to}`);
      routed.push({ from: e.from, to: e.to, kind: e.kind, path: [] });
      continue;
    }
    const a = boxOf.get(g[Math.min(i, j)]!.id)!;
    const b = boxOf.get(g[Math.max(i, j)]!.id)!;
    const pair = `${a.id}|${b.id}`;
    const k = connectorsPerPair.get(pair) ?? 0;
    connectorsPerPair.set(pair, k + 1);
    const down = i < j; // along the cross axis
    const aEnd = V ? a.x + a.w : a.y + a.h;
    const bStart = V ? b.x : b.y;
    const mainLo = V ? a.y : a.x;
    const offset = connectorOffset.get(pair) ?? 0;
    // A label is drawn whole or not at all (the line's pattern and the legend still say what it is).
    const labelRoom = V ? bStart - aEnd : mainLo + a.w - (mainLo + 2 + offset + 2);
    const label = params.labels || !V ? (LABELS[e.kind].find((l) => l.length <= labelRoom) ?? '') : '';
    connectorOffset.set(pair, offset + label.length + 4);
    const path: Array<[number, number]> = [];
    let m: number;
    if (V) {
      // Inside both boxes' rows, never on a border; the label sits in the gap above.
      m = Math.min(mainLo + 1 + k * 2 + (label ? 1 : 0), mainLo + Math.min(a.h, b.h) - 2);
      for (let c = aEnd; c < bStart; c++) path.push(pt(m, c));
    } else {
      m = mainLo + 2 + offset;
      for (let c = aEnd; c < bStart; c++) path.push(pt(m, c));
    }
    if (!down) path.reverse();
    const dir: Dir = V ? (down ? 'right' : 'left') : down ? 'down' : 'up';
    drawPath(path, e.kind, 0, dir);
    if (label) {
      if (V) putLabel(aEnd, m - 1, label, edgeStyle(e.kind));
      else putLabel(m + 2, aEnd, label, edgeStyle(e.kind));
    }
    routed.push({ from: e.from, to: e.to, kind: e.kind, path });
  }

  // Normalise coordinates so everything starts at (0, 0).
  const xs: number[] = [];
  const ys: number[] = [];
  for (const b of boxes) {
    xs.push(b.x, b.x + b.w - 1);
    ys.push(b.y, b.y + b.h - 1);
  }
  for (const k of [...canvas.cells.keys(), ...canvas.text.keys()]) {
    const [x, y] = k.split(',').map(Number) as [number, number];
    xs.push(x);
    ys.push(y);
  }
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const gridW = Math.max(...xs) - minX + 1;
  const gridH = Math.max(...ys) - minY + 1;
  for (const b of boxes) {
    b.x -= minX;
    b.y -= minY;
  }
  for (const r of routed) r.path = r.path.map(([x, y]) => [x - minX, y - minY] as [number, number]);
  const chars: string[][] = Array.from({ length: gridH }, () => Array<string>(gridW).fill(' '));
  const styles: DiagramStyle[][] = Array.from({ length: gridH }, () => Array<DiagramStyle>(gridW).fill('text'));
  for (const [k, c] of canvas.cells) {
    const [x, y] = k.split(',').map(Number) as [number, number];
    chars[y - minY]![x - minX] = c.char ?? lineGlyph(c.bits, c.weight, ascii);
    styles[y - minY]![x - minX] = c.style;
  }
  for (const [k, t] of canvas.text) {
    const [x, y] = k.split(',').map(Number) as [number, number];
    chars[y - minY]![x - minX] = t.char;
    styles[y - minY]![x - minX] = t.style;
  }

  const header: StyledLine[] = [];
  if (!dnsInBox && hasRecords) {
    const recs = topology.records.length > 0 ? topology.records.map((r) => `${r.name}  ${r.type}  ${r.value}`) : dnsNode!.components;
    header.push([
      { text: 'DNS ', style: 'title' },
      { text: recs.slice(0, 2).join('   '), style: 'dns' },
    ]);
  }

  const order = groups
    .slice(1)
    .flatMap((g) => g.map((n) => n.id));
  const loadBalancers = drawn.filter((n) => n.kind === 'load_balancer').map((n) => n.id);
  const headerWidth = Math.max(0, ...header.map((l) => l.reduce((s, seg) => s + seg.text.length, 0)));

  return {
    mode: params.mode,
    ascii,
    width: Math.max(gridW, Math.min(headerWidth, width)),
    height: gridH + header.length,
    boxes,
    edges: routed,
    header,
    base: { chars, styles },
    options: { width, ascii, live: fullOpts.live, dense: fullOpts.dense, labelsLarge: fullOpts.labelsLarge, highlight: opts.highlight, show: opts.show, selected: opts.selected },
    loadBalancers,
    order,
    skipped,
  };
}
