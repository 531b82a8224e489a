/**
 * The world one run shares: clock, event heap, PRNG, request columns, nodes, stations,
 * load balancers, counters and the event log, set up from a scenario.
 */
import type { AlertRule, EngineOptions, LoadBalancerSpec, Scenario, ServerSpec, SimEvent, EventType, TimelineEvent, Topology } from '../spec/types';
import { EventQueue } from '../event-queue';
import { consistentHasher, mapBasedHasher, type SourceHasher } from '../hashing';
import { LatencyHistogram } from '../histogram';
import { Rng } from '../rng';
import { timelineProblem } from '../spec/scenario';
import { buildTopology } from '../spec/topology';
import { IntQueue } from './int-queue';
import type { FailTally } from './failures';
import { EV_TRACK, EV_CHECK, EV_ADVERT, EV_TIMELINE, EV_COLLECT, EV_EVAL, S_FREE, UP, R_WEB, R_APP, R_DB, ALG, H_BINS, SERIES_LEN, MAX_EVENTS, NGINX_TIMEOUT_MS } from './constants';
import { NOTICE_TYPES } from '../spec/vocabulary';
import { scheduleArrival } from './clients';
import { makeReplica } from './replication';
import { masterDownMs, armMasterDown } from './vrrp';

// ------------------------------------------------------------------ runtime records

export interface Station {
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
  /** The process serving this role: UP, DOWN (killed: refused) or HUNG (stopped answering; the kernel still accepts). */
  proc: number;
  /** Bumped when the process dies: requests that were inside it no longer get its answer. */
  epoch: number;
  /** Connections the kernel accepted for a hung process (its listen backlog), up to HUNG_BACKLOG. */
  backlog: number;
}

export interface Replica {
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
  /** The SQL thread is stopped (`stop_replication`): writes pile up unapplied. */
  stopped: boolean;
}

export interface NodeRt {
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
  /** Nginx's view of each upstream: skipped until this time after a failure (`fail_timeout`, whole seconds). */
  upFailedUntil: Float64Array;
  /** Mirrors of its entry station's (web, else app) and app station's epochs, read on every answer. */
  entryEpoch: number;
  appEpoch: number;
  /** Nginx's failure count per upstream (reset by a success). */
  upFails: Int32Array;
  /** Any upstream with failures (fast path: nothing to reset). */
  upAnyFails: boolean;
  /** Nginx `proxy_connect_timeout` / `proxy_read_timeout`, ms. */
  ngxConnectMs: number;
  ngxReadMs: number;
  /** The app connects to MySQL as root (SUPER: `read_only` does not stop its writes). */
  dbRoot: boolean;
  /** MySQL `super_read_only`. */
  superRO: boolean;
  /** Writes a root app made on this replica, reported at most every REPEAT_EVENT_MS. */
  drift: Tally;
  /**
   * A primary that was still running when another server was promoted: nobody set
   * read_only on it, so it still accepts the writes that reach it (split brain) and
   * copies nothing from the new primary, until its MySQL restarts (then it rejoins as
   * a read_only replica).
   */
  splitBrain: boolean;
  /** Writes it accepted while split, reported at most every REPEAT_EVENT_MS. */
  splitWrites: Tally;
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
  /** Packets its firewall dropped, and when the last one was (ms, -Infinity: none). */
  fwDrops: number;
  lastDropAt: number;
  /** Rejected or failed writes, and stale reads, reported at most every REPEAT_EVENT_MS. */
  reject: Tally;
  stale: Tally;
}

/** How many times something happened since its last report, and when that was. */
export interface Tally {
  count: number;
  last: number;
}

export interface LbRt {
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
  /** `option redispatch`: from the scenario, switched at run time by `set_redispatch`. */
  redispatch: boolean;
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
  /** HAProxy's and keepalived's process states (UP, DOWN, HUNG). */
  haproxy: number;
  keepalived: number;
  /** HTTP health checks (`option httpchk GET <path>`) rather than TCP connects. */
  httpCheck: boolean;
  checkPath: string;
  /** When each server's check in progress started, and whether it waits for its timeout. */
  checkStart: Float64Array;
  checkPending: Uint8Array;
  /** Why each pending check will fail when it times out. */
  checkWhy: string[];
  // keepalived's track_script (chk_haproxy): interval ms (0 = none), fall, rise, counters
  tsInterval: number;
  tsFall: number;
  tsRise: number;
  tsFails: number;
  tsOks: number;
  tsFault: boolean;
}

