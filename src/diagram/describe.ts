/**
 * A diagram's text alternative: the same topology (+ optional live snapshot) as a
 * list of sentences, one per machine, in the order a request travels (users, DNS,
 * load balancers, web, app, database, monitoring), each naming what the machine is,
 * its state and every edge it sends on with the state of the other end:
 *
 *   "lb-1, load balancer (HAProxy roundrobin), up, sends HTTP to web-1 (up) and web-2 (down; lb-1 sees it UP)"
 *
 * Pure: read by a screen reader, the help-style overlay of the normal UI and tests.
 */
import type { EdgeKind, NodeSnapshot, Snapshot, Topology, TopologyEdge, TopologyNode } from '../sim/types';

export interface DescribeOptions {
  /** If given, only these node ids are described (users and DNS always are), as the drawing does. */
  show?: readonly string[];
  /** Node ids the drawing emphasises: said as "highlighted". */
  highlight?: readonly string[];
}

const EDGE_WORDS: Record<EdgeKind, string> = {
  https: 'HTTPS',
  http: 'HTTP',
  sql: 'SQL queries',
  replication: 'replication',
  vrrp: 'VRRP adverts',
  dns: 'DNS lookups',
  metrics: 'metrics',
};

/** The words an edge kind is said with (every edge's sentence contains them). */
export function edgeWords(kind: EdgeKind): string {
  return EDGE_WORDS[kind];
}

const TLS_WORDS = { none: '', terminate: 'TLS ends here', passthrough: 'TLS passed through', reencrypt: 'TLS ends here and is re-encrypted to the back ends' } as const;

function kindWords(node: TopologyNode): string {
  switch (node.kind) {
    case 'users':
      return 'the users (browsers)';
    case 'dns':
      return 'DNS';
    case 'load_balancer':
      return `load balancer (${[node.algorithm ? `HAProxy ${node.algorithm}` : 'HAProxy', ...node.components.slice(1)].join(', ')})`;
    case 'server':
      return `server${node.components.length ? ` (${node.components.join(', ')})` : ''}`;
    case 'monitoring':
      return `monitoring service${node.label && node.label !== node.id ? ` ${node.label}` : ''}`;
    case 'admin':
      return "the operator's workstation";
  }
}

function stateWords(snap: NodeSnapshot | undefined): string[] {
  if (!snap) return [];
  const out: string[] = [snap.state];
  if (snap.vrrpState) out.push(`VRRP ${snap.vrrpState}`);
  if (snap.dbRole) out.push(snap.dbRole);
  if (snap.replication === 'stopped') out.push('replication stopped');
  if (snap.replicationLagMs !== undefined && snap.dbRole === 'replica') out.push(`lag ${Math.round(snap.replicationLagMs)} ms`);
  const procs = Object.entries(snap.processes ?? {}).filter(([, s]) => s !== 'up' && s !== snap.state);
  for (const [name, s] of procs) out.push(`${name} ${s}`);
  if (snap.state === 'up' || snap.state === 'draining') out.push(`${Math.round(snap.utilization * 100)}% busy`);
  return out;
}

/** "web-2 (down; lb-1 sees it UP)" — the far end of an edge with its state. */
function target(to: string, from: TopologyNode, snapshot: Snapshot | undefined): string {
  const snap = snapshot?.nodes[to];
  if (!snap) return to;
  const view = from.kind === 'load_balancer' ? snap.lbView?.[from.id] : undefined;
  const parts: string[] = [snap.state];
  if (view && view.toLowerCase() !== snap.state) parts.push(`${from.id} sees it ${view}`);
  return `${to} (${parts.join('; ')})`;
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The text alternative of a diagram: one sentence per machine, users first,
 * the database near the end. Every drawn node and every edge between drawn
 * nodes is named.
 */
export function describeDiagram(topology: Topology, snapshot?: Snapshot, opts: DescribeOptions = {}): string[] {
  const shown = (id: string): boolean => !opts.show || id === 'users' || id === 'dns' || opts.show.includes(id);
  const nodes = topology.nodes.filter((n) => shown(n.id)).sort((a, b) => a.tier - b.tier);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const lines: string[] = [];
  for (const node of nodes) {
    const parts: string[] = [node.id];
    parts.push(kindWords(node));
    if (node.kind === 'dns') {
      const records = topology.records.map((r) => `${r.name} ${r.type} ${r.value}`);
      parts.push(records.length ? `record${records.length > 1 ? 's' : ''} ${records.join(', ')}` : 'no records');
    }
    if (node.ip) parts.push(`IP ${node.ip}`);
    if (node.vip) {
      const holder = snapshot?.nodes[node.id]?.vipHolder;
      parts.push(holder === undefined ? `shares the virtual IP ${node.vip}` : holder ? `holds the virtual IP ${node.vip}` : `stands by for the virtual IP ${node.vip}`);
    }
    if (node.tls && node.tls !== 'none') parts.push(TLS_WORDS[node.tls]);
    if (node.firewall) parts.push('firewall');
    if (node.agent) parts.push('monitoring agent');
    if (opts.highlight?.includes(node.id)) parts.push('highlighted');
    parts.push(...stateWords(snapshot?.nodes[node.id]));
    const out = topology.edges.filter((e) => e.from === node.id && byId.has(e.to));
    const kinds = [...new Set(out.map((e) => e.kind))];
    for (const kind of kinds) {
      const targets = out.filter((e: TopologyEdge) => e.kind === kind).map((e) => target(e.to, node, snapshot));
      parts.push(`sends ${EDGE_WORDS[kind]} to ${joinAnd(targets)}`);
    }
    lines.push(parts.join(', '));
  }
  return lines;
}
