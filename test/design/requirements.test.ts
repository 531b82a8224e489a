import { describe, expect, it } from 'vitest';
import { checkDesign, REQUIREMENT_LESSONS, serializeDesign, type TaskNumber } from '../../src/design';
import { loadCourse } from '../../src/course/load-course';
import { fixture } from './helpers';

const unmet = (name: string, task: TaskNumber) =>
  checkDesign(fixture(name), task)
    .filter((r) => !r.met)
    .map((r) => r.id);

describe("each task's literal requirements", () => {
  it.each([0, 1, 2, 3] as const)('a complete design of task %i meets every requirement', (task) => {
    const reqs = checkDesign(fixture(`task${task}-complete`), task);
    expect(reqs.length).toBeGreaterThan(4);
    expect(reqs.filter((r) => !r.met)).toEqual([]);
  });

  it('task 0: machine count, the database and where www points', () => {
    expect(unmet('task0-broken', 0)).toEqual(['t0-one-server', 't0-database', 't0-www-record']);
    const www = checkDesign(fixture('task0-broken'), 0).find((r) => r.id === 't0-www-record')!;
    expect(www.reason).toBe("www.foobar.com A 10.0.0.2: 10.0.0.2 is server-2's address");
    expect(www.lesson).toBe('sws-dns');
  });

  it('task 1: the load balancer must reach both servers, one primary and one replica', () => {
    expect(unmet('task1-broken', 1)).toEqual(['t1-load-balancer', 't1-primary-replica']);
    const lb = checkDesign(fixture('task1-broken'), 1).find((r) => r.id === 't1-load-balancer')!;
    expect(lb.reason).toContain('not to web-2');
  });

  it('task 2: 3 firewalls, 1 certificate on the load balancer, 3 monitoring clients', () => {
    expect(unmet('task2-broken', 2)).toEqual(['t2-firewalls', 't2-certificate', 't2-monitoring']);
    const reqs = checkDesign(fixture('task2-broken'), 2);
    expect(reqs.find((r) => r.id === 't2-firewalls')!.reason).toBe('firewall on lb-1, web-1; none on web-2');
    expect(reqs.find((r) => r.id === 't2-certificate')!.reason).toContain('passes TLS through');
  });

  it('task 2: a certificate nobody can reach on 443 does not serve HTTPS', () => {
    const s = fixture('task2-complete');
    const lb = s.nodes[0]!;
    lb.firewall = { allow: [{ port: 80, from: 'any', proto: 'tcp' }] };
    const cert = checkDesign(s, 2).find((r) => r.id === 't2-certificate')!;
    expect(cert.met).toBe(false);
    expect(cert.reason).toContain('port 443');
  });

  it('task 3: the cluster and the split tiers', () => {
    expect(unmet('task3-broken', 3)).toEqual(['t3-lb-cluster', 't3-web-server', 't3-app-server', 't3-path']);
    const reqs = checkDesign(fixture('task3-broken'), 3);
    expect(reqs.find((r) => r.id === 't3-app-server')!.reason).toBe('app shares a machine: web-1 runs web + app');
  });

  it('task 3 accepts an active-active pair: two A records, one per load balancer', () => {
    const s = fixture('task3-complete');
    for (const n of s.nodes) if (n.kind === 'load_balancer') delete n.vrrp;
    s.nodes[0]!.ip = '8.8.8.8';
    s.dns = { records: [
      { name: 'www.foobar.com', type: 'A', value: '8.8.8.8', ttl_s: 300 },
      { name: 'www.foobar.com', type: 'A', value: '10.0.0.2', ttl_s: 300 },
    ] };
    expect(checkDesign(s, 3).filter((r) => !r.met)).toEqual([]);
  });

  it('a task 1 design checked against task 3 fails what task 3 adds, not what it keeps', () => {
    expect(unmet('task1-complete', 3)).toEqual(['t3-machines', 't3-lb-cluster', 't3-web-server', 't3-app-server', 't3-db-server']);
  });

  it('never shows a design: reasons describe only what the learner built', () => {
    for (const task of [0, 1, 2, 3] as const) {
      const s = fixture(`task${task}-broken`);
      const yaml = serializeDesign(s);
      for (const r of checkDesign(s, task)) {
        expect(r.reason.split('\n')).toHaveLength(1);
        expect(yaml).not.toContain(r.reason);
        // Every machine a reason names is one of the learner's.
        for (const id of r.reason.match(/\b(?:lb|web|app|db|server)-\d+\b/g) ?? []) expect(s.nodes.map((n) => n.id)).toContain(id);
      }
    }
  });

  it('every lesson a requirement points to exists in the shipped course', () => {
    const { course } = loadCourse('lessons');
    const ids = new Set(course.chapters.flatMap((c) => c.lessons.map((l) => l.id)));
    for (const id of REQUIREMENT_LESSONS) expect(ids, id).toContain(id);
    for (const task of [0, 1, 2, 3] as const)
      for (const r of checkDesign(fixture(`task${task}-broken`), task)) expect(REQUIREMENT_LESSONS).toContain(r.lesson);
  });
});
