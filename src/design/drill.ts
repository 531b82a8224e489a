/**
 * Break it: the learner's design under every fault the simulator knows, one engine
 * run of `seconds` simulated seconds per fault, back to back in this process (the
 * scenario is parsed once). Each run: everything up until FAULT_AT_S, then the fault,
 * which lasts to the end of the run unless it is a deploy (a person restarts nothing).
 *
 * A single point of failure is a machine or process whose loss leaves reads or
 * writes broken at the end of the run, i.e. until a person acts: in the last
 * FINAL_WINDOW_S seconds fewer than BROKEN_SHARE of the reads (or of the writes)
 * offered succeed.
 */
import { createEngine } from '../sim/engine/index';
import type { Report, Scenario, SimEvent, TimelineEvent } from '../sim/spec/types';
import { FAULT_AT_S, faultEvents, listFaults, targetId, unavailableFaults, type Fault, type FaultKind, type UnavailableFault } from './faults';

/** What one fault did to the design. */
export interface FaultResult {
  node: string;
  component: string | null;
  fault: FaultKind;
  /** Requests that failed from the fault to the end of the run. */
  failed: number;
  /** Requests that succeeded but took longer than 1 s (same span). */
  slow: number;
  /** Share of requests that succeeded, from the fault to the end of the run (0..1). */
  availability: number;
  /** Seconds from the fault until something noticed it (a health check, VRRP, an alert, a promotion); null if nothing did. */
  detected_after_s: number | null;
  /** Who noticed: `lb-1`, `lb-2 (VRRP)`, `monitoring (host-down)`, `db-2 (promotion)`. */
  detected_by: string | null;
  /** The setting behind that delay, as the simulator explains it ("3 failed checks, 2 s apart (connection refused; fall 3)"). */
  cause: string | null;
  writes_lost: number;
  stale_reads: number;
  users_see_errors: boolean;
  /** Share of requests still failing in the run's last FINAL_WINDOW_S seconds (0..1): what lasts until a person acts. */
  still_failing: number;
  /** Reads or writes broken at the end of the run: the target is a single point of failure. */
  breaks_service: boolean;
}

export interface DrillResult {
  /**
   * The design with nothing broken (always set by {@link drillDesign}; optional so a
   * drill assembled fault by fault with {@link runFault} still fits). When reads or
   * writes never work, no fault can break them and no SPOF is named for them.
   */
  baseline?: Baseline;
  faults: FaultResult[];
  /** Machines (`lb-1`) and processes (`lb-1:haproxy`, listed only when their machine is not itself one) whose loss breaks reads or writes until a person acts. */
  spofs: string[];
  /** Faults the simulator cannot play yet, so the drill skipped them. */
  skipped: UnavailableFault[];
  wall_ms: number;
}

export interface DrillOptions {
  /** Simulated seconds per fault, default 60, at least MIN_DRILL_SECONDS (20). */
  seconds?: number;
  /** Seed for every run, default the design's. */
  seed?: number;
  /** Only these faults (default: {@link listFaults}). */
  faults?: Fault[];
  /** Called after each fault's run. */
  onProgress?(done: number, total: number): void;
}

/** Default simulated seconds per fault. */
export const DRILL_SECONDS = 60;
/** The end of each run where lasting damage is measured, s. */
export const FINAL_WINDOW_S = 10;
/** Shortest run a drill makes (shorter requests are lengthened): the fault's start plus the final window. */
export const MIN_DRILL_SECONDS = FAULT_AT_S + FINAL_WINDOW_S;
/** Below this share of reads (or writes) succeeding, the service counts as broken. */
export const BROKEN_SHARE = 0.1;
/** The drill sends at least this share of writes, so a design whose workload has none still shows what happens to writes. */
export const MIN_WRITE_RATIO = 0.1;

/** Event types that mean something noticed a failure, with who noticed. */
function detection(e: SimEvent): string | null {
  switch (e.type) {
    case 'marked_down':
      return typeof e.lb === 'string' ? e.lb : (e.node ?? null);
    case 'vip_moved':
      return `${e.node} (VRRP)`;
    case 'alert_fired':
      return `monitoring (${String(e.alert ?? 'alert')})`;
    case 'promoted':
      return `${e.node} (promotion)`;
    case 'vrrp_fault':
      return `${e.node} (track_script)`;
    default:
      return null;
  }
}

/**
 * Whether a detection event is about this fault: a health check or an alert on one of
 * the faulted machines (any, for a traffic surge); a VIP takeover or a promotion is
 * always a reaction to a failure.
 */
function concerns(e: SimEvent, f: Fault): boolean {
  if (e.type === 'vip_moved' || e.type === 'promoted') return true;
  if (f.fault === 'traffic_x3') return true;
  return e.node !== undefined && f.node.split(',').includes(e.node);
}

/** The drill's version of the design: the same machines, a workload with writes, no scripted timeline. */
export function drillScenario(s: Scenario, seconds = DRILL_SECONDS): Scenario {
  // A run needs its warm-up before the fault and its final window after it.
  seconds = Math.max(seconds, MIN_DRILL_SECONDS);
  const w = s.workload;
  const write_ratio = Math.max(w.write_ratio ?? 0, Math.min(MIN_WRITE_RATIO, 1 - (w.static_ratio ?? 0)));
  return {
    ...s,
    duration_s: seconds,
    warmup_s: Math.min(s.warmup_s, FAULT_AT_S),
    workload: { ...w, write_ratio },
    timeline: [],
  };
}

interface Counts {
  ok: number;
  slow: number;
  failed: number;
  writesOk: number;
  lost: number;
  stale: number;
}

