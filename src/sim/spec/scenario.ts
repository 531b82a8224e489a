/**
 * The scenario schema: YAML text describing a topology, a workload and a timeline.
 * This module validates it, reports every problem as `file:line: message`, and fills
 * in the documented defaults (SIM-REFERENCE.md) so the engine never has to guess.
 * No file access here: ../scenario.ts reads files and lists the built-in ones.
 */
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { docLocate, extendSource, type ScenarioResolver } from './extends';
import { CUE_ACTIONS, cueFromFields, sortCues, type Cue } from './cues';
import { LIST_LIMITS, LIMITS, rangeOf } from './limits';
import { ACTION_VALUES, ACTIONS, ALERT_METRICS, ALGORITHMS, COMPONENTS, NODELESS_ACTIONS, ROLE_COMPONENT, TIERS } from './vocabulary';
import type {
  ActionName,
  AlertRule,
  Algorithm,
  DbSpec,
  DnsRecord,
  FirewallRule,
  LoadBalancerSpec,
  NodeSpec,
  Role,
  Scenario,
  ServerSpec,
  TimelineEvent,
  Component,
} from './types';
import { editDistance } from '../../text/suggest';

/** One problem in a scenario file. */
export interface ScenarioProblem {
  file: string;
  line: number;
  message: string;
}

/** Thrown by {@link parseScenario} / {@link loadScenario}; `message` lists every problem as `file:line: message`. */
export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

export { ACTIONS, ALGORITHMS } from './vocabulary';
const ROLES: readonly Role[] = ['web', 'app', 'db'];
const ID_RE = /^[a-z0-9][a-z0-9_-]*$/i;
/** The address the course uses for the entry point (CURRICULUM.md: a placeholder, not Google's resolver). */
export const ENTRY_IP = '8.8.8.8';

type Path = (string | number)[];
type Obj = Record<string, unknown>;

/** Collects problems with the line of the YAML node at a path. */
class Checker {
  readonly problems: ScenarioProblem[] = [];
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Line of the deepest existing node along `p` (1-based). */
  line(p: Path): number {
    for (let n = p.length; n >= 0; n--) {
      const node = this.doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return this.lines.linePos(node.range[0]).line;
      if (n > 0 && p.length > 0) {
        // For a missing key, point at the map holding it.
        continue;
      }
    }
    return 1;
  }

  /** Set for a scenario that `extends` another: the file and line that wrote a value. */
  locate?: (p: Path) => { file: string; line: number };

  error(p: Path, message: string): void {
    const at = this.locate?.(p);
    this.problems.push({ file: at?.file ?? this.file, line: at?.line ?? this.line(p), message });
  }

  /** Flag keys not in `allowed`, with a suggestion for near misses. */
  keys(obj: Obj, p: Path, allowed: readonly string[], where: string): void {
    for (const k of Object.keys(obj)) {
      if (allowed.includes(k)) continue;
      const near = allowed.find((a) => editDistance(a, k) <= 2);
      this.error([...p, k], `unknown field '${k}' in ${where}${near ? ` (did you mean '${near}'?)` : ''}`);
    }
  }

  num(obj: Obj, key: string, p: Path, opts: { min?: number; max?: number; int?: boolean; gt?: number } = {}): number | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    const at = [...p, key];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.error(at, `'${key}' must be a number, got ${shown(v)}`);
      return undefined;
    }
    // The documented range (spec/limits.ts) applies on top of the call's own bounds.
    const parent = [...p].reverse().find((x): x is string => typeof x === 'string');
    const range = rangeOf(parent, key);
    const int = opts.int || range?.int;
    const min = Math.max(opts.min ?? -Infinity, range?.min ?? -Infinity);
    const gt = opts.gt ?? range?.gt;
    const max = Math.min(opts.max ?? Infinity, range?.max ?? Infinity);
    const where = range ? ` (range ${range.gt !== undefined ? `> ${range.gt}` : range.min} to ${range.max})` : '';
    if (int && !Number.isInteger(v)) return this.error(at, `'${key}' must be a whole number, got ${v}`), undefined;
    if (min > -Infinity && v < min) return this.error(at, `'${key}' must be at least ${min}, got ${v}${where}`), undefined;
    if (gt !== undefined && v <= gt) return this.error(at, `'${key}' must be greater than ${gt}, got ${v}${where}`), undefined;
    if (max < Infinity && v > max) return this.error(at, `'${key}' must be at most ${max}, got ${v}${where}`), undefined;
    return v;
  }


  str(obj: Obj, key: string, p: Path, choices?: readonly string[]): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') {
      this.error([...p, key], `'${key}' must be a string, got ${shown(v)}`);
      return undefined;
    }
    const s = String(v);
    if (choices && !choices.includes(s)) {
      this.error([...p, key], `'${key}' must be one of ${choices.join(', ')}; got '${s}'`);
      return undefined;
    }
    return s;
  }

  bool(obj: Obj, key: string, p: Path): boolean | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.error([...p, key], `'${key}' must be true or false, got ${shown(v)}`);
      return undefined;
    }
    return v;
  }

  obj(obj: Obj, key: string, p: Path): Obj | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.error([...p, key], `'${key}' must be a mapping (key: value pairs)`);
      return undefined;
    }
    return v as Obj;
  }

  list(obj: Obj, key: string, p: Path): unknown[] | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.error([...p, key], `'${key}' must be a list`);
      return undefined;
    }
    const cap = LIST_LIMITS[key];
    if (cap !== undefined && v.length > cap) {
      this.error([...p, key], `'${key}' has ${v.length} entries; at most ${cap}`);
      return v.slice(0, cap);
    }
    return v;
  }

}

