import { describe, expect, it } from 'vitest';
import { listFaults } from '../../src/design';
import { componentFaultsSupported, faultEvents, FAULT_AT_S } from '../../src/design/faults';
import { fixture } from './helpers';

describe('the faults a drill runs', () => {
  it.skipIf(!componentFaultsSupported())('every machine: crash, hang, stop; every process: crash; traffic x3; a deploy of each tier', () => {
    const names = listFaults(fixture('task3-track')).map((f) => `${f.component ? `${f.node}:${f.component}` : f.node} ${f.fault}`);
    expect(names).toEqual([
      'lb-1 crash', 'lb-1 hang', 'lb-1 stop', 'lb-1:haproxy crash', 'lb-1:keepalived crash',
      'lb-2 crash', 'lb-2 hang', 'lb-2 stop', 'lb-2:haproxy crash', 'lb-2:keepalived crash',
      'web-1 crash', 'web-1 hang', 'web-1 stop', 'web-1:nginx crash',
      'app-1 crash', 'app-1 hang', 'app-1 stop', 'app-1:app crash',
      'db-1 crash', 'db-1 hang', 'db-1 stop', 'db-1:mysql crash',
      'users traffic_x3',
      'web-1:nginx deploy', 'app-1:app deploy', 'db-1:mysql deploy',
    ]);
  });

  it.skipIf(!componentFaultsSupported())('a deploy restarts the tier one server at a time, each process back before the next goes', () => {
    const s = fixture('task1-complete');
    const deploy = listFaults(s).find((f) => f.fault === 'deploy' && f.component === 'app')!;
    expect(deploy.node).toBe('web-1,web-2');
    const events = faultEvents(s, deploy);
    expect(events.map((e) => `${e.at_s} ${e.action} ${e.node}:${e.component}`)).toEqual([
      `${FAULT_AT_S} kill web-1:app`, `${FAULT_AT_S + 5} restore web-1:app`,
      `${FAULT_AT_S + 15} kill web-2:app`, `${FAULT_AT_S + 20} restore web-2:app`,
    ]);
  });

  it('traffic x3 triples the design\'s own rate', () => {
    const s = fixture('task0-complete');
    expect(faultEvents(s, { node: 'users', component: null, fault: 'traffic_x3' })).toEqual([{ at_s: FAULT_AT_S, action: 'set_rate', value: 150 }]);
  });
});
