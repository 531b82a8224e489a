/**
 * A design *is* a scenario: the same YAML as `assets/scenarios/`, so
 * `webinfra-learn sim my-design.yaml` runs what the learner built. Loading is the
 * scenario loader (every problem as `file:line: message`); saving writes every value
 * the loader would not fill in by itself, and nothing else, so a saved design reads
 * like a hand-written scenario and loads back to the same scenario.
 */
import { Document, isCollection, isMap, isPair, visit } from 'yaml';
import { parseScenario } from '../sim/spec/scenario';
import type { LoadBalancerSpec, Scenario, ServerSpec } from '../sim/spec/types';

type Obj = Record<string, unknown>;

/** Parse a design file's text. Throws ScenarioError (`file:line: message` for each problem). */
export function parseDesign(text: string, file: string): Scenario {
  return parseScenario(text, file);
}

/** Key order in a saved file: the important fields first; fields this module does not know keep their order after them. */
const ORDER: Record<string, string[]> = {
  top: ['name', 'description', 'seed', 'duration_s', 'warmup_s', 'domain', 'dns', 'network', 'workload', 'nodes', 'monitoring', 'timeline'],
  load_balancer: ['id', 'kind', 'label', 'ip', 'algorithm', 'hash_type', 'to', 'weights', 'health_check', 'redispatch', 'retries', 'tls', 'vrrp', 'firewall', 'agent'],
  server: ['id', 'kind', 'label', 'ip', 'roles', 'workers', 'service_ms', 'service', 'web', 'app', 'db', 'firewall', 'agent'],
};

/** Values the scenario loader fills in when a field is absent (sim/scenario.ts). Saved files leave them out. */
const LB_DEFAULTS: Obj = {
  hash_type: 'map-based',
  timeout_queue_ms: 5000,
  retries: 3,
  redispatch: false,
  tls: 'none',
  random_draws: 2,
  timeout_connect_ms: 5000,
  timeout_server_ms: 30000,
  retry_delay_ms: 1000,
  agent: false,
};
const VRRP_DEFAULTS: Obj = { advert_int_s: 1, preempt: true, version: 2 };
const TRACK_SCRIPT_DEFAULTS: Obj = { interval_s: 2, fall: 2, rise: 2 };
const WEB_DEFAULTS: Obj = { proxy_connect_timeout_ms: 60000, proxy_read_timeout_ms: 60000 };
const SERVER_DEFAULTS: Obj = { workers: 4, service_ms: 5, service: 'exponential', agent: false };
const DB_DEFAULTS: Obj = { apply_rate_wps: 2000, lag_base_ms: 5, semi_sync: false, super_read_only: false };
const WORKLOAD_DEFAULTS: Obj = { arrival: 'poisson', write_ratio: 0, static_ratio: 0, clients: 1000 };
const MONITORING_DEFAULTS: Obj = { interval_s: 15, eval_interval_s: 15 };