/** A value as the author wrote it: JSON would print .nan and .inf as null. */
function shown(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? '.nan (not a number)' : `${v < 0 ? '-' : ''}.inf (infinite)`;
  return JSON.stringify(v) ?? String(v);
}


const TOP_KEYS = ['name', 'description', 'seed', 'duration_s', 'warmup_s', 'domain', 'dns', 'network', 'workload', 'nodes', 'monitoring', 'timeline'];
const LB_KEYS = [
  'id', 'kind', 'label', 'ip', 'algorithm', 'hash_type', 'to', 'weights', 'health_check', 'maxconn',
  'timeout_queue_ms', 'retries', 'redispatch', 'tls', 'random_draws', 'timeout_connect_ms', 'timeout_server_ms',
  'retry_delay_ms', 'vrrp', 'firewall', 'agent',
];
const SERVER_KEYS = ['id', 'kind', 'label', 'ip', 'roles', 'workers', 'service_ms', 'service', 'web', 'app', 'db', 'firewall', 'agent'];
const ROLE_KEYS = ['workers', 'service_ms', 'service'];

/**
 * Parse and validate a scenario's YAML text. `file` is used in messages; `id`
 * defaults to the file's base name. Throws {@link ScenarioError} listing every problem.
 */
export function parseScenario(
  text: string,
  file: string,
  id = (file.split(/[\\/]/).pop() ?? file).replace(/\.ya?ml$/i, ''),
  /** How `extends: <name>` finds its parent (the loader's folders); without it `extends` is refused. */
  opts: { resolve?: ScenarioResolver; key?: string } = {},
): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({ file, line: e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line, message: `YAML syntax: ${e.message.split('\n')[0]}` })),
    );
  }
  const c = new Checker(file, doc, lines);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias to no anchor, or an alias bomb: the yaml package throws here, not in errors.
    throw new ScenarioError([{ file, line: 1, message: `YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !isMap(doc.contents)) {
    throw new ScenarioError([{ file, line: 1, message: 'a scenario must be a mapping with name, workload and nodes' }]);
  }
  let top = raw as Obj;
  if (top.extends !== undefined) {
    if (!opts.resolve) throw new ScenarioError([{ file, line: c.line(['extends']), message: "'extends' works in a scenario file loaded from a folder" }]);
    const merged = extendSource(top, file, opts.key ?? file, (p) => docLocate(doc, lines, p), opts.resolve, []);
    top = merged.raw;
    c.locate = merged.locate;
  }
  c.keys(top, [], TOP_KEYS, 'the scenario');

  const name = c.str(top, 'name', []) ?? (c.error([], "missing 'name'"), id);
  const seed = c.num(top, 'seed', [], { int: true, min: 0 }) ?? 1;
  const duration_s = c.num(top, 'duration_s', [], { gt: 0 }) ?? 60;
  let warmup_s = c.num(top, 'warmup_s', [], { min: 0 });
  if (warmup_s !== undefined && warmup_s >= duration_s) {
    c.error(['warmup_s'], `'warmup_s' (${warmup_s}) must be shorter than 'duration_s' (${duration_s})`);
    warmup_s = undefined;
  }
  warmup_s ??= Math.min(10, duration_s / 4);
  const domain = c.str(top, 'domain', []) ?? 'foobar.com';

  // workload
  const w = c.obj(top, 'workload', ['workload']) ?? (c.error([], "missing 'workload' (at least { rate_rps: … })"), {});
  c.keys(w, ['workload'], ['rate_rps', 'arrival', 'write_ratio', 'static_ratio', 'https_ratio', 'clients'], 'workload');
  const workload = {
    rate_rps: c.num(w, 'rate_rps', ['workload'], { gt: 0 }) ?? 50,
    arrival: (c.str(w, 'arrival', ['workload'], ['poisson', 'constant']) ?? 'poisson') as 'poisson' | 'constant',
    write_ratio: c.num(w, 'write_ratio', ['workload'], { min: 0, max: 1 }) ?? 0,
    static_ratio: c.num(w, 'static_ratio', ['workload'], { min: 0, max: 1 }) ?? 0,
    https_ratio: c.num(w, 'https_ratio', ['workload'], { min: 0, max: 1 }),
    clients: c.num(w, 'clients', ['workload'], { int: true, min: 1 }) ?? 1000,
  };
  if (workload.write_ratio + workload.static_ratio > 1)
    c.error(['workload', 'write_ratio'], `write_ratio + static_ratio must be at most 1 (got ${workload.write_ratio + workload.static_ratio})`);

  // nodes, first pass: ids and kinds
  const rawNodes = c.list(top, 'nodes', []) ?? (c.error([], "missing 'nodes' (a list of { id, kind, … })"), []);
  if (rawNodes.length === 0 && 'nodes' in top) c.error(['nodes'], "'nodes' is empty");
  const ids = new Map<string, number>();
  const kinds = new Map<string, string>();
  rawNodes.forEach((n, i) => {
    if (!n || typeof n !== 'object' || Array.isArray(n)) return c.error(['nodes', i], 'each node must be a mapping with id and kind');
    const o = n as Obj;
    const nid = c.str(o, 'id', ['nodes', i]);
    if (nid === undefined) return c.error(['nodes', i], "node without 'id'");
    if (!ID_RE.test(nid)) c.error(['nodes', i, 'id'], `node id '${nid}' may only use letters, digits, '-' and '_'`);
    if (ids.has(nid)) c.error(['nodes', i, 'id'], `duplicate node id '${nid}'`);
    ids.set(nid, i);
    const kind = c.str(o, 'kind', ['nodes', i], ['load_balancer', 'server']);
    if (kind === undefined && o.kind === undefined) c.error(['nodes', i], `node '${nid}' has no 'kind' (load_balancer or server)`);
    if (kind) kinds.set(nid, kind);
  });
  const roleOf = new Map<string, Role[]>();
  rawNodes.forEach((n) => {
    const o = n as Obj;
    if (o && kinds.get(String(o.id)) === 'server' && Array.isArray(o.roles))
      roleOf.set(String(o.id), (o.roles as unknown[]).filter((r): r is Role => ROLES.includes(r as Role)));
  });
  const isServer = (x: string) => kinds.get(x) === 'server';
  const hasRole = (x: string, r: Role) => roleOf.get(x)?.includes(r) ?? false;
  const known = (x: string) => ids.has(x);

  const firewallOf = (o: Obj, p: Path): { allow: FirewallRule[] } | undefined => {
    const fw = c.obj(o, 'firewall', p);
    if (!fw) return undefined;
    c.keys(fw, [...p, 'firewall'], ['allow'], 'firewall');
    const allow: FirewallRule[] = [];
    (c.list(fw, 'allow', [...p, 'firewall']) ?? []).forEach((r, j) => {
      const rp = [...p, 'firewall', 'allow', j];
      if (!r || typeof r !== 'object') return c.error(rp, 'a firewall rule is { port, from }');
      const ro = r as Obj;
      c.keys(ro, rp, ['port', 'from', 'proto'], 'a firewall rule');
      let port: number | 'any' = 'any';
      if (ro.port !== 'any') port = c.num(ro, 'port', rp, { int: true, min: 1, max: 65535 }) ?? 'any';
      if (ro.port === undefined) c.error(rp, "firewall rule without 'port' (a number or 'any')");
      const from = c.str(ro, 'from', rp) ?? 'any';
      if (from !== 'any' && from !== 'admin' && !known(from))
        c.error([...rp, 'from'], `firewall rule from unknown node '${from}' (use a node id, 'any' or 'admin')`);
      allow.push({ port, from, proto: (c.str(ro, 'proto', rp, ['tcp', 'udp']) ?? 'tcp') as 'tcp' | 'udp' });
    });
    return { allow };
  };

  const roleSpec = (o: Obj | undefined, p: Path, base: { workers: number; service_ms: number; service: 'exponential' | 'deterministic' }, extra: string[]) => {
    if (!o) return { ...base };
    c.keys(o, p, [...ROLE_KEYS, ...extra], 'a role');
    return {
      workers: c.num(o, 'workers', p, { int: true, min: 1 }) ?? base.workers,
      service_ms: c.num(o, 'service_ms', p, { gt: 0 }) ?? base.service_ms,
      service: (c.str(o, 'service', p, ['exponential', 'deterministic']) ?? base.service) as 'exponential' | 'deterministic',
    };
  };

  const nodes: NodeSpec[] = [];
  let ipCounter = 10;
  rawNodes.forEach((n, i) => {
    if (!n || typeof n !== 'object' || Array.isArray(n)) return;
    const o = n as Obj;
    const p: Path = ['nodes', i];
    const nid = String(o.id ?? `node-${i}`);
    const kind = kinds.get(nid);
    const ip = c.str(o, 'ip', p);
    const label = c.str(o, 'label', p);
    const agent = c.bool(o, 'agent', p) ?? false;
    if (kind === 'load_balancer') {
      c.keys(o, p, LB_KEYS, `load balancer '${nid}'`);
      const to = (c.list(o, 'to', p) ?? []).map(String);
      if (to.length === 0) c.error(p, `load balancer '${nid}' needs 'to: [<server ids>]'`);
      to.forEach((t, j) => {
        if (!known(t)) c.error([...p, 'to', j], `load balancer '${nid}' sends to unknown node '${t}'`);
        else if (!isServer(t)) c.error([...p, 'to', j], `load balancer '${nid}' can only send to servers; '${t}' is not one`);
        else if (!hasRole(t, 'web') && !hasRole(t, 'app'))
          c.error([...p, 'to', j], `'${t}' has no web or app role, so it cannot answer HTTP from '${nid}'`);
      });
      const algorithm = (c.str(o, 'algorithm', p, ALGORITHMS) ?? 'roundrobin') as Algorithm;
      const weights: Record<string, number> = {};
      const wo = c.obj(o, 'weights', p);
      if (wo)
        for (const k of Object.keys(wo)) {
          if (!to.includes(k)) c.error([...p, 'weights', k], `weight for '${k}', which is not in '${nid}'s 'to' list`);
          else weights[k] = c.num(wo, k, [...p, 'weights'], { int: true, min: 0, max: 256 }) ?? 1;
        }
      const hc = c.obj(o, 'health_check', p) ?? {};
      c.keys(hc, [...p, 'health_check'], ['inter_ms', 'fastinter_ms', 'fall', 'rise', 'timeout_ms', 'type', 'path'], 'health_check');
      const inter = c.num(hc, 'inter_ms', [...p, 'health_check'], { gt: 0 }) ?? 2000;
      const maxconn = c.num(o, 'maxconn', p, { int: true, min: 1 });
      if (algorithm === 'first' && maxconn === undefined) c.error([...p, 'algorithm'], "algorithm 'first' needs 'maxconn' (it fills the first server up to maxconn)");
      let vrrp: LoadBalancerSpec['vrrp'];
      const vo = c.obj(o, 'vrrp', p);
      if (vo) {
        const vp = [...p, 'vrrp'];
        c.keys(vo, vp, ['vip', 'priority', 'advert_int_s', 'preempt', 'version', 'track_script'], 'vrrp');
        const vip = c.str(vo, 'vip', vp) ?? (c.error(vp, "vrrp needs 'vip'"), ENTRY_IP);
        const priority = c.num(vo, 'priority', vp, { int: true, min: 1, max: 255 }) ?? (vo.priority === undefined ? (c.error(vp, "vrrp needs 'priority' (1–254)"), 100) : 100);
        vrrp = {
          vip,
          priority,
          advert_int_s: c.num(vo, 'advert_int_s', vp, { gt: 0 }) ?? 1,
          preempt: c.bool(vo, 'preempt', vp) ?? true,
          version: (c.num(vo, 'version', vp, { int: true, min: 2, max: 3 }) ?? 2) as 2 | 3,
        };
        const ts = c.obj(vo, 'track_script', vp);
        if (ts) {
          const tp = [...vp, 'track_script'];
          c.keys(ts, tp, ['interval_s', 'fall', 'rise'], 'track_script');
          vrrp.track_script = {
            interval_s: c.num(ts, 'interval_s', tp, { gt: 0 }) ?? 2,
            fall: c.num(ts, 'fall', tp, { int: true, min: 1 }) ?? 2,
            rise: c.num(ts, 'rise', tp, { int: true, min: 1 }) ?? 2,
          };
        }
      }
      const lb: LoadBalancerSpec = {
        id: nid,
        kind: 'load_balancer',
        label: label ?? nid,
        ip,
        algorithm,
        hash_type: (c.str(o, 'hash_type', p, ['map-based', 'consistent']) ?? 'map-based') as 'map-based' | 'consistent',
        to,
        weights: Object.fromEntries(to.map((t) => [t, weights[t] ?? 1])),
        health_check: {
          inter_ms: inter,
          fastinter_ms: c.num(hc, 'fastinter_ms', [...p, 'health_check'], { gt: 0 }) ?? inter,
          fall: c.num(hc, 'fall', [...p, 'health_check'], { int: true, min: 1 }) ?? 3,
          rise: c.num(hc, 'rise', [...p, 'health_check'], { int: true, min: 1 }) ?? 2,
          timeout_ms: c.num(hc, 'timeout_ms', [...p, 'health_check'], { gt: 0 }) ?? inter,
          type: (c.str(hc, 'type', [...p, 'health_check'], ['tcp', 'http']) ?? 'tcp') as 'tcp' | 'http',
          path: c.str(hc, 'path', [...p, 'health_check']) ?? '/health',
        },
        maxconn,
        timeout_queue_ms: c.num(o, 'timeout_queue_ms', p, { gt: 0 }) ?? 5000,
        retries: c.num(o, 'retries', p, { int: true, min: 0 }) ?? 3,
        redispatch: c.bool(o, 'redispatch', p) ?? false,
        tls: (c.str(o, 'tls', p, ['none', 'terminate', 'passthrough', 'reencrypt']) ?? 'none') as LoadBalancerSpec['tls'],
        random_draws: c.num(o, 'random_draws', p, { int: true, min: 1 }) ?? 2,
        timeout_connect_ms: c.num(o, 'timeout_connect_ms', p, { gt: 0 }) ?? 5000,
        timeout_server_ms: c.num(o, 'timeout_server_ms', p, { gt: 0 }) ?? 30000,
        retry_delay_ms: c.num(o, 'retry_delay_ms', p, { min: 0 }) ?? 1000,
        vrrp,
        firewall: firewallOf(o, p),
        agent,
      };
      nodes.push(lb);
    } else if (kind === 'server') {
      c.keys(o, p, SERVER_KEYS, `server '${nid}'`);
      const rl = c.list(o, 'roles', p);
      const roles: Role[] = [];
      if (!rl || rl.length === 0) c.error(p, `server '${nid}' needs 'roles' (some of web, app, db)`);
      (rl ?? []).forEach((r, j) => {
        if (!ROLES.includes(r as Role)) c.error([...p, 'roles', j], `unknown role '${String(r)}' (use web, app or db)`);
        else if (roles.includes(r as Role)) c.error([...p, 'roles', j], `role '${String(r)}' listed twice`);
        else roles.push(r as Role);
      });
      const base = {
        workers: c.num(o, 'workers', p, { int: true, min: 1 }) ?? 4,
        service_ms: c.num(o, 'service_ms', p, { gt: 0 }) ?? 5,
        service: (c.str(o, 'service', p, ['exponential', 'deterministic']) ?? 'exponential') as 'exponential' | 'deterministic',
      };
      const s: ServerSpec = { id: nid, kind: 'server', label: label ?? nid, ip, roles, firewall: firewallOf(o, p), agent, ...base };
      for (const r of ['web', 'app', 'db'] as const) {
        if (o[r] !== undefined && !roles.includes(r)) c.error([...p, r], `'${r}' settings on '${nid}', which has no '${r}' role`);
      }
      if (roles.includes('web')) {
        const wo = c.obj(o, 'web', p);
        const wp = [...p, 'web'];
        const spec = roleSpec(wo, wp, base, ['upstream', 'static_ms', 'proxy_connect_timeout_ms', 'proxy_read_timeout_ms']);
        const upstream = wo ? (c.list(wo, 'upstream', wp) ?? []).map(String) : [];
        upstream.forEach((u, j) => {
          if (!known(u)) c.error([...wp, 'upstream', j], `upstream '${u}' is not a node`);
          else if (!hasRole(u, 'app')) c.error([...wp, 'upstream', j], `upstream '${u}' has no app role`);
        });
        const static_ms = (wo && c.num(wo, 'static_ms', wp, { gt: 0 })) || spec.service_ms;
        s.web = {
          ...spec,
          upstream: upstream.length ? upstream : roles.includes('app') ? [nid] : [],
          static_ms,
          proxy_connect_timeout_ms: (wo && c.num(wo, 'proxy_connect_timeout_ms', wp, { gt: 0 })) || 60000,
          proxy_read_timeout_ms: (wo && c.num(wo, 'proxy_read_timeout_ms', wp, { gt: 0 })) || 60000,
        };
      }
      if (roles.includes('app')) {
        const ao = c.obj(o, 'app', p);
        const ap = [...p, 'app'];
        const spec = roleSpec(ao, ap, base, ['db', 'read_from', 'db_user']);
        const db = ao ? c.str(ao, 'db', ap) : undefined;
        if (db !== undefined && (!known(db) || !hasRole(db, 'db'))) c.error([...ap, 'db'], `app database '${db}' is not a node with the db role`);
        const readFrom = ao ? (c.list(ao, 'read_from', ap) ?? []).map(String) : [];
        readFrom.forEach((r, j) => {
          if (!known(r) || !hasRole(r, 'db')) c.error([...ap, 'read_from', j], `'${r}' is not a node with the db role`);
        });
        s.app = { ...spec, db, read_from: readFrom, db_user: ((ao && c.str(ao, 'db_user', ap, ['app', 'root'])) ?? 'app') as 'app' | 'root' };
      }
      if (roles.includes('db')) {
        const dbo = c.obj(o, 'db', p) ?? {};
        const dp = [...p, 'db'];
        const spec = roleSpec(dbo, dp, base, ['role', 'of', 'apply_rate_wps', 'lag_base_ms', 'semi_sync', 'promote_after_s', 'super_read_only']);
        const role = (c.str(dbo, 'role', dp, ['primary', 'replica']) ?? 'primary') as 'primary' | 'replica';
        const of = c.str(dbo, 'of', dp);
        if (role === 'replica' && of === undefined) c.error(dp, `replica '${nid}' needs 'of: <primary id>'`);
        if (role === 'primary' && of !== undefined) c.error([...dp, 'of'], `'of' is only for replicas`);
        const d: DbSpec = {
          ...spec,
          role,
          of,
          apply_rate_wps: c.num(dbo, 'apply_rate_wps', dp, { gt: 0 }) ?? 2000,
          lag_base_ms: c.num(dbo, 'lag_base_ms', dp, { min: 0 }) ?? 5,
          semi_sync: c.bool(dbo, 'semi_sync', dp) ?? false,
          super_read_only: c.bool(dbo, 'super_read_only', dp) ?? false,
          promote_after_s: c.num(dbo, 'promote_after_s', dp, { min: 0 }),
        };
        s.db = d;
      }
      nodes.push(s);
    }
  });

  // Cross-node checks and defaults that need every node.
  const servers = nodes.filter((n): n is ServerSpec => n.kind === 'server');
  const lbs = nodes.filter((n): n is LoadBalancerSpec => n.kind === 'load_balancer');
  const primaries = servers.filter((s) => s.db?.role === 'primary');
  for (const s of servers) {
    const i = ids.get(s.id)!;
    if (s.db?.role === 'replica' && s.db.of !== undefined) {
      const prim = servers.find((x) => x.id === s.db!.of);
      if (!prim || prim.db?.role !== 'primary') c.error(['nodes', i, 'db', 'of'], `replica '${s.id}' replicates from '${s.db.of}', which is not a primary database`);
    }
    if (s.app && s.app.db === undefined) {
      if (s.db) s.app.db = s.db.role === 'primary' ? s.id : (s.db.of ?? s.id);
      else if (primaries.length === 1) s.app.db = primaries[0]!.id;
      else if (primaries.length > 1) c.error(['nodes', i, 'app'], `app on '${s.id}': several primaries exist, say which with 'app: { db: <id> }'`);
    }
    if (s.app && (s.app.read_from ?? []).length === 0) {
      // Plain MySQL setups read where they write unless told otherwise; a local replica is the lesson's exception.
      s.app.read_from = s.db ? [s.id] : s.app.db ? [s.app.db] : [];
    }
  }
  // Entry addresses.
  const pointedAt = new Set(lbs.flatMap((l) => l.to));
  const vrrpVips = new Set(lbs.map((l) => l.vrrp?.vip).filter((v): v is string => !!v));
  const entryCandidates = lbs.length ? lbs.filter((l) => !pointedAt.has(l.id)) : servers.filter((s) => s.roles.includes('web') || s.roles.includes('app')).slice(0, 1);
  const usedIps = new Set(nodes.map((n) => n.ip).filter(Boolean));
  for (const n of nodes) {
    if (n.ip) continue;
    if (entryCandidates.length === 1 && entryCandidates[0] === n && !vrrpVips.size && !usedIps.has(ENTRY_IP)) n.ip = ENTRY_IP;
    else {
      while (usedIps.has(`10.0.0.${ipCounter}`)) ipCounter++;
      n.ip = `10.0.0.${ipCounter++}`;
    }
    usedIps.add(n.ip);
  }
  for (const v of vrrpVips) {
    const holders = lbs.filter((l) => l.vrrp?.vip === v);
    if (holders.length < 2) c.error(['nodes', ids.get(holders[0]!.id)!, 'vrrp'], `VIP ${v} has only one VRRP member; a pair needs two load balancers with the same vip`);
  }

  // DNS
  const dnsObj = c.obj(top, 'dns', ['dns']);
  let records: DnsRecord[] = [];
  let lookup_ms = 20;
  if (dnsObj) {
    c.keys(dnsObj, ['dns'], ['records', 'lookup_ms'], 'dns');
    lookup_ms = c.num(dnsObj, 'lookup_ms', ['dns'], { min: 0 }) ?? 20;
    (c.list(dnsObj, 'records', ['dns']) ?? []).forEach((r, j) => {
      const rp = ['dns', 'records', j];
      if (!r || typeof r !== 'object') return c.error(rp, 'a DNS record is { name, type, value, ttl_s }');
      const ro = r as Obj;
      c.keys(ro, rp, ['name', 'type', 'value', 'ttl_s', 'priority'], 'a DNS record');
      const rec: DnsRecord = {
        name: c.str(ro, 'name', rp) ?? (c.error(rp, "DNS record without 'name'"), '?'),
        type: (c.str(ro, 'type', rp, ['A', 'CNAME', 'MX', 'TXT']) ?? 'A') as DnsRecord['type'],
        value: c.str(ro, 'value', rp) ?? (c.error(rp, "DNS record without 'value'"), '?'),
        ttl_s: c.num(ro, 'ttl_s', rp, { min: 0 }) ?? 300,
      };
      const prio = c.num(ro, 'priority', rp, { int: true, min: 0 });
      if (prio !== undefined) rec.priority = prio;
      if (rec.type === 'CNAME' && /^\d+\.\d+\.\d+\.\d+$/.test(rec.value))
        c.error([...rp, 'value'], `a CNAME points to another name, never to an IP address ('${rec.value}'); use an A record`);
      if (rec.type === 'A' && !/^\d+\.\d+\.\d+\.\d+$/.test(rec.value)) c.error([...rp, 'value'], `an A record's value is an IPv4 address, got '${rec.value}'`);
      records.push(rec);
    });
  }
  const www = `www.${domain}`;
  if (!records.some((r) => r.name === www)) {
    const ips = vrrpVips.size ? [...vrrpVips] : entryCandidates.map((e) => e.ip!);
    records = [...ips.map((ip) => ({ name: www, type: 'A' as const, value: ip, ttl_s: 300 })), ...records];
  } else {
    const known = new Set([...nodes.map((n) => n.ip), ...vrrpVips]);
    records.forEach((r, j) => {
      if (r.type === 'A' && r.name === www && !known.has(r.value))
        c.error(['dns', 'records', j, 'value'], `${www} points to ${r.value}, which no node or VIP in this scenario has`);
    });
  }

  const net = c.obj(top, 'network', ['network']);
  let hop_ms = 0;
  let client_timeout_s = 30;
  let client_ms = 0;
  if (net) {
    c.keys(net, ['network'], ['hop_ms', 'client_ms', 'client_timeout_s'], 'network');
    client_timeout_s = c.num(net, 'client_timeout_s', ['network'], { gt: 0 }) ?? 30;
    hop_ms = c.num(net, 'hop_ms', ['network'], { min: 0 }) ?? 0;
    client_ms = c.num(net, 'client_ms', ['network'], { min: 0 }) ?? 0;
  }

  // monitoring
  let monitoring: Scenario['monitoring'];
  const mo = c.obj(top, 'monitoring', ['monitoring']);
  if (mo) {
    const mp = ['monitoring'];
    c.keys(mo, mp, ['interval_s', 'eval_interval_s', 'service', 'alerts'], 'monitoring');
    const alerts: AlertRule[] = [];
    (c.list(mo, 'alerts', mp) ?? []).forEach((a, j) => {
      const ap = [...mp, 'alerts', j];
      if (!a || typeof a !== 'object') return c.error(ap, 'an alert is { name, metric, node, op, threshold, for_s }');
      const ao = a as Obj;
      c.keys(ao, ap, ['name', 'metric', 'node', 'op', 'threshold', 'for_s'], 'an alert');
      const node = c.str(ao, 'node', ap);
      if (node !== undefined && !known(node)) c.error([...ap, 'node'], `alert on unknown node '${node}'`);
      const threshold = c.num(ao, 'threshold', ap);
      if (threshold === undefined && ao.threshold === undefined) c.error(ap, "alert without 'threshold'");
      alerts.push({
        name: c.str(ao, 'name', ap) ?? `alert-${j + 1}`,
        metric: c.str(ao, 'metric', ap, ALERT_METRICS) ?? 'qps',
        node,
        op: (c.str(ao, 'op', ap, ['>', '<', '>=', '<=']) ?? '>') as AlertRule['op'],
        threshold: threshold ?? 0,
        for_s: c.num(ao, 'for_s', ap, { min: 0 }) ?? 0,
      });
    });
    monitoring = {
      interval_s: c.num(mo, 'interval_s', mp, { gt: 0 }) ?? 15,
      eval_interval_s: c.num(mo, 'eval_interval_s', mp, { gt: 0 }) ?? 15,
      service: c.str(mo, 'service', mp) ?? 'Sumo Logic',
      alerts,
    };
  }

  // timeline
  const timeline: TimelineEvent[] = [];
  const cues: Cue[] = [];
  const nodeIds = [...ids.keys()];
  (c.list(top, 'timeline', ['timeline']) ?? []).forEach((t, j) => {
    const tp = ['timeline', j];
    if (!t || typeof t !== 'object') return c.error(tp, 'a timeline entry is { at_s, action, node, value }');
    const to = t as Obj;
    c.keys(to, tp, ['at_s', 'action', 'node', 'value', 'component'], 'a timeline entry');
    if (typeof to.action === 'string' && (CUE_ACTIONS as readonly string[]).includes(to.action)) {
      // A presenter's cue (pause, set_speed, say: spec/cues.ts): for the live view, not the engine.
      const at = c.num(to, 'at_s', tp, { min: 0 }) ?? (c.error(tp, "timeline entry without 'at_s'"), 0);
      const r = cueFromFields(at, to.action, to.value as string | number | undefined, (why) => (c.error([...tp, 'value'], why), { error: why }));
      if ('cue' in r) cues.push(r.cue);
      return;
    }
    const ev: TimelineEvent = {
      at_s: c.num(to, 'at_s', tp, { min: 0 }) ?? (c.error(tp, "timeline entry without 'at_s'"), 0),
      action: (c.str(to, 'action', tp, ACTIONS) ?? 'restore') as ActionName,
    };
    if (to.action === undefined) c.error(tp, "timeline entry without 'action'");
    const node = c.str(to, 'node', tp);
    if (node !== undefined) ev.node = node;
    if (to.value !== undefined && to.value !== null) ev.value = to.value as number | string;
    if (ev.action === 'set_redispatch' && typeof to.value === 'boolean') ev.value = to.value ? 'on' : 'off';
    const component = c.str(to, 'component', tp, COMPONENTS);
    if (component !== undefined) ev.component = component as Component;
    const problem = timelineProblem(ev, nodes, nodeIds);
    if (problem) c.error(tp, problem);
    timeline.push(ev);
  });
  timeline.sort((a, b) => a.at_s - b.at_s);

  if (c.problems.length) {
    c.problems.sort((a, b) => a.line - b.line);
    throw new ScenarioError(c.problems);
  }
  // Served over HTTPS whenever the LB handles TLS, unless the author says otherwise.
  workload.https_ratio ??= lbs.some((l) => l.tls && l.tls !== 'none') ? 1 : 0;
  return {
    name,
    id,
    description: c.str(top, 'description', []),
    file,
    seed,
    duration_s,
    warmup_s,
    domain,
    dns: { records, lookup_ms },
    network: { hop_ms, client_ms, client_timeout_s },
    workload: workload as Scenario['workload'],
    nodes,
    monitoring,
    timeline,
    ...(cues.length ? { cues: sortCues(cues) } : {}),
  };
}

