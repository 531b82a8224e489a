/**
 * The settings of the selected machine as a list of fields, each with the actions
 * that change it: → (and Space) the next value, ← the previous one, and for a
 * firewall rule Space changes who it allows. Pure: the editor screen draws these
 * rows and dispatches what they say.
 */
import type { FirewallRule, Scenario, ServerSpec } from '../../sim/types';
import {
  ALGORITHM_CHOICES,
  addressChoices,
  CLUSTER_MODES,
  clusterMode,
  DNS_ID,
  entryLbs,
  isLb,
  isServer,
  nameChoices,
  nodeOf,
  RULE_PORTS,
  serversOf,
  TLS_MODES,
  type ClusterMode,
  type DbChoice,
  type EditorAction,
  type EditorLb,
} from './model';

export interface Field {
  /** Stable key, e.g. `algorithm`, `to:web-1`, `rule:0`. */
  key: string;
  label: string;
  value: string;
  /** → and Space. */
  next?: EditorAction;
  /** ←. */
  prev?: EditorAction;
  /** Space on a firewall rule (who it allows). */
  alt?: EditorAction;
  /** The firewall rule this row is (for the add/remove rule keys). */
  rule?: number;
  /** One line about what the setting means. */
  hint?: string;
}

function cycle<T>(list: readonly T[], current: T, delta: number): T {
  const i = list.indexOf(current);
  return list[(Math.max(0, i) + delta + list.length) % list.length]!;
}

const onOff = (b: boolean | undefined) => (b ? 'on' : 'off');
const box = (b: boolean) => (b ? '[x]' : '[ ]');

/** A yes/no field: both arrows flip it. */
function flip(key: string, label: string, value: string, flipped: EditorAction, hint?: string): Field {
  return { key, label, value, next: flipped, prev: flipped, hint };
}

export const CLUSTER_LABELS: Record<ClusterMode, string> = {
  single: 'one load balancer',
  'active-passive': 'active-passive (VRRP)',
  'active-passive-track': 'active-passive (VRRP + track_script)',
  'active-active': 'active-active (two A records)',
};
export const TLS_LABELS: Record<string, string> = {
  none: 'none (plain HTTP)',
  terminate: 'certificate on the LB, ends here',
  reencrypt: 'certificate on the LB, re-encrypted to servers',
  passthrough: 'passed through to the servers',
};

/** The fields of machine `id` (or of the DNS record when `id` is {@link DNS_ID}). */
export function fieldsOf(d: Scenario, id: string): Field[] {
  if (id === DNS_ID) return dnsFields(d);
  const n = nodeOf(d, id);
  if (!n) return [];
  const fields = isLb(n) ? lbFields(d, n) : serverFields(d, n as ServerSpec);
  fields.push(flip('agent', 'Monitoring agent', onOff(n.agent), { type: 'setAgent', id, on: !n.agent }, 'Collects metrics and logs and sends them to the monitoring service.'));
  fields.push(
    flip(
      'firewall',
      'Firewall',
      n.firewall ? `on, ${n.firewall.allow.length} allow rule${n.firewall.allow.length === 1 ? '' : 's'}` : 'off',
      { type: 'setFirewall', id, on: !n.firewall },
      n.firewall ? '+ adds a rule; everything not allowed is dropped.' : 'On: allow only what this machine must receive.',
    ),
  );
  const froms = ['any', 'admin', ...d.nodes.filter((x) => x.id !== id).map((x) => x.id)];
  (n.firewall?.allow ?? []).forEach((r, i) => {
    const set = (rule: FirewallRule): EditorAction => ({ type: 'setRule', id, index: i, rule });
    fields.push({
      key: `rule:${i}`,
      label: `  allow port`,
      value: `${r.port} from ${r.from}`,
      next: set({ ...r, port: cycle(RULE_PORTS, r.port, 1) }),
      prev: set({ ...r, port: cycle(RULE_PORTS, r.port, -1) }),
      alt: set({ ...r, from: cycle(froms, r.from, 1) }),
      rule: i,
      hint: 'left/right: port; Space: who; -: removes the rule',
    });
  });
  return fields;
}

