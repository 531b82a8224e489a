/**
 * The design editor's model: a design is a scenario (the same shape as
 * assets/scenarios/*.yaml, without the defaults the loader fills in), edited by
 * named actions through one pure reducer, with undo. No React, no Ink: the editor
 * screen only dispatches, and the tests drive this directly.
 *
 * Every action leaves the design consistent: references to removed machines or
 * roles are dropped (`prune`), the entry point keeps the address the DNS record
 * names, and a monitoring service exists exactly when some machine has an agent.
 */
import type {
  Algorithm,
  DnsRecord,
  FirewallRule,
  HealthCheckSpec,
  LoadBalancerSpec,
  NodeSpec,
  Role,
  Scenario,
  ServerSpec,
  TlsMode,
  VrrpSpec,
} from '../../sim/types';

/** The entry address the course uses (a placeholder, as in CURRICULUM.md). */
export const ENTRY_IP = '8.8.8.8';
/** The second public address of an active-active pair. */
export const SECOND_ENTRY_IP = '8.8.4.4';
export const DOMAIN = 'foobar.com';
/** How many designs undo remembers. */
export const UNDO_LIMIT = 200;

export type HealthCheckType = 'tcp' | 'http';
/** keepalived's `vrrp_script` tracked by the instance (simulator v2 field). */
export interface TrackScript {
  interval_s?: number;
  fall?: number;
  rise?: number;
}
/** A load balancer as the editor writes it: the scenario's fields plus the v2 check type and track_script. */
export type EditorLb = Omit<LoadBalancerSpec, 'health_check' | 'vrrp'> & {
  health_check?: HealthCheckSpec & { type?: HealthCheckType; path?: string };
  vrrp?: VrrpSpec & { track_script?: TrackScript };
};
export type EditorNode = EditorLb | ServerSpec;

/** How the load balancers are clustered. */
export type ClusterMode = 'single' | 'active-passive' | 'active-passive-track' | 'active-active';
export const CLUSTER_MODES: readonly ClusterMode[] = ['single', 'active-passive', 'active-passive-track', 'active-active'];
export type DbChoice = 'none' | 'primary' | 'replica';
export const TLS_MODES: readonly TlsMode[] = ['none', 'terminate', 'reencrypt', 'passthrough'];
export const ALGORITHM_CHOICES: readonly Algorithm[] = ['roundrobin', 'leastconn', 'source', 'random', 'static-rr', 'first'];
/** Ports offered when editing a firewall rule. */
export const RULE_PORTS: readonly (number | 'any')[] = [22, 80, 443, 3306, 8000, 'any'];
/** The pseudo-machine that holds the DNS record in the machine list. */
export const DNS_ID = 'dns';

export interface EditorState {
  design: Scenario;
  /** Selected machine id, or {@link DNS_ID}. */
  selected: string;
  /** Earlier designs, newest last. */
  past: Scenario[];
  /** One sentence about the last action (what changed, or why nothing did). */
  note?: string;
}

export type EditorAction =
  | { type: 'select'; id: string }
  | { type: 'selectNext'; delta: 1 | -1 }
  | { type: 'addServer' }
  | { type: 'addLoadBalancer' }
  | { type: 'remove'; id: string }
  | { type: 'setRole'; id: string; role: 'web' | 'app'; on: boolean }
  | { type: 'setDb'; id: string; db: DbChoice; of?: string }
  | { type: 'setAlgorithm'; id: string; algorithm: Algorithm }
  | { type: 'setHealthCheck'; id: string; check: HealthCheckType }
  | { type: 'setRedispatch'; id: string; on: boolean }
  | { type: 'setTls'; id: string; tls: TlsMode }
  | { type: 'setCluster'; mode: ClusterMode }
  | { type: 'setFirewall'; id: string; on: boolean }
  | { type: 'addRule'; id: string; rule?: FirewallRule }
  | { type: 'removeRule'; id: string; index: number }
  | { type: 'setRule'; id: string; index: number; rule: FirewallRule }
  | { type: 'setAgent'; id: string; on: boolean }
  | { type: 'setDns'; index: number; record: Partial<Pick<DnsRecord, 'type' | 'value'>> }
  /** A load balancer sends to a server (`to`), a web server proxies to an app server (`upstream`), an app reads from a database (`read_from`). */
  | { type: 'setLink'; from: string; to: string; on: boolean }
  /** Where an app server writes (its `db`); undefined = the loader's default. */
  | { type: 'setWriteDb'; id: string; db?: string }
  | { type: 'load'; design: Scenario }
  | { type: 'undo' };

