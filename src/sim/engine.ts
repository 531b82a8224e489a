/**
 * The discrete-event simulation behind every lab, demo and `webinfra-learn sim`.
 *
 * Virtual time in milliseconds; one seeded PRNG; one binary-heap event queue. The
 * behaviour follows SIM-REFERENCE.md (HAProxy checks, retries and redispatch,
 * keepalived/VRRP takeover, MySQL async replication) and the latency follows queueing
 * theory, which the faithfulness tests in test/sim check.
 *
 * Hot-path design: requests live in typed-array columns indexed by a small integer id
 * (recycled through a free list, with a generation counter so stale timer events are
 * ignored), events are five numbers in the heap, and nothing on the per-request path
 * allocates. Rare things (state changes, events for the log) use ordinary objects.
 */
import { EventQueue } from './event-queue';
import { consistentHasher, mapBasedHasher, type SourceHasher } from './hashing';
import { LatencyHistogram } from './histogram';
import { Rng } from './rng';
import { timelineProblem } from './scenario';
import { buildTopology, DNS_ID, USERS_ID } from './topology';
import type {
  Action,
  ActionName,
  AlertRule,
  Algorithm,
  Engine,
  EngineOptions,
  InFlight,
  LbView,
  LoadBalancerSpec,
  NodeSnapshot,
  NodeState,
  Report,
  RequestKind,
  Scenario,
  ServerSpec,
  SimEvent,
  Snapshot,
  TimelineEvent,
  Topology,
} from './types';

// ------------------------------------------------------------------ constants

const EV_ARRIVAL = 1;
const EV_DONE = 2; // service finished at the request's station
const EV_HOP = 3; // request reaches its next station (or the client, on the way back)
const EV_RETRY = 4; // LB retries a failed connection
const EV_CHECK = 5; // LB health check starts
const EV_CHECK_RESULT = 6; // a check that had to wait for its timeout
const EV_ADVERT = 7; // VRRP master advertisement
const EV_VRRP_TIMER = 8; // VRRP master-down timer
const EV_TIMELINE = 9;
const EV_COLLECT = 10; // monitoring agents push their metrics
const EV_EVAL = 11; // alert rules evaluated
const EV_QUEUE_TIMEOUT = 12; // `timeout queue` at the LB
const EV_PROMOTE = 13; // automatic promotion of a replica
const EV_FAIL = 14; // a request fails at a later time (timeouts)
const EV_DNS = 15; // a client's DNS lookup finished
const EV_SEMI_TIMEOUT = 16; // rpl_semi_sync_master_timeout: the primary gives up waiting

// request stages
const S_FREE = 0;
const S_DNS = 1;
const S_LBQUEUE = 2;
const S_CONNECT = 3;
const S_HOP = 4;
const S_QUEUED = 5;
const S_SERVICE = 6;
const S_RETURN = 7;
const S_FAILING = 8;
const S_TO_ENTRY = 9; // on the internet between the client and the entry point
const S_ACK = 10; // a semi-sync write waiting for a replica's acknowledgement

// request kinds
const K_STATIC = 0;
const K_READ = 1;
const K_WRITE = 2;

// node states
const UP = 0;
const DOWN = 1; // killed: connections refused
const HUNG = 2; // blackholed: nothing answers, everything times out
const STOPPED = 3; // clean stop

const STATE_NAMES: NodeState[] = ['up', 'down', 'hung', 'stopped'];

// roles of stations
const R_WEB = 0;
const R_APP = 1;
const R_DB = 2;

const ALG: Algorithm[] = ['roundrobin', 'static-rr', 'leastconn', 'source', 'random', 'first'];
const A_RR = 0;
const A_SRR = 1;
const A_LC = 2;
const A_SRC = 3;
const A_RAND = 4;
const A_FIRST = 5;

// HTTP-like result codes; 0 = the client got no answer at all (dropped, nobody at the address)
const C_OK = 200;

// latency histogram: log bins 2 % wide from 0.05 ms
const H_MIN = 0.05;
const H_BINS = 800;
const H_INV_LN = 1 / Math.log(1.02);
const SERIES_LEN = 60;
/** Ports the model knows services listen on, for firewalls and probes. */
const PORT_HTTP = 80;
const PORT_HTTPS = 443;
const PORT_APP = 8000;
const PORT_DB = 3306;
const PORT_SSH = 22;
/**
 * The event log keeps every state change (they are few: kills, restores, checks, VIP
 * moves, alerts). Repeated notices, throttled to one per node every 5–10 s, are the
 * only entries that grow with run length: past this many events in all, the oldest
 * notice is dropped for each new event, so a run of many hours stays bounded.
 */
const MAX_EVENTS = 10_000;
/** Event types that repeat for as long as their cause lasts (throttled notices, each with a count). */
const NOTICE_TYPES: ReadonlySet<string> = new Set(['firewall_drop', 'stale_read', 'write_rejected', 'write_failed']);
/** Repeated events of one kind on one node (stale reads, rejected writes) are reported at most this often, with a count. */
const REPEAT_EVENT_MS = 10_000;
/** Nginx passive upstream check: `max_fails 1`, `fail_timeout 10s`. */
const NGINX_FAIL_TIMEOUT_MS = 10_000;
/** `rpl_semi_sync_source_timeout` default: after 10 s without an acknowledgement the primary falls back to async. */
const SEMI_SYNC_TIMEOUT_MS = 10_000;
/**
 * Connections a service's accept queue holds beyond its busy workers: 4096, the cap Linux
 * puts on any listen backlog by default (`net.core.somaxconn` since 5.4). Without a cap an
 * overloaded tier (ρ > 1) would queue without bound and a long run's memory would grow
 * with it; at this size a two-minute lab never reaches it.
 */
const LISTEN_BACKLOG = 4096;
/** MySQL client connect timeout the app uses when the database host does not answer. */
const DB_CONNECT_TIMEOUT_MS = 5_000;

/** Stages in which a request sits at a node (queued or being served) rather than travelling. */
function isAtNode(stage: number): boolean {
  return stage === S_SERVICE || stage === S_QUEUED || stage === S_LBQUEUE || stage === S_ACK || stage === S_FAILING;
}

function histBin(ms: number): number {
  if (ms <= H_MIN) return 0;
  const b = Math.floor(Math.log(ms / H_MIN) * H_INV_LN);
  return b < H_BINS ? b : H_BINS - 1;
}
function binValue(b: number): number {
  return H_MIN * Math.pow(1.02, b + 0.5);
}
function histQuantile(h: Uint32Array, total: number, q: number): number {
  if (total === 0) return 0;
  const target = Math.max(1, Math.ceil(q * total));
  let acc = 0;
  for (let b = 0; b < H_BINS; b++) {
    acc += h[b]!;
    if (acc >= target) return binValue(b);
  }
  return binValue(H_BINS - 1);
}

/** Growable FIFO of integers. */
class IntQueue {
  private buf = new Int32Array(16);
  private head = 0;
  size = 0;
  push(x: number): void {
    if (this.size === this.buf.length) {
      const nb = new Int32Array(this.buf.length * 2);
      for (let i = 0; i < this.size; i++) nb[i] = this.buf[(this.head + i) % this.buf.length]!;
      this.buf = nb;
      this.head = 0;
    }
    this.buf[(this.head + this.size) % this.buf.length] = x;
    this.size++;
  }
  shift(): number {
    const x = this.buf[this.head]!;
    this.head = (this.head + 1) % this.buf.length;
    this.size--;
    return x;
  }
  at(i: number): number {
    return this.buf[(this.head + i) % this.buf.length]!;
  }
  clear(): void {
    this.head = 0;
    this.size = 0;
  }
}