function dnsFields(d: Scenario): Field[] {
  const records = d.dns?.records ?? [];
  const fields: Field[] = [];
  records.forEach((r, i) => {
    const values = r.type === 'CNAME' ? nameChoices(d) : addressChoices(d);
    const types = ['A', 'CNAME'] as const;
    fields.push({
      key: `dns-type:${i}`,
      label: `${r.name} type`,
      value: r.type,
      next: { type: 'setDns', index: i, record: { type: cycle(types, r.type as 'A' | 'CNAME', 1) } },
      prev: { type: 'setDns', index: i, record: { type: cycle(types, r.type as 'A' | 'CNAME', -1) } },
      hint: 'A: a name to an IPv4 address. CNAME: a name to another name.',
    });
    fields.push({
      key: `dns-value:${i}`,
      label: `${r.name} value`,
      value: r.value,
      next: { type: 'setDns', index: i, record: { value: cycle(values, r.value, 1) } },
      prev: { type: 'setDns', index: i, record: { value: cycle(values, r.value, -1) } },
      hint: 'Where browsers go for this name.',
    });
  });
  return fields;
}

function lbFields(d: Scenario, l: EditorLb): Field[] {
  const id = l.id;
  const check = l.health_check?.type ?? 'tcp';
  const tls = l.tls ?? 'none';
  const fields: Field[] = [
    {
      key: 'algorithm',
      label: 'Algorithm',
      value: l.algorithm ?? 'roundrobin',
      next: { type: 'setAlgorithm', id, algorithm: cycle(ALGORITHM_CHOICES, l.algorithm ?? 'roundrobin', 1) },
      prev: { type: 'setAlgorithm', id, algorithm: cycle(ALGORITHM_CHOICES, l.algorithm ?? 'roundrobin', -1) },
      hint: 'How HAProxy picks a server for each request.',
    },
    flip('check', 'Health check', check === 'http' ? 'HTTP GET /health' : 'TCP connect', { type: 'setHealthCheck', id, check: check === 'http' ? 'tcp' : 'http' }, 'TCP sees only the port; HTTP exercises the application behind it.'),
    flip('redispatch', 'Redispatch', onOff(l.redispatch), { type: 'setRedispatch', id, on: !l.redispatch }, 'option redispatch: a failed connection is retried on another server.'),
    {
      key: 'tls',
      label: 'TLS',
      value: TLS_LABELS[tls] ?? tls,
      next: { type: 'setTls', id, tls: cycle(TLS_MODES, tls, 1) },
      prev: { type: 'setTls', id, tls: cycle(TLS_MODES, tls, -1) },
      hint: 'Where the SSL certificate is and where encryption ends.',
    },
  ];
  if (entryLbs(d).includes(l)) {
    const mode = clusterMode(d);
    fields.push({
      key: 'cluster',
      label: 'Cluster',
      value: CLUSTER_LABELS[mode],
      next: { type: 'setCluster', mode: cycle(CLUSTER_MODES, mode, 1) },
      prev: { type: 'setCluster', mode: cycle(CLUSTER_MODES, mode, -1) },
      hint: mode === 'single' ? 'One load balancer: it is a single point of failure.' : 'Both load balancers share these settings.',
    });
  }
  for (const s of serversOf(d)) {
    if (!s.roles.includes('web') && !s.roles.includes('app')) continue;
    const on = l.to.includes(s.id);
    fields.push(flip(`to:${s.id}`, `Sends to ${s.id}`, box(on), { type: 'setLink', from: id, to: s.id, on: !on }, "The servers in this load balancer's pool."));
  }
  return fields;
}