// ------------------------------------------------------------------ queries

export const isLb = (n: NodeSpec | EditorNode | undefined): n is EditorLb => n?.kind === 'load_balancer';
export const isServer = (n: NodeSpec | EditorNode | undefined): n is ServerSpec => n?.kind === 'server';
export const lbsOf = (d: Scenario): EditorLb[] => d.nodes.filter(isLb);
export const serversOf = (d: Scenario): ServerSpec[] => d.nodes.filter(isServer);
export const nodeOf = (d: Scenario, id: string): EditorNode | undefined => d.nodes.find((n) => n.id === id);
const answersHttp = (s: ServerSpec): boolean => s.roles.includes('web') || s.roles.includes('app');

/** The machine list in the editor: the DNS record first, then the machines in file order. */
export function machineIds(d: Scenario): string[] {
  return [DNS_ID, ...d.nodes.map((n) => n.id)];
}

/** Load balancers nobody else sends to: where users arrive. */
export function entryLbs(d: Scenario): EditorLb[] {
  const pointed = new Set(lbsOf(d).flatMap((l) => l.to));
  return lbsOf(d).filter((l) => !pointed.has(l.id));
}

/** How the load balancers are clustered now. */
export function clusterMode(d: Scenario): ClusterMode {
  const lbs = entryLbs(d);
  if (lbs.length < 2) return 'single';
  const vrrp = lbs.filter((l) => l.vrrp);
  if (vrrp.length >= 2) return vrrp.every((l) => l.vrrp?.track_script) ? 'active-passive-track' : 'active-passive';
  return 'active-active';
}

/** Addresses a `www` A record can name: each machine's and each VIP. */
export function addressChoices(d: Scenario): string[] {
  const out: string[] = [];
  for (const l of lbsOf(d)) if (l.vrrp?.vip && !out.includes(l.vrrp.vip)) out.push(l.vrrp.vip);
  for (const n of d.nodes) if (n.ip && !out.includes(n.ip)) out.push(n.ip);
  if (!out.includes(ENTRY_IP)) out.unshift(ENTRY_IP);
  return out;
}

/** Names a `www` CNAME can point to. */
export function nameChoices(d: Scenario): string[] {
  const domain = d.domain ?? DOMAIN;
  return [domain, `lb.${domain}`, `web.${domain}`];
}

// ------------------------------------------------------------------ construction

/** A design with nothing in it yet (task 0 starts here). */
export function emptyDesign(task = 0): Scenario {
  return {
    name: `My design (task ${task})`,
    id: `task-${task}`,
    description: `The learner's own design for task ${task}.`,
    seed: 7,
    duration_s: 120,
    warmup_s: 10,
    domain: DOMAIN,
    dns: { records: [{ name: `www.${DOMAIN}`, type: 'A', value: ENTRY_IP, ttl_s: 300 }] },
    network: { hop_ms: 1, client_ms: 25 },
    workload: { rate_rps: 100, write_ratio: 0.1, static_ratio: 0.3, arrival: 'poisson' },
    nodes: [],
    timeline: [],
  };
}

/** The editor's first state for a design (selection on its first machine, or the DNS record). */
export function initialEditorState(design: Scenario): EditorState {
  return { design, selected: design.nodes[0]?.id ?? DNS_ID, past: [] };
}

