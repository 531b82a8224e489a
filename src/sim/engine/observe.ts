/**
 * Observation: per-second series, the snapshot the live view draws, the report.
 */
import type { AlertView, Component, InFlight, LbView, NodeSnapshot, NodeState, ProcessState, Report, RequestKind, Snapshot } from '../spec/types';
import { DNS_ID, USERS_ID } from '../spec/topology';
import { S_LBQUEUE, S_CONNECT, S_QUEUED, S_RETURN, S_FAILING, K_STATIC, K_WRITE, UP, DOWN, STATE_NAMES, ALG, SERIES_LEN, isAtNode, histQuantile } from './constants';
import { replicaBacklog } from './actions';
import type { World, NodeRt, LbRt } from './world';
import { lagOf } from './replication';
import { codeName, failureCounts } from './failures';
import { metricOf } from './monitoring';
import { SLOW_MS } from '../spec/vocabulary';

/** Close every whole second up to time t: series points and per-second utilisation. */
export function closeSeconds(w: World, t: number): void {
  while (t >= w.nextSecond) {
    const boundary = w.nextSecond;
    const done = w.curOk + w.curFail;
    const i = w.seriesN % SERIES_LEN;
    w.sQps[i] = done;
    w.sErr[i] = done > 0 ? w.curFail / done : 0;
    w.sP50[i] = histQuantile(w.curHist, w.curOk, 0.5);
    w.sP99[i] = histQuantile(w.curHist, w.curOk, 0.99);
    w.sSlow[i] = w.curSlow;
    w.seriesN++;
    if (w.curOk > 0) w.curHist.fill(0);
    w.curOk = 0;
    w.curFail = 0;
    w.curSlow = 0;
    // Sample replication lag (Seconds_Behind_Source) once a second, which also trims the apply queues.
    for (const n of w.nodes) if (n.replica && n.dbRole === 'replica' && n.state === UP) lagOf(w, n.replica, true);
    for (const s of w.stations) {
      const area = s.area + s.busy * (boundary - s.lastT);
      s.utilLastSecond = (area - s.areaAtSecond) / (s.workers * (boundary - w.secondStart));
      s.areaAtSecond = area;
    }
    w.secondStart = boundary;
    w.nextSecond = boundary + 1000;
  }
}

export function series(w: World, arr: Float64Array): number[] {
  const n = Math.min(w.seriesN, SERIES_LEN);
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) out[k] = arr[(w.seriesN - n + k) % SERIES_LEN]!;
  return out;
}

export function nodeUtil(w: World, n: NodeRt, lastSecond: boolean): number {
  let u = 0;
  for (const st of [n.web, n.app, n.db]) {
    if (st < 0) continue;
    const s = w.stations[st]!;
    const v = lastSecond ? s.utilLastSecond : w.t > 0 ? (s.area + s.busy * (w.t - s.lastT)) / (s.workers * w.t) : 0;
    if (v > u) u = v;
  }
  return u;
}

export function nodeState(w: World, n: NodeRt): NodeState {
  if (n.state !== UP) return STATE_NAMES[n.state]!;
  // Every process hung (`hang:NODE`): the machine answers nothing.
  const procs = processesOf(w, n);
  const vals = Object.values(procs);
  if (vals.length > 0 && vals.every((v) => v === 'hung')) return 'hung';
  return n.drained ? 'draining' : 'up';
}

/** Each process of a node and its state (a machine that is down takes its processes with it). */
export function processesOf(w: World, n: NodeRt): Partial<Record<Component, ProcessState>> {
  const out: Partial<Record<Component, ProcessState>> = {};
  const name = (x: number): ProcessState => (n.state !== UP ? STATE_NAMES[n.state]! : x === UP ? 'up' : x === DOWN ? 'down' : 'hung') as ProcessState;
  if (n.lb >= 0) {
    const lb = w.lbs[n.lb]!;
    out.haproxy = name(lb.haproxy);
    if (lb.vip >= 0) out.keepalived = name(lb.keepalived);
  }
  if (n.web >= 0) out.nginx = name(w.stations[n.web]!.proc);
  if (n.app >= 0) out.app = name(w.stations[n.app]!.proc);
  if (n.db >= 0) out.mysql = name(w.stations[n.db]!.proc);
  return out;
}

export function lbViewOf(w: World, lb: LbRt, j: number): LbView {
  if (w.nodes[lb.to[j]!]!.drained) return 'DRAIN';
  if (lb.up[j]) return lb.fails[j]! > 0 ? 'UP-going-down' : 'UP';
  return lb.succ[j]! > 0 ? 'DOWN-going-up' : 'DOWN';
}