function serverFields(d: Scenario, s: ServerSpec): Field[] {
  const id = s.id;
  const has = (r: 'web' | 'app') => s.roles.includes(r);
  const dbChoice: DbChoice = s.db ? s.db.role : 'none';
  const dbs: DbChoice[] = ['none', 'primary', 'replica'];
  const fields: Field[] = [
    flip('web', 'Nginx (web server)', box(has('web')), { type: 'setRole', id, role: 'web', on: !has('web') }, 'Answers HTTP, serves static files, passes the rest to the app server.'),
    flip('app', 'App server + code base', box(has('app')), { type: 'setRole', id, role: 'app', on: !has('app') }, 'Runs your code base to build dynamic pages.'),
    {
      key: 'db',
      label: 'MySQL',
      value: s.db ? (s.db.role === 'replica' ? `replica of ${s.db.of ?? '?'}` : 'primary') : 'none',
      next: { type: 'setDb', id, db: cycle(dbs, dbChoice, 1) },
      prev: { type: 'setDb', id, db: cycle(dbs, dbChoice, -1) },
      hint: 'The primary takes writes; a replica copies it and serves reads.',
    },
  ];
  const others = serversOf(d).filter((x) => x.id !== id);
  if (s.db?.role === 'replica') {
    const primaries = others.filter((x) => x.db?.role === 'primary').map((x) => x.id);
    if (primaries.length > 1) {
      const of = s.db.of ?? primaries[0]!;
      fields.push({
        key: 'of',
        label: 'Replicates from',
        value: of,
        next: { type: 'setDb', id, db: 'replica', of: cycle(primaries, of, 1) },
        prev: { type: 'setDb', id, db: 'replica', of: cycle(primaries, of, -1) },
      });
    }
  }
  if (s.web && !has('app')) {
    for (const a of others.filter((x) => x.roles.includes('app'))) {
      const on = s.web.upstream?.includes(a.id) ?? false;
      fields.push(flip(`up:${a.id}`, `Proxies to ${a.id}`, box(on), { type: 'setLink', from: id, to: a.id, on: !on }, 'Nginx upstream: the app servers it passes dynamic requests to.'));
    }
  }
  if (s.app) {
    const dbIds = serversOf(d).filter((x) => x.db).map((x) => x.id);
    if (dbIds.length) {
      const choices: (string | undefined)[] = [undefined, ...dbIds];
      const cur = s.app.db;
      fields.push({
        key: 'writes',
        label: 'Writes to',
        value: cur ?? `(default: ${defaultWriteDb(d, s) ?? 'none'})`,
        next: { type: 'setWriteDb', id, db: cycle(choices, cur, 1) },
        prev: { type: 'setWriteDb', id, db: cycle(choices, cur, -1) },
        hint: 'The database this app sends its writes to: it must be the primary.',
      });
      for (const db of dbIds) {
        const on = s.app.read_from?.includes(db) ?? false;
        fields.push(flip(`read:${db}`, `Reads from ${db}`, box(on), { type: 'setLink', from: id, to: db, on: !on }, 'None ticked: reads go where writes go.'));
      }
    }
  }
  return fields;
}

/** Where an app server writes when the design does not say (the loader's rule). */
export function defaultWriteDb(d: Scenario, s: ServerSpec): string | undefined {
  if (s.db) return s.db.role === 'primary' ? s.id : s.db.of;
  const primaries = serversOf(d).filter((x) => x.db?.role === 'primary');
  return primaries.length === 1 ? primaries[0]!.id : undefined;
}

/** A one-line summary of a machine for the machine list. */
export function machineSummary(d: Scenario, id: string): string {
  if (id === DNS_ID) {
    const r = d.dns?.records ?? [];
    return r.length ? r.map((x) => `${x.type} ${x.value}`).join(', ') : 'no record';
  }
  const n = nodeOf(d, id);
  if (!n) return '';
  if (isLb(n)) return ['HAProxy', n.vrrp ? 'keepalived' : '', n.tls && n.tls !== 'none' ? 'TLS' : ''].filter(Boolean).join(' + ');
  if (!isServer(n)) return '';
  const parts = [n.roles.includes('web') ? 'Nginx' : '', n.roles.includes('app') ? 'app' : '', n.db ? `MySQL ${n.db.role}` : ''].filter(Boolean);
  return parts.length ? parts.join(' + ') : 'empty';
}