// ------------------------------------------------------------------ helpers

function clone<T>(x: T): T {
  return structuredClone(x);
}

function freshId(d: Scenario, prefix: string): string {
  for (let i = 1; ; i++) if (!d.nodes.some((n) => n.id === `${prefix}-${i}`)) return `${prefix}-${i}`;
}

function freshIp(d: Scenario, from: number, extra: string[] = []): string {
  const used = new Set([...d.nodes.map((n) => n.ip), ...lbsOf(d).map((l) => l.vrrp?.vip), ...extra]);
  for (let i = from; i < 255; i++) if (!used.has(`10.0.0.${i}`)) return `10.0.0.${i}`;
  return `10.0.1.${d.nodes.length}`;
}

/** Give `node` the address `ip`, moving whoever held it to a private one. */
function claimIp(d: Scenario, node: EditorNode, ip: string): void {
  for (const other of d.nodes) {
    if (other !== node && other.ip === ip) other.ip = freshIp(d, isLb(other) ? 1 : 11, [ip]);
  }
  node.ip = ip;
}

function wwwRecords(d: Scenario): DnsRecord[] {
  d.dns ??= { records: [] };
  return d.dns.records;
}

/** Point `www` at these addresses (A records), keeping other records. */
function setWwwA(d: Scenario, ips: string[]): void {
  const www = `www.${d.domain ?? DOMAIN}`;
  const rest = wwwRecords(d).filter((r) => r.name !== www);
  const ttl = wwwRecords(d).find((r) => r.name === www)?.ttl_s ?? 300;
  d.dns = { ...d.dns, records: [...ips.map((value) => ({ name: www, type: 'A' as const, value, ttl_s: ttl })), ...rest] };
}

/** Whether `www` is an A record naming `ip`. */
function wwwPointsAt(d: Scenario, ip: string): boolean {
  const www = `www.${d.domain ?? DOMAIN}`;
  return wwwRecords(d).some((r) => r.name === www && r.type === 'A' && r.value === ip);
}

const roleDefaults = {
  web: { workers: 8, service_ms: 2, static_ms: 1 },
  app: { workers: 4, service_ms: 15 },
  db: { workers: 8, service_ms: 3 },
};

/** Sensible allow rules for a machine, from who talks to it. */
export function defaultRules(d: Scenario, id: string): FirewallRule[] {
  const n = nodeOf(d, id);
  if (!n) return [];
  const rules: FirewallRule[] = [];
  const add = (port: number, from: string) => {
    if (!rules.some((r) => r.port === port && r.from === from)) rules.push({ port, from });
  };
  if (isLb(n)) {
    const pointed = lbsOf(d).filter((l) => l.to.includes(n.id));
    if (pointed.length) for (const l of pointed) add(80, l.id);
    else {
      add(80, 'any');
      if (n.tls && n.tls !== 'none') add(443, 'any');
    }
  } else {
    if (n.roles.includes('web')) {
      const lbs = lbsOf(d).filter((l) => l.to.includes(n.id));
      if (lbs.length) for (const l of lbs) add(80, l.id);
      else add(80, 'any');
    }
    if (n.roles.includes('app') && !n.roles.includes('web')) {
      const webs = serversOf(d).filter((s) => s.web?.upstream?.includes(n.id));
      const lbs = lbsOf(d).filter((l) => l.to.includes(n.id));
      for (const w of webs) add(8000, w.id);
      for (const l of lbs) add(8000, l.id);
    }
    if (n.db) {
      for (const s of serversOf(d)) {
        if (s.id === n.id || !s.app) continue;
        const writes = s.app.db === n.id || (s.app.db === undefined && n.db.role === 'primary');
        if (writes || s.app.read_from?.includes(n.id)) add(3306, s.id);
      }
      for (const s of serversOf(d)) if (s.db?.role === 'replica' && s.db.of === n.id) add(3306, s.id);
      if (n.db.role === 'replica' && n.db.of) add(3306, n.db.of);
    }
  }
  add(22, 'admin');
  return rules;
}

