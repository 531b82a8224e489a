/**
 * A live simulation told as lines of text, for screen-reader mode: each change of
 * state is said once ("10.0 s: server-1 crashed"), each lab check once when it
 * ticks, and the numbers only when asked. Pure (no React, no Ink): the screen-reader
 * lab and instructor view drive it with a clock, the tests drive it directly.
 */
import { describeDiagram } from '../../diagram/describe';
import { LabJudge, type JudgedCheck, type LabEvent } from '../../labs';
import { createEngine } from '../../sim/engine';
import type { Action, Engine, EngineOptions, Scenario, SimEvent, TimelineEvent } from '../../sim/types';
import { NOTICE, readTraffic, reencrypted } from '../lab/lab-tools';
import { fmtLatency, fmtPercent, fmtTime } from '../lab/live-lines';
import { causeWords } from '../../sim/spec/vocabulary';

/** A check as the session says it: the judge's condition and the learner's sentences. */
export interface SaidCheck extends JudgedCheck {
  text: string;
  pass?: string;
}

export interface LabSessionOptions {
  scenario: Scenario;
  engineOptions?: EngineOptions;
  checks?: readonly SaidCheck[];
  /** Indices of checks passed in an earlier visit (they stay ticked). */
  passed?: readonly number[];
}

/** What was said about one virtual moment: lines, in order. */
export type Said = string[];

/** Repeated notices (a dropped packet, a stale read) are counted, not each said. */
const QUIET: ReadonlySet<string> = NOTICE;

export class LabSession {
  engine: Engine;
  readonly judge: LabJudge;
  /** Events of the current run already said (absolute index, trimmed included). */
  private said = 0;
  /** Repeated notices not said one by one, by type, since the last summary. */
  private quiet = new Map<string, number>();
  private ui: LabEvent[] = [];
  /** Actions due at virtual times ("show me"), soonest first. */
  private due: { atMs: number; ev: TimelineEvent }[] = [];

  constructor(private readonly opts: LabSessionOptions) {
    this.engine = createEngine(opts.scenario, opts.engineOptions ?? {});
    this.judge = new LabJudge(opts.checks ?? [], opts.passed ?? []);
  }

  get complete(): boolean {
    return (this.opts.checks?.length ?? 0) > 0 && this.judge.complete;
  }

  /** Virtual time now, in seconds. */
  get nowS(): number {
    return this.engine.now() / 1000;
  }

  /** Whether the scenario's run is over. */
  get ended(): boolean {
    return this.engine.now() >= (this.opts.engineOptions?.duration_s ?? this.opts.scenario.duration_s) * 1000;
  }

  /** Advance by `ms` of virtual time (in 100 ms steps) and return what is new. */
  advance(ms: number): Said {
    const out: Said = [];
    const end = Math.min(this.engine.now() + ms, (this.opts.engineOptions?.duration_s ?? this.opts.scenario.duration_s) * 1000);
    while (this.engine.now() < end) {
      const next = this.due[0]?.atMs;
      this.engine.runUntil(Math.min(end, this.engine.now() + 100, next !== undefined && next > this.engine.now() ? next : Infinity));
      while (this.due.length && this.due[0]!.atMs <= this.engine.now() + 1e-6) {
        const { ev } = this.due.shift()!;
        out.push(...this.apply({ action: ev.action, node: ev.node, value: ev.value, component: ev.component }, `(show me) ${[ev.action, ev.node, ev.component].filter(Boolean).join(' ')}`));
      }
      out.push(...this.news());
    }
    return out;
  }

  /** Play timeline events from now, their times relative to now ("show me"). */
  schedule(events: readonly TimelineEvent[]): void {
    const now = this.engine.now();
    this.due = [...this.due, ...events.map((ev) => ({ atMs: now + ev.at_s * 1000, ev }))].sort((a, b) => a.atMs - b.atMs);
  }

  /** What a capture on the hops into `node` reads now (a lab tool); it counts for the checks. */
  readTraffic(node: string | undefined): Said {
    const r = readTraffic(this.engine.topology, this.engine.snapshot({ maxInflight: 40 }), node, this.nowS);
    if (r.event) this.ui.push(r.event);
    return [r.text, ...this.news()];
  }

  /** Restart the run with every load balancer re-encrypting to its back ends (a lab tool); passed checks stay passed. */
  reencrypt(): Said {
    this.engine = createEngine(reencrypted(this.opts.scenario), this.opts.engineOptions ?? {});
    this.judge.newRun();
    this.said = 0;
    this.ui = [];
    this.due = [];
    return ['The run starts again with the load balancers re-encrypting to the back ends (HAProxy server … ssl): paused at 0.0 s.'];
  }

  /** Apply an operator action now; returns the line that says it (or why not). */
  apply(action: Action, what: string): Said {
    try {
      this.engine.apply(action);
    } catch (e) {
      return [`Cannot ${what}: ${(e as Error).message}`];
    }
    return [`${fmtTime(this.engine.now())}: you ${what}.`, ...this.news()];
  }