const fmtS = (ms: number): string => {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : +s.toFixed(2)} s`;
};

// ------------------------------------------------------------------ runtime records

interface Station {
  idx: number;
  host: number;
  role: number;
  workers: number;
  mean: number;
  staticMean: number;
  det: boolean;
  busy: number;
  queue: IntQueue;
  area: number; // busy-worker × ms, integrated
  lastT: number;
  areaAtSecond: number;
  utilLastSecond: number;
}

interface Replica {
  node: number;
  applyMsPerWrite: number;
  baseMs: number;
  lastApply: number;
  commitT: number[];
  applyT: number[];
  client: number[];
  head: number;
  clientApply: Float64Array;
  maxLag: number;
  /** Writes the primary committed but had not shipped when it died. */
  unshipped: number;
}

interface NodeRt {
  idx: number;
  id: string;
  lb: number; // index into lbs, or -1
  spec: LoadBalancerSpec | ServerSpec;
  state: number;
  epoch: number;
  drained: boolean;
  drainedAnnounced: boolean;
  web: number;
  app: number;
  db: number;
  served: number;
  failed: number;
  hits: number;
  errs: number;
  // app role: where reads and writes go
  writeTo: number; // node idx, or -1
  followsPrimary: boolean;
  readFrom: number[];
  readPtr: number;
  upstream: number[]; // app hosts behind this web server
  upPtr: number;
  upFailedUntil: Float64Array;
  // db role
  dbRole: 'primary' | 'replica' | undefined;
  replica: Replica | undefined;
  replicaOf: number;
  downSince: number;
  promoteGen: number;
  // monitoring
  sampleT: number;
  sampleQps: number;
  sampleErr: number;
  hitsAtSample: number;
  errsAtSample: number;
  // firewall: allowed (port, source node | -1 any | -2 admin) or undefined when open
  fw: { port: number; from: number }[] | undefined;
  lastDropEvent: number;
  lastRejectEvent: number;
  lastStaleEvent: number;
  rejectCount: number;
  staleCount: number;
}

interface LbRt {
  idx: number;
  node: number;
  spec: LoadBalancerSpec;
  to: number[];
  weight: number[];
  alg: number;
  draws: number;
  cur: Float64Array;
  rrPtr: number;
  up: Uint8Array; // HAProxy's view: 1 UP, 0 DOWN
  fails: Int32Array;
  succ: Int32Array;
  checkGen: Int32Array;
  outstanding: Int32Array;
  queue: IntQueue;
  hasher: SourceHasher;
  scratch: Int32Array;
  inter: number;
  fastinter: number;
  fall: number;
  rise: number;
  checkTimeout: number;
  maxconn: number;
  queueTimer: boolean;
  // VRRP
  vip: number; // address index, or -1
  vState: 'MASTER' | 'BACKUP' | 'FAULT' | '';
  prio: number;
  advMs: number;
  skewMs: number;
  preempt: boolean;
  vGen: number;
  advGen: number;
  lastAdvertT: number;
  lastAdvertFrom: number;
  zeroAdvert: boolean;
}

interface AlertRt {
  rule: AlertRule;
  node: number;
  pendingSince: number;
  firing: boolean;
}

/** Create an engine for a loaded scenario. Options override the scenario's seed, duration, rate and add timeline events. */
export function createEngine(scenario: Scenario, opts: EngineOptions = {}): Engine {
  return new Sim(scenario, opts);
}

class Sim implements Engine {
  readonly scenario: Scenario;
  readonly topology: Topology;
  private readonly seed: number;
  private readonly durationMs: number;
  private readonly warmupMs: number;
  private readonly rng: Rng;
  private readonly q = new EventQueue(4096);
  private t = 0;
  private processed = 0;
  private wallMs = 0;

  private readonly nodes: NodeRt[] = [];
  private readonly byId = new Map<string, number>();
  private readonly lbs: LbRt[] = [];
  private readonly stations: Station[] = [];
  private readonly timeline: TimelineEvent[];

  // workload
  private rate: number;
  private readonly poisson: boolean;
  private readonly writeRatio: number;
  private readonly staticRatio: number;
  private readonly httpsRatio: number;
  private readonly clients: number;
  private arrivalGen = 0;
  private readonly hopMs: number;
  private readonly clientMs: number;

  // DNS
  private readonly addrIps: string[] = [];
  private readonly addrHolder: number[] = []; // node idx holding each address, -1 nobody
  private readonly wwwAddrs: number[];
  private readonly dnsTtlMs: number;
  private readonly lookupMs: number;
  private readonly cacheAddr: Int32Array;
  private readonly cacheExp: Float64Array;
  private dnsRotate = 0;
  private dnsLookups = 0;
  private dnsHits = 0;
  private readonly entryDirect: number; // single-server scenario: node idx reached without LB, else -1

  // requests (columns)
  private cap = 0;
  private rGen!: Int32Array;
  private rStage!: Uint8Array;
  private rKind!: Uint8Array;
  private rHttps!: Uint8Array;
  private rClient!: Int32Array;
  private rStart!: Float64Array;
  private rLb!: Int32Array;
  private rLbEpoch!: Int32Array;
  private rSrv!: Int32Array; // index within the LB's server list, -1 none
  private rTries!: Int32Array;
  private rExcl!: Int32Array;
  private rStation!: Int32Array;
  private rWebHost!: Int32Array;
  private rWebEpoch!: Int32Array;
  private rAppHost!: Int32Array;
  private rAppEpoch!: Int32Array;
  private rHops!: Int32Array;
  private rFrom!: Int32Array;
  private rTo!: Int32Array;
  private rPhaseStart!: Float64Array;
  private rPhaseEnd!: Float64Array;
  private rCode!: Int32Array;
  private rLive!: Int32Array; // position in `live`
  private rReadTries!: Int32Array;
  private rConn!: Uint8Array; // holds a connection slot at its LB
  private rDbHost!: Int32Array;
  private rAddr!: Int32Array; // the address the client connects to
  private rEntry!: Int32Array; // node that took the client's connection
  /** Stack of free request ids. */
  private free = new Int32Array(0);
  private freeN = 0;
  private live!: Int32Array;
  private liveN = 0;

  // counters
  private ok = 0;
  private failed = 0;
  private dropped = 0;
  private fwDropped = 0;
  private readonly byCode = new Map<number, number>();
  /** Post-warm-up latencies of successful requests: fixed size, exact count/sum/mean (a growing array made long runs grow without bound). */
  private readonly lat = new LatencyHistogram();
  /** Requests turned away because a service's accept queue was full. */
  private fullBacklogs = 0;
  private failWaitSum = 0;
  private failWaitMax = 0;
  private writesOk = 0;
  private writesFailed = 0;
  private staleReads = 0;
  private lostWrites = 0;
  private primary = -1; // current primary node idx
  private readonly semiConfigured: boolean;
  private semiActive = true;
  private semiFallbackAt = -1;

  // per-second series
  private secondStart = 0;
  private nextSecond = 1000;
  private readonly curHist = new Uint32Array(H_BINS);
  private curOk = 0;
  private curFail = 0;
  private seriesN = 0;
  private readonly sQps = new Float64Array(SERIES_LEN);
  private readonly sP50 = new Float64Array(SERIES_LEN);
  private readonly sP99 = new Float64Array(SERIES_LEN);
  private readonly sErr = new Float64Array(SERIES_LEN);

  private readonly events: SimEvent[] = [];
  /** Old repeated notices dropped from the event log to keep it bounded (see MAX_EVENTS). */
  private eventsTrimmed = 0;
  private readonly alerts: AlertRt[] = [];
  private readonly monInterval: number;
  private readonly monEval: number;
  private lastCollect = -1;
  private readonly encryptedHops: Record<string, boolean>;

  constructor(scenario: Scenario, opts: EngineOptions) {
    this.scenario = scenario;
    this.topology = buildTopology(scenario);
    this.seed = opts.seed ?? scenario.seed;
    this.durationMs = (opts.duration_s ?? scenario.duration_s) * 1000;
    this.warmupMs = Math.min(scenario.warmup_s * 1000, this.durationMs / 2);
    this.rng = new Rng(this.seed);
    const w = scenario.workload;
    this.rate = opts.rate_rps ?? w.rate_rps;
    this.poisson = (w.arrival ?? 'poisson') === 'poisson';
    this.writeRatio = w.write_ratio ?? 0;
    this.staticRatio = w.static_ratio ?? 0;
    this.httpsRatio = w.https_ratio ?? 0;
    this.clients = w.clients ?? 1000;
    this.hopMs = scenario.network?.hop_ms ?? 0;
    this.clientMs = scenario.network?.client_ms ?? 0;
    this.lookupMs = scenario.dns?.lookup_ms ?? 20;
    this.cacheAddr = new Int32Array(this.clients).fill(-1);
    this.cacheExp = new Float64Array(this.clients).fill(-1);
    this.growRequests(256);
    this.live = new Int32Array(256);

    // nodes and stations
    scenario.nodes.forEach((spec, idx) => {
      this.byId.set(spec.id, idx);
      const n: NodeRt = {
        idx,
        id: spec.id,
        lb: -1,
        spec,
        state: UP,
        epoch: 0,
        drained: false,
        drainedAnnounced: false,
        web: -1,
        app: -1,
        db: -1,
        served: 0,
        failed: 0,
        hits: 0,
        errs: 0,
        writeTo: -1,
        followsPrimary: false,
        readFrom: [],
        readPtr: 0,
        upstream: [],
        upPtr: 0,
        upFailedUntil: new Float64Array(0),
        dbRole: undefined,
        replica: undefined,
        replicaOf: -1,
        downSince: -1,
        promoteGen: 0,
        sampleT: -1,
        sampleQps: 0,
        sampleErr: 0,
        hitsAtSample: 0,
        errsAtSample: 0,
        fw: undefined,
        lastDropEvent: -Infinity,
        lastRejectEvent: -Infinity,
        lastStaleEvent: -Infinity,
        rejectCount: 0,
        staleCount: 0,
      };
      this.nodes.push(n);
    });
    for (const n of this.nodes) {
      const spec = n.spec;
      if (spec.firewall)
        n.fw = spec.firewall.allow.map((r) => ({
          port: r.port === 'any' ? -1 : r.port,
          from: r.from === 'any' ? -1 : r.from === 'admin' ? -2 : (this.byId.get(r.from) ?? -3),
        }));
      if (spec.kind === 'server') {
        const mk = (role: number, r: { workers?: number; service_ms?: number; service?: string } | undefined, staticMs?: number): number => {
          const st: Station = {
            idx: this.stations.length,
            host: n.idx,
            role,
            workers: r?.workers ?? spec.workers ?? 4,
            mean: r?.service_ms ?? spec.service_ms ?? 5,
            staticMean: staticMs ?? r?.service_ms ?? spec.service_ms ?? 5,
            det: (r?.service ?? spec.service) === 'deterministic',
            busy: 0,
            queue: new IntQueue(),
            area: 0,
            lastT: 0,
            areaAtSecond: 0,
            utilLastSecond: 0,
          };
          this.stations.push(st);
          return st.idx;
        };
        if (spec.web) n.web = mk(R_WEB, spec.web, spec.web.static_ms);
        if (spec.app) n.app = mk(R_APP, spec.app);
        if (spec.db) {
          n.db = mk(R_DB, spec.db);
          n.dbRole = spec.db.role;
          if (spec.db.role === 'primary' && this.primary < 0) this.primary = n.idx;
        }
      }
    }
    for (const n of this.nodes) {
      const spec = n.spec;
      if (spec.kind !== 'server') continue;
      if (spec.web) {
        n.upstream = (spec.web.upstream ?? []).map((u) => this.byId.get(u)!);
        n.upFailedUntil = new Float64Array(n.upstream.length).fill(-Infinity);
      }
      if (spec.app?.db !== undefined) {
        const target = this.byId.get(spec.app.db)!;
        n.writeTo = target;
        // An app configured with the primary's address follows it through failover
        // (a writer endpoint / proxy repointed by the failover tool); one pointed at a
        // replica keeps hitting that replica: the replica-write misconfiguration.
        n.followsPrimary = this.nodes[target]!.dbRole === 'primary';
        n.readFrom = (spec.app.read_from ?? []).map((r) => this.byId.get(r)!);
      }
      if (spec.db?.role === 'replica') {
        n.replica = this.makeReplica(n.idx, spec.db.apply_rate_wps ?? 2000, spec.db.lag_base_ms ?? 5);
        n.replicaOf = this.byId.get(spec.db.of ?? '') ?? -1;
      }
    }

    this.semiConfigured = this.nodes.some((n) => n.spec.kind === 'server' && n.spec.db?.semi_sync === true);

    // addresses: node IPs and VIPs
    const addrOf = new Map<string, number>();
    const addAddr = (ip: string, holder: number): number => {
      let a = addrOf.get(ip);
      if (a === undefined) {
        a = this.addrIps.length;
        addrOf.set(ip, a);
        this.addrIps.push(ip);
        this.addrHolder.push(holder);
      }
      return a;
    };
    for (const n of this.nodes) if (n.spec.ip) addAddr(n.spec.ip, n.idx);

    // load balancers
    for (const n of this.nodes) {
      const spec = n.spec;
      if (spec.kind !== 'load_balancer') continue;
      const hc = spec.health_check ?? {};
      const to = spec.to.map((t) => this.byId.get(t)!);
      const weight = spec.to.map((t) => spec.weights?.[t] ?? 1);
      const lb: LbRt = {
        idx: this.lbs.length,
        node: n.idx,
        spec,
        to,
        weight,
        alg: ALG.indexOf(spec.algorithm ?? 'roundrobin'),
        draws: spec.random_draws ?? 2,
        cur: new Float64Array(to.length),
        rrPtr: 0,
        up: new Uint8Array(to.length).fill(1),
        fails: new Int32Array(to.length),
        succ: new Int32Array(to.length),
        checkGen: new Int32Array(to.length),
        outstanding: new Int32Array(to.length),
        queue: new IntQueue(),
        hasher: spec.hash_type === 'consistent' ? consistentHasher(weight) : mapBasedHasher(to.length),
        scratch: new Int32Array(to.length),
        inter: hc.inter_ms ?? 2000,
        fastinter: hc.fastinter_ms ?? hc.inter_ms ?? 2000,
        fall: hc.fall ?? 3,
        rise: hc.rise ?? 2,
        checkTimeout: hc.timeout_ms ?? hc.inter_ms ?? 2000,
        maxconn: spec.maxconn ?? 0,
        queueTimer: false,
        vip: -1,
        vState: '',
        prio: spec.vrrp?.priority ?? 0,
        advMs: (spec.vrrp?.advert_int_s ?? 1) * 1000,
        skewMs: 0,
        preempt: spec.vrrp?.preempt ?? true,
        vGen: 0,
        advGen: 0,
        lastAdvertT: -1,
        lastAdvertFrom: -1,
        zeroAdvert: false,
      };
      if (spec.vrrp) {
        lb.vip = addAddr(spec.vrrp.vip, -1);
        const skewS = (256 - lb.prio) / 256;
        lb.skewMs = skewS * 1000 * ((spec.vrrp.version ?? 2) === 3 ? lb.advMs / 1000 : 1);
      }
      n.lb = lb.idx;
      this.lbs.push(lb);
    }

    // DNS: the www name's A records (following CNAMEs)
    const records = scenario.dns?.records ?? [];
    const www = `www.${scenario.domain ?? 'foobar.com'}`;
    let name = www;
    let ttl = Infinity;
    for (let hops = 0; hops < 8; hops++) {
      const cname = records.find((r) => r.name === name && r.type === 'CNAME');
      if (!cname) break;
      ttl = Math.min(ttl, cname.ttl_s ?? 300);
      name = cname.value;
    }
    const aRecs = records.filter((r) => r.name === name && r.type === 'A');
    for (const r of aRecs) ttl = Math.min(ttl, r.ttl_s ?? 300);
    this.dnsTtlMs = (Number.isFinite(ttl) ? ttl : 300) * 1000;
    this.wwwAddrs = aRecs.map((r) => addAddr(r.value, -1));
    this.entryDirect = -1;
    if (this.lbs.length === 0) {
      const s = this.nodes.find((x) => x.web >= 0 || x.app >= 0);
      this.entryDirect = s ? s.idx : -1;
    }

    // VRRP initial roles: the highest priority of each VIP group is MASTER.
    const groups = new Map<number, LbRt[]>();
    for (const lb of this.lbs) if (lb.vip >= 0) groups.set(lb.vip, [...(groups.get(lb.vip) ?? []), lb]);
    for (const [vip, members] of groups) {
      const master = [...members].sort((a, b) => b.prio - a.prio || a.idx - b.idx)[0]!;
      for (const m of members) {
        if (m === master) {
          m.vState = 'MASTER';
          this.addrHolder[vip] = m.node;
          this.q.push(0, EV_ADVERT, m.idx, m.advGen);
        } else {
          m.vState = 'BACKUP';
          this.armMasterDown(m, this.masterDownMs(m));
        }
      }
    }

    // health checks: each (LB, server) pair starts at a random phase of `inter`,
    // as HAProxy spreads its checks.
    for (const lb of this.lbs)
      for (let j = 0; j < lb.to.length; j++) this.q.push(this.rng.next() * lb.inter, EV_CHECK, lb.idx * 65536 + j, lb.checkGen[j]!);

    // monitoring
    const mon = scenario.monitoring;
    this.monInterval = (mon?.interval_s ?? 15) * 1000;
    this.monEval = (mon?.eval_interval_s ?? 15) * 1000;
    const agents = this.nodes.filter((x) => x.spec.agent);
    for (const rule of mon?.alerts ?? []) {
      const targets = rule.node
        ? [this.byId.get(rule.node)!]
        : agents.filter((a) => rule.metric === 'up' || a.web >= 0).map((a) => a.idx);
      for (const node of targets) this.alerts.push({ rule, node, pendingSince: -1, firing: false });
    }
    if (agents.length > 0 || this.alerts.length > 0) {
      this.q.push(this.monInterval, EV_COLLECT, 0, 0);
      // Evaluate just after a collection lands, as a service evaluating fresh data would.
      this.q.push(this.monEval + 1, EV_EVAL, 0, 0);
    }

    // timeline
    this.timeline = [...scenario.timeline, ...(opts.at ?? [])];
    this.timeline.forEach((ev, i) => {
      const problem = timelineProblem(ev, scenario.nodes);
      if (problem) throw new Error(`timeline at ${ev.at_s} s: ${problem}`);
      this.q.push(ev.at_s * 1000, EV_TIMELINE, i, 0);
    });

    // encrypted hops (static: they follow from the TLS mode)
    this.encryptedHops = {};
    for (const e of this.topology.edges) if (e.kind === 'http' || e.kind === 'https') this.encryptedHops[`${e.from}>${e.to}`] = e.kind === 'https';

    this.scheduleArrival();
  }

  // ================================================================ public API

  now(): number {
    return this.t;
  }

  runUntil(tMs: number): void {
    const start = performance.now();
    const q = this.q;
    while (q.size > 0 && q.peekTime() <= tMs) {
      q.pop();
      const t = q.t;
      if (t >= this.nextSecond) this.closeSeconds(t);
      this.t = t;
      this.processed++;
      this.dispatch(q.evType, q.evA, q.evB);
    }
    if (tMs > this.t) {
      if (tMs >= this.nextSecond) this.closeSeconds(tMs);
      this.t = tMs;
    }
    this.wallMs += performance.now() - start;
  }

  run(): Report {
    this.runUntil(this.durationMs);
    return this.report();
  }

  apply(action: Action): void {
    const problem = timelineProblem({ at_s: this.t / 1000, ...action }, this.scenario.nodes);
    if (problem) throw new Error(problem);
    this.doAction(action);
  }

  // ================================================================ dispatch

  private dispatch(type: number, a: number, b: number): void {
    switch (type) {
      case EV_ARRIVAL:
        if (b === this.arrivalGen) this.onArrival();
        break;
      case EV_DONE:
        if (this.rGen[a] === b) this.onServiceDone(a);
        break;
      case EV_HOP:
        if (this.rGen[a] === b) this.onHop(a);
        break;
      case EV_SEMI_TIMEOUT:
        this.onSemiTimeout();
        break;
      case EV_DNS:
        if (this.rGen[a] === b) this.afterDns(a);
        break;
      case EV_RETRY:
        if (this.rGen[a] === b) this.onRetry(a);
        break;
      case EV_CHECK:
        this.onCheck(a >> 16, a & 0xffff, b);
        break;
      case EV_CHECK_RESULT:
        if (this.lbs[a >> 16]!.checkGen[a & 0xffff] === b) this.checkResult(a >> 16, a & 0xffff, false, 'check timed out');
        break;
      case EV_ADVERT:
        this.onAdvert(a, b);
        break;
      case EV_VRRP_TIMER:
        this.onMasterDown(a, b);
        break;
      case EV_TIMELINE:
        this.doAction(this.timeline[a]!);
        break;
      case EV_COLLECT:
        this.onCollect();
        break;
      case EV_EVAL:
        this.onEval();
        break;
      case EV_QUEUE_TIMEOUT:
        this.onQueueTimeout(this.lbs[a]!);
        break;
      case EV_PROMOTE:
        if (this.nodes[a]!.promoteGen === b) this.onAutoPromote(a);
        break;
      case EV_FAIL:
        if (this.rGen[a] === b) this.finish(a, this.rCode[a]!);
        break;
    }
  }

  // ================================================================ requests

  private growRequests(n: number): void {
    const old = this.cap;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(x: T | undefined, make: (k: number) => T): T => {
      const y = make(n);
      if (x) y.set(x);
      return y;
    };
    this.rGen = g(this.rGen, (k) => new Int32Array(k));
    this.rStage = g(this.rStage, (k) => new Uint8Array(k));
    this.rKind = g(this.rKind, (k) => new Uint8Array(k));
    this.rHttps = g(this.rHttps, (k) => new Uint8Array(k));
    this.rClient = g(this.rClient, (k) => new Int32Array(k));
    this.rStart = g(this.rStart, (k) => new Float64Array(k));
    this.rLb = g(this.rLb, (k) => new Int32Array(k));
    this.rLbEpoch = g(this.rLbEpoch, (k) => new Int32Array(k));
    this.rSrv = g(this.rSrv, (k) => new Int32Array(k));
    this.rTries = g(this.rTries, (k) => new Int32Array(k));
    this.rExcl = g(this.rExcl, (k) => new Int32Array(k));
    this.rStation = g(this.rStation, (k) => new Int32Array(k));
    this.rWebHost = g(this.rWebHost, (k) => new Int32Array(k));
    this.rWebEpoch = g(this.rWebEpoch, (k) => new Int32Array(k));
    this.rAppHost = g(this.rAppHost, (k) => new Int32Array(k));
    this.rAppEpoch = g(this.rAppEpoch, (k) => new Int32Array(k));
    this.rHops = g(this.rHops, (k) => new Int32Array(k));
    this.rFrom = g(this.rFrom, (k) => new Int32Array(k));
    this.rTo = g(this.rTo, (k) => new Int32Array(k));
    this.rPhaseStart = g(this.rPhaseStart, (k) => new Float64Array(k));
    this.rPhaseEnd = g(this.rPhaseEnd, (k) => new Float64Array(k));
    this.rCode = g(this.rCode, (k) => new Int32Array(k));
    this.rLive = g(this.rLive, (k) => new Int32Array(k));
    this.rReadTries = g(this.rReadTries, (k) => new Int32Array(k));
    this.rConn = g(this.rConn, (k) => new Uint8Array(k));
    this.rDbHost = g(this.rDbHost, (k) => new Int32Array(k));
    this.rAddr = g(this.rAddr, (k) => new Int32Array(k));
    this.rEntry = g(this.rEntry, (k) => new Int32Array(k));
    const nf = new Int32Array(n);
    nf.set(this.free.subarray(0, this.freeN));
    this.free = nf;
    for (let i = n - 1; i >= old; i--) this.free[this.freeN++] = i;
    this.cap = n;
  }

  private alloc(): number {
    if (this.freeN === 0) this.growRequests(this.cap * 2);
    const r = this.free[--this.freeN]!;
    if (this.liveN === this.live.length) {
      const nl = new Int32Array(this.live.length * 2);
      nl.set(this.live);
      this.live = nl;
    }
    this.rLive[r] = this.liveN;
    this.live[this.liveN++] = r;
    return r;
  }

  private release(r: number): void {
    this.rGen[r]!++;
    this.rStage[r] = S_FREE;
    const pos = this.rLive[r]!;
    const last = this.live[--this.liveN]!;
    this.live[pos] = last;
    this.rLive[last] = pos;
    this.free[this.freeN++] = r;
  }

  private scheduleArrival(): void {
    const gap = this.poisson ? this.rng.exp(1000 / this.rate) : 1000 / this.rate;
    this.q.push(this.t + gap, EV_ARRIVAL, 0, this.arrivalGen);
  }

  private onArrival(): void {
    this.scheduleArrival();
    const r = this.alloc();
    const u = this.rng.next();
    this.rKind[r] = u < this.staticRatio ? K_STATIC : u < this.staticRatio + this.writeRatio ? K_WRITE : K_READ;
    this.rHttps[r] = this.httpsRatio >= 1 ? 1 : this.httpsRatio > 0 && this.rng.next() < this.httpsRatio ? 1 : 0;
    const c = this.clients > 1 ? this.rng.int(this.clients) : 0;
    this.rClient[r] = c;
    this.rStart[r] = this.t;
    this.rLb[r] = -1;
    this.rSrv[r] = -1;
    this.rTries[r] = 0;
    this.rExcl[r] = -1;
    this.rStation[r] = -1;
    this.rWebHost[r] = -1;
    this.rAppHost[r] = -1;
    this.rHops[r] = 0;
    this.rReadTries[r] = 0;
    this.rConn[r] = 0;
    this.rDbHost[r] = -1;
    this.rEntry[r] = -1;
    this.rFrom[r] = -1;
    if (this.cacheExp[c]! > this.t) {
      this.dnsHits++;
      this.afterDns(r);
      return;
    }
    // Uncached: ask the resolver; it rotates the order of multiple A records (DNS round robin).
    this.dnsLookups++;
    const n = this.wwwAddrs.length;
    this.cacheAddr[c] = n > 0 ? this.wwwAddrs[this.dnsRotate++ % n]! : -1;
    this.cacheExp[c] = this.t + this.lookupMs + this.dnsTtlMs;
    if (this.lookupMs > 0) {
      this.rStage[r] = S_DNS;
      this.rFrom[r] = -1;
      this.rTo[r] = -2;
      this.rPhaseStart[r] = this.t;
      this.rPhaseEnd[r] = this.t + this.lookupMs;
      this.q.push(this.t + this.lookupMs, EV_DNS, r, this.rGen[r]!);
    } else this.afterDns(r);
  }

  /** The client connects to the address it resolved, across the internet when `client_ms` > 0. */
  private afterDns(r: number): void {
    const addr = this.cacheAddr[this.rClient[r]!]!;
    this.rAddr[r] = addr;
    if (this.clientMs > 0) {
      const holder = addr >= 0 ? this.addrHolder[addr]! : this.entryDirect;
      this.rStage[r] = S_TO_ENTRY;
      this.rFrom[r] = -1;
      this.rTo[r] = holder;
      this.rPhaseStart[r] = this.t;
      this.rPhaseEnd[r] = this.t + this.clientMs;
      this.q.push(this.t + this.clientMs, EV_HOP, r, this.rGen[r]!);
      return;
    }
    this.atEntry(r);
  }

  /** The client's packets reach whoever holds the address now. */
  private atEntry(r: number): void {
    const addr = this.rAddr[r]!;
    const holder = addr >= 0 ? this.addrHolder[addr]! : this.entryDirect;
    if (holder < 0 || this.nodes[holder]!.state !== UP) {
      // Refused or unanswered: no HTTP answer at all. With several A records (active-active)
      // the browser moves on to the next address for this client's later requests.
      const n = this.wwwAddrs.length;
      if (n > 1) {
        const c = this.rClient[r]!;
        const i = this.wwwAddrs.indexOf(this.cacheAddr[c]!);
        this.cacheAddr[c] = this.wwwAddrs[(i + 1) % n]!;
      }
      if (holder >= 0) this.nodes[holder]!.hits++;
      return this.finish(r, 0);
    }
    const node = this.nodes[holder]!;
    node.hits++;
    const port = this.rHttps[r] ? PORT_HTTPS : PORT_HTTP;
    if (!this.allowed(node, port, -1)) {
      this.dropped++;
      this.dropEvent(node, port, -1);
      return this.finish(r, 0);
    }
    this.rEntry[r] = node.idx;
    if (node.lb >= 0) {
      const lb = this.lbs[node.lb]!;
      this.rLb[r] = lb.idx;
      this.rLbEpoch[r] = node.epoch;
      this.lbDispatch(r, lb, -1);
    } else {
      const st = this.stations[node.web >= 0 ? node.web : node.app]!;
      this.markHost(r, node);
      this.rStation[r] = st.idx;
      this.rFrom[r] = -1;
      this.rTo[r] = node.idx;
      this.enter(r, st);
    }
  }

  private markHost(r: number, node: NodeRt): void {
    if (node.web >= 0) {
      this.rWebHost[r] = node.idx;
      this.rWebEpoch[r] = node.epoch;
    } else {
      this.rAppHost[r] = node.idx;
      this.rAppEpoch[r] = node.epoch;
    }
  }

  // ---------------------------------------------------------------- load balancer

  private usable(lb: LbRt, j: number, excl: number): boolean {
    if (j === excl || lb.up[j] === 0) return false;
    const n = this.nodes[lb.to[j]!]!;
    if (n.drained) return false;
    if (lb.weight[j] === 0 && lb.alg !== A_SRR) return false;
    if (lb.maxconn > 0 && lb.outstanding[j]! >= lb.maxconn) return false;
    return true;
  }

  /** Choose a server (index into lb.to) for request r, or -1 when none can take it. */
  private choose(lb: LbRt, r: number, excl: number): number {
    const n = lb.to.length;
    switch (lb.alg) {
      case A_RR:
      case A_SRR: {
        // Smooth weighted round robin: interleaves by weight without bursts.
        let best = -1;
        let total = 0;
        const cur = lb.cur;
        for (let j = 0; j < n; j++) {
          if (!this.usable(lb, j, excl)) continue;
          const w = lb.weight[j]! || 1;
          cur[j]! += w;
          total += w;
          if (best < 0 || cur[j]! > cur[best]!) best = j;
        }
        if (best >= 0) cur[best]! -= total;
        return best;
      }
      case A_LC: {
        let best = -1;
        for (let k = 0; k < n; k++) {
          const j = (lb.rrPtr + k) % n;
          if (!this.usable(lb, j, excl)) continue;
          if (best < 0 || lb.outstanding[j]! * (lb.weight[best]! || 1) < lb.outstanding[best]! * (lb.weight[j]! || 1)) best = j;
        }
        lb.rrPtr = (lb.rrPtr + 1) % n;
        return best;
      }
      case A_SRC:
        return lb.hasher.pick(this.rClient[r]!, (j) => this.usable(lb, j, excl));
      case A_RAND: {
        let m = 0;
        const sc = lb.scratch;
        for (let j = 0; j < n; j++) if (this.usable(lb, j, excl)) sc[m++] = j;
        if (m === 0) return -1;
        let best = sc[this.rng.int(m)]!;
        const draws = Math.min(lb.draws, m);
        for (let d = 1; d < draws; d++) {
          let c = sc[this.rng.int(m)]!;
          while (c === best) c = sc[this.rng.int(m)]!; // distinct draws
          if (lb.outstanding[c]! < lb.outstanding[best]!) best = c;
        }
        return best;
      }
      case A_FIRST:
        for (let j = 0; j < n; j++) if (this.usable(lb, j, excl)) return j;
        return -1;
    }
    return -1;
  }

  private anyRunning(lb: LbRt): boolean {
    for (let j = 0; j < lb.to.length; j++) if (lb.up[j] && !this.nodes[lb.to[j]!]!.drained) return true;
    return false;
  }

  private lbDispatch(r: number, lb: LbRt, excl: number): void {
    const j = this.choose(lb, r, excl);
    if (j >= 0) return this.connect(r, lb, j);
    if (lb.maxconn > 0 && this.anyRunning(lb)) {
      // Every running server is at maxconn: wait in the backend queue.
      this.rStage[r] = S_LBQUEUE;
      this.rFrom[r] = -1;
      this.rTo[r] = lb.node;
      this.rPhaseStart[r] = this.t;
      this.rPhaseEnd[r] = this.t;
      lb.queue.push(r);
      // One timer per LB, for the head of its FIFO queue (the earliest deadline).
      if (!lb.queueTimer) {
        lb.queueTimer = true;
        this.q.push(this.t + (lb.spec.timeout_queue_ms ?? 5000), EV_QUEUE_TIMEOUT, lb.idx, 0);
      }
      return;
    }
    this.finish(r, 503); // no server available
  }

  private connect(r: number, lb: LbRt, j: number): void {
    const node = this.nodes[lb.to[j]!]!;
    this.rSrv[r] = j;
    const port = lb.spec.tls === 'passthrough' || lb.spec.tls === 'reencrypt' ? PORT_HTTPS : PORT_HTTP;
    const fwOk = this.allowed(node, port, lb.node);
    if (node.state === UP && fwOk) {
      lb.outstanding[j]!++;
      this.rConn[r] = 1;
      node.hits++;
      this.markHost(r, node);
      this.rHops[r] = (this.rHops[r] ?? 0) + 1;
      this.sendTo(r, lb.node, node.web >= 0 ? node.web : node.app);
      return;
    }
    if (!fwOk) {
      this.fwDropped++;
      this.dropEvent(node, port, lb.node);
    }
    // Refused (process dead) fails at once; unanswered (hung host, dropped SYN) waits `timeout connect`.
    const refused = fwOk && (node.state === DOWN || node.state === STOPPED);
    if (this.rTries[r]! >= (lb.spec.retries ?? 3)) return this.finish(r, 503);
    this.rTries[r]!++;
    const redispatch = lb.spec.redispatch ?? false;
    this.rExcl[r] = redispatch ? j : -1;
    const delay = refused ? (redispatch ? 0 : (lb.spec.retry_delay_ms ?? 1000)) : (lb.spec.timeout_connect_ms ?? 5000);
    if (delay === 0) return this.onRetry(r);
    this.rStage[r] = S_CONNECT;
    this.rFrom[r] = lb.node;
    this.rTo[r] = node.idx;
    this.rPhaseStart[r] = this.t;
    this.rPhaseEnd[r] = this.t + delay;
    this.q.push(this.t + delay, EV_RETRY, r, this.rGen[r]!);
  }

  private onRetry(r: number): void {
    const lb = this.lbs[this.rLb[r]!]!;
    if (this.nodes[lb.node]!.epoch !== this.rLbEpoch[r] || this.nodes[lb.node]!.state !== UP) return this.finish(r, 0);
    const excl = this.rExcl[r]!;
    if (excl >= 0) {
      // option redispatch: try another server.
      const j = this.choose(lb, r, excl);
      if (j >= 0) return this.connect(r, lb, j);
      if (lb.up[excl] && !this.nodes[lb.to[excl]!]!.drained) return this.connect(r, lb, excl);
      return this.finish(r, 503);
    }
    this.connect(r, lb, this.rSrv[r]!);
  }

  /** `timeout queue`: requests that waited too long in the backend queue get a 503. */
  private onQueueTimeout(lb: LbRt): void {
    lb.queueTimer = false;
    const timeout = lb.spec.timeout_queue_ms ?? 5000;
    const qu = lb.queue;
    while (qu.size > 0) {
      const r = qu.at(0);
      if (this.rStage[r] !== S_LBQUEUE || this.rLb[r] !== lb.idx) {
        qu.shift();
        continue;
      }
      const deadline = this.rPhaseStart[r]! + timeout;
      if (deadline > this.t) {
        lb.queueTimer = true;
        this.q.push(deadline, EV_QUEUE_TIMEOUT, lb.idx, 0);
        return;
      }
      qu.shift();
      this.finish(r, 503);
    }
  }

  /** A connection slot of server j at this LB is free: serve the backend queue. */
  private releaseSlot(lb: LbRt, j: number): void {
    lb.outstanding[j]!--;
    const node = this.nodes[lb.to[j]!]!;
    if (node.drained && !node.drainedAnnounced) this.checkDrained(node);
    const qu = lb.queue;
    while (qu.size > 0) {
      const r = qu.at(0);
      if (this.rStage[r] !== S_LBQUEUE || this.rLb[r] !== lb.idx) {
        qu.shift(); // timed out or failed meanwhile
        continue;
      }
      const k = this.usable(lb, j, -1) ? j : this.choose(lb, r, -1);
      if (k < 0) return;
      qu.shift();
      this.connect(r, lb, k);
      return;
    }
  }

  // ---------------------------------------------------------------- stations

  /** Move r to station st, across one network hop from `fromNode` when hosts differ. */
  private sendTo(r: number, fromNode: number, st: number): void {
    const s = this.stations[st]!;
    this.rStation[r] = st;
    this.rFrom[r] = fromNode;
    this.rTo[r] = s.host;
    if (this.hopMs > 0 && fromNode !== s.host) {
      this.rStage[r] = S_HOP;
      this.rPhaseStart[r] = this.t;
      this.rPhaseEnd[r] = this.t + this.hopMs;
      this.q.push(this.t + this.hopMs, EV_HOP, r, this.rGen[r]!);
    } else this.enter(r, s);
  }

  private onHop(r: number): void {
    const stage = this.rStage[r];
    if (stage === S_RETURN) return this.finishOk(r);
    if (stage === S_ACK) {
      this.writesOk++;
      return this.complete(r);
    }
    if (stage === S_TO_ENTRY) return this.atEntry(r);
    const s = this.stations[this.rStation[r]!]!;
    if (this.nodes[s.host]!.state === HUNG) return this.hangFail(r);
    this.enter(r, s);
  }

  private enter(r: number, s: Station): void {
    if (s.busy < s.workers) this.startService(r, s);
    else if (s.queue.size >= LISTEN_BACKLOG) {
      // Accept queue full: the kernel drops the SYN, the caller retransmits until it gives
      // up (the app's MySQL connect timeout, HAProxy's `timeout server` otherwise).
      this.fullBacklogs++;
      if (s.role === R_DB) this.failLater(r, 504, DB_CONNECT_TIMEOUT_MS);
      else this.hangFail(r);
    } else {
      this.rStage[r] = S_QUEUED;
      this.rPhaseStart[r] = this.t;
      this.rPhaseEnd[r] = this.t;
      s.queue.push(r);
    }
  }

  private setBusy(s: Station, delta: number): void {
    s.area += s.busy * (this.t - s.lastT);
    s.lastT = this.t;
    s.busy += delta;
  }

  private startService(r: number, s: Station): void {
    this.setBusy(s, 1);
    const mean = s.role === R_WEB && this.rKind[r] === K_STATIC ? s.staticMean : s.mean;
    const d = s.det ? mean : this.rng.exp(mean);
    this.rStage[r] = S_SERVICE;
    this.rPhaseStart[r] = this.t;
    this.rPhaseEnd[r] = this.t + d;
    this.q.push(this.t + d, EV_DONE, r, this.rGen[r]!);
  }

  private onServiceDone(r: number): void {
    const s = this.stations[this.rStation[r]!]!;
    this.setBusy(s, -1);
    if (s.queue.size > 0) this.startService(s.queue.shift(), s);
    const host = this.nodes[s.host]!;
    if (host.drained && !host.drainedAnnounced) this.checkDrained(host);
    switch (s.role) {
      case R_WEB:
        if (this.rKind[r] === K_STATIC || host.upstream.length === 0) return this.complete(r);
        return this.toApp(r, host);
      case R_APP:
        if (host.writeTo < 0) return this.complete(r);
        return this.toDb(r, host);
      default:
        return this.dbDone(r, host);
    }
  }

  /** Nginx proxies a dynamic request to an upstream app server (round robin, passive checks). */
  private toApp(r: number, web: NodeRt): void {
    const n = web.upstream.length;
    for (let k = 0; k < n; k++) {
      const i = (web.upPtr + k) % n;
      if (web.upFailedUntil[i]! > this.t) continue;
      const app = this.nodes[web.upstream[i]!]!;
      if (app.drained && app.idx !== web.idx) continue; // taken out of the upstream for a deploy
      if (app.idx !== web.idx) {
        const fwOk = this.allowed(app, PORT_APP, web.idx);
        if (!fwOk) {
          this.fwDropped++;
          this.dropEvent(app, PORT_APP, web.idx);
        }
        if (app.state !== UP || !fwOk) {
          // max_fails 1: this upstream is skipped for fail_timeout; the request tries the next one.
          web.upFailedUntil[i] = this.t + NGINX_FAIL_TIMEOUT_MS;
          continue;
        }
        this.rHops[r] = (this.rHops[r] ?? 0) + 1;
      }
      web.upPtr = (i + 1) % n;
      this.rAppHost[r] = app.idx;
      this.rAppEpoch[r] = app.epoch;
      app.hits += app.idx === web.idx ? 0 : 1;
      this.sendTo(r, web.idx, app.app);
      return;
    }
    web.failed++;
    this.finish(r, 502); // no live upstream
  }

  private toDb(r: number, app: NodeRt): void {
    const write = this.rKind[r] === K_WRITE;
    let target: number;
    if (write) target = app.followsPrimary && this.primary >= 0 ? this.primary : app.writeTo;
    else {
      const n = app.readFrom.length;
      if (n === 0) target = app.followsPrimary && this.primary >= 0 ? this.primary : app.writeTo;
      else {
        target = app.readFrom[app.readPtr % n]!;
        app.readPtr = (app.readPtr + 1) % n;
        // A read target that was the old primary follows the writer endpoint too.
        if (target === app.writeTo && app.followsPrimary && this.primary >= 0) target = this.primary;
      }
    }
    const db = this.nodes[target]!;
    const remote = db.idx !== app.idx;
    const fwOk = !remote || this.allowed(db, PORT_DB, app.idx);
    if (!fwOk) {
      this.fwDropped++;
      this.dropEvent(db, PORT_DB, app.idx);
    }
    if (db.state !== UP || !fwOk) {
      if (!write && this.rReadTries[r]! < app.readFrom.length - 1) {
        this.rReadTries[r]!++;
        return this.toDb(r, app); // try the next read source
      }
      if (write) this.writeFailed(app, db);
      app.failed++;
      app.errs++;
      if (db.state === HUNG || !fwOk) return this.failLater(r, 504, DB_CONNECT_TIMEOUT_MS);
      return this.finish(r, 500);
    }
    if (write && db.dbRole !== 'primary') {
      // read_only replica: MySQL answers ERROR 1290 at once.
      this.writesFailed++;
      db.rejectCount++;
      if (this.t - db.lastRejectEvent >= REPEAT_EVENT_MS) {
        const more = db.rejectCount - 1;
        db.lastRejectEvent = this.t;
        db.rejectCount = 0;
        this.event('write_rejected', db.id, `${db.id} rejected a write from ${app.id}'s app: it is a read_only replica (writes belong on the primary${this.primary >= 0 ? `, ${this.nodes[this.primary]!.id}` : ''})${more > 0 ? `; ${more} more since the last report` : ''}`, { from: app.id, count: more + 1 });
      }
      app.failed++;
      app.errs++;
      return this.finish(r, 500);
    }
    if (remote) this.rHops[r] = (this.rHops[r] ?? 0) + 1;
    this.rDbHost[r] = db.idx;
    this.sendTo(r, app.idx, db.db);
  }

  private writeFailed(app: NodeRt, db: NodeRt): void {
    this.writesFailed++;
    db.rejectCount++;
    if (this.t - db.lastRejectEvent >= REPEAT_EVENT_MS) {
      const more = db.rejectCount - 1;
      db.lastRejectEvent = this.t;
      db.rejectCount = 0;
      this.event('write_failed', db.id, `writes fail: the primary ${db.id} is ${STATE_NAMES[db.state]} and no replica has been promoted${more > 0 ? ` (${more} more failed writes since the last report)` : ''}`, { from: app.id, count: more + 1 });
    }
  }

  private dbDone(r: number, db: NodeRt): void {
    const c = this.rClient[r]!;
    if (this.rKind[r] === K_WRITE) {
      this.replicate(db, c);
      if (this.semiConfigured && this.semiActive) return this.awaitAck(r);
      this.writesOk++;
    } else if (db.replica) {
      const rep = db.replica;
      if (rep.clientApply[c]! > this.t) {
        this.staleReads++;
        db.staleCount++;
        if (this.t - db.lastStaleEvent >= REPEAT_EVENT_MS) {
          const more = db.staleCount - 1;
          db.lastStaleEvent = this.t;
          db.staleCount = 0;
          const lag = this.lagOf(rep);
          this.event('stale_read', db.id, `${db.id} served a stale read: this user's own write has not reached the replica yet (replica ${lag >= 1000 ? fmtS(lag) : `${Math.round(lag)} ms`} behind)${more > 0 ? `; ${more} more since the last report` : ''}`, {
            lag_ms: Math.round(lag),
            count: more + 1,
          });
        }
      }
    }
    this.complete(r);
  }

  /** The request's work is done: check the path back still exists, then answer. */
  private complete(r: number): void {
    const lbI = this.rLb[r]!;
    if (lbI >= 0) {
      const lbNode = this.nodes[this.lbs[lbI]!.node]!;
      if (lbNode.epoch !== this.rLbEpoch[r] || lbNode.state !== UP) return this.finish(r, 0);
    }
    const wh = this.rWebHost[r]!;
    if (wh >= 0 && this.nodes[wh]!.epoch !== this.rWebEpoch[r]) return this.finish(r, 502);
    const ah = this.rAppHost[r]!;
    if (ah >= 0 && ah !== wh && this.nodes[ah]!.epoch !== this.rAppEpoch[r]) return this.finish(r, 502);
    if (this.hopMs > 0 || this.clientMs > 0) {
      // The answer travels back the way the request came; drawn on the client's edge.
      const back = this.rHops[r]! * this.hopMs + this.clientMs;
      this.rStage[r] = S_RETURN;
      this.rFrom[r] = -1;
      this.rTo[r] = this.rEntry[r]!;
      this.rPhaseStart[r] = this.t;
      this.rPhaseEnd[r] = this.t + back;
      this.q.push(this.t + back, EV_HOP, r, this.rGen[r]!);
      return;
    }
    this.finishOk(r);
  }

  private finishOk(r: number): void {
    const lbI = this.rLb[r]!;
    const start = this.rStart[r]!;
    const latency = this.t - start;
    if (lbI >= 0) {
      const lb = this.lbs[lbI]!;
      const timeout = lb.spec.timeout_server_ms ?? 30000;
      if (latency - this.rHops[r]! * this.hopMs * 2 - this.clientMs * 2 > timeout) return this.finish(r, 504); // answered after HAProxy gave up
      this.nodes[lb.node]!.served++;
    }
    const wh = this.rWebHost[r]!;
    if (wh >= 0) this.nodes[wh]!.served++;
    const ah = this.rAppHost[r]!;
    if (ah >= 0 && ah !== wh) this.nodes[ah]!.served++;
    const dh = this.rDbHost[r]!;
    if (dh >= 0 && dh !== wh && dh !== ah) this.nodes[dh]!.served++;
    this.ok++;
    this.curOk++;
    this.curHist[histBin(latency)]!++;
    if (start >= this.warmupMs) this.lat.record(latency);
    this.endRequest(r);
  }

  /** Fail request r now with `code` (0 = no answer). */
  private finish(r: number, code: number): void {
    if (code === C_OK) return this.finishOk(r);
    this.failed++;
    this.curFail++;
    const waited = this.t - this.rStart[r]!;
    this.failWaitSum += waited;
    if (waited > this.failWaitMax) this.failWaitMax = waited;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    const lbI = this.rLb[r]!;
    if (lbI >= 0) {
      const n = this.nodes[this.lbs[lbI]!.node]!;
      n.failed++;
      n.errs++;
    }
    this.endRequest(r);
  }

  private endRequest(r: number): void {
    const lbI = this.rLb[r]!;
    const connected = this.rConn[r] === 1;
    const j = this.rSrv[r]!;
    this.release(r);
    // Freeing the connection slot may start a queued request, so do it last. A slot
    // taken before the LB restarted belongs to the old process (its counts were reset).
    if (connected && lbI >= 0) {
      const lb = this.lbs[lbI]!;
      if (this.nodes[lb.node]!.epoch === this.rLbEpoch[r]) this.releaseSlot(lb, j);
    }
  }

  private failLater(r: number, code: number, delay: number): void {
    this.rStage[r] = S_FAILING;
    this.rCode[r] = code;
    this.rPhaseStart[r] = this.t;
    this.rPhaseEnd[r] = this.t + delay;
    this.q.push(this.t + delay, EV_FAIL, r, this.rGen[r]!);
  }

  private hangFail(r: number): void {
    const lbI = this.rLb[r]!;
    const timeout = lbI >= 0 ? (this.lbs[lbI]!.spec.timeout_server_ms ?? 30000) : 30000;
    this.failLater(r, 504, Math.max(0, this.rStart[r]! + timeout - this.t));
  }

  // ---------------------------------------------------------------- replication

  private makeReplica(node: number, applyRate: number, baseMs: number): Replica {
    return {
      node,
      applyMsPerWrite: 1000 / applyRate,
      baseMs,
      lastApply: 0,
      commitT: [],
      applyT: [],
      client: [],
      head: 0,
      clientApply: new Float64Array(this.clients),
      maxLag: 0,
      unshipped: 0,
    };
  }

  private replicate(primary: NodeRt, client: number): void {
    for (const n of this.nodes) {
      const rep = n.replica;
      if (!rep || n.dbRole !== 'replica' || n.replicaOf !== primary.idx) continue;
      // A replica applies the binary log in order, at most at its apply rate. It pulls
      // the log over port 3306 of the primary: a firewall in the way stalls replication.
      let down = n.state !== UP;
      if (!down && !this.allowed(primary, PORT_DB, n.idx)) {
        down = true;
        this.fwDropped++;
        this.dropEvent(primary, PORT_DB, n.idx);
      }
      const at = down ? Infinity : Math.max(this.t + rep.baseMs, rep.lastApply + rep.applyMsPerWrite);
      if (!down) rep.lastApply = at;
      rep.commitT.push(this.t);
      rep.applyT.push(at);
      rep.client.push(client);
      rep.clientApply[client] = at;
    }
  }

  private semiReplicaUp(): NodeRt | undefined {
    let best: NodeRt | undefined;
    for (const n of this.nodes)
      if (n.dbRole === 'replica' && n.state === UP && n.spec.kind === 'server' && n.spec.db?.semi_sync && (!best || n.replica!.baseMs < best.replica!.baseMs)) best = n;
    return best;
  }

  /** Semi-sync: the commit returns once one replica has the change (ship + ack), or after the timeout. */
  private awaitAck(r: number): void {
    const rep = this.semiReplicaUp();
    let at: number;
    if (rep) at = this.t + 2 * rep.replica!.baseMs;
    else {
      if (this.semiFallbackAt < 0) {
        this.semiFallbackAt = this.t + SEMI_SYNC_TIMEOUT_MS;
        this.q.push(this.semiFallbackAt, EV_SEMI_TIMEOUT, 0, 0);
      }
      at = this.semiFallbackAt;
    }
    this.rStage[r] = S_ACK;
    this.rPhaseStart[r] = this.t;
    this.rPhaseEnd[r] = at;
    this.q.push(at, EV_HOP, r, this.rGen[r]!);
  }

  private onSemiTimeout(): void {
    this.semiFallbackAt = -1;
    if (!this.semiActive || this.semiReplicaUp()) return;
    this.semiActive = false;
    const p = this.primary >= 0 ? this.nodes[this.primary]!.id : 'the primary';
    this.event('semi_sync_off', p, `${p} fell back to asynchronous replication: no semi-sync replica acknowledged a write for ${fmtS(SEMI_SYNC_TIMEOUT_MS)} (writes waited that long)`);
  }

  /** Drop applied entries; current lag = age of the oldest unapplied write. */
  private lagOf(rep: Replica, record = false): number {
    while (rep.head < rep.applyT.length && rep.applyT[rep.head]! <= this.t) rep.head++;
    if (rep.head > 4096 && rep.head * 2 > rep.applyT.length) {
      rep.commitT = rep.commitT.slice(rep.head);
      rep.applyT = rep.applyT.slice(rep.head);
      rep.client = rep.client.slice(rep.head);
      rep.head = 0;
    }
    if (rep.head >= rep.applyT.length) return 0;
    const lag = Math.max(0, this.t - rep.commitT[rep.head]!);
    // Only the simulation's own once-a-second sample records the maximum, so how often a
    // UI looks (snapshots, reports) never changes the run's results.
    if (record && lag > rep.maxLag) rep.maxLag = lag;
    return lag;
  }

  private resumeReplica(n: NodeRt): void {
    const rep = n.replica!;
    this.lagOf(rep);
    rep.lastApply = Math.max(rep.lastApply, this.t);
    for (let i = rep.head; i < rep.applyT.length; i++) {
      if (rep.applyT[i] !== Infinity) continue;
      const at = Math.max(rep.commitT[i]! + rep.baseMs, rep.lastApply + rep.applyMsPerWrite);
      rep.lastApply = at;
      rep.applyT[i] = at;
      rep.clientApply[rep.client[i]!] = Math.max(rep.clientApply[rep.client[i]!] === Infinity ? 0 : rep.clientApply[rep.client[i]!]!, at);
    }
  }

  private promote(n: NodeRt, cause: string): void {
    if (n.dbRole === 'primary') {
      this.event('promote_ignored', n.id, `${n.id} is already the primary`);
      return;
    }
    const old = this.primary >= 0 ? this.nodes[this.primary]! : undefined;
    const rep = n.replica!;
    this.lagOf(rep);
    // Async replication: what the dead primary committed but never shipped is gone.
    const lost = old && old.state !== UP ? rep.unshipped : 0;
    rep.unshipped = 0;
    this.lostWrites += lost;
    rep.head = rep.applyT.length;
    rep.clientApply.fill(0);
    n.dbRole = 'primary';
    n.replicaOf = -1;
    this.primary = n.idx;
    // The other replicas now pull from the new primary.
    for (const x of this.nodes) if (x !== n && x.dbRole === 'replica' && old && x.replicaOf === old.idx) x.replicaOf = n.idx;
    if (old) {
      old.dbRole = 'replica';
      old.replicaOf = n.idx;
      old.replica ??= this.makeReplica(old.idx, 2000, 5);
      old.replica.head = old.replica.applyT.length;
      old.replica.clientApply.fill(0);
      old.replica.lastApply = this.t;
      old.promoteGen++;
    }
    for (const x of this.nodes) x.promoteGen += x === old ? 0 : 1;
    this.event(
      'promoted',
      n.id,
      `${n.id} promoted to primary (${cause}): writes go to ${n.id} now${old ? `; ${old.id} will rejoin as a replica` : ''}${lost ? `; ${lost} committed write${lost === 1 ? '' : 's'} never reached it and ${lost === 1 ? 'is' : 'are'} lost` : ''}`,
      { lost_writes: lost, old_primary: old?.id },
    );
  }

  private onAutoPromote(idx: number): void {
    const n = this.nodes[idx]!;
    const p = this.primary >= 0 ? this.nodes[this.primary]! : undefined;
    if (!p || p.state === UP || n.state !== UP || n.dbRole !== 'replica') return;
    const spec = (n.spec as ServerSpec).db!;
    this.promote(n, `automatic failover after the primary ${p.id} was down for ${spec.promote_after_s} s`);
  }

  // ---------------------------------------------------------------- health checks

  private onCheck(li: number, j: number, gen: number): void {
    const lb = this.lbs[li]!;
    if (lb.checkGen[j] !== gen) return;
    const lbNode = this.nodes[lb.node]!;
    if (lbNode.state !== UP) return; // a dead LB checks nothing; restore restarts checks
    const srv = this.nodes[lb.to[j]!]!;
    const port = lb.spec.tls === 'passthrough' || lb.spec.tls === 'reencrypt' ? PORT_HTTPS : PORT_HTTP;
    const fwOk = this.allowed(srv, port, lb.node);
    if (srv.state === UP && fwOk) return this.checkResult(li, j, true, '');
    if (fwOk && (srv.state === DOWN || srv.state === STOPPED)) return this.checkResult(li, j, false, 'connection refused');
    // Hung host or dropped packets: the check waits for its timeout.
    lb.checkGen[j]!++;
    this.q.push(this.t + lb.checkTimeout, EV_CHECK_RESULT, li * 65536 + j, lb.checkGen[j]!);
  }

  private checkResult(li: number, j: number, okCheck: boolean, why: string): void {
    const lb = this.lbs[li]!;
    const srv = this.nodes[lb.to[j]!]!;
    const lbId = this.nodes[lb.node]!.id;
    if (okCheck) {
      lb.fails[j] = 0;
      if (!lb.up[j]) {
        lb.succ[j]!++;
        if (lb.succ[j]! >= lb.rise) {
          lb.up[j] = 1;
          lb.succ[j] = 0;
          this.event('marked_up', srv.id, `${lbId} marked ${srv.id} UP: ${lb.rise} successful check${lb.rise === 1 ? '' : 's'}, ${fmtS(lb.fastinter)} apart (rise ${lb.rise})`, { lb: lbId });
        }
      }
    } else {
      lb.succ[j] = 0;
      if (lb.up[j]) {
        lb.fails[j]!++;
        if (lb.fails[j]! >= lb.fall) {
          lb.up[j] = 0;
          lb.fails[j] = 0;
          this.event('marked_down', srv.id, `${lbId} marked ${srv.id} DOWN: ${lb.fall} failed checks, ${fmtS(lb.fastinter)} apart (${why}; fall ${lb.fall})`, { lb: lbId, reason: why });
        }
      }
    }
    // The next check starts `inter` after this one completed; `fastinter` while in transition.
    const transition = (lb.up[j] && lb.fails[j]! > 0) || (!lb.up[j] && lb.succ[j]! > 0);
    lb.checkGen[j]!++;
    this.q.push(this.t + (transition ? lb.fastinter : lb.inter), EV_CHECK, li * 65536 + j, lb.checkGen[j]!);
  }


  // ---------------------------------------------------------------- VRRP

  private masterDownMs(lb: LbRt): number {
    return 3 * lb.advMs + lb.skewMs;
  }

  private armMasterDown(lb: LbRt, delay: number): void {
    lb.vGen++;
    this.q.push(this.t + delay, EV_VRRP_TIMER, lb.idx, lb.vGen);
  }

  private groupOf(lb: LbRt): LbRt[] {
    return this.lbs.filter((x) => x.vip === lb.vip && x !== lb);
  }

  private sendAdvert(lb: LbRt, prio: number): void {
    for (const m of this.groupOf(lb)) {
      if (this.nodes[m.node]!.state !== UP) continue;
      this.receiveAdvert(m, lb, prio);
    }
  }

  private onAdvert(li: number, gen: number): void {
    const lb = this.lbs[li]!;
    if (lb.advGen !== gen || lb.vState !== 'MASTER' || this.nodes[lb.node]!.state !== UP) return;
    this.sendAdvert(lb, lb.prio);
    this.q.push(this.t + lb.advMs, EV_ADVERT, li, gen);
  }

  private receiveAdvert(m: LbRt, from: LbRt, prio: number): void {
    if (m.vState === 'BACKUP') {
      m.lastAdvertFrom = from.idx;
      if (prio === 0) {
        // The master is leaving cleanly: take over after the skew alone.
        m.zeroAdvert = true;
        m.lastAdvertT = this.t;
        this.armMasterDown(m, m.skewMs);
      } else if (!m.preempt || prio >= m.prio) {
        m.zeroAdvert = false;
        m.lastAdvertT = this.t;
        this.armMasterDown(m, this.masterDownMs(m));
      }
      // else: a lower-priority master; with preemption we ignore it and let our timer run out.
    } else if (m.vState === 'MASTER' && (prio > m.prio || (prio === m.prio && from.idx < m.idx))) {
      m.vState = 'BACKUP';
      m.advGen++;
      m.lastAdvertFrom = from.idx;
      m.lastAdvertT = this.t;
      this.armMasterDown(m, this.masterDownMs(m));
    }
  }

  private onMasterDown(li: number, gen: number): void {
    const lb = this.lbs[li]!;
    if (lb.vGen !== gen || lb.vState !== 'BACKUP' || this.nodes[lb.node]!.state !== UP) return;
    const prevHolder = this.addrHolder[lb.vip]!;
    lb.vState = 'MASTER';
    lb.advGen++;
    this.addrHolder[lb.vip] = lb.node;
    const me = this.nodes[lb.node]!;
    const other = lb.lastAdvertFrom >= 0 ? this.nodes[this.lbs[lb.lastAdvertFrom]!.node]!.id : prevHolder >= 0 ? this.nodes[prevHolder]!.id : 'the master';
    const ip = this.addrIps[lb.vip]!;
    const skew = fmtS(lb.skewMs);
    let msg: string;
    let cause: string;
    if (lb.zeroAdvert) {
      cause = 'clean_stop';
      msg = `${me.id} took VIP ${ip}: ${other} stopped cleanly (priority-0 advert), takeover after the skew ${skew}`;
    } else if (lb.lastAdvertFrom >= 0 && this.lbs[lb.lastAdvertFrom]!.prio < lb.prio && this.nodes[this.lbs[lb.lastAdvertFrom]!.node]!.state === UP) {
      cause = 'preempt';
      msg = `${me.id} took VIP ${ip} back from ${other}: priority ${lb.prio} > ${this.lbs[lb.lastAdvertFrom]!.prio}, after its master-down wait ${fmtS(this.masterDownMs(lb))} (preempt)`;
    } else {
      cause = 'master_down';
      const since = lb.lastAdvertT >= 0 ? this.t - lb.lastAdvertT : this.masterDownMs(lb);
      msg = `${me.id} took VIP ${ip}: no advert from ${other} for ${fmtS(since)} (3 × ${fmtS(lb.advMs)} + skew ${skew})`;
    }
    lb.zeroAdvert = false;
    this.event('vip_moved', me.id, msg, { vip: ip, from: other, cause, last_advert_s: lb.lastAdvertT >= 0 ? lb.lastAdvertT / 1000 : undefined });
    // A new master advertises at once (and sends gratuitous ARP).
    this.q.push(this.t, EV_ADVERT, lb.idx, lb.advGen);
  }

  // ---------------------------------------------------------------- firewall

  private allowed(node: NodeRt, port: number, from: number): boolean {
    const fw = node.fw;
    if (!fw) return true;
    for (let i = 0; i < fw.length; i++) {
      const rule = fw[i]!;
      if ((rule.port === -1 || rule.port === port) && (rule.from === -1 || rule.from === from)) return true;
    }
    return false;
  }

  private dropEvent(node: NodeRt, port: number, from: number): void {
    if (this.t - node.lastDropEvent < 5000) return;
    node.lastDropEvent = this.t;
    const src = from === -1 ? 'the internet' : from === -2 ? 'admin' : this.nodes[from]!.id;
    this.event('firewall_drop', node.id, `${node.id}'s firewall dropped a packet to port ${port} from ${src}: no rule allows it (it never reached the service)`, { port, from: src });
  }

  private probe(node: NodeRt, port: number): void {
    if (!this.allowed(node, port, -1)) {
      this.fwDropped++;
      node.lastDropEvent = -Infinity;
      this.dropEvent(node, port, -1);
      return;
    }
    const listening =
      port === PORT_SSH ||
      (node.lb >= 0 && (port === PORT_HTTP || port === PORT_HTTPS)) ||
      (node.web >= 0 && port === PORT_HTTP) ||
      (node.app >= 0 && port === PORT_APP) ||
      (node.db >= 0 && port === PORT_DB);
    const up = node.state === UP;
    this.event(
      listening && up ? 'probe_open' : 'probe_closed',
      node.id,
      listening && up
        ? `probe from the internet reached ${node.id}:${port}: the port is open${node.fw ? ' (the firewall allows it)' : ' (no firewall)'}`
        : `probe from the internet to ${node.id}:${port}: ${up ? 'connection refused (nothing listens there)' : `no answer (${node.id} is ${STATE_NAMES[node.state]})`}`,
      { port },
    );
  }

  // ---------------------------------------------------------------- monitoring

  private onCollect(): void {
    const dt = this.lastCollect < 0 ? this.t : this.t - this.lastCollect;
    this.lastCollect = this.t;
    for (const n of this.nodes) {
      if (!n.spec.agent || n.state !== UP) continue;
      const hits = n.hits - n.hitsAtSample;
      const errs = n.errs - n.errsAtSample;
      n.sampleQps = hits / (dt / 1000);
      n.sampleErr = hits > 0 ? errs / hits : 0;
      n.hitsAtSample = n.hits;
      n.errsAtSample = n.errs;
      n.sampleT = this.t;
    }
    this.q.push(this.t + this.monInterval, EV_COLLECT, 0, 0);
  }

  private metricOf(a: AlertRt): number {
    const n = this.nodes[a.node]!;
    switch (a.rule.metric) {
      case 'up':
        return this.lastCollect >= 0 && n.sampleT === this.lastCollect ? 1 : 0;
      case 'qps':
        return n.sampleQps;
      case 'error_rate':
        return n.sampleErr;
      case 'p99_ms':
        return this.seriesN > 0 ? this.sP99[(this.seriesN - 1) % SERIES_LEN]! : 0;
    }
    return 0;
  }

  private onEval(): void {
    for (const a of this.alerts) {
      if (this.lastCollect < 0) break;
      const v = this.metricOf(a);
      const r = a.rule;
      const hit = r.op === '>' ? v > r.threshold : r.op === '<' ? v < r.threshold : r.op === '>=' ? v >= r.threshold : v <= r.threshold;
      const node = this.nodes[a.node]!.id;
      const fmtV = Number.isInteger(v) ? String(v) : v.toFixed(r.metric === 'error_rate' ? 3 : 1);
      if (hit) {
        if (a.pendingSince < 0) a.pendingSince = this.t;
        if (!a.firing && this.t - a.pendingSince >= (r.for_s ?? 0) * 1000) {
          a.firing = true;
          this.event(
            'alert_fired',
            node,
            `alert ${r.name} fired on ${node}: ${r.metric} ${fmtV} ${r.op} ${r.threshold}${r.for_s ? ` for ${r.for_s} s` : ''} (agent pushes every ${fmtS(this.monInterval)}, rule evaluated every ${fmtS(this.monEval)})`,
            { alert: r.name, value: v },
          );
        }
      } else {
        a.pendingSince = -1;
        if (a.firing) {
          a.firing = false;
          this.event('alert_resolved', node, `alert ${r.name} resolved on ${node}: ${r.metric} ${fmtV} is back within ${r.op === '>' || r.op === '>=' ? '≤' : '≥'} ${r.threshold}`, { alert: r.name, value: v });
        }
      }
    }
    this.q.push(this.t + this.monEval, EV_EVAL, 0, 0);
  }

  // ---------------------------------------------------------------- actions

  private doAction(a: Action | TimelineEvent): void {
    const n = a.node !== undefined ? this.nodes[this.byId.get(a.node)!] : undefined;
    const action: ActionName = a.action;
    switch (action) {
      case 'kill':
        return this.takeDown(n!, DOWN);
      case 'blackhole':
        return this.takeDown(n!, HUNG);
      case 'stop':
        return this.takeDown(n!, STOPPED);
      case 'restore':
        return this.restore(n!);
      case 'drain':
        return this.drain(n!, true);
      case 'undrain':
        return this.drain(n!, false);
      case 'promote':
        return this.promote(n!, 'operator action');
      case 'set_rate': {
        const rate = Number(a.value);
        this.event('rate_changed', undefined, `request rate set to ${rate} req/s (was ${this.rate})`, { rate_rps: rate });
        this.rate = rate;
        this.arrivalGen++;
        this.scheduleArrival();
        return;
      }
      case 'set_algorithm': {
        const alg = String(a.value) as Algorithm;
        for (const lb of this.lbs) {
          if (n && lb.node !== n.idx) continue;
          lb.alg = ALG.indexOf(alg);
          lb.cur.fill(0);
          this.event('algorithm_changed', this.nodes[lb.node]!.id, `${this.nodes[lb.node]!.id} now balances with ${alg}`, { algorithm: alg });
        }
        return;
      }
      case 'probe':
        return this.probe(n!, Number(a.value));
    }
  }

  private takeDown(n: NodeRt, how: number): void {
    if (n.state !== UP) {
      this.event('action_ignored', n.id, `${n.id} is already ${STATE_NAMES[n.state]}`);
      return;
    }
    const wasMaster = n.lb >= 0 && this.lbs[n.lb]!.vState === 'MASTER';
    n.state = how;
    n.downSince = this.t;
    const type = how === DOWN ? 'node_killed' : how === HUNG ? 'node_hung' : 'node_stopped';
    const what =
      how === DOWN
        ? 'process crashed: connections are refused'
        : how === HUNG
          ? 'blackholed: packets go unanswered, connections and checks time out'
          : 'stopped cleanly';
    this.event(type, n.id, `${n.id} ${what}`);
    if (how !== STOPPED) {
      n.epoch++;
      // Work inside the host dies with it: 502 for a crash, 504 after `timeout server` for a hang.
      for (const st of [n.web, n.app, n.db]) {
        if (st < 0) continue;
        const s = this.stations[st]!;
        const victims: number[] = [];
        for (let i = 0; i < this.liveN; i++) {
          const r = this.live[i]!;
          const stage = this.rStage[r];
          if (this.rStation[r] === st && (stage === S_SERVICE || stage === S_QUEUED || stage === S_HOP || stage === S_ACK)) victims.push(r);
        }
        s.queue.clear();
        this.setBusy(s, -s.busy);
        n.failed += victims.length;
        for (const r of victims) {
          if (this.rStage[r] === S_ACK) this.writesFailed++; // committed, never confirmed
          if (how === DOWN) this.finish(r, 502);
          else this.hangFail(r);
        }
      }
    }
    if (n.lb >= 0) {
      const lb = this.lbs[n.lb]!;
      if (lb.vState !== '') {
        if (how === STOPPED && wasMaster) {
          this.sendAdvert(lb, 0);
          this.addrHolder[lb.vip] = -1;
        }
        lb.vState = 'FAULT';
        lb.advGen++;
        lb.vGen++;
      }
    }
    if (n.dbRole === 'primary' && how !== STOPPED) {
      // The replicas keep applying what they received (the relay log); what was still
      // on its way (committed less than lag_base_ms ago) never arrives.
      for (const x of this.nodes) {
        const rep = x.replica;
        if (!rep || x.dbRole !== 'replica') continue;
        this.lagOf(rep);
        let keep = rep.applyT.length;
        while (keep > rep.head && rep.commitT[keep - 1]! + rep.baseMs > this.t) keep--;
        // Under semi-sync no acknowledged write is missing: the unshipped ones were never confirmed to their clients.
        const semi = this.semiConfigured && this.semiActive && x.spec.kind === 'server' && x.spec.db?.semi_sync;
        if (!semi) rep.unshipped += rep.applyT.length - keep;
        rep.commitT.length = keep;
        rep.applyT.length = keep;
        rep.client.length = keep;
      }
    }
    if (n.dbRole === 'primary') {
      for (const x of this.nodes) {
        const d = x.spec.kind === 'server' ? x.spec.db : undefined;
        if (x.dbRole === 'replica' && d?.promote_after_s !== undefined && x.state === UP) {
          x.promoteGen++;
          this.q.push(this.t + d.promote_after_s * 1000, EV_PROMOTE, x.idx, x.promoteGen);
        }
      }
    }
  }

  private restore(n: NodeRt): void {
    if (n.state === UP) {
      this.event('action_ignored', n.id, `${n.id} is already up`);
      return;
    }
    const was = STATE_NAMES[n.state];
    n.state = UP;
    n.epoch++;
    n.downSince = -1;
    for (const st of [n.web, n.app, n.db]) if (st >= 0) this.stations[st]!.lastT = this.t;
    let more = '';
    const watchers = this.lbs.filter((l) => l.to.includes(n.idx));
    if (watchers.length) {
      const l = watchers[0]!;
      more = `; ${watchers.map((w) => this.nodes[w.node]!.id).join(', ')} will mark it UP after ${l.rise} successful checks`;
    }
    if (n.lb >= 0) {
      const lb = this.lbs[n.lb]!;
      // HAProxy starts with every server UP and checks from a fresh state.
      lb.up.fill(1);
      lb.fails.fill(0);
      lb.succ.fill(0);
      lb.outstanding.fill(0);
      lb.queue.clear();
      for (let j = 0; j < lb.to.length; j++) {
        lb.checkGen[j]!++;
        this.q.push(this.t + this.rng.next() * lb.inter, EV_CHECK, lb.idx * 65536 + j, lb.checkGen[j]!);
      }
      if (lb.vip >= 0) {
        // keepalived starts as BACKUP and waits its own master-down interval.
        lb.vState = 'BACKUP';
        lb.lastAdvertFrom = -1;
        lb.lastAdvertT = -1;
        lb.zeroAdvert = false;
        this.armMasterDown(lb, this.masterDownMs(lb));
        more = `; keepalived starts as BACKUP and waits ${fmtS(this.masterDownMs(lb))} (3 × ${fmtS(lb.advMs)} + skew ${fmtS(lb.skewMs)}) before claiming VIP ${this.addrIps[lb.vip]}`;
        if (this.addrHolder[lb.vip]! < 0 || this.nodes[this.addrHolder[lb.vip]!]!.state !== UP) more += ' (nobody holds it now)';
      }
    }
    if (n.replica && n.dbRole === 'replica') this.resumeReplica(n);
    if (this.semiConfigured && !this.semiActive && n.dbRole === 'replica' && n.spec.kind === 'server' && n.spec.db?.semi_sync) {
      this.semiActive = true;
      this.event('semi_sync_on', n.id, `${n.id} is back: the primary waits for its acknowledgement again (semi-sync)`);
    }
    if (n.dbRole === 'primary') for (const x of this.nodes) if (x.dbRole === 'replica') x.promoteGen++;
    this.event('node_restored', n.id, `${n.id} restored (was ${was}): it accepts connections again${more}`);
  }

  private drain(n: NodeRt, on: boolean): void {
    if (n.drained === on) return;
    n.drained = on;
    n.drainedAnnounced = false;
    // Who stops sending it work: the load balancers in front of it, or the Nginx
    // servers that use it as an upstream app server.
    let senders = this.lbs.filter((l) => l.to.includes(n.idx)).map((l) => this.nodes[l.node]!.id);
    if (senders.length === 0) senders = this.nodes.filter((w) => w.upstream.includes(n.idx) && w !== n).map((w) => w.id);
    if (on) {
      const inflight = this.outstandingTo(n);
      const who = senders.length ? `${senders.join(', ')} send${senders.length === 1 ? 's' : ''} it no new requests` : 'nothing routes around it (no load balancer in front)';
      this.event('drain_started', n.id, `${n.id} draining: ${who}; ${inflight} in flight will finish`, { inflight });
      this.checkDrained(n);
    } else this.event('undrained', n.id, `${n.id} back in rotation (undrain)`);
  }

  /** Requests still in flight to a node: its LB connections, or (behind Nginx) the work at its stations. */
  private outstandingTo(n: NodeRt): number {
    let k = 0;
    let behindLb = false;
    for (const lb of this.lbs) {
      const j = lb.to.indexOf(n.idx);
      if (j >= 0) {
        k += lb.outstanding[j]!;
        behindLb = true;
      }
    }
    if (behindLb) return k;
    for (const st of [n.web, n.app, n.db]) {
      if (st < 0) continue;
      const s = this.stations[st]!;
      k += s.busy + s.queue.size;
    }
    return k;
  }

  private checkDrained(n: NodeRt): void {
    if (this.outstandingTo(n) > 0) return;
    n.drainedAnnounced = true;
    this.event('drained', n.id, `${n.id} drained: no requests left in flight, safe to restart`);
  }

  // ---------------------------------------------------------------- events and series

  private event(type: string, node: string | undefined, message: string, extra: Record<string, unknown> = {}): void {
    const e: SimEvent = { t_s: Math.round(this.t) / 1000, type, message };
    if (node !== undefined) e.node = node;
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) e[k] = v;
    this.events.push(e);
    if (this.events.length > MAX_EVENTS) {
      // At most once per new event, and only after hours of notices: a linear scan is fine.
      const i = this.events.findIndex((x) => NOTICE_TYPES.has(x.type));
      if (i >= 0) {
        this.events.splice(i, 1);
        this.eventsTrimmed++;
      }
    }
  }

  /** Close every whole second up to time t: series points and per-second utilisation. */
  private closeSeconds(t: number): void {
    while (t >= this.nextSecond) {
      const boundary = this.nextSecond;
      const done = this.curOk + this.curFail;
      const i = this.seriesN % SERIES_LEN;
      this.sQps[i] = done;
      this.sErr[i] = done > 0 ? this.curFail / done : 0;
      this.sP50[i] = histQuantile(this.curHist, this.curOk, 0.5);
      this.sP99[i] = histQuantile(this.curHist, this.curOk, 0.99);
      this.seriesN++;
      if (this.curOk > 0) this.curHist.fill(0);
      this.curOk = 0;
      this.curFail = 0;
      // Sample replication lag (Seconds_Behind_Source) once a second, which also trims the apply queues.
      for (const n of this.nodes) if (n.replica && n.dbRole === 'replica' && n.state === UP) this.lagOf(n.replica, true);
      for (const s of this.stations) {
        const area = s.area + s.busy * (boundary - s.lastT);
        s.utilLastSecond = (area - s.areaAtSecond) / (s.workers * (boundary - this.secondStart));
        s.areaAtSecond = area;
      }
      this.secondStart = boundary;
      this.nextSecond = boundary + 1000;
    }
  }

  private series(arr: Float64Array): number[] {
    const n = Math.min(this.seriesN, SERIES_LEN);
    const out = new Array<number>(n);
    for (let k = 0; k < n; k++) out[k] = arr[(this.seriesN - n + k) % SERIES_LEN]!;
    return out;
  }

  private nodeUtil(n: NodeRt, lastSecond: boolean): number {
    let u = 0;
    for (const st of [n.web, n.app, n.db]) {
      if (st < 0) continue;
      const s = this.stations[st]!;
      const v = lastSecond ? s.utilLastSecond : this.t > 0 ? (s.area + s.busy * (this.t - s.lastT)) / (s.workers * this.t) : 0;
      if (v > u) u = v;
    }
    return u;
  }

  private nodeState(n: NodeRt): NodeState {
    if (n.state !== UP) return STATE_NAMES[n.state]!;
    return n.drained ? 'draining' : 'up';
  }

  private lbViewOf(lb: LbRt, j: number): LbView {
    if (this.nodes[lb.to[j]!]!.drained) return 'DRAIN';
    if (lb.up[j]) return lb.fails[j]! > 0 ? 'UP-going-down' : 'UP';
    return lb.succ[j]! > 0 ? 'DOWN-going-up' : 'DOWN';
  }

  /**
   * Up to `max` in-flight requests for drawing. Requests travelling on an edge come
   * first (they are what moves on the diagram), then those waiting or served at a
   * node; each group is sampled evenly when it is larger than what is left.
   */
  private sampleInflight(max: number): InFlight[] {
    const out: InFlight[] = [];
    if (max <= 0 || this.liveN === 0) return out;
    let moving = 0;
    for (let i = 0; i < this.liveN; i++) if (!isAtNode(this.rStage[this.live[i]!]!)) moving++;
    const resting = this.liveN - moving;
    const takeMoving = Math.min(moving, max);
    const takeResting = Math.min(resting, max - takeMoving);
    const strideM = moving / Math.max(1, takeMoving);
    const strideR = resting / Math.max(1, takeResting);
    let seenM = 0;
    let seenR = 0;
    let takenM = 0;
    let takenR = 0;
    for (let i = 0; i < this.liveN && out.length < takeMoving + takeResting; i++) {
      const r = this.live[i]!;
      if (isAtNode(this.rStage[r]!)) {
        if (takenR < takeResting && seenR++ === Math.floor(takenR * strideR)) {
          takenR++;
          out.push(this.inflightOf(r));
        }
      } else if (takenM < takeMoving && seenM++ === Math.floor(takenM * strideM)) {
        takenM++;
        out.push(this.inflightOf(r));
      }
    }
    return out;
  }

  private inflightOf(r: number): InFlight {
    const stage = this.rStage[r]!;
    const span = this.rPhaseEnd[r]! - this.rPhaseStart[r]!;
    let progress = span > 0 ? Math.min(1, Math.max(0, (this.t - this.rPhaseStart[r]!) / span)) : stage === S_QUEUED || stage === S_LBQUEUE ? 0 : 1;
    // The answer travels the client's edge backwards.
    if (stage === S_RETURN) progress = 1 - progress;
    const kind: RequestKind = this.rKind[r] === K_STATIC ? 'static' : this.rKind[r] === K_WRITE ? 'write' : 'dynamic';
    const from = this.nameOf(this.rFrom[r]!);
    const to = this.nameOf(this.rTo[r]!);
    const f: InFlight = {
      id: r * 65536 + (this.rGen[r]! & 0xffff),
      kind,
      encrypted: (this.encryptedHops[`${from}>${to}`] ?? false) && (from !== USERS_ID || this.rHttps[r] === 1),
      from,
      to,
      progress,
    };
    if (isAtNode(stage)) f.atNode = true;
    if (stage === S_FAILING || stage === S_CONNECT) f.failed = true;
    if (stage === S_RETURN) f.returning = true;
    return f;
  }

  private nameOf(i: number): string {
    return i === -1 ? USERS_ID : i === -2 ? DNS_ID : this.nodes[i]!.id;
  }

  snapshot(opts: { maxInflight?: number } = {}): Snapshot {
    const max = opts.maxInflight ?? 200;
    const nodes: Record<string, NodeSnapshot> = {};
    for (const n of this.nodes) {
      let active = 0;
      let queued = 0;
      for (const st of [n.web, n.app, n.db]) {
        if (st < 0) continue;
        const s = this.stations[st]!;
        active += s.busy;
        queued += s.queue.size;
      }
      const ns: NodeSnapshot = {
        id: n.id,
        state: this.nodeState(n),
        active,
        queued,
        served: n.served,
        failed: n.failed,
        utilization: this.nodeUtil(n, true),
      };
      const views: Record<string, LbView> = {};
      let any = false;
      for (const lb of this.lbs) {
        const j = lb.to.indexOf(n.idx);
        if (j < 0) continue;
        views[this.nodes[lb.node]!.id] = this.lbViewOf(lb, j);
        any = true;
      }
      if (any) ns.lbView = views;
      if (n.lb >= 0) {
        const lb = this.lbs[n.lb]!;
        let o = 0;
        for (let j = 0; j < lb.to.length; j++) o += lb.outstanding[j]!;
        ns.active = o;
        ns.queued = lb.queue.size;
        if (lb.vip >= 0) {
          ns.vipHolder = this.addrHolder[lb.vip] === n.idx;
          ns.vrrpState = lb.vState === '' ? undefined : lb.vState;
        }
      }
      if (n.dbRole) {
        ns.dbRole = n.dbRole;
        if (n.dbRole === 'replica' && n.replica) ns.replicationLagMs = Math.round(this.lagOf(n.replica));
      }
      nodes[n.id] = ns;
    }
    const inflight = this.sampleInflight(max);
    const last = this.seriesN > 0 ? (this.seriesN - 1) % SERIES_LEN : -1;
    const lb0 = this.lbs[0];
    return {
      t_ms: this.t,
      nodes,
      inflight,
      totals: { total: this.ok + this.failed, ok: this.ok, failed: this.failed, dropped: this.dropped + this.fwDropped },
      availability: this.ok + this.failed > 0 ? this.ok / (this.ok + this.failed) : 1,
      qps: last >= 0 ? this.sQps[last]! : 0,
      p50_ms: last >= 0 ? this.sP50[last]! : 0,
      p99_ms: last >= 0 ? this.sP99[last]! : 0,
      error_rate: last >= 0 ? this.sErr[last]! : 0,
      series: { qps: this.series(this.sQps), p50_ms: this.series(this.sP50), p99_ms: this.series(this.sP99), error_rate: this.series(this.sErr) },
      events: this.events.slice(-50),
      algorithm: lb0 ? ALG[lb0.alg]! : 'roundrobin',
      rate_rps: this.rate,
      encryptedHops: this.encryptedHops,
    };
  }

  report(): Report {
    const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
    const nodes: Report['nodes'] = {};
    for (const n of this.nodes) {
      const entry: Report['nodes'][string] = {
        kind: n.spec.kind,
        state: this.nodeState(n),
        served: n.served,
        utilization: round(this.nodeUtil(n, false), 4),
        failed: n.failed,
      };
      if (n.spec.kind === 'server') {
        const roles: Record<string, number> = {};
        for (const [name, st] of [['web', n.web], ['app', n.app], ['db', n.db]] as const)
          if (st >= 0) {
            const s = this.stations[st]!;
            roles[name] = round(this.t > 0 ? (s.area + s.busy * (this.t - s.lastT)) / (s.workers * this.t) : 0, 4);
          }
        entry.roles = roles;
      }
      if (n.dbRole) entry.db_role = n.dbRole;
      if (n.replica && n.dbRole === 'replica') entry.replication_lag_ms = Math.round(this.lagOf(n.replica));
      if (n.lb >= 0) {
        const lb = this.lbs[n.lb]!;
        entry.algorithm = ALG[lb.alg];
        if (lb.vip >= 0) {
          entry.vrrp_state = lb.vState;
          entry.vip_holder = this.addrHolder[lb.vip] === n.idx;
        }
        entry.backends = Object.fromEntries(lb.to.map((t, j) => [this.nodes[t]!.id, this.lbViewOf(lb, j)]));
      }
      nodes[n.id] = entry;
    }
    let maxLag = 0;
    for (const n of this.nodes) {
      if (!n.replica) continue;
      maxLag = Math.max(maxLag, n.replica.maxLag);
    }
    const total = this.ok + this.failed;
    const byCode: Record<string, number> = {};
    for (const [c, k] of [...this.byCode.entries()].sort((a, b) => a[0] - b[0])) byCode[c === 0 ? 'no_answer' : String(c)] = k;
    const hasDb = this.nodes.some((n) => n.db >= 0);
    // Nearest-rank percentiles within the histogram's precision (≤ 0.5 %); the mean is exact.
    const [p50, p95, p99] = this.lat.quantiles([0.5, 0.95, 0.99]) as [number, number, number];
    const rep: Report = {
      scenario: this.scenario.id,
      name: this.scenario.name,
      seed: this.seed,
      duration_s: round(this.t / 1000, 3),
      warmup_s: this.warmupMs / 1000,
      rate_rps: this.rate,
      requests: { total, ok: this.ok, failed: this.failed, dropped: this.dropped, by_code: byCode, in_flight: this.liveN, ...(this.fullBacklogs > 0 ? { backlog_full: this.fullBacklogs } : {}) },
      availability: total > 0 ? round(this.ok / total, 6) : 1,
      latency_ms: {
        mean: round(this.lat.mean(), 3),
        p50: round(p50, 3),
        p95: round(p95, 3),
        p99: round(p99, 3),
        count: this.lat.count,
      },
      /** How long failed requests waited before their error (e.g. ≈ 3 s of retries before a 503). */
      failed_latency_ms: { mean: round(this.failed ? this.failWaitSum / this.failed : 0, 1), max: round(this.failWaitMax, 1) },
      nodes,
      events: [...this.events],
      dns: { lookups: this.dnsLookups, cache_hits: this.dnsHits, ttl_s: this.dnsTtlMs / 1000 },
      firewall: { dropped: this.dropped + this.fwDropped },
      sim: { events_processed: this.processed, wall_ms: round(this.wallMs, 1), ...(this.eventsTrimmed > 0 ? { events_trimmed: this.eventsTrimmed } : {}) },
    };
    if (hasDb)
      rep.db = {
        writes_ok: this.writesOk,
        writes_failed: this.writesFailed,
        stale_reads: this.staleReads,
        lost_writes: this.lostWrites,
        max_lag_ms: Math.round(maxLag),
        primary: this.primary >= 0 ? this.nodes[this.primary]!.id : undefined,
      } as Report['db'];
    return rep;
  }
}
