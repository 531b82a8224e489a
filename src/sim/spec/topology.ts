/**
 * A scenario's static shape for drawing: who talks to whom, on which tier, with which
 * components. Pure; the diagram module turns it into lines.
 */
import type { LoadBalancerSpec, Scenario, ServerSpec, Topology, TopologyEdge, TopologyNode } from './types';

/** Fixed ids of the nodes the topology adds around the scenario's own. */
export const USERS_ID = 'users';
export const DNS_ID = 'dns';
export const MONITORING_ID = 'monitoring';
export const ADMIN_ID = 'admin';

/** Tier (left-to-right column) of a server: by the first tier among its roles. */
function serverTier(s: ServerSpec): number {
  if (s.roles.includes('web')) return 3;
  if (s.roles.includes('app')) return 4;
  return 5;
}

/**
 * Build the drawable topology: users, the DNS, the scenario's nodes with their
 * component names ("Nginx", "App server", "Code base", "MySQL (primary)"…), and the
 * edges requests, SQL, replication, VRRP adverts and metrics travel on.
 */
export function buildTopology(scenario: Scenario): Topology {
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const seen = new Set<string>();
  const edge = (from: string, to: string, kind: TopologyEdge['kind']) => {
    if (from === to) return; // work inside one host travels on no network edge
    const key = `${from}>${to}>${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to, kind });
  };
  const lbs = scenario.nodes.filter((n): n is LoadBalancerSpec => n.kind === 'load_balancer');
  const servers = scenario.nodes.filter((n): n is ServerSpec => n.kind === 'server');
  const hasReplicas = servers.some((s) => s.db?.role === 'replica');
  const https = (scenario.workload.https_ratio ?? 0) >= 0.5;

  nodes.push({ id: USERS_ID, kind: 'users', label: 'Users', roles: [], components: [], tier: 0, firewall: false, agent: false });
  nodes.push({ id: DNS_ID, kind: 'dns', label: 'DNS', roles: [], components: (scenario.dns?.records ?? []).map((r) => `${r.name} ${r.type} ${r.value}`), tier: 1, firewall: false, agent: false });
  edge(USERS_ID, DNS_ID, 'dns');

  const pointedAt = new Set(lbs.flatMap((l) => l.to));
  for (const lb of lbs) {
    const components = ['HAProxy'];
    if (lb.vrrp) components.push('keepalived');
    if (lb.tls === 'terminate' || lb.tls === 'reencrypt') components.push('SSL certificate');
    nodes.push({
      id: lb.id,
      kind: 'load_balancer',
      label: lb.label ?? lb.id,
      ip: lb.ip,
      roles: [],
      components,
      tier: 2,
      firewall: !!lb.firewall,
      ...(lb.firewall ? { allow: lb.firewall.allow } : {}),
      agent: !!lb.agent,
      tls: lb.tls ?? 'none',
      vip: lb.vrrp?.vip,
    });
    const front = lb.tls && lb.tls !== 'none' ? 'https' : https ? 'https' : 'http';
    if (!pointedAt.has(lb.id)) edge(USERS_ID, lb.id, front);
    const back = lb.tls === 'passthrough' || lb.tls === 'reencrypt' ? 'https' : 'http';
    for (const t of lb.to) edge(lb.id, t, back);
  }
  // VRRP pairs: one edge between consecutive members of each VIP group.
  const byVip = new Map<string, LoadBalancerSpec[]>();
  for (const lb of lbs) if (lb.vrrp) byVip.set(lb.vrrp.vip, [...(byVip.get(lb.vrrp.vip) ?? []), lb]);
  for (const group of byVip.values()) for (let i = 1; i < group.length; i++) edge(group[i - 1]!.id, group[i]!.id, 'vrrp');

  for (const s of servers) {
    const components: string[] = [];
    if (s.roles.includes('web')) components.push('Nginx');
    if (s.roles.includes('app')) components.push('App server', 'Code base');
    if (s.db) components.push(hasReplicas ? `MySQL (${s.db.role})` : 'MySQL');
    nodes.push({
      id: s.id,
      kind: 'server',
      label: s.label ?? s.id,
      ip: s.ip,
      roles: [...s.roles],
      components,
      tier: serverTier(s),
      firewall: !!s.firewall,
      ...(s.firewall ? { allow: s.firewall.allow } : {}),
      agent: !!s.agent,
      dbRole: s.db?.role,
    });
    if (lbs.length === 0 && (s.roles.includes('web') || s.roles.includes('app'))) edge(USERS_ID, s.id, https ? 'https' : 'http');
    for (const u of s.web?.upstream ?? []) edge(s.id, u, 'http');
    if (s.app?.db) edge(s.id, s.app.db, 'sql');
    for (const r of s.app?.read_from ?? []) edge(s.id, r, 'sql');
    if (s.db?.role === 'replica' && s.db.of) edge(s.db.of, s.id, 'replication');
  }
  const agents = scenario.nodes.filter((n) => n.agent);
  if (agents.length > 0 || scenario.monitoring) {
    nodes.push({ id: MONITORING_ID, kind: 'monitoring', label: scenario.monitoring?.service ?? 'Monitoring', roles: [], components: [], tier: 6, firewall: false, agent: false });
    for (const a of agents) edge(a.id, MONITORING_ID, 'metrics');
  }
  if (scenario.nodes.some((n) => n.firewall?.allow.some((r) => r.from === ADMIN_ID))) {
    nodes.push({ id: ADMIN_ID, kind: 'admin', label: 'Admin', roles: [], components: [], tier: 0, firewall: false, agent: false });
  }
  return { domain: scenario.domain, records: scenario.dns?.records ?? [], nodes, edges };
}
