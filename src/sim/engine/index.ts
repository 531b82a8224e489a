/**
 * The discrete-event simulation behind every lab, demo and `webinfra-learn sim`: the
 * engine's public face (createEngine, the Engine interface) and its event dispatch.
 *
 * Virtual time in milliseconds; one seeded PRNG; one binary-heap event queue, all in
 * the shared {@link World} (world.ts). Each component of the modelled infrastructure
 * has its own module working on that world: clients.ts (DNS and clients), lb/ (HAProxy,
 * one file per algorithm), health.ts (checks), vrrp.ts (keepalived), stations.ts
 * (servers' workers and queues), nginx.ts, mysql.ts, replication.ts, firewall.ts,
 * monitoring.ts, actions.ts (operator actions), failures.ts (which node and cause each
 * failed request is counted against) and observe.ts (snapshot and report).
 * The behaviour follows SIM-REFERENCE.md and the latency follows queueing theory,
 * which the faithfulness tests in test/sim check.
 *
 * Hot-path design: requests live in typed-array columns indexed by a small integer id
 * (recycled through a free list, with a generation counter so stale timer events are
 * ignored), events are five numbers in the heap, and nothing on the per-request path
 * allocates. Rare things (state changes, events for the log) use ordinary objects.
 */
import type { Action, Engine, EngineOptions, Report, Scenario, SimEvent, Snapshot, Topology } from '../spec/types';
import { timelineProblem } from '../spec/scenario';
import { EV_ARRIVAL, EV_DONE, EV_HOP, EV_RETRY, EV_CHECK, EV_CHECK_RESULT, EV_ADVERT, EV_VRRP_TIMER, EV_TIMELINE, EV_COLLECT, EV_EVAL, EV_QUEUE_TIMEOUT, EV_PROMOTE, EV_FAIL, EV_DNS, EV_SEMI_TIMEOUT, EV_SYN, EV_TRACK, EV_CHECK_OK } from './constants';
import { World } from './world';
import { afterDns, atEntry, onArrival } from './clients';
import { ngxTimeout } from './nginx';
import { onRetry, onQueueTimeout } from './lb/index';
import { onHop, onServiceDone } from './stations';
import { finish } from './requests';
import { onSemiTimeout, onAutoPromote } from './replication';
import { onCheck, checkResult } from './health';
import { onAdvert, onMasterDown, onTrackScript } from './vrrp';
import { onCollect, onEval } from './monitoring';
import { doAction } from './actions';
import { closeSeconds, snapshot, report } from './observe';
import { noteLoaded } from '../../startup-trace';

noteLoaded('sim');

// ================================================================ dispatch

export function dispatch(w: World, type: number, a: number, b: number): void {
  switch (type) {
    case EV_ARRIVAL:
      if (b === w.arrivalGen) onArrival(w);
      break;
    case EV_DONE:
      if (w.rGen[a] === b) onServiceDone(w, a);
      break;
    case EV_HOP:
      if (w.rGen[a] === b) onHop(w, a);
      break;
    case EV_SEMI_TIMEOUT:
      onSemiTimeout(w);
      break;
    case EV_DNS:
      if (w.rGen[a] === b) afterDns(w, a);
      break;
    case EV_RETRY:
      if (w.rGen[a] === b) onRetry(w, a);
      break;
    case EV_CHECK:
      onCheck(w, a >> 16, a & 0xffff, b);
      break;
    case EV_CHECK_RESULT:
      if (w.lbs[a >> 16]!.checkGen[a & 0xffff] === b) checkResult(w, a >> 16, a & 0xffff, false, w.lbs[a >> 16]!.checkWhy[a & 0xffff]!);
      break;
    case EV_ADVERT:
      onAdvert(w, a, b);
      break;
    case EV_VRRP_TIMER:
      onMasterDown(w, a, b);
      break;
    case EV_TIMELINE:
      doAction(w, w.timeline[a]!);
      break;
    case EV_COLLECT:
      onCollect(w);
      break;
    case EV_EVAL:
      onEval(w);
      break;
    case EV_QUEUE_TIMEOUT:
      onQueueTimeout(w, w.lbs[a]!);
      break;
    case EV_PROMOTE:
      if (w.nodes[a]!.promoteGen === b) onAutoPromote(w, a);
      break;
    case EV_FAIL:
      if (w.rGen[a] === b) {
        const code = w.rCode[a]!;
        if (code < 0) ngxTimeout(w, a, code);
        else finish(w, a, code, w.rBlame[a]!, w.rCause[a]!);
      }
      break;
    case EV_SYN:
      if (w.rGen[a] === b) atEntry(w, a);
      break;
    case EV_TRACK:
      onTrackScript(w, a);
      break;
    case EV_CHECK_OK:
      if (w.lbs[a >> 16]!.checkGen[a & 0xffff] === b) checkResult(w, a >> 16, a & 0xffff, true, '');
      break;
  }
}

/** Create an engine for a loaded scenario. Options override the scenario's seed, duration, rate and add timeline events. */
export function createEngine(scenario: Scenario, opts: EngineOptions = {}): Engine {
  return new Sim(scenario, opts);
}

class Sim implements Engine {
  readonly w: World;
  constructor(scenario: Scenario, opts: EngineOptions) {
    this.w = new World(scenario, opts);
  }
  get scenario(): Scenario {
    return this.w.scenario;
  }
  get topology(): Topology {
    return this.w.topology;
  }

  // ================================================================ public API

  now(): number {
    return this.w.t;
  }

  runUntil(tMs: number, opts?: { maxEvents?: number }): void {
    const start = performance.now();
    const q = this.w.q;
    // A frame's budget (opts.maxEvents) and the run's (EngineOptions.max_events): past
    // either, virtual time stops short of tMs (now() tells where it stopped).
    const limit = Math.min(this.w.maxEvents, opts?.maxEvents !== undefined ? this.w.processed + opts.maxEvents : Infinity);
    while (q.size > 0 && q.peekTime() <= tMs) {
      if (this.w.processed >= limit) {
        if (this.w.processed >= this.w.maxEvents) this.w.budgetExhausted = true;
        this.w.wallMs += performance.now() - start;
        return;
      }
      q.pop();
      const t = q.t;
      if (t >= this.w.nextSecond) closeSeconds(this.w, t);
      this.w.t = t;
      this.w.processed++;
      dispatch(this.w, q.evType, q.evA, q.evB);
    }
    if (tMs > this.w.t) {
      if (tMs >= this.w.nextSecond) closeSeconds(this.w, tMs);
      this.w.t = tMs;
    }
    this.w.wallMs += performance.now() - start;
  }

  run(): Report {
    this.runUntil(this.w.durationMs);
    return report(this.w);
  }

  apply(action: Action): void {
    const problem = timelineProblem({ at_s: this.w.t / 1000, ...action }, this.w.scenario.nodes);
    if (problem) throw new Error(problem);
    doAction(this.w, action);
  }

  snapshot(opts: { maxInflight?: number } = {}): Snapshot {
    return snapshot(this.w, opts);
  }

  report(): Report {
    return report(this.w);
  }

  events(): readonly SimEvent[] {
    return this.w.events;
  }
}