/**
 * Up to `max` in-flight requests for drawing. Requests travelling on an edge come
 * first (they are what moves on the diagram), then those waiting or served at a
 * node; each group is sampled evenly when it is larger than what is left.
 */
export function sampleInflight(w: World, max: number): InFlight[] {
  const out: InFlight[] = [];
  if (max <= 0 || w.liveN === 0) return out;
  let moving = 0;
  for (let i = 0; i < w.liveN; i++) if (!isAtNode(w.rStage[w.live[i]!]!)) moving++;
  const resting = w.liveN - moving;
  const takeMoving = Math.min(moving, max);
  const takeResting = Math.min(resting, max - takeMoving);
  const strideM = moving / Math.max(1, takeMoving);
  const strideR = resting / Math.max(1, takeResting);
  let seenM = 0;
  let seenR = 0;
  let takenM = 0;
  let takenR = 0;
  for (let i = 0; i < w.liveN && out.length < takeMoving + takeResting; i++) {
    const r = w.live[i]!;
    if (isAtNode(w.rStage[r]!)) {
      if (takenR < takeResting && seenR++ === Math.floor(takenR * strideR)) {
        takenR++;
        out.push(inflightOf(w, r));
      }
    } else if (takenM < takeMoving && seenM++ === Math.floor(takenM * strideM)) {
      takenM++;
      out.push(inflightOf(w, r));
    }
  }
  return out;
}

export function inflightOf(w: World, r: number): InFlight {
  const stage = w.rStage[r]!;
  const span = w.rPhaseEnd[r]! - w.rPhaseStart[r]!;
  let progress = span > 0 ? Math.min(1, Math.max(0, (w.t - w.rPhaseStart[r]!) / span)) : stage === S_QUEUED || stage === S_LBQUEUE ? 0 : 1;
  // The answer travels the client's edge backwards.
  if (stage === S_RETURN) progress = 1 - progress;
  const kind: RequestKind = w.rKind[r] === K_STATIC ? 'static' : w.rKind[r] === K_WRITE ? 'write' : 'dynamic';
  const from = nameOf(w, w.rFrom[r]!);
  const to = nameOf(w, w.rTo[r]!);
  const f: InFlight = {
    id: r * 65536 + (w.rGen[r]! & 0xffff),
    kind,
    encrypted: (w.encryptedHops[`${from}>${to}`] ?? false) && (from !== USERS_ID || w.rHttps[r] === 1),
    from,
    to,
    progress,
  };
  if (isAtNode(stage)) f.atNode = true;
  if (stage === S_FAILING || stage === S_CONNECT) f.failed = true;
  if (stage === S_RETURN) f.returning = true;
  return f;
}

export function nameOf(w: World, i: number): string {
  return i === -1 ? USERS_ID : i === -2 ? DNS_ID : w.nodes[i]!.id;
}

/** Each role's worker count on a server. */
function workersOf(w: World, n: NodeRt): NonNullable<NodeSnapshot['workers']> {
  const out: NonNullable<NodeSnapshot['workers']> = {};
  if (n.web >= 0) out.web = w.stations[n.web]!.workers;
  if (n.app >= 0) out.app = w.stations[n.app]!.workers;
  if (n.db >= 0) out.db = w.stations[n.db]!.workers;
  return out;
}

/** Each alert rule on each host: its last value, OK / PENDING / FIRING, and when monitoring acts next. */
export function alertViews(w: World): AlertView[] {
  return w.alerts.map((a) => {
    const v: AlertView = {
      name: a.rule.name,
      node: w.nodes[a.node]!.id,
      metric: a.rule.metric,
      op: a.rule.op,
      threshold: a.rule.threshold,
      for_s: a.rule.for_s ?? 0,
      state: a.firing ? 'firing' : a.pendingSince >= 0 ? 'pending' : 'ok',
      pending_ms: a.pendingSince >= 0 ? w.t - a.pendingSince : 0,
      next_push_ms: w.nextCollect,
      next_eval_ms: w.nextEval,
    };
    if (w.lastCollect >= 0) v.value = metricOf(w, a);
    return v;
  });
}