export interface AlertRt {
  rule: AlertRule;
  node: number;
  pendingSince: number;
  firing: boolean;
}

/** The one shared state of a run: clock, heap, PRNG, request columns, nodes, counters. Every component module works on it. */
export class World {
  /** The scenario as it is now (`add_server` adds nodes: a new object, the caller's is never changed). */
  scenario: Scenario;
  topology: Topology;
  readonly seed: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly rng: Rng;
  readonly q = new EventQueue(4096);
  t = 0;
  processed = 0;
  /** The run's event budget (EngineOptions.max_events); Infinity by default. */
  readonly maxEvents: number;
  budgetExhausted = false;
  wallMs = 0;

  readonly nodes: NodeRt[] = [];
  readonly byId = new Map<string, number>();
  readonly lbs: LbRt[] = [];
  readonly stations: Station[] = [];
  readonly timeline: TimelineEvent[];

  // workload
  rate: number;
  readonly poisson: boolean;
  readonly writeRatio: number;
  readonly staticRatio: number;
  readonly httpsRatio: number;
  readonly clients: number;
  arrivalGen = 0;
  readonly hopMs: number;
  readonly clientMs: number;
  /** `network.client_timeout_s` in ms: how long a client waits to connect, and then for its answer. */
  readonly clientTimeoutMs: number;
  lastSynEvent = -Infinity;

  // DNS
  readonly addrIps: string[] = [];
  readonly addrHolder: number[] = []; // node idx holding each address, -1 nobody
  readonly addrIsVip: number[] = []; // 1 for a VRRP virtual address
  readonly wwwAddrs: number[];
  readonly dnsTtlMs: number;
  readonly lookupMs: number;
  readonly cacheAddr: Int32Array;
  readonly cacheExp: Float64Array;
  dnsRotate = 0;
  dnsLookups = 0;
  dnsHits = 0;
  readonly entryDirect: number; // single-server scenario: node idx reached without LB, else -1

  // requests (columns)
  cap = 0;
  rGen!: Int32Array;
  rStage!: Uint8Array;
  rKind!: Uint8Array;
  rHttps!: Uint8Array;
  rClient!: Int32Array;
  rStart!: Float64Array;
  rLb!: Int32Array;
  rLbEpoch!: Int32Array;
  rSrv!: Int32Array; // index within the LB's server list, -1 none
  rTries!: Int32Array;
  rExcl!: Int32Array;
  rStation!: Int32Array;
  rWebHost!: Int32Array;
  rWebEpoch!: Int32Array;
  rAppHost!: Int32Array;
  rAppEpoch!: Int32Array;
  rHops!: Int32Array;
  rFrom!: Int32Array;
  rTo!: Int32Array;
  rPhaseStart!: Float64Array;
  rPhaseEnd!: Float64Array;
  rCode!: Int32Array;
  rLive!: Int32Array; // position in `live`
  rReadTries!: Int32Array;
  rConn!: Uint8Array; // holds a connection slot at its LB
  rDbHost!: Int32Array;
  rAddr!: Int32Array; // the address the client connects to
  rEntry!: Int32Array; // node that took the client's connection
  rEst!: Float64Array; // when the client's connection was established (its answer deadline runs from here)
  rTried!: Int32Array; // bit i: Nginx tried upstream i for this request
  rAppT!: Float64Array; // when the request was sent to its app server (Nginx's read timeout runs from here)
  rBlame!: Int32Array; // the node a failure scheduled for later is attributed to (-1 none yet)
  rCause!: Uint8Array; // and its cause (constants.ts F_*)
  /** Stack of free request ids. */
  free = new Int32Array(0);
  freeN = 0;
  live!: Int32Array;
  liveN = 0;

