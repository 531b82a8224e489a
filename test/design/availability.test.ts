import { describe, expect, it } from 'vitest';
import { DEFAULT_RATES, drillDesign, yearlyAvailability } from '../../src/design';
import { fixture } from './helpers';

describe('yearly availability in nines', () => {
  const s = fixture('task0-complete');
  const drill = drillDesign(s, { seconds: 30 });

  it('a single point of failure is down for its repair time each time it fails', () => {
    const y = yearlyAvailability(s, drill);
    const machine = y.perComponent.find((c) => c.id === 'server-1')!;
    expect(machine.spof).toBe(true);
    expect(machine.minutes_per_year).toBeCloseTo(DEFAULT_RATES.machine.failures_per_year * DEFAULT_RATES.machine.repair_hours * 60);
    expect(y.minutes_per_year).toBeGreaterThanOrEqual(machine.minutes_per_year);
    expect(y.availability).toBeCloseTo(1 - y.minutes_per_year / (365 * 24 * 60), 10);
    expect(y.nines).toBeCloseTo(-Math.log10(1 - y.availability), 10);
  });

  it('the rates are adjustable: twice the repair time, twice the downtime of a SPOF', () => {
    const slow = { ...DEFAULT_RATES, machine: { ...DEFAULT_RATES.machine, repair_hours: DEFAULT_RATES.machine.repair_hours * 2 } };
    const a = yearlyAvailability(s, drill).perComponent.find((c) => c.id === 'server-1')!;
    const b = yearlyAvailability(s, drill, slow).perComponent.find((c) => c.id === 'server-1')!;
    expect(b.minutes_per_year).toBeCloseTo(2 * a.minutes_per_year);
  });

  it('a redundant part costs only its failover: the backup load balancer of a VRRP pair', () => {
    const t3 = fixture('task3-complete');
    const y = yearlyAvailability(t3, drillDesign(t3, { seconds: 30 }));
    const lb = y.perComponent.find((c) => c.id === 'lb-1')!;
    expect(lb.spof).toBe(false);
    expect(lb.minutes_per_year).toBeLessThan(5);
    expect(y.perComponent.find((c) => c.id === 'web-1')!.spof).toBe(true);
  });

  it('the second server of task 1 is not a SPOF; the primary is, so task 1 has two SPOFs where task 0 had one', () => {
    const t1 = fixture('task1-complete');
    const y = yearlyAvailability(t1, drillDesign(t1, { seconds: 30 }));
    expect(y.perComponent.find((c) => c.id === 'web-2')!.spof).toBe(false);
    expect(y.perComponent.find((c) => c.id === 'web-1')!.spof).toBe(true);
    expect(y.nines).toBeLessThan(yearlyAvailability(s, drill).nines);
  });
});