/**
 * Drop every reference that no longer holds: LB targets that are gone or answer no
 * HTTP, upstreams without an app, databases without a db role, replicas of a
 * non-primary, firewall rules from removed machines; keep monitoring in step with
 * the agents.
 */
export function prune(d: Scenario): void {
  const ids = new Set(d.nodes.map((n) => n.id));
  const server = (id: string) => serversOf(d).find((s) => s.id === id);
  for (const n of d.nodes) {
    if (isLb(n)) {
      n.to = n.to.filter((t) => {
        const s = server(t);
        return s ? answersHttp(s) : false;
      });
      if (n.weights) {
        n.weights = Object.fromEntries(Object.entries(n.weights).filter(([k]) => n.to.includes(k)));
        if (Object.keys(n.weights).length === 0) delete n.weights;
      }
    } else if (isServer(n)) {
      if (n.web && !n.roles.includes('web')) delete n.web;
      if (n.app && !n.roles.includes('app')) delete n.app;
      if (n.db && !n.roles.includes('db')) delete n.db;
      if (n.web?.upstream) {
        n.web.upstream = n.web.upstream.filter((u) => server(u)?.roles.includes('app'));
        if (n.web.upstream.length === 0) delete n.web.upstream;
      }
      if (n.app) {
        if (n.app.db !== undefined && !server(n.app.db)?.db) delete n.app.db;
        if (n.app.read_from) {
          n.app.read_from = n.app.read_from.filter((r) => server(r)?.db);
          if (n.app.read_from.length === 0) delete n.app.read_from;
        }
      }
      if (n.db?.role === 'replica' && n.db.of !== undefined && server(n.db.of)?.db?.role !== 'primary') {
        const other = serversOf(d).find((s) => s.id !== n.id && s.db?.role === 'primary');
        if (other) n.db.of = other.id;
        else delete n.db.of;
      }
    }
    if (n.firewall) n.firewall.allow = n.firewall.allow.filter((r) => r.from === 'any' || r.from === 'admin' || ids.has(r.from));
  }
  // VRRP groups of one are not a pair.
  const byVip = new Map<string, EditorLb[]>();
  for (const l of lbsOf(d)) if (l.vrrp) byVip.set(l.vrrp.vip, [...(byVip.get(l.vrrp.vip) ?? []), l]);
  for (const group of byVip.values()) if (group.length < 2) for (const l of group) delete l.vrrp;
  // Timeline events on removed machines go too.
  d.timeline = d.timeline.filter((e) => e.node === undefined || ids.has(e.node));
  const agents = d.nodes.some((n) => n.agent);
  if (agents && !d.monitoring) d.monitoring = { service: 'Sumo Logic', interval_s: 15 };
  if (!agents && d.monitoring && !(d.monitoring.alerts?.length)) delete d.monitoring;
}

// ------------------------------------------------------------------ the reducer

/** Apply one action. Design changes push the previous design on the undo stack. */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'select':
      return machineIds(state.design).includes(action.id) ? { ...state, selected: action.id, note: undefined } : state;
    case 'selectNext': {
      const ids = machineIds(state.design);
      const i = Math.max(0, ids.indexOf(state.selected));
      return { ...state, selected: ids[(i + action.delta + ids.length) % ids.length]!, note: undefined };
    }
    case 'undo': {
      const previous = state.past[state.past.length - 1];
      if (!previous) return { ...state, note: 'Nothing to undo.' };
      const ids = machineIds(previous);
      return { design: previous, past: state.past.slice(0, -1), selected: ids.includes(state.selected) ? state.selected : (ids[1] ?? DNS_ID), note: 'Undone.' };
    }
    case 'load':
      return initialEditorState(action.design);
    default: {
      const d = clone(state.design);
      const result = edit(d, action);
      if (typeof result === 'string' && result.startsWith('!')) return { ...state, note: result.slice(1) };
      prune(d);
      const past = [...state.past, state.design].slice(-UNDO_LIMIT);
      // A machine just added is selected (a load balancer is inserted before the servers, not last).
      const added = action.type === 'addServer' || action.type === 'addLoadBalancer' ? d.nodes.find((n) => !state.design.nodes.some((o) => o.id === n.id)) : undefined;
      const selected = added ? added.id : machineIds(d).includes(state.selected) ? state.selected : DNS_ID;
      return { design: d, past, selected, note: typeof result === 'string' ? result : undefined };
    }
  }
}

