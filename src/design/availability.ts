/**
 * A yearly availability in nines, from how often each part fails and how long a
 * person takes to repair it (shown and adjustable in the editor), and from what the
 * drill saw that part's failure do: a single point of failure is down until repaired;
 * a redundant part costs only the failed requests of its failover.
 */
import type { Scenario } from '../sim/spec/types';
import { componentsOf, type Component } from './faults';
import type { DrillResult, FaultResult } from './drill';

/** Failures per year and hours to repair, for a machine and for each process. */
export interface Rate {
  failures_per_year: number;
  repair_hours: number;
}
export type ComponentRates = Record<'machine' | Component, Rate>;

/**
 * Rough defaults for a small self-run setup (illustrative, stated as such in the
 * editor): a machine fails about twice a year and takes half a working day to
 * replace; a process crashes a few times a year and is restarted within the hour.
 */
export const DEFAULT_RATES: ComponentRates = {
  machine: { failures_per_year: 2, repair_hours: 4 },
  haproxy: { failures_per_year: 2, repair_hours: 0.5 },
  keepalived: { failures_per_year: 1, repair_hours: 0.5 },
  nginx: { failures_per_year: 2, repair_hours: 0.5 },
  app: { failures_per_year: 6, repair_hours: 0.5 },
  mysql: { failures_per_year: 2, repair_hours: 1 },
};

const HOURS_PER_YEAR = 24 * 365;

export interface ComponentDowntime {
  /** `web-1` or `web-1:app`. */
  id: string;
  kind: 'machine' | Component;
  rate: Rate;
  /** Whether its loss breaks reads or writes until someone repairs it. */
  spof: boolean;
  /** Expected minutes of full outage per year that it causes. */
  minutes_per_year: number;
  /** Why not counted, when the drill did not run its fault. */
  unknown?: string;
}

export interface YearlyAvailability {
  /** 0..1 */
  availability: number;
  /** −log10(1 − availability): 3 for 99.9 %. */
  nines: number;
  minutes_per_year: number;
  perComponent: ComponentDowntime[];
}

function resultFor(drill: DrillResult, node: string, component: Component | null): FaultResult | undefined {
  return drill.faults.find((r) => r.node === node && r.component === component && r.fault === 'crash');
}

/**
 * Expected yearly availability of design `s` given its drill. Each failure of a part
 * costs: its repair time when the drill found it breaks the service, else the
 * failover's failed requests (as seconds of full outage at the offered rate).
 */
export function yearlyAvailability(s: Scenario, drill: DrillResult, rates: ComponentRates = DEFAULT_RATES): YearlyAvailability {
  const perComponent: ComponentDowntime[] = [];
  const rate = s.workload.rate_rps;
  const add = (id: string, kind: 'machine' | Component, r: FaultResult | undefined, machineSpof: boolean) => {
    const rt = rates[kind];
    if (!r) {
      perComponent.push({ id, kind, rate: rt, spof: false, minutes_per_year: 0, unknown: 'not drilled: the simulator cannot fail it alone yet' });
      return;
    }
    const spof = r.breaks_service || machineSpof;
    const perFailureMin = spof ? rt.repair_hours * 60 : r.failed / Math.max(rate, 1e-9) / 60;
    perComponent.push({ id, kind, rate: rt, spof, minutes_per_year: rt.failures_per_year * perFailureMin });
  };
  for (const n of s.nodes) {
    const m = resultFor(drill, n.id, null);
    add(n.id, 'machine', m, false);
    for (const c of componentsOf(n)) add(`${n.id}:${c}`, c, resultFor(drill, n.id, c), false);
  }
  const minutes = Math.min(HOURS_PER_YEAR * 60, perComponent.reduce((a, c) => a + c.minutes_per_year, 0));
  const availability = 1 - minutes / (HOURS_PER_YEAR * 60);
  return { availability, nines: availability >= 1 ? Infinity : -Math.log10(1 - availability), minutes_per_year: minutes, perComponent };
}