  /** Events and checks not said yet. */
  news(): Said {
    const out: Said = [];
    const report = this.engine.report();
    const trimmed = typeof report.sim?.events_trimmed === 'number' ? report.sim.events_trimmed : 0;
    for (let i = Math.max(0, this.said - trimmed); i < report.events.length; i++) {
      const e: SimEvent = report.events[i]!;
      if (QUIET.has(e.type)) {
        this.quiet.set(e.type, (this.quiet.get(e.type) ?? 0) + 1);
        continue;
      }
      out.push(`${fmtTime(e.t_s * 1000)}: ${e.message}`);
    }
    this.said = trimmed + report.events.length;
    const changed = this.judge.observe(report, this.nowS, this.ui);
    for (const i of changed) {
      const check = this.opts.checks![i]!;
      if (this.judge.verdicts[i] === 'pass') out.push(`Check met: ${check.text}.${check.pass ? ` ${check.pass}` : ''}`);
    }
    if (changed.length && this.complete) out.push('Every check is met: the lab is done. Press n for the next step.');
    return out;
  }

  /** The numbers of the run, read on demand (one line). */
  metrics(): string {
    const s = this.engine.snapshot({ maxInflight: 0 });
    const notices = [...this.quiet.entries()].map(([type, n]) => `${n} ${type.replace(/_/g, ' ')}`);
    return (
      `At ${fmtTime(s.t_ms)}: ${Math.round(s.qps)} requests per second, ${s.error_rate >= 1 ? 'no request answered' : `p50 ${fmtLatency(s.p50_ms)}, p99 ${fmtLatency(s.p99_ms)}`}, ` +
      `errors ${fmtPercent(s.error_rate, 1)} in the last second; ${s.totals.failed} of ${s.totals.total} requests failed, availability ${fmtPercent(s.availability, 2)}` +
      (s.in_flight !== undefined ? `; ${s.in_flight} in flight${s.waiting_slow ? `, ${s.waiting_slow} of them waiting 1 s or more` : ''}` : '') +
      (s.failures?.length ? `; failures caused by ${s.failures.slice(0, 3).map((f) => `${f.node} (${f.total} ${causeWords(f.cause)})`).join(', ')}` : '') +
      (notices.length ? `; not said one by one: ${notices.join(', ')}` : '') +
      '.'
    );
  }

  /** `e`: every failure by the node and cause that produced it, one line each. */
  failures(): Said {
    const f = this.engine.snapshot({ maxInflight: 0 }).failures ?? [];
    if (f.length === 0) return ['No request has failed yet.'];
    return [
      `Failures by node and cause, ${f.length} line${f.length === 1 ? '' : 's'}:`,
      ...f.map((x) => `${x.node}: ${x.total} ${causeWords(x.cause)}, result ${x.code.replace(/_/g, ' ')}, ${x.recent} in the last 10 s, after ${fmtLatency(x.wait_mean_ms)} on average.`),
    ];
  }

  /** `A`: each alert rule on each host, its value against the threshold and its state. */
  alerts(): Said {
    const s = this.engine.snapshot({ maxInflight: 0 });
    const a = s.alerts ?? [];
    if (a.length === 0) return ['This scenario has no alert rules: nothing watches the numbers.'];
    const next = a[0]!;
    return [
      `Alerts, ${a.length} rules on hosts; the agents push next at ${fmtTime(next.next_push_ms)}, the rules are evaluated next at ${fmtTime(next.next_eval_ms)}:`,
      ...a.map((x) => {
        const state = x.state === 'firing' ? 'FIRING' : x.state === 'pending' ? `PENDING, held ${Math.floor(x.pending_ms / 1000)} of ${x.for_s} s` : 'OK';
        return `${x.name} on ${x.node}: ${x.metric} ${x.value === undefined ? 'not pushed yet' : Number(x.value.toFixed(1))} ${x.op} ${x.threshold}: ${state}.`;
      }),
    ];
  }

  /** The diagram's text alternative with the live state. */
  describe(): Said {
    return describeDiagram(this.engine.topology, this.engine.snapshot({ maxInflight: 0 }));
  }

  /** The checks with their state, one line each. */
  checklist(): { text: string; checked: boolean }[] {
    return (this.opts.checks ?? []).map((c, i) => ({ text: c.text, checked: this.judge.verdicts[i] === 'pass' }));
  }

  /** Machines an action can aim at (not the users, DNS or monitoring). */
  machines(): string[] {
    return this.engine.topology.nodes.filter((n) => n.kind === 'load_balancer' || n.kind === 'server').map((n) => n.id);
  }

  /** A machine's state in words: "server-1: down". */
  nodeState(id: string): string {
    const n = this.engine.snapshot({ maxInflight: 0 }).nodes[id];
    return n ? `${id}: ${n.state}${n.vipHolder ? ', holds the virtual IP' : ''}${n.dbRole ? `, ${n.dbRole}` : ''}` : id;
  }
}
