/**
 * Behaviour of health checks, retries, redispatch, drain and VRRP, against the
 * measurements and defaults in SIM-REFERENCE.md.
 */
import { describe, expect, it } from 'vitest';
import { engine, events, run } from './helpers';

const pair = (extra = '', rate = 50) => `name: pair
seed: 1
duration_s: 60
warmup_s: 5
dns: { lookup_ms: 0 }
workload: { rate_rps: ${rate} }
nodes:
  - { id: lb-1, kind: load_balancer, algorithm: roundrobin, to: [web-1, web-2]${extra ? `, ${extra}` : ''} }
  - { id: web-1, kind: server, roles: [web], workers: 4, service_ms: 5 }
  - { id: web-2, kind: server, roles: [web], workers: 4, service_ms: 5 }
`;

describe('health checks (inter 2 s, fall 3, rise 2)', () => {
  it('marks a killed server DOWN (4, 6] s later, 5 s on average', () => {
    const delays: number[] = [];
    for (let seed = 1; seed <= 150; seed++) {
      const r = run(pair('', 5), { seed, duration_s: 40, at: [{ at_s: 30, action: 'kill', node: 'web-2' }] });
      const down = events(r, 'marked_down', 'web-2');
      expect(down).toHaveLength(1);
      delays.push(down[0]!.t_s - 30);
    }
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.min(...delays)).toBeGreaterThan(4);
    expect(Math.max(...delays)).toBeLessThanOrEqual(6.001);
    expect(mean).toBeGreaterThan(4.85);
    expect(mean).toBeLessThan(5.15);
    // Spread over the whole window: the kill lands at a random point of the check cycle.
    expect(Math.min(...delays)).toBeLessThan(4.2);
    expect(Math.max(...delays)).toBeGreaterThan(5.8);
  });

  it('marks it UP again (2, 4] s after it is back, and names the cause', () => {
    const r = run(pair(), { at: [{ at_s: 20, action: 'kill', node: 'web-2' }, { at_s: 40, action: 'restore', node: 'web-2' }] });
    const up = events(r, 'marked_up', 'web-2');
    expect(up).toHaveLength(1);
    expect(up[0]!.t_s - 40).toBeGreaterThan(2);
    expect(up[0]!.t_s - 40).toBeLessThanOrEqual(4.001);
    expect(events(r, 'marked_down', 'web-2')[0]!.message).toMatch(/lb-1 marked web-2 DOWN: 3 failed checks, 2 s apart/);
  });

  it('takes longer to notice a blackholed server (checks wait for their timeout)', () => {
    const r = run(pair(), { at: [{ at_s: 20, action: 'blackhole', node: 'web-2' }] });
    const d = events(r, 'marked_down', 'web-2')[0]!.t_s - 20;
    expect(d).toBeGreaterThan(6);
    expect(d).toBeLessThanOrEqual(12.001);
  });
});

describe('retries and redispatch (HAProxy 2.6 measurement)', () => {
  it('without redispatch: requests sent to the dead server fail with 503 after ~3 s of retries', () => {
    const r = run(pair('retries: 3'), { at: [{ at_s: 20, action: 'kill', node: 'web-2' }] });
    const detect = events(r, 'marked_down', 'web-2')[0]!.t_s - 20;
    expect(r.requests.by_code?.['503']).toBe(r.requests.failed);
    // Half of 50 req/s went to web-2 until it was marked DOWN.
    const expected = 25 * detect;
    expect(r.requests.failed).toBeGreaterThan(expected * 0.75);
    expect(r.requests.failed).toBeLessThan(expected * 1.25);
    const wait = r.failed_latency_ms as { mean: number; max: number };
    expect(wait.mean).toBeGreaterThan(2950);
    expect(wait.mean).toBeLessThan(3050);
  });

  it('with option redispatch: the same requests go to the other server at once, no failures', () => {
    const r = run(pair('retries: 3, redispatch: true'), { at: [{ at_s: 20, action: 'kill', node: 'web-2' }] });
    expect(events(r, 'marked_down', 'web-2')).toHaveLength(1);
    expect(r.requests.failed).toBe(0);
    expect(r.latency_ms.p99).toBeLessThan(100);
  });

  it('a crash in the middle of a response is not retried: 502', () => {
    const slow = pair().replace(/service_ms: 5/g, 'service_ms: 400');
    const r = run(slow, { at: [{ at_s: 20, action: 'kill', node: 'web-2' }] });
    expect(r.requests.by_code?.['502']).toBeGreaterThan(0);
  });
});

describe('rolling restart', () => {
  const restart = (drain: boolean) => {
    const at: { at_s: number; action: 'kill' | 'restore' | 'drain' | 'undrain'; node: string }[] = [];
    for (const [i, node] of ['web-1', 'web-2'].entries()) {
      const t0 = 10 + i * 25;
      if (drain) at.push({ at_s: t0, action: 'drain', node });
      at.push({ at_s: t0 + 3, action: 'kill', node }, { at_s: t0 + 8, action: 'restore', node });
      if (drain) at.push({ at_s: t0 + 15, action: 'undrain', node });
    }
    return run(pair('', 100), { at });
  };

  it('drain first: zero errors', () => {
    const r = restart(true);
    expect(events(r, 'drained')).toHaveLength(2);
    expect(r.requests.failed).toBe(0);
    expect(r.requests.total).toBeGreaterThan(5000);
  });

  it('kill-based: every restart costs the requests sent before a retry can reach the restored server', () => {
    const r = restart(false);
    // Half of 100 req/s goes to the killed server. It is back 5 s after the kill, and a
    // request retries the same server 3 times, 1 s apart (no redispatch): only those
    // sent in the first 5 − 3 = 2 s run out of retries (503). Detection (4–6 s) comes
    // later than that, so it does not matter. 50 × 2 s × 2 restarts = 200; ±25 % is
    // more than 3 standard deviations of the Poisson count.
    expect(r.requests.by_code?.['503']).toBeGreaterThan(150);
    expect(r.requests.failed).toBeGreaterThan(150);
    expect(r.requests.failed).toBeLessThan(250);
  });
});

