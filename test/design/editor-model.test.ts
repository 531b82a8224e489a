import { describe, expect, it } from 'vitest';
import {
  clusterMode,
  DNS_ID,
  editorReducer,
  emptyDesign,
  initialEditorState,
  nodeOf,
  UNDO_LIMIT,
  type EditorAction,
  type EditorLb,
  type EditorState,
} from '../../src/design/editor/model';
import { fieldsOf } from '../../src/design/editor/fields';
import { parseDesign, serializeDesign } from '../../src/design';
import { checkDesign } from '../../src/design/requirements';
import type { ServerSpec } from '../../src/sim/types';

function run(...actions: EditorAction[]): EditorState {
  return actions.reduce(editorReducer, initialEditorState(emptyDesign(0)));
}

const server = (s: EditorState, id: string) => nodeOf(s.design, id) as ServerSpec;
const lb = (s: EditorState, id: string) => nodeOf(s.design, id) as EditorLb;

/** Task 0 by actions: one server with Nginx, the app and MySQL. */
const TASK0: EditorAction[] = [
  { type: 'addServer' },
  { type: 'setRole', id: 'server-1', role: 'web', on: true },
  { type: 'setRole', id: 'server-1', role: 'app', on: true },
  { type: 'setDb', id: 'server-1', db: 'primary' },
];
/** …then task 1: a load balancer and a second server with a replica. */
const TASK1: EditorAction[] = [
  ...TASK0,
  { type: 'addLoadBalancer' },
  { type: 'addServer' },
  { type: 'setRole', id: 'server-2', role: 'web', on: true },
  { type: 'setRole', id: 'server-2', role: 'app', on: true },
  { type: 'setDb', id: 'server-2', db: 'replica' },
];

/** The design as the simulator loads it (through its YAML). */
const loaded = (s: EditorState) => parseDesign(serializeDesign(s.design), 'design.yaml');

