import { describe, expect, it } from 'vitest';
import { parseAt } from '../../src/sim/spec/at';

describe('parseAt', () => {
  it('parses node actions, values and value-only actions', () => {
    expect(parseAt('30:kill:web-2')).toEqual({ at_s: 30, action: 'kill', node: 'web-2' });
    expect(parseAt('12.5s:probe:web-1:3306')).toEqual({ at_s: 12.5, action: 'probe', node: 'web-1', value: 3306 });
    expect(parseAt('60:set_rate:300')).toEqual({ at_s: 60, action: 'set_rate', value: 300 });
    expect(parseAt('60:set_rate:lb-1:300')).toEqual({ at_s: 60, action: 'set_rate', node: 'lb-1', value: 300 });
    expect(parseAt('60:set_algorithm:leastconn')).toEqual({ at_s: 60, action: 'set_algorithm', value: 'leastconn' });
    expect(parseAt('60:set_algorithm:lb-1:leastconn')).toEqual({ at_s: 60, action: 'set_algorithm', node: 'lb-1', value: 'leastconn' });
  });
  it('explains what is wrong', () => {
    expect(() => parseAt('soon:kill:web-2')).toThrow(/'soon' is not a time in seconds/);
    expect(() => parseAt('30:kil:web-2')).toThrow(/unknown action 'kil' \(did you mean 'kill'\?\)/);
    expect(() => parseAt('30:kill')).toThrow(/the node is missing/);
    expect(() => parseAt('30')).toThrow(/wrong number of fields/);
    expect(() => parseAt('30:set_rate')).toThrow(/set_rate needs a value/);
  });
});