  // counters
  ok = 0;
  failed = 0;
  dropped = 0;
  fwDropped = 0;
  readonly byCode = new Map<number, number>();
  /** Post-warm-up latencies of successful requests: fixed size, exact count/sum/mean (a growing array made long runs grow without bound). */
  readonly lat = new LatencyHistogram();
  /** Requests turned away because a service's accept queue was full. */
  fullBacklogs = 0;
  failWaitSum = 0;
  /** Per result code: [count, sum of waits, max wait]. */
  readonly failWaitByCode = new Map<number, [number, number, number]>();
  /** Failures by the node and cause that produced them (failures.ts). */
  readonly failBy = new Map<number, FailTally>();
  failWaitMax = 0;
  writesOk = 0;
  writesFailed = 0;
  staleReads = 0;
  lostWrites = 0;
  /** Successful requests that took SLOW_MS or more. */
  slow = 0;
  /** Requests the clients sent. */
  arrivals = 0;
  /** Writes a read_only replica accepted from a SUPER user. */
  driftedWrites = 0;
  /**
   * Split brain: writes that exist on an old primary still running after another server
   * was promoted and never reach the new one (its unapplied backlog at the promote, plus
   * the writes it accepted afterwards).
   */
  divergedWrites = 0;
  primary = -1; // current primary node idx
  readonly semiConfigured: boolean;
  semiActive = true;
  semiFallbackAt = -1;

  // per-second series
  secondStart = 0;
  nextSecond = 1000;
  readonly curHist = new Uint32Array(H_BINS);
  curOk = 0;
  /** Successful answers this second that took SLOW_MS or more. */
  curSlow = 0;
  curFail = 0;
  seriesN = 0;
  readonly sQps = new Float64Array(SERIES_LEN);
  readonly sP50 = new Float64Array(SERIES_LEN);
  readonly sP99 = new Float64Array(SERIES_LEN);
  readonly sErr = new Float64Array(SERIES_LEN);
  /** Per second: successful answers that took SLOW_MS or more. */
  readonly sSlow = new Float64Array(SERIES_LEN);

  readonly events: SimEvent[] = [];
  /** Old repeated notices dropped from the event log to keep it bounded (see MAX_EVENTS). */
  eventsTrimmed = 0;
  readonly alerts: AlertRt[] = [];
  readonly monInterval: number;
  readonly monEval: number;
  lastCollect = -1;
  /** When the agents push next and the rules are evaluated next (ms; Infinity without monitoring). */
  nextCollect = Infinity;
  nextEval = Infinity;
  readonly encryptedHops: Record<string, boolean>;