function counts(r: Report): Counts {
  return { ok: r.requests.ok, slow: r.requests.slow ?? 0, failed: r.requests.failed, writesOk: r.db?.writes_ok ?? 0, lost: r.db?.lost_writes ?? 0, stale: r.db?.stale_reads ?? 0 };
}

interface Run {
  before: Counts;
  mid: Counts;
  after: Counts;
  end: Report;
  /** Reads, writes still (mostly) failing in the last FINAL_WINDOW_S seconds. */
  readsBroken: boolean;
  writesBroken: boolean;
  stillFailing: number;
}

/** One engine run of the drill scenario with `at` events; counts at the fault, before the last seconds and at the end. */
function measure(ds: Scenario, at: TimelineEvent[], seed: number, rateFactor: number): Run {
  const seconds = ds.duration_s;
  const engine = createEngine(ds, { seed, duration_s: seconds, at });
  engine.runUntil(FAULT_AT_S * 1000);
  const before = counts(engine.report());
  const finalFrom = Math.max(FAULT_AT_S, seconds - FINAL_WINDOW_S);
  engine.runUntil(finalFrom * 1000);
  const mid = counts(engine.report());
  const end = engine.run();
  const after = counts(end);
  // Lasting damage: the last seconds, against what was offered in them.
  const offered = ds.workload.rate_rps * rateFactor * (seconds - finalFrom);
  const wr = ds.workload.write_ratio ?? 0;
  const writesOk = after.writesOk - mid.writesOk;
  const readsOk = after.ok - mid.ok - writesOk;
  const finalDone = after.ok - mid.ok + (after.failed - mid.failed);
  return {
    before,
    mid,
    after,
    end,
    readsBroken: offered > 0 && readsOk < BROKEN_SHARE * offered * (1 - wr),
    writesBroken: offered * wr >= 1 && writesOk < BROKEN_SHARE * offered * wr,
    stillFailing: finalDone > 0 ? (after.failed - mid.failed) / finalDone : 1,
  };
}

/** What the design serves with nothing broken: a fault can only break what worked before it. */
export interface Baseline {
  availability: number;
  reads_work: boolean;
  writes_work: boolean;
}

const baselines = new WeakMap<Scenario, Map<number, Baseline>>();

/** The design's run with no fault (cached per drill scenario and seed). */
export function baselineOf(ds: Scenario, seed = ds.seed): Baseline {
  let bySeed = baselines.get(ds);
  if (!bySeed) baselines.set(ds, (bySeed = new Map()));
  let b = bySeed.get(seed);
  if (!b) {
    const r = measure(ds, [], seed, 1);
    const total = r.after.ok + r.after.failed - r.before.ok - r.before.failed;
    b = { availability: total > 0 ? (r.after.ok - r.before.ok) / total : 0, reads_work: !r.readsBroken, writes_work: !r.writesBroken };
    bySeed.set(seed, b);
  }
  return b;
}

/** Run one fault on a design already prepared by {@link drillScenario}. */
export function runFault(ds: Scenario, f: Fault, seed = ds.seed): FaultResult {
  const base = baselineOf(ds, seed);
  const r = measure(ds, faultEvents(ds, f), seed, f.fault === 'traffic_x3' ? 3 : 1);
  const { before, after, end } = r;
  const ok = after.ok - before.ok;
  const failed = after.failed - before.failed;
  const found = end.events.find((e) => e.t_s >= FAULT_AT_S && detection(e) !== null && concerns(e, f));
  const lossFault = f.fault !== 'deploy' && f.fault !== 'traffic_x3';
  return {
    node: f.node,
    component: f.component,
    fault: f.fault,
    failed,
    slow: after.slow - before.slow,
    availability: ok + failed > 0 ? ok / (ok + failed) : 0,
    detected_after_s: found ? Math.round((found.t_s - FAULT_AT_S) * 1000) / 1000 : null,
    detected_by: found ? detection(found) : null,
    cause: found ? found.message.slice(found.message.indexOf(': ') + 2) : null,
    writes_lost: after.lost - before.lost,
    stale_reads: after.stale - before.stale,
    users_see_errors: failed > 0,
    still_failing: Math.round(r.stillFailing * 1e4) / 1e4,
    breaks_service: lossFault && ((r.readsBroken && base.reads_work) || (r.writesBroken && base.writes_work)),
  };
}

/**
 * The single points of failure among drill results: targets (machine or process) with
 * a fault that breaks the service; a process only when its machine is not listed.
 */
export function findSpofs(results: FaultResult[]): string[] {
  const broken = new Set(results.filter((r) => r.breaks_service).map((r) => targetId({ node: r.node, component: r.component as Fault['component'], fault: r.fault })));
  const out: string[] = [];
  for (const id of broken) {
    const [machine, proc] = id.split(':');
    if (proc && broken.has(machine!)) continue;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** Drill a design: every fault of {@link listFaults}, then its single points of failure. */
export function drillDesign(s: Scenario, opts: DrillOptions = {}): DrillResult {
  const t0 = performance.now();
  const ds = drillScenario(s, opts.seconds ?? DRILL_SECONDS);
  const faults = opts.faults ?? listFaults(s);
  const results: FaultResult[] = [];
  faults.forEach((f, i) => {
    results.push(runFault(ds, f, opts.seed ?? s.seed));
    opts.onProgress?.(i + 1, faults.length);
  });
  return {
    baseline: baselineOf(ds, opts.seed ?? s.seed),
    faults: results,
    spofs: findSpofs(results),
    skipped: opts.faults ? [] : unavailableFaults(s),
    wall_ms: Math.round(performance.now() - t0),
  };
}