describe('design editor reducer', () => {
  it('starts from nothing with the www record, and task 0 by actions meets every requirement', () => {
    const start = initialEditorState(emptyDesign(0));
    expect(start.design.nodes).toEqual([]);
    expect(start.selected).toBe(DNS_ID);
    const s = run(...TASK0);
    expect(server(s, 'server-1')).toMatchObject({ ip: '8.8.8.8', roles: ['web', 'app', 'db'], db: { role: 'primary' } });
    expect(checkDesign(loaded(s), 0).every((r) => r.met)).toBe(true);
  });

  it('selects the machine just added, a load balancer too (it goes before the servers, not last)', () => {
    expect(run(...TASK0, { type: 'addLoadBalancer' }).selected).toBe('lb-1');
    expect(run(...TASK0, { type: 'addLoadBalancer' }, { type: 'addServer' }).selected).toBe('server-2');
    expect(run(...TASK0, { type: 'addLoadBalancer' }, { type: 'addLoadBalancer' }).selected).toBe('lb-2');
  });

  it('adding a load balancer moves the public address to it and puts the servers in its pool', () => {
    const s = run(...TASK1);
    expect(lb(s, 'lb-1')).toMatchObject({ ip: '8.8.8.8', to: ['server-1', 'server-2'] });
    expect(server(s, 'server-1').ip).toMatch(/^10\.0\.0\./);
    expect(server(s, 'server-2').db).toMatchObject({ role: 'replica', of: 'server-1' });
    expect(s.selected).toBe('server-2');
    expect(checkDesign(loaded(s), 1).every((r) => r.met)).toBe(true);
  });

  it('removes a machine and every reference to it', () => {
    const s = run(...TASK1, { type: 'setFirewall', id: 'server-2', on: true }, { type: 'remove', id: 'server-1' });
    expect(nodeOf(s.design, 'server-1')).toBeUndefined();
    expect(lb(s, 'lb-1').to).toEqual(['server-2']);
    // The replica lost its primary; its firewall no longer names the removed machine.
    expect(server(s, 'server-2').db?.of).toBeUndefined();
    expect(server(s, 'server-2').firewall!.allow.some((r) => r.from === 'server-1')).toBe(false);
    expect(run({ type: 'remove', id: DNS_ID }).note).toMatch(/Select a machine/);
  });

  it('turns components off and drops what depended on them', () => {
    const s = run(...TASK1, { type: 'setRole', id: 'server-2', role: 'web', on: false }, { type: 'setRole', id: 'server-2', role: 'app', on: false });
    expect(server(s, 'server-2').roles).toEqual(['db']);
    expect(lb(s, 'lb-1').to).toEqual(['server-1']);
    const none = editorReducer(s, { type: 'setDb', id: 'server-1', db: 'none' });
    expect(server(none, 'server-1').db).toBeUndefined();
    expect(server(none, 'server-2').db?.of).toBeUndefined();
  });

  it('refuses a replica with no primary to copy, with a reason', () => {
    const s = run({ type: 'addServer' }, { type: 'setDb', id: 'server-1', db: 'replica' });
    expect(server(s, 'server-1').db).toBeUndefined();
    expect(s.note).toMatch(/primary first/);
  });

  it('sets the load balancer: algorithm, HTTP health check, redispatch, TLS', () => {
    const s = run(
      ...TASK1,
      { type: 'setAlgorithm', id: 'lb-1', algorithm: 'leastconn' },
      { type: 'setHealthCheck', id: 'lb-1', check: 'http' },
      { type: 'setRedispatch', id: 'lb-1', on: true },
      { type: 'setTls', id: 'lb-1', tls: 'terminate' },
    );
    expect(lb(s, 'lb-1')).toMatchObject({ algorithm: 'leastconn', health_check: { type: 'http', path: '/health' }, redispatch: true, tls: 'terminate' });
    const back = run(...TASK1, { type: 'setHealthCheck', id: 'lb-1', check: 'http' }, { type: 'setHealthCheck', id: 'lb-1', check: 'tcp' }, { type: 'setTls', id: 'lb-1', tls: 'none' });
    expect(lb(back, 'lb-1').health_check).toBeUndefined();
    expect(lb(back, 'lb-1').tls).toBeUndefined();
    expect(run(...TASK0, { type: 'setAlgorithm', id: 'server-1', algorithm: 'source' }).note).toMatch(/load balancer/);
  });

  it('clusters the load balancers: VRRP with and without track_script, active-active with two A records, and back to one', () => {
    const base = run(...TASK1, { type: 'setTls', id: 'lb-1', tls: 'terminate' });
    const vrrp = editorReducer(base, { type: 'setCluster', mode: 'active-passive' });
    expect(clusterMode(vrrp.design)).toBe('active-passive');
    expect(lb(vrrp, 'lb-1').vrrp).toMatchObject({ vip: '8.8.8.8', priority: 150 });
    expect(lb(vrrp, 'lb-2')).toMatchObject({ to: ['server-1', 'server-2'], tls: 'terminate', vrrp: { vip: '8.8.8.8', priority: 100 } });
    expect(lb(vrrp, 'lb-1').ip).not.toBe('8.8.8.8');
    expect(vrrp.design.dns!.records.map((r) => r.value)).toEqual(['8.8.8.8']);
    expect(() => loaded(vrrp)).not.toThrow();

    const track = editorReducer(vrrp, { type: 'setCluster', mode: 'active-passive-track' });
    expect(clusterMode(track.design)).toBe('active-passive-track');
    expect(lb(track, 'lb-2').vrrp?.track_script).toEqual({ interval_s: 2, fall: 2, rise: 2 });

    const aa = editorReducer(track, { type: 'setCluster', mode: 'active-active' });
    expect(clusterMode(aa.design)).toBe('active-active');
    expect([lb(aa, 'lb-1').ip, lb(aa, 'lb-2').ip]).toEqual(['8.8.8.8', '8.8.4.4']);
    expect(aa.design.dns!.records.filter((r) => r.type === 'A').map((r) => r.value)).toEqual(['8.8.8.8', '8.8.4.4']);
    expect(() => loaded(aa)).not.toThrow();

    // Settings of one cluster member apply to both.
    const both = editorReducer(aa, { type: 'setAlgorithm', id: 'lb-2', algorithm: 'source' });
    expect([lb(both, 'lb-1').algorithm, lb(both, 'lb-2').algorithm]).toEqual(['source', 'source']);

    const single = editorReducer(aa, { type: 'setCluster', mode: 'single' });
    expect(nodeOf(single.design, 'lb-2')).toBeUndefined();
    expect(lb(single, 'lb-1').ip).toBe('8.8.8.8');
    expect(run(...TASK0, { type: 'setCluster', mode: 'active-passive' }).note).toMatch(/load balancer first/);
  });

  it('edits per-machine firewall rules', () => {
    const on = run(...TASK1, { type: 'setFirewall', id: 'server-1', on: true });
    expect(server(on, 'server-1').firewall!.allow).toEqual(expect.arrayContaining([{ port: 80, from: 'lb-1' }, { port: 22, from: 'admin' }, { port: 3306, from: 'server-2' }]));
    const added = editorReducer(on, { type: 'addRule', id: 'server-1', rule: { port: 443, from: 'any' } });
    const n = server(added, 'server-1').firewall!.allow.length;
    expect(server(added, 'server-1').firewall!.allow[n - 1]).toEqual({ port: 443, from: 'any' });
    const changed = editorReducer(added, { type: 'setRule', id: 'server-1', index: n - 1, rule: { port: 8000, from: 'lb-1' } });
    expect(server(changed, 'server-1').firewall!.allow[n - 1]).toEqual({ port: 8000, from: 'lb-1' });
    const removed = editorReducer(changed, { type: 'removeRule', id: 'server-1', index: n - 1 });
    expect(server(removed, 'server-1').firewall!.allow).toHaveLength(n - 1);
    expect(editorReducer(removed, { type: 'removeRule', id: 'server-1', index: 99 }).note).toMatch(/No such/);
    const off = editorReducer(removed, { type: 'setFirewall', id: 'server-1', on: false });
    expect(server(off, 'server-1').firewall).toBeUndefined();
  });

  it('monitoring agents bring the monitoring service, and it goes with the last agent', () => {
    const s = run(...TASK0, { type: 'setAgent', id: 'server-1', on: true });
    expect(server(s, 'server-1').agent).toBe(true);
    expect(s.design.monitoring).toMatchObject({ service: 'Sumo Logic' });
    const off = editorReducer(s, { type: 'setAgent', id: 'server-1', on: false });
    expect(off.design.monitoring).toBeUndefined();
  });

  it('sets the DNS record type and value', () => {
    const cname = run(...TASK0, { type: 'setDns', index: 0, record: { type: 'CNAME' } });
    expect(cname.design.dns!.records[0]).toMatchObject({ type: 'CNAME', value: 'foobar.com' });
    const a = editorReducer(cname, { type: 'setDns', index: 0, record: { type: 'A', value: '10.0.0.11' } });
    expect(a.design.dns!.records[0]).toMatchObject({ type: 'A', value: '10.0.0.11' });
    expect(editorReducer(a, { type: 'setDns', index: 5, record: { type: 'A' } }).note).toMatch(/No such DNS record/);
  });

  it('links machines: LB pool, Nginx upstream, app reads and writes', () => {
    const split = run(
      { type: 'addLoadBalancer' },
      { type: 'addServer' },
      { type: 'setRole', id: 'server-1', role: 'web', on: true },
      { type: 'addServer' },
      { type: 'setRole', id: 'server-2', role: 'app', on: true },
      { type: 'addServer' },
      { type: 'setDb', id: 'server-3', db: 'primary' },
      { type: 'addServer' },
      { type: 'setDb', id: 'server-4', db: 'replica' },
    );
    // Nginx on its own proxies to the app server on its own; the LB sends only to Nginx.
    expect(server(split, 'server-1').web?.upstream).toEqual(['server-2']);
    expect(lb(split, 'lb-1').to).toEqual(['server-1']);
    const unlinked = editorReducer(split, { type: 'setLink', from: 'server-1', to: 'server-2', on: false });
    expect(server(unlinked, 'server-1').web?.upstream).toBeUndefined();
    const reads = editorReducer(split, { type: 'setLink', from: 'server-2', to: 'server-4', on: true });
    expect(server(reads, 'server-2').app?.read_from).toEqual(['server-4']);
    const writes = editorReducer(reads, { type: 'setWriteDb', id: 'server-2', db: 'server-4' });
    expect(server(writes, 'server-2').app?.db).toBe('server-4');
    expect(editorReducer(writes, { type: 'setWriteDb', id: 'server-2' }).design.nodes.find((n) => n.id === 'server-2')).not.toHaveProperty('app.db');
    const pool = editorReducer(split, { type: 'setLink', from: 'lb-1', to: 'server-2', on: true });
    expect(lb(pool, 'lb-1').to).toEqual(['server-1', 'server-2']);
    expect(editorReducer(split, { type: 'setLink', from: 'lb-1', to: 'server-3', on: true }).note).toMatch(/neither Nginx nor an app/);
    expect(() => loaded(split)).not.toThrow();
  });

  it('selects machines in order, wrapping, and ignores unknown ids', () => {
    const s = run(...TASK1);
    const first = editorReducer(s, { type: 'select', id: DNS_ID });
    expect(editorReducer(first, { type: 'selectNext', delta: 1 }).selected).toBe('lb-1');
    expect(editorReducer(first, { type: 'selectNext', delta: -1 }).selected).toBe('server-2');
    expect(editorReducer(first, { type: 'select', id: 'nope' })).toBe(first);
  });

  it('undoes every change, one at a time, back to the empty design', () => {
    let s = run(...TASK1, { type: 'setCluster', mode: 'active-passive-track' }, { type: 'setFirewall', id: 'lb-1', on: true });
    const designs = [s.design];
    const steps = s.past.length;
    expect(steps).toBe(TASK1.length + 2);
    for (let i = 0; i < steps; i++) {
      s = editorReducer(s, { type: 'undo' });
      designs.push(s.design);
    }
    expect(s.design).toEqual(emptyDesign(0));
    expect(editorReducer(s, { type: 'undo' }).note).toBe('Nothing to undo.');
    // Selection falls back when its machine was undone away.
    expect(s.selected).toBe(DNS_ID);
    // Refused actions are not undo steps.
    expect(editorReducer(s, { type: 'setDb', id: 'x', db: 'primary' }).past).toHaveLength(0);
  });

  it('keeps at most UNDO_LIMIT designs', () => {
    let s = run({ type: 'addServer' });
    for (let i = 0; i < UNDO_LIMIT + 10; i++) s = editorReducer(s, { type: 'setAgent', id: 'server-1', on: i % 2 === 0 });
    expect(s.past).toHaveLength(UNDO_LIMIT);
  });

  it('load replaces the design and clears the history', () => {
    const s = run(...TASK1);
    const fresh = editorReducer(s, { type: 'load', design: emptyDesign(2) });
    expect(fresh.past).toEqual([]);
    expect(fresh.design.name).toBe('My design (task 2)');
  });
});