const vrrp = (preempt = true) => `name: vrrp
seed: 1
duration_s: 60
dns: { lookup_ms: 0 }
workload: { rate_rps: 20 }
nodes:
  - { id: lb-1, kind: load_balancer, ip: 10.0.0.1, to: [web-1], vrrp: { vip: 8.8.8.8, priority: 150, preempt: ${preempt} } }
  - { id: lb-2, kind: load_balancer, ip: 10.0.0.2, to: [web-1], vrrp: { vip: 8.8.8.8, priority: 100 } }
  - { id: web-1, kind: server, roles: [web], workers: 4, service_ms: 5 }
`;

describe('VRRP pair (keepalived 2.2.7 measurement)', () => {
  it('crash: the backup takes the VIP 3 × advert_int + skew = 3.61 s after the last advert', () => {
    const r = run(vrrp(), { at: [{ at_s: 30.3, action: 'kill', node: 'lb-1' }] });
    const moved = events(r, 'vip_moved', 'lb-2');
    expect(moved).toHaveLength(1);
    expect(moved[0]!.last_advert_s).toBe(30);
    expect(moved[0]!.t_s).toBeCloseTo(30 + 3 + (256 - 100) / 256, 3);
    expect(moved[0]!.message).toContain('3 × 1 s + skew 0.61 s');
    // While nobody answered on the VIP clients retransmitted their SYN (1 s, then 3 s):
    // the requests of those 3.6 s were late, not lost.
    expect(r.requests.failed).toBe(0);
    expect(r.requests.slow).toBeGreaterThan(20 * 3);
  });

  it('clean stop: a priority-0 advert lets the backup take over after the skew alone (0.61 s)', () => {
    const r = run(vrrp(), { at: [{ at_s: 30.3, action: 'stop', node: 'lb-1' }] });
    const moved = events(r, 'vip_moved', 'lb-2');
    expect(moved[0]!.t_s).toBeCloseTo(30.3 + 156 / 256, 3);
    expect(moved[0]!.cause).toBe('clean_stop');
  });

  it('preemption: a restarted higher-priority node waits its own master-down interval (3.41 s)', () => {
    const r = run(vrrp(), { at: [{ at_s: 20, action: 'kill', node: 'lb-1' }, { at_s: 40, action: 'restore', node: 'lb-1' }] });
    const back = events(r, 'vip_moved', 'lb-1');
    expect(back).toHaveLength(1);
    expect(back[0]!.t_s).toBeCloseTo(40 + 3 + (256 - 150) / 256, 3);
    expect(back[0]!.cause).toBe('preempt');
    const e = engine(vrrp(), { at: [{ at_s: 20, action: 'kill', node: 'lb-1' }, { at_s: 40, action: 'restore', node: 'lb-1' }] });
    e.runUntil(50_000);
    expect(e.snapshot().nodes['lb-1']).toMatchObject({ vrrpState: 'MASTER', vipHolder: true });
    expect(e.snapshot().nodes['lb-2']).toMatchObject({ vrrpState: 'BACKUP', vipHolder: false });
  });

  it('nopreempt: the returning node stays BACKUP', () => {
    const r = run(vrrp(false), { at: [{ at_s: 20, action: 'kill', node: 'lb-1' }, { at_s: 40, action: 'restore', node: 'lb-1' }] });
    expect(events(r, 'vip_moved', 'lb-1')).toHaveLength(0);
    expect(r.nodes['lb-2']!.vip_holder).toBe(true);
  });
});

describe('a check in progress when its server comes back', () => {
  const pair = `name: inprogress
seed: 9
duration_s: 60
dns: { lookup_ms: 0 }
workload: { rate_rps: 20 }
nodes:
  - { id: lb-1, kind: load_balancer, to: [web-1, web-2] }
  - { id: web-1, kind: server, roles: [web], workers: 4, service_ms: 5 }
  - { id: web-2, kind: server, roles: [web], workers: 4, service_ms: 5 }
`;

  it('succeeds at its SYN retransmit (1 s after it started) instead of counting as failed', () => {
    // Checks of a blackholed server run every 4 s (2 s timeout + 2 s fastinter); the third
    // failure marks it DOWN, so the first failing check started 10 s before marked_down.
    const down = events(run(pair, { at: [{ at_s: 10, action: 'blackhole', node: 'web-2' }] }), 'marked_down', 'web-2')[0]!.t_s;
    const secondCheck = down - 10 + 4;
    const e = engine(pair, { at: [{ at_s: 10, action: 'blackhole', node: 'web-2' }] });
    e.runUntil((secondCheck + 0.5) * 1000);
    expect(e.snapshot().nodes['web-2']!.lbView!['lb-1']).toBe('UP-going-down'); // one failure so far
    e.apply({ action: 'restore', node: 'web-2' });
    e.runUntil((secondCheck + 1.2) * 1000);
    // The pending check's retransmitted SYN (at +1 s) reached the restored server: a success resets the count.
    expect(e.snapshot().nodes['web-2']!.lbView!['lb-1']).toBe('UP');
    expect(events(e.report(), 'marked_down', 'web-2')).toHaveLength(0);
  });
});