/** Change `d` in place; returns a note, or a note starting with "!" when nothing could change. */
function edit(d: Scenario, action: EditorAction): string | void {
  switch (action.type) {
    case 'addServer': {
      const id = freshId(d, 'server');
      const s: ServerSpec = { id, kind: 'server', roles: [] };
      d.nodes.push(s);
      // The first machine of an empty design is where users arrive.
      if (d.nodes.length === 1 && wwwPointsAt(d, ENTRY_IP)) claimIp(d, s, ENTRY_IP);
      else s.ip = freshIp(d, 11);
      return `Added ${id}: give it components.`;
    }
    case 'addLoadBalancer': {
      const id = freshId(d, 'lb');
      const lb: EditorLb = { id, kind: 'load_balancer', algorithm: 'roundrobin', to: serversOf(d).filter(answersHttp).map((s) => s.id) };
      const first = entryLbs(d).length === 0;
      d.nodes.splice(lbsOf(d).length, 0, lb);
      if (first) {
        claimIp(d, lb, ENTRY_IP);
        setWwwA(d, [ENTRY_IP]);
      } else lb.ip = freshIp(d, 1);
      return `Added ${id}${lb.to.length ? `, sending to ${lb.to.join(', ')}` : ''}.`;
    }
    case 'remove': {
      const i = d.nodes.findIndex((n) => n.id === action.id);
      if (i < 0) return '!Select a machine to remove (the DNS record stays).';
      const [gone] = d.nodes.splice(i, 1);
      // Its public address passes to the next entry point.
      if (gone?.ip === ENTRY_IP) {
        const next = entryLbs(d)[0] ?? serversOf(d).find(answersHttp);
        if (next && !next.ip?.startsWith('8.')) claimIp(d, next, ENTRY_IP);
      }
      return `Removed ${action.id}.`;
    }
    case 'setRole': {
      const s = nodeOf(d, action.id);
      if (!isServer(s)) return '!Only a server runs Nginx or an application.';
      if (action.on && !s.roles.includes(action.role)) {
        s.roles = (['web', 'app', 'db'] as Role[]).filter((r) => r === action.role || s.roles.includes(r));
        if (action.role === 'web') s.web = { ...roleDefaults.web };
        else s.app = { ...roleDefaults.app };
        // A new front end joins the load balancers' pools (an app server only when no Nginx is in front).
        const front = action.role === 'web' || !serversOf(d).some((x) => x.roles.includes('web'));
        if (front) for (const l of entryLbs(d)) if (!l.to.includes(s.id)) l.to.push(s.id);
        // Nginx on its own proxies to the app servers on their own, and they to it.
        const appOnly = (x: ServerSpec) => x.roles.includes('app') && !x.roles.includes('web');
        if (action.role === 'web' && !s.roles.includes('app')) s.web!.upstream = serversOf(d).filter(appOnly).map((x) => x.id);
        if (action.role === 'app' && !s.roles.includes('web'))
          for (const w of serversOf(d)) if (w.web && !w.roles.includes('app') && !w.web.upstream?.includes(s.id)) w.web.upstream = [...(w.web.upstream ?? []), s.id];
      } else if (!action.on) s.roles = s.roles.filter((r) => r !== action.role);
      return;
    }
    case 'setDb': {
      const s = nodeOf(d, action.id);
      if (!isServer(s)) return '!Only a server runs MySQL.';
      if (action.db === 'none') {
        s.roles = s.roles.filter((r) => r !== 'db');
        delete s.db;
        return;
      }
      if (!s.roles.includes('db')) s.roles = [...s.roles, 'db'];
      if (action.db === 'primary') s.db = { role: 'primary', ...roleDefaults.db };
      else {
        const of = action.of ?? serversOf(d).find((x) => x.id !== s.id && x.db?.role === 'primary')?.id;
        if (!of) {
          if (!s.db) s.roles = s.roles.filter((r) => r !== 'db');
          return '!A replica copies a primary: make another machine the MySQL primary first.';
        }
        s.db = { role: 'replica', of, ...roleDefaults.db };
      }
      return;
    }
    case 'setAlgorithm':
    case 'setHealthCheck':
    case 'setRedispatch':
    case 'setTls': {
      const l = nodeOf(d, action.id);
      if (!isLb(l)) return '!That setting belongs to a load balancer.';
      // Cluster members share their settings: HAProxy is configured the same on both.
      for (const m of clusterMembers(d, l)) {
        if (action.type === 'setAlgorithm') m.algorithm = action.algorithm;
        else if (action.type === 'setRedispatch') m.redispatch = action.on || undefined;
        else if (action.type === 'setTls') m.tls = action.tls === 'none' ? undefined : action.tls;
        else {
          const hc = { ...m.health_check };
          if (action.check === 'http') Object.assign(hc, { type: 'http', path: '/health' });
          else {
            delete hc.type;
            delete hc.path;
          }
          m.health_check = Object.keys(hc).length ? hc : undefined;
        }
        if (m.health_check === undefined) delete m.health_check;
        if (m.redispatch === undefined) delete m.redispatch;
        if (m.tls === undefined) delete m.tls;
      }
      return;
    }
    case 'setCluster':
      return setCluster(d, action.mode);
    case 'setFirewall': {
      const n = nodeOf(d, action.id);
      if (!n) return '!Select a machine first.';
      if (action.on) n.firewall = { allow: defaultRules(d, n.id) };
      else delete n.firewall;
      return action.on ? `Firewall on ${n.id}: ${n.firewall!.allow.length} allow rules, everything else dropped.` : undefined;
    }
    case 'addRule': {
      const n = nodeOf(d, action.id);
      if (!n) return '!Select a machine first.';
      n.firewall ??= { allow: [] };
      n.firewall.allow.push(action.rule ?? { port: 80, from: 'any' });
      return;
    }
    case 'removeRule':
    case 'setRule': {
      const n = nodeOf(d, action.id);
      if (!n?.firewall || !n.firewall.allow[action.index]) return '!No such firewall rule.';
      if (action.type === 'removeRule') n.firewall.allow.splice(action.index, 1);
      else n.firewall.allow[action.index] = action.rule;
      return;
    }
    case 'setAgent': {
      const n = nodeOf(d, action.id);
      if (!n) return '!Select a machine first.';
      if (action.on) n.agent = true;
      else delete n.agent;
      return;
    }
    case 'setDns': {
      const records = wwwRecords(d);
      const r = records[action.index];
      if (!r) return '!No such DNS record.';
      const next = { ...r, ...action.record };
      if (action.record.type && action.record.type !== r.type && action.record.value === undefined) {
        next.value = next.type === 'A' ? ENTRY_IP : next.type === 'CNAME' ? nameChoices(d)[0]! : r.value;
      }
      records[action.index] = next;
      return;
    }
    case 'setLink': {
      const from = nodeOf(d, action.from);
      const to = nodeOf(d, action.to);
      if (!from || !isServer(to)) return '!Only a server can be talked to.';
      if (isLb(from)) {
        if (action.on && !answersHttp(to)) return `!${to.id} runs neither Nginx nor an app: give it one first.`;
        for (const m of clusterMembers(d, from)) {
          m.to = action.on ? (m.to.includes(to.id) ? m.to : [...m.to, to.id]) : m.to.filter((t) => t !== to.id);
        }
        return;
      }
      if (from.web && to.roles.includes('app') && !to.db) {
        const up = from.web.upstream ?? [];
        from.web.upstream = action.on ? (up.includes(to.id) ? up : [...up, to.id]) : up.filter((u) => u !== to.id);
        return;
      }
      if (from.app && to.db) {
        const rf = from.app.read_from ?? [];
        from.app.read_from = action.on ? (rf.includes(to.id) ? rf : [...rf, to.id]) : rf.filter((r) => r !== to.id);
        return;
      }
      if (from.web && to.roles.includes('app')) {
        const up = from.web.upstream ?? [];
        from.web.upstream = action.on ? (up.includes(to.id) ? up : [...up, to.id]) : up.filter((u) => u !== to.id);
        return;
      }
      return `!${from.id} does not talk to ${to.id}.`;
    }
    case 'setWriteDb': {
      const s = nodeOf(d, action.id);
      if (!isServer(s) || !s.app) return '!Only an app server writes to a database.';
      if (action.db === undefined) delete s.app.db;
      else s.app.db = action.db;
      return;
    }
  }
}