  constructor(scenario: Scenario, opts: EngineOptions) {
    this.scenario = scenario;
    this.topology = buildTopology(scenario);
    this.seed = opts.seed ?? scenario.seed;
    this.durationMs = (opts.duration_s ?? scenario.duration_s) * 1000;
    this.warmupMs = Math.min(scenario.warmup_s * 1000, this.durationMs / 2);
    this.rng = new Rng(this.seed);
    this.maxEvents = opts.max_events ?? Infinity;
    const w = scenario.workload;
    this.rate = opts.rate_rps ?? w.rate_rps;
    this.poisson = (w.arrival ?? 'poisson') === 'poisson';
    this.writeRatio = w.write_ratio ?? 0;
    this.staticRatio = w.static_ratio ?? 0;
    this.httpsRatio = w.https_ratio ?? 0;
    this.clients = w.clients ?? 1000;
    this.hopMs = scenario.network?.hop_ms ?? 0;
    this.clientMs = scenario.network?.client_ms ?? 0;
    this.clientTimeoutMs = (scenario.network?.client_timeout_s ?? 30) * 1000;
    this.lookupMs = scenario.dns?.lookup_ms ?? 20;
    this.cacheAddr = new Int32Array(this.clients).fill(-1);
    this.cacheExp = new Float64Array(this.clients).fill(-1);
    this.growRequests(256);
    this.live = new Int32Array(256);

    // nodes and stations
    scenario.nodes.forEach((spec, idx) => {
      this.byId.set(spec.id, idx);
      this.nodes.push(this.newNode(idx, spec));
    });
    for (const n of this.nodes) this.setupNode(n);
    for (const n of this.nodes) if (n.spec.kind === 'server') this.wireServer(n, n.spec);

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
        this.addrIsVip.push(0);
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
        redispatch: spec.redispatch ?? false,
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
        haproxy: UP,
        keepalived: UP,
        httpCheck: hc.type === 'http',
        checkPath: hc.path ?? '/health',
        checkStart: new Float64Array(to.length),
        checkPending: new Uint8Array(to.length),
        checkWhy: to.map(() => ''),
        tsInterval: spec.vrrp?.track_script ? (spec.vrrp.track_script.interval_s ?? 2) * 1000 : 0,
        tsFall: spec.vrrp?.track_script?.fall ?? 2,
        tsRise: spec.vrrp?.track_script?.rise ?? 2,
        tsFails: 0,
        tsOks: 0,
        tsFault: false,
      };
      if (spec.vrrp) {
        lb.vip = addAddr(spec.vrrp.vip, -1);
        this.addrIsVip[lb.vip] = 1;
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
          armMasterDown(this, m, masterDownMs(this, m));
        }
      }
    }

    // health checks: each (LB, server) pair starts at a random phase of `inter`,
    // as HAProxy spreads its checks.
    for (const lb of this.lbs)
      for (let j = 0; j < lb.to.length; j++) this.q.push(this.rng.next() * lb.inter, EV_CHECK, lb.idx * 65536 + j, lb.checkGen[j]!);
    // keepalived's track_script runs from start-up at a random phase of its interval.
    for (const lb of this.lbs) if (lb.tsInterval > 0) this.q.push(this.rng.next() * lb.tsInterval, EV_TRACK, lb.idx, 0);

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
      this.q.push((this.nextCollect = this.monInterval), EV_COLLECT, 0, 0);
      // Evaluate just after a collection lands, as a service evaluating fresh data would.
      this.q.push((this.nextEval = this.monEval + 1), EV_EVAL, 0, 0);
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

    scheduleArrival(this);
  }

  // ================================================================ requests

  /** A node's runtime record (no stations yet). */
  newNode(idx: number, spec: LoadBalancerSpec | ServerSpec): NodeRt {
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
      fwDrops: 0,
      lastDropAt: -Infinity,
      reject: { count: 0, last: -Infinity },
      stale: { count: 0, last: -Infinity },
      upFails: new Int32Array(0),
      entryEpoch: 0,
      appEpoch: 0,
      upAnyFails: false,
      ngxConnectMs: (spec.kind === 'server' && spec.web?.proxy_connect_timeout_ms) || NGINX_TIMEOUT_MS,
      ngxReadMs: (spec.kind === 'server' && spec.web?.proxy_read_timeout_ms) || NGINX_TIMEOUT_MS,
      dbRoot: spec.kind === 'server' && spec.app?.db_user === 'root',
      superRO: spec.kind === 'server' && spec.db?.super_read_only === true,
      drift: { count: 0, last: -Infinity },
      splitBrain: false,
      splitWrites: { count: 0, last: -Infinity },
    };
    return n;
  }

  /** Firewall rules and the stations (one per role) of a node. */
  setupNode(n: NodeRt): void {
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
          proc: UP,
          epoch: 0,
          backlog: 0,
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

  /** Where a server's Nginx, app and replica send their work. */
  wireServer(n: NodeRt, spec: ServerSpec): void {
    if (spec.web) {
      n.upstream = (spec.web.upstream ?? []).map((u) => this.byId.get(u)!);
      n.upFailedUntil = new Float64Array(n.upstream.length).fill(-Infinity);
      n.upFails = new Int32Array(n.upstream.length);
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
      n.replica = makeReplica(this, n.idx, spec.db.apply_rate_wps ?? 2000, spec.db.lag_base_ms ?? 5);
      n.replicaOf = this.byId.get(spec.db.of ?? '') ?? -1;
    }
  }

  growRequests(n: number): void {
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
    this.rEst = g(this.rEst, (k) => new Float64Array(k));
    this.rTried = g(this.rTried, (k) => new Int32Array(k));
    this.rAppT = g(this.rAppT, (k) => new Float64Array(k));
    this.rBlame = g(this.rBlame, (k) => new Int32Array(k));
    this.rCause = g(this.rCause, (k) => new Uint8Array(k));
    const nf = new Int32Array(n);
    nf.set(this.free.subarray(0, this.freeN));
    this.free = nf;
    for (let i = n - 1; i >= old; i--) this.free[this.freeN++] = i;
    this.cap = n;
  }

  alloc(): number {
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

  release(r: number): void {
    this.rGen[r]!++;
    this.rStage[r] = S_FREE;
    const pos = this.rLive[r]!;
    const last = this.live[--this.liveN]!;
    this.live[pos] = last;
    this.rLive[last] = pos;
    this.free[this.freeN++] = r;
  }

  // ---------------------------------------------------------------- events and series

  event(type: EventType, node: string | undefined, message: string, extra: Record<string, unknown> = {}): void {
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
}