describe('design editor fields', () => {
  it('every field of every machine changes the design through its action, or says why not', () => {
    const s = run(...TASK1, { type: 'setCluster', mode: 'active-passive' }, { type: 'setFirewall', id: 'server-1', on: true });
    for (const id of [DNS_ID, ...s.design.nodes.map((n) => n.id)]) {
      for (const f of fieldsOf(s.design, id)) {
        for (const a of [f.next, f.prev, f.alt]) {
          if (!a) continue;
          const after = editorReducer(s, a);
          // Changed, or refused with the reason (a replica needs another machine's primary).
          expect(after.design !== s.design || after.note !== undefined, `${id} ${f.key} ${a.type}`).toBe(true);
        }
      }
    }
  });

  it('names the settings the task asks about', () => {
    const s = run(...TASK1);
    expect(fieldsOf(s.design, 'lb-1').map((f) => f.label)).toEqual(
      expect.arrayContaining(['Algorithm', 'Health check', 'Redispatch', 'TLS', 'Cluster', 'Sends to server-1', 'Monitoring agent', 'Firewall']),
    );
    expect(fieldsOf(s.design, 'server-2').map((f) => f.label)).toEqual(expect.arrayContaining(['Nginx (web server)', 'App server + code base', 'MySQL', 'Writes to', 'Reads from server-1']));
    expect(fieldsOf(s.design, DNS_ID).map((f) => f.value)).toEqual(['A', '8.8.8.8']);
  });
});