/** A copy without undefined values (recursively), so unknown fields a newer loader adds still pass through. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = plain(x);
    return out;
  }
  return v;
}

function dropEqual(o: Obj, defaults: Obj): void {
  for (const [k, d] of Object.entries(defaults)) if (o[k] === d) delete o[k];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function ordered(o: Obj, order: string[]): Obj {
  const out: Obj = {};
  for (const k of order) if (k in o) out[k] = o[k];
  for (const k of Object.keys(o)) if (!(k in out)) out[k] = o[k];
  return out;
}

function leanLoadBalancer(lb: LoadBalancerSpec): Obj {
  const o = plain(lb) as Obj;
  dropEqual(o, LB_DEFAULTS);
  if (o.label === lb.id) delete o.label;
  if (lb.weights && lb.to.every((t) => (lb.weights![t] ?? 1) === 1)) delete o.weights;
  const hc = o.health_check as Obj | undefined;
  if (hc) {
    const inter = hc.inter_ms;
    if (hc.fastinter_ms === inter) delete hc.fastinter_ms;
    if (hc.timeout_ms === inter) delete hc.timeout_ms;
    if (inter === 2000) delete hc.inter_ms;
    if (hc.fall === 3) delete hc.fall;
    if (hc.rise === 2) delete hc.rise;
    if (hc.type === 'tcp') delete hc.type;
    if (hc.path === '/health') delete hc.path;
    if (Object.keys(hc).length === 0) delete o.health_check;
  }
  if (o.vrrp) {
    const vrrp = o.vrrp as Obj;
    dropEqual(vrrp, VRRP_DEFAULTS);
    if (vrrp.track_script) dropEqual(vrrp.track_script as Obj, TRACK_SCRIPT_DEFAULTS);
  }
  leanFirewall(o);
  return ordered(o, ORDER.load_balancer!);
}

function leanFirewall(o: Obj): void {
  const fw = o.firewall as { allow?: Obj[] } | undefined;
  for (const r of fw?.allow ?? []) if (r.proto === 'tcp') delete r.proto;
}

function leanServer(s: ServerSpec): Obj {
  const o = plain(s) as Obj;
  if (o.label === s.id) delete o.label;
  const base = { workers: s.workers, service_ms: s.service_ms, service: s.service };
  for (const role of ['web', 'app', 'db'] as const) {
    const r = o[role] as Obj | undefined;
    if (r) dropEqual(r, base);
  }
  dropEqual(o, SERVER_DEFAULTS);
  const web = o.web as Obj | undefined;
  if (web && s.web) {
    if (same(s.web.upstream, s.roles.includes('app') ? [s.id] : [])) delete web.upstream;
    if (s.web.static_ms === (s.web.service_ms ?? s.service_ms)) delete web.static_ms;
    dropEqual(web, WEB_DEFAULTS);
  }
  const app = o.app as Obj | undefined;
  if (app && s.app) {
    const readDefault = s.db ? [s.id] : s.app.db ? [s.app.db] : [];
    if (same(s.app.read_from, readDefault)) delete app.read_from;
    if (app.db_user === 'app') delete app.db_user;
  }
  if (o.db) {
    dropEqual(o.db as Obj, DB_DEFAULTS);
    o.db = ordered(o.db as Obj, ['role', 'of']);
  }
  for (const role of ['web', 'app', 'db']) if (o[role] && Object.keys(o[role] as Obj).length === 0) delete o[role];
  leanFirewall(o);
  return ordered(o, ORDER.server!);
}

/**
 * The design as YAML text. Loading it back ({@link parseDesign}) gives the same
 * scenario (apart from `file` and `id`, which come from where it is saved).
 */
export function serializeDesign(s: Scenario): string {
  const top: Obj = {
    name: s.name,
    description: s.description,
    seed: s.seed === 1 ? undefined : s.seed,
    duration_s: s.duration_s === 60 ? undefined : s.duration_s,
    warmup_s: s.warmup_s === Math.min(10, s.duration_s / 4) ? undefined : s.warmup_s,
    domain: s.domain,
  };
  if (s.dns) {
    const dns = plain(s.dns) as { records: Obj[]; lookup_ms?: number };
    if (dns.lookup_ms === 20) delete dns.lookup_ms;
    for (const r of dns.records) if (r.ttl_s === 300) delete r.ttl_s;
    top.dns = dns;
  }
  if (s.network) {
    const net = plain(s.network) as Obj;
    dropEqual(net, { hop_ms: 0, client_ms: 0, client_timeout_s: 30 });
    if (Object.keys(net).length) top.network = net;
  }
  const workload = plain(s.workload) as Obj;
  dropEqual(workload, WORKLOAD_DEFAULTS);
  const tls = s.nodes.some((n) => n.kind === 'load_balancer' && n.tls && n.tls !== 'none');
  if (workload.https_ratio === (tls ? 1 : 0)) delete workload.https_ratio;
  top.workload = workload;
  top.nodes = s.nodes.map((n) => (n.kind === 'load_balancer' ? leanLoadBalancer(n) : leanServer(n)));
  if (s.monitoring) {
    const m = plain(s.monitoring) as Obj & { alerts?: Obj[] };
    dropEqual(m, MONITORING_DEFAULTS);
    for (const a of m.alerts ?? []) if (a.for_s === 0) delete a.for_s;
    top.monitoring = m;
  }
  // Anything a newer scenario format adds at the top passes through.
  const known = new Set([...ORDER.top!, 'id', 'file']);
  for (const [k, v] of Object.entries(s)) if (!known.has(k) && v !== undefined) top[k] = plain(v);
  top.timeline = plain(s.timeline);

  const doc = new Document(ordered(plain(top) as Obj, ORDER.top!));
  doc.commentBefore = ' A web infrastructure design (webinfra-learn). Run it: webinfra-learn sim <this file>';
  // Short lists and mappings on one line, as the shipped scenarios are written; each node stays a block.
  visit(doc, {
    Pair(_, pair) {
      const v = pair.value;
      if (isCollection(v) && JSON.stringify(v.toJSON()).length <= 72) v.flow = true;
    },
    Seq(_, seq, path) {
      // Items of short sequences (firewall rules, DNS records, timeline events) on one line each.
      const key = path.length >= 1 && isPair(path[path.length - 1]) ? String((path[path.length - 1] as { key: unknown }).key) : '';
      if (key === 'nodes') return;
      for (const item of seq.items) if (isMap(item) && JSON.stringify(item.toJSON()).length <= 72) item.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
}