export function snapshot(w: World, opts: { maxInflight?: number } = {}): Snapshot {
  const max = opts.maxInflight ?? 200;
  const nodes: Record<string, NodeSnapshot> = {};
  const failures = failureCounts(w);
  for (const n of w.nodes) {
    let active = 0;
    let queued = 0;
    for (const st of [n.web, n.app, n.db]) {
      if (st < 0) continue;
      const s = w.stations[st]!;
      active += s.busy;
      queued += s.queue.size;
    }
    const ns: NodeSnapshot = {
      id: n.id,
      state: nodeState(w, n),
      active,
      queued,
      served: n.served,
      failed: n.failed,
      utilization: nodeUtil(w, n, true),
    };
    if (n.lb < 0) ns.workers = workersOf(w, n);
    if (n.splitBrain) ns.splitBrain = true;
    const views: Record<string, LbView> = {};
    let any = false;
    for (const lb of w.lbs) {
      const j = lb.to.indexOf(n.idx);
      if (j < 0) continue;
      views[w.nodes[lb.node]!.id] = lbViewOf(w, lb, j);
      any = true;
    }
    if (any) ns.lbView = views;
    if (n.fwDrops > 0) {
      ns.firewallDrops = n.fwDrops;
      ns.lastDropMs = n.lastDropAt;
    }
    if (n.lb >= 0) {
      const lb = w.lbs[n.lb]!;
      let o = 0;
      for (let j = 0; j < lb.to.length; j++) o += lb.outstanding[j]!;
      ns.active = o;
      ns.queued = lb.queue.size;
      ns.redispatch = lb.redispatch;
      if (lb.vip >= 0) {
        ns.vipHolder = w.addrHolder[lb.vip] === n.idx;
        ns.vrrpState = lb.vState === '' ? undefined : lb.vState;
      }
    }
    if (n.dbRole) {
      ns.dbRole = n.dbRole;
      ns.mysql = n.state === UP ? (STATE_NAMES[w.stations[n.db]!.proc] as ProcessState) : 'down';
      if (n.dbRole === 'replica' && n.replica) {
        // A stopped SQL thread reads NULL lag (unknown), as Seconds_Behind_Master does.
        if (n.replica.stopped) ns.replication = 'stopped';
        else ns.replicationLagMs = Math.round(lagOf(w, n.replica));
        ns.replicationBacklog = replicaBacklog(w, n.replica);
      }
    }
    nodes[n.id] = ns;
  }
  for (const f of failures) {
    const ns = nodes[f.node];
    if (ns) (ns.failures ??= []).push(f);
  }
  const inflight = sampleInflight(w, max);
  // Requests still waiting after SLOW_MS: a scan of the live ones at snapshot time (per frame, not per event).
  let waitingSlow = 0;
  const since = w.t - SLOW_MS;
  for (let i = 0; i < w.liveN; i++) if (w.rStart[w.live[i]!]! <= since) waitingSlow++;
  const last = w.seriesN > 0 ? (w.seriesN - 1) % SERIES_LEN : -1;
  const lb0 = w.lbs[0];
  return {
    t_ms: w.t,
    nodes,
    inflight,
    totals: { total: w.ok + w.failed, ok: w.ok, failed: w.failed, dropped: w.dropped },
    availability: w.ok + w.failed > 0 ? w.ok / (w.ok + w.failed) : 1,
    qps: last >= 0 ? w.sQps[last]! : 0,
    p50_ms: last >= 0 ? w.sP50[last]! : 0,
    p99_ms: last >= 0 ? w.sP99[last]! : 0,
    error_rate: last >= 0 ? w.sErr[last]! : 0,
    series: { qps: series(w, w.sQps), p50_ms: series(w, w.sP50), p99_ms: series(w, w.sP99), error_rate: series(w, w.sErr), slow: series(w, w.sSlow) },
    in_flight: w.liveN,
    waiting_slow: waitingSlow,
    events: w.events.slice(-50),
    algorithm: lb0 ? ALG[lb0.alg]! : 'roundrobin',
    rate_rps: w.rate,
    encryptedHops: w.encryptedHops,
    failures,
    ...(w.alerts.length > 0 ? { alerts: alertViews(w) } : {}),
  };
}