/**
 * Why a timeline event cannot apply to these nodes, or undefined when it can.
 * Shared by the loader, `--at` and the engine's `apply()`.
 */
export function timelineProblem(ev: TimelineEvent, nodes: NodeSpec[], nodeIds = nodes.map((n) => n.id)): string | undefined {
  if (!ACTIONS.includes(ev.action)) return `unknown action '${String(ev.action)}' (use ${ACTIONS.join(', ')})`;
  if (!NODELESS_ACTIONS.has(ev.action) && ev.node === undefined) return `action '${ev.action}' needs a node`;
  // An older reader of the at grammar (`40:add_server:app`) carries add_server's tier as its node.
  if (ev.action === 'add_server' && ev.value === undefined && ev.node !== undefined) ev = { ...ev, value: ev.node, node: undefined };
  // set_workers names a tier (every server of that role) or one node in the node's place.
  const workerTier = ev.action === 'set_workers' && ev.node !== undefined && !nodeIds.includes(ev.node) && (TIERS as readonly string[]).includes(ev.node);
  if (ev.node !== undefined && !workerTier && !nodeIds.includes(ev.node))
    return `unknown ${ev.action === 'set_workers' ? 'tier or node' : 'node'} '${ev.node}' (${ev.action === 'set_workers' ? `tiers: ${TIERS.join(', ')}; ` : ''}nodes: ${nodeIds.join(', ')})`;
  const node = nodes.find((n) => n.id === ev.node);
  if (ACTION_VALUES[ev.action] === 'component') {
    const comp = componentOf(ev);
    if (comp === undefined && (ev.value !== undefined || ev.component !== undefined))
      return `${ev.action} takes a process name (${COMPONENTS.join(', ')}), got ${JSON.stringify(ev.component ?? ev.value)}`;
    if (comp !== undefined && node) {
      const hosted = processesOf(node);
      if (!hosted.includes(comp)) return `'${ev.node}' runs no ${comp} (it runs ${hosted.join(', ')})`;
    }
  }
  switch (ev.action) {
    case 'stop_replication':
    case 'start_replication':
      if (node && (node.kind !== 'server' || node.db?.role !== 'replica')) return `${ev.action} applies to a replica database; '${ev.node}' is not one`;
      break;
    case 'add_server':
      if (!(TIERS as readonly unknown[]).includes(ev.value)) return `add_server needs a tier as its value (${TIERS.join(', ')}), got ${JSON.stringify(ev.value)}`;
      if (!nodes.some((n) => n.kind === 'server' && n.roles.includes(ev.value as Role)))
        return `add_server ${String(ev.value)}: no ${String(ev.value)} server to copy in this scenario`;
      break;
    case 'set_rate':
      if (typeof ev.value !== 'number' || !(ev.value > 0) || ev.value > LIMITS.rate_rps!.max)
        return `set_rate needs a positive rate in req/s (at most ${LIMITS.rate_rps!.max}) as its value, got ${JSON.stringify(ev.value)}`;
      break;
    case 'set_algorithm':
      if (!ALGORITHMS.includes(ev.value as Algorithm)) return `set_algorithm needs one of ${ALGORITHMS.join(', ')}; got ${JSON.stringify(ev.value)}`;
      if (node && node.kind !== 'load_balancer') return `set_algorithm applies to a load balancer; '${ev.node}' is not one`;
      break;
    case 'probe':
      if (typeof ev.value !== 'number' || !Number.isInteger(ev.value) || ev.value < 1 || ev.value > 65535) return `probe needs a port number as its value, got ${JSON.stringify(ev.value)}`;
      break;
    case 'set_redispatch':
      if (ev.value !== 'on' && ev.value !== 'off') return `set_redispatch needs on or off as its value, got ${JSON.stringify(ev.value)}`;
      if (node && node.kind !== 'load_balancer') return `set_redispatch applies to a load balancer; '${ev.node}' is not one`;
      if (!nodes.some((n) => n.kind === 'load_balancer')) return 'set_redispatch: no load balancer in this scenario';
      break;
    case 'set_workers': {
      const max = LIMITS.workers!.max;
      if (typeof ev.value !== 'number' || !Number.isInteger(ev.value) || ev.value < 1 || ev.value > max)
        return `set_workers needs a worker count from 1 to ${max} as its value, got ${JSON.stringify(ev.value)}`;
      if (workerTier) {
        if (!nodes.some((n) => n.kind === 'server' && n.roles.includes(ev.node as Role))) return `set_workers ${ev.node}: no ${ev.node} server in this scenario`;
      } else if (node) {
        if (node.kind !== 'server') return `set_workers applies to servers; '${ev.node}' is a load balancer`;
        if (node.roles.length !== 1)
          return `'${ev.node}' runs ${node.roles.join(', ')}: name the tier instead (set_workers:${node.roles.includes('app') ? 'app' : node.roles[0]}:${ev.value} changes every server of that role)`;
      }
      break;
    }
    case 'promote':
      if (node && (node.kind !== 'server' || !node.db)) return `promote applies to a database server; '${ev.node}' has no db role`;
      break;
    case 'drain':
    case 'undrain':
      if (node && node.kind !== 'server') return `${ev.action} applies to a server behind a load balancer; '${ev.node}' is a load balancer`;
      break;
  }
  return undefined;
}

/**
 * The process a kill, hang or restore aims at: `component`, or a process name given as
 * `value` (what a `<t>:kill:<node>:<process>` spec parsed by an older reader carries).
 */
export function componentOf(ev: { component?: Component; value?: number | string }): Component | undefined {
  if (ev.component !== undefined) return ev.component;
  return typeof ev.value === 'string' && (COMPONENTS as readonly string[]).includes(ev.value) ? (ev.value as Component) : undefined;
}

/** The processes a node runs: haproxy (and keepalived with vrrp) on a load balancer, its roles' processes on a server. */
export function processesOf(node: NodeSpec): Component[] {
  if (node.kind === 'load_balancer') return node.vrrp ? ['haproxy', 'keepalived'] : ['haproxy'];
  return node.roles.map((r) => ROLE_COMPONENT[r]);
}