/** The load balancers configured together with `l` (its VRRP or DNS partner), `l` first. */
export function clusterMembers(d: Scenario, l: EditorLb): EditorLb[] {
  const entries = entryLbs(d);
  if (!entries.includes(l) || clusterMode(d) === 'single') return [l];
  return [l, ...entries.filter((e) => e !== l)];
}

function setCluster(d: Scenario, mode: ClusterMode): string | void {
  const entries = entryLbs(d);
  const first = entries[0];
  if (!first) return '!Add a load balancer first.';
  if (mode === 'single') {
    for (const extra of entries.slice(1)) d.nodes.splice(d.nodes.indexOf(extra), 1);
    delete first.vrrp;
    claimIp(d, first, ENTRY_IP);
    setWwwA(d, [ENTRY_IP]);
    return entries.length > 1 ? `One load balancer again: ${entries.slice(1).map((e) => e.id).join(', ')} removed.` : undefined;
  }
  let second = entries[1];
  let note: string | undefined;
  if (!second) {
    const copy = clone(first);
    copy.id = freshId(d, 'lb');
    delete copy.ip;
    delete copy.label;
    d.nodes.splice(d.nodes.indexOf(first) + 1, 0, copy);
    second = copy;
    note = `Added ${copy.id}, configured like ${first.id}.`;
  }
  if (mode === 'active-active') {
    delete first.vrrp;
    delete second.vrrp;
    claimIp(d, first, ENTRY_IP);
    claimIp(d, second, SECOND_ENTRY_IP);
    setWwwA(d, [ENTRY_IP, SECOND_ENTRY_IP]);
  } else {
    const track = mode === 'active-passive-track' ? { track_script: { interval_s: 2, fall: 2, rise: 2 } } : {};
    if (first.ip === ENTRY_IP || !first.ip || first.ip.startsWith('8.')) first.ip = freshIp(d, 1, [ENTRY_IP, SECOND_ENTRY_IP]);
    if (second.ip === ENTRY_IP || !second.ip || second.ip.startsWith('8.')) second.ip = freshIp(d, 1, [ENTRY_IP, SECOND_ENTRY_IP, first.ip]);
    first.vrrp = { vip: ENTRY_IP, priority: 150, advert_int_s: 1, ...track };
    second.vrrp = { vip: ENTRY_IP, priority: 100, advert_int_s: 1, ...track };
    setWwwA(d, [ENTRY_IP]);
  }
  return note;
}