export function report(w: World): Report {
  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  const nodes: Report['nodes'] = {};
  for (const n of w.nodes) {
    const entry: Report['nodes'][string] = {
      kind: n.spec.kind,
      state: nodeState(w, n),
      served: n.served,
      utilization: round(nodeUtil(w, n, false), 4),
      failed: n.failed,
    };
    if (n.spec.kind === 'server') {
      const roles: Record<string, number> = {};
      for (const [name, st] of [['web', n.web], ['app', n.app], ['db', n.db]] as const)
        if (st >= 0) {
          const s = w.stations[st]!;
          roles[name] = round(w.t > 0 ? (s.area + s.busy * (w.t - s.lastT)) / (s.workers * w.t) : 0, 4);
        }
      entry.roles = roles;
    }
    if (n.dbRole) entry.db_role = n.dbRole;
    entry.processes = processesOf(w, n);
    if (n.replica && n.dbRole === 'replica') {
      entry.replication_lag_ms = n.replica.stopped ? null : Math.round(lagOf(w, n.replica));
      entry.replication = n.replica.stopped ? 'stopped' : 'running';
      entry.replication_backlog = replicaBacklog(w, n.replica);
    }
    if (n.lb >= 0) {
      const lb = w.lbs[n.lb]!;
      entry.algorithm = ALG[lb.alg];
      if (lb.vip >= 0) {
        entry.vrrp_state = lb.vState;
        entry.vip_holder = w.addrHolder[lb.vip] === n.idx;
      }
      entry.backends = Object.fromEntries(lb.to.map((t, j) => [w.nodes[t]!.id, lbViewOf(w, lb, j)]));
    }
    nodes[n.id] = entry;
  }
  let maxLag = 0;
  for (const n of w.nodes) {
    if (!n.replica) continue;
    maxLag = Math.max(maxLag, n.replica.maxLag);
  }
  const total = w.ok + w.failed;
  const byCode: Record<string, number> = {};
  for (const [c, k] of [...w.byCode.entries()].sort((a, b) => a[0] - b[0])) byCode[codeName(c)] = k;
  const hasDb = w.nodes.some((n) => n.db >= 0);
  // Nearest-rank percentiles within the histogram's precision (≤ 0.5 %); the mean is exact.
  const [p50, p95, p99] = w.lat.quantiles([0.5, 0.95, 0.99]) as [number, number, number];
  const rep: Report = {
    scenario: w.scenario.id,
    name: w.scenario.name,
    seed: w.seed,
    duration_s: round(w.t / 1000, 3),
    warmup_s: w.warmupMs / 1000,
    rate_rps: w.rate,
    requests: { total, ok: w.ok, failed: w.failed, dropped: w.dropped, slow: w.slow, by_code: byCode, in_flight: w.liveN, ...(w.fullBacklogs > 0 ? { backlog_full: w.fullBacklogs } : {}) },
    availability: total > 0 ? round(w.ok / total, 6) : 1,
    latency_ms: {
      mean: round(w.lat.mean(), 3),
      p50: round(p50, 3),
      p95: round(p95, 3),
      p99: round(p99, 3),
      count: w.lat.count,
      max: round(w.lat.count > 0 ? w.lat.max : 0, 3),
    },
    /** How long failed requests waited before their error (e.g. ≈ 3 s of retries before a 503). */
    failed_latency_ms: {
      mean: round(w.failed ? w.failWaitSum / w.failed : 0, 1),
      max: round(w.failWaitMax, 1),
      // Per result code, e.g. 503 after 20 s of connect timeouts vs 504 after `timeout server`.
      by_code: Object.fromEntries(
        [...w.failWaitByCode.entries()].sort((a, b) => a[0] - b[0]).map(([c, [n, sum, max]]) => [codeName(c), { count: n, mean: round(sum / n, 1), max: round(max, 1) }]),
      ),
    },
    nodes,
    events: [...w.events],
    dns: { lookups: w.dnsLookups, cache_hits: w.dnsHits, ttl_s: w.dnsTtlMs / 1000 },
    // Every failure once, with the node and cause that produced it (most first).
    failures: failureCounts(w).map((f) => ({ node: f.node, cause: f.cause, code: f.code, count: f.total, wait_ms: { mean: f.wait_mean_ms, max: f.wait_max_ms } })),
    firewall: { dropped: w.dropped + w.fwDropped, ...firewallByNode(w) },
    sim: { events_processed: w.processed, arrivals: w.arrivals, ...(w.budgetExhausted ? { budget_exhausted: true } : {}), wall_ms: round(w.wallMs, 1), ...(w.eventsTrimmed > 0 ? { events_trimmed: w.eventsTrimmed } : {}) },
  };
  if (hasDb)
    rep.db = {
      writes_ok: w.writesOk,
      writes_failed: w.writesFailed,
      stale_reads: w.staleReads,
      lost_writes: w.lostWrites,
      drifted_writes: w.driftedWrites,
      diverged_writes: w.divergedWrites,
      max_lag_ms: Math.round(maxLag),
      primary: w.primary >= 0 ? w.nodes[w.primary]!.id : undefined,
    } as Report['db'];
  return rep;
}

/** Packets each firewall dropped (requests, probes, replication), when any. */
function firewallByNode(w: World): { by_node?: Record<string, number> } {
  const by: Record<string, number> = {};
  for (const n of w.nodes) if (n.fwDrops > 0) by[n.id] = n.fwDrops;
  return Object.keys(by).length ? { by_node: by } : {};
}
