/**
 * Each task's literal requirements (the project's task text, CURRICULUM.md), checked
 * against a learner's design: met or not, one line saying what the design has, and the
 * lesson that teaches it. It describes the learner's design only: it never proposes a
 * design or an explanation to hand in.
 */
import type { LoadBalancerSpec, Scenario, ServerSpec } from '../sim/spec/types';

/** The project's four tasks: 0 simple web stack, 1 distributed, 2 secured and monitored, 3 scale up. */
export type TaskNumber = 0 | 1 | 2 | 3;
export const TASKS: readonly TaskNumber[] = [0, 1, 2, 3];

/** One requirement of a task, judged on a design. */
export interface Requirement {
  /** Stable id, e.g. `t2-firewalls`. */
  id: string;
  /** The requirement as the task states it. */
  text: string;
  met: boolean;
  /** One line about the learner's design: what it has, or what is missing. */
  reason: string;
  /** Id of the lesson that teaches it (`webinfra-learn --lesson ID`). */
  lesson: string;
}

/** The task's answer-file name, as learners know the tasks. */
export const TASK_FILES: Record<TaskNumber, string> = {
  0: '0-simple_web_stack',
  1: '1-distributed_web_infrastructure',
  2: '2-secured_and_monitored_web_infrastructure',
  3: '3-scale_up',
};

interface View {
  s: Scenario;
  lbs: LoadBalancerSpec[];
  servers: ServerSpec[];
  machines: number;
  domain: string;
  www: string;
}

function view(s: Scenario): View {
  const lbs = s.nodes.filter((n): n is LoadBalancerSpec => n.kind === 'load_balancer');
  const servers = s.nodes.filter((n): n is ServerSpec => n.kind === 'server');
  const domain = s.domain ?? 'foobar.com';
  return { s, lbs, servers, machines: s.nodes.length, domain, www: `www.${domain}` };
}

const ids = (xs: { id: string }[]): string => (xs.length ? xs.map((x) => x.id).join(', ') : 'none');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function req(id: string, text: string, lesson: string, met: boolean, reason: string): Requirement {
  return { id, text, met, reason, lesson };
}

// ------------------------------------------------------------------ shared checks

function machineCount(v: View, id: string, want: number, lesson: string): Requirement {
  const kinds = `${plural(v.lbs.length, 'load balancer')}, ${plural(v.servers.length, 'server')}`;
  return req(id, `${want} machine${want === 1 ? '' : 's'} in all`, lesson, v.machines === want, `${plural(v.machines, 'machine')} (${kinds})`);
}

function wwwRecords(v: View) {
  return (v.s.dns?.records ?? []).filter((r) => r.name === v.www);
}

function domainReq(v: View, id: string): Requirement {
  return req(id, 'the domain name foobar.com', 'sws-dns', v.domain === 'foobar.com', `the design's domain is ${v.domain}`);
}

/** The www record's type and where it points; `targets` are the addresses it should reach. */
function wwwReq(v: View, id: string, text: string, lesson: string, ok: (values: string[]) => boolean, describe: string): Requirement {
  const recs = wwwRecords(v);
  if (recs.length === 0) return req(id, text, lesson, false, `no DNS record for ${v.www}`);
  const notA = recs.filter((r) => r.type !== 'A');
  if (notA.length) return req(id, text, lesson, false, `${v.www} is a ${notA[0]!.type} record (${notA[0]!.value}): think about what each record type points to`);
  const values = recs.map((r) => r.value);
  return req(id, text, lesson, ok(values), `${v.www} A ${values.join(', ')}${describe ? `: ${describe}` : ''}`);
}

const fullStack = (s: ServerSpec): boolean => s.roles.includes('web') && s.roles.includes('app') && s.roles.includes('db');
const roleNames = (s: ServerSpec): string => `${s.id} runs ${s.roles.length ? s.roles.join(' + ') : 'nothing'}`;

function lbReq(v: View, id: string): Requirement {
  const text = '1 load balancer (HAProxy) in front of the two servers';
  if (v.lbs.length !== 1) return req(id, text, 'dist-lb', false, `${plural(v.lbs.length, 'load balancer')}${v.lbs.length ? ` (${ids(v.lbs)})` : ''}`);
  const lb = v.lbs[0]!;
  const backends = v.servers.filter((s) => lb.to.includes(s.id));
  const missing = v.servers.filter((s) => !lb.to.includes(s.id));
  return req(id, text, 'dist-lb', backends.length === 2 && missing.length === 0, `${lb.id} sends to ${lb.to.join(', ') || 'nothing'}${missing.length ? `; not to ${ids(missing)}` : ''} (${lb.algorithm ?? 'roundrobin'})`);
}

function twoServersReq(v: View, id: string): Requirement {
  const text = '2 servers, each with a web server (Nginx), an application server, the code base and a database (MySQL)';
  const full = v.servers.filter(fullStack);
  return req(id, text, 'dist-why', v.servers.length === 2 && full.length === 2, v.servers.length ? v.servers.map(roleNames).join('; ') : 'no servers');
}

function primaryReplicaReq(v: View, id: string): Requirement {
  const text = 'a Primary-Replica (master-slave) cluster: one primary database, one replica of it';
  const lesson = 'dist-db';
  const primaries = v.servers.filter((s) => s.db?.role === 'primary');
  const replicas = v.servers.filter((s) => s.db?.role === 'replica');
  const of = replicas.map((r) => `${r.id} replicates ${r.db?.of ?? '?'}`);
  const met = primaries.length === 1 && replicas.length === 1 && replicas[0]!.db?.of === primaries[0]!.id;
  return req(id, text, lesson, met, `primary: ${ids(primaries)}; replica: ${replicas.length ? of.join(', ') : 'none'}`);
}

function writesReq(v: View, id: string): Requirement {
  const text = 'every application server writes to the primary';
  const apps = v.servers.filter((s) => s.app);
  const primaries = new Set(v.servers.filter((s) => s.db?.role === 'primary').map((s) => s.id));
  const wrong = apps.filter((a) => !a.app!.db || !primaries.has(a.app!.db));
  const where = apps.map((a) => `${a.id} writes to ${a.app!.db ?? 'nothing'}`).join('; ');
  return req(id, text, 'dist-db', apps.length > 0 && wrong.length === 0, where || 'no application server');
}

function lbEntryReq(v: View, id: string): Requirement {
  const lbIps = new Set(v.lbs.map((l) => l.ip));
  return wwwReq(v, id, `${v.www} points to the load balancer`, 'dist-why', (vals) => vals.length > 0 && vals.every((x) => lbIps.has(x)), whoHas(v, wwwRecords(v).map((r) => r.value)));
}

/** "8.8.8.8 is lb-1's address" — which node or VIP holds each address. */
function whoHas(v: View, values: string[]): string {
  return values
    .map((ip) => {
      const n = v.s.nodes.find((x) => x.ip === ip);
      if (n) return `${ip} is ${n.id}'s address`;
      const vip = v.lbs.filter((l) => l.vrrp?.vip === ip);
      if (vip.length) return `${ip} is the virtual IP of ${ids(vip)}`;
      return `${ip} belongs to no machine`;
    })
    .join('; ');
}

// ------------------------------------------------------------------ tasks

function task0(v: View): Requirement[] {
  const server = v.servers[0];
  const one = v.servers.length === 1 ? server : undefined;
  const has = (role: 'web' | 'app' | 'db') => v.servers.filter((s) => s.roles.includes(role));
  const on = (role: 'web' | 'app' | 'db', what: string) => {
    const xs = has(role);
    return xs.length ? `${what} on ${ids(xs)}` : `no server runs ${what}`;
  };
  const ip = one?.ip;
  return [
    req('t0-one-server', '1 server', 'sws-basics', v.machines === 1 && !!one, `${plural(v.machines, 'machine')} (${plural(v.lbs.length, 'load balancer')}, ${plural(v.servers.length, 'server')})`),
    req('t0-web-server', '1 web server (Nginx)', 'sws-stack', has('web').length === 1, on('web', 'a web server')),
    req('t0-app-server', '1 application server', 'sws-stack', has('app').length === 1, on('app', 'an application server')),
    req('t0-code-base', '1 set of application files (the code base)', 'sws-stack', has('app').length === 1, has('app').length ? `the code base runs in the application server on ${ids(has('app'))}` : 'no application server to run a code base'),
    req('t0-database', '1 database (MySQL)', 'sws-stack', has('db').length === 1, on('db', 'a database')),
    domainReq(v, 't0-domain'),
    wwwReq(v, 't0-www-record', `a ${v.www} record pointing to the server's IP 8.8.8.8`, 'sws-dns', (vals) => vals.length === 1 && vals[0] === '8.8.8.8' && ip === '8.8.8.8', `${whoHas(v, wwwRecords(v).map((r) => r.value))}${one && ip !== '8.8.8.8' ? `; ${one.id}'s IP is ${ip}` : ''}`),
  ];
}

function task1(v: View): Requirement[] {
  return [
    machineCount(v, 't1-machines', 3, 'dist-why'),
    lbReq(v, 't1-load-balancer'),
    twoServersReq(v, 't1-servers'),
    primaryReplicaReq(v, 't1-primary-replica'),
    writesReq(v, 't1-writes'),
    lbEntryReq(v, 't1-www-record'),
  ];
}

function task2(v: View): Requirement[] {
  const machines = v.s.nodes;
  const withFw = machines.filter((n) => n.firewall);
  const withAgent = machines.filter((n) => n.agent);
  const tlsLbs = v.lbs.filter((l) => l.tls === 'terminate' || l.tls === 'reencrypt');
  const passthrough = v.lbs.filter((l) => l.tls === 'passthrough');
  const closed443 = tlsLbs.filter((l) => l.firewall && !l.firewall.allow.some((r) => (r.port === 443 || r.port === 'any') && r.from === 'any'));
  let certReason: string;
  if (tlsLbs.length === 1 && closed443.length === 0) certReason = `${tlsLbs[0]!.id} holds the certificate (TLS ${tlsLbs[0]!.tls})`;
  else if (closed443.length) certReason = `${closed443[0]!.id} holds the certificate but its firewall lets no one reach port 443`;
  else if (passthrough.length) certReason = `${ids(passthrough)} passes TLS through: the certificate would live on every web server`;
  else if (tlsLbs.length > 1) certReason = `${tlsLbs.length} load balancers each hold a certificate (${ids(tlsLbs)})`;
  else certReason = 'no machine serves HTTPS (every load balancer has tls: none)';
  return [
    machineCount(v, 't2-machines', 3, 'sec-why'),
    lbReq(v, 't2-load-balancer'),
    twoServersReq(v, 't2-servers'),
    primaryReplicaReq(v, 't2-primary-replica'),
    req('t2-firewalls', '3 firewalls', 'sec-firewall', withFw.length === 3 && machines.length === 3, `firewall on ${ids(withFw)}${withFw.length < machines.length ? `; none on ${ids(machines.filter((n) => !n.firewall))}` : ''}`),
    req('t2-certificate', `1 SSL certificate to serve ${v.www} over HTTPS`, 'sec-https', tlsLbs.length === 1 && closed443.length === 0 && passthrough.length === 0, certReason),
    req('t2-monitoring', '3 monitoring clients (data collectors)', 'sec-monitoring', withAgent.length === 3 && machines.length === 3, `monitoring client on ${ids(withAgent)}${withAgent.length < machines.length ? `; none on ${ids(machines.filter((n) => !n.agent))}` : ''}`),
    lbEntryReq(v, 't2-www-record'),
  ];
}

function task3(v: View): Requirement[] {
  const only = (role: 'web' | 'app' | 'db') => v.servers.filter((s) => s.roles.length === 1 && s.roles[0] === role);
  const mixed = v.servers.filter((s) => s.roles.length > 1);
  const split = (role: 'web' | 'app' | 'db', text: string, lesson: string): Requirement => {
    const own = only(role);
    const shared = mixed.filter((s) => s.roles.includes(role));
    const reason = shared.length ? `${role} shares a machine: ${shared.map(roleNames).join('; ')}` : own.length ? `${ids(own)} runs only ${role}` : `no server runs ${role}`;
    return req(`t3-${role}-server`, text, lesson, own.length >= 1 && shared.length === 0, reason);
  };
  // Cluster: two load balancers with the same back ends, either a VRRP pair (one VIP) or two A records.
  const [a, b] = v.lbs;
  let clusterMet = false;
  let clusterReason: string;
  if (v.lbs.length !== 2) clusterReason = `${plural(v.lbs.length, 'load balancer')}${v.lbs.length ? ` (${ids(v.lbs)})` : ''}`;
  else {
    const sameBackends = [...a!.to].sort().join() === [...b!.to].sort().join();
    const pair = !!a!.vrrp && !!b!.vrrp && a!.vrrp.vip === b!.vrrp.vip;
    const wwwVals = new Set(wwwRecords(v).filter((r) => r.type === 'A').map((r) => r.value));
    const activeActive = !pair && wwwVals.has(a!.ip ?? '') && wwwVals.has(b!.ip ?? '');
    clusterMet = sameBackends && (pair || activeActive);
    const how = pair ? `a VRRP pair sharing ${a!.vrrp!.vip}` : activeActive ? `active-active: ${v.www} has an A record for each` : a!.vrrp || b!.vrrp ? 'VRRP on only one of them, or two different VIPs' : 'no VRRP and not both in DNS: nothing takes over when one fails';
    clusterReason = `${ids(v.lbs)}: ${how}${sameBackends ? '' : `; they send to different servers (${a!.to.join(', ')} / ${b!.to.join(', ')})`}`;
  }
  // The path: web → app → database, across machines.
  const webs = v.servers.filter((s) => s.web);
  const badWeb = webs.filter((w) => (w.web!.upstream ?? []).length === 0);
  const apps = v.servers.filter((s) => s.app);
  const badApp = apps.filter((x) => !x.app!.db);
  const pathParts = [
    ...webs.map((w) => `Nginx on ${w.id} → ${(w.web!.upstream ?? []).map((u) => `app on ${u}`).join(', ') || 'no application server'}`),
    ...apps.map((x) => `app on ${x.id} → ${x.app!.db ? `MySQL on ${x.app!.db}` : 'no database'}`),
  ];
  const vips = new Set(v.lbs.map((l) => l.vrrp?.vip).filter((x): x is string => !!x));
  const lbIps = new Set(v.lbs.map((l) => l.ip));
  return [
    machineCount(v, 't3-machines', 5, 'scale-why'),
    req('t3-lb-cluster', '2 load balancers (HAProxy) configured as a cluster', 'scale-vrrp', clusterMet, clusterReason),
    split('web', 'the web server on its own server', 'scale-split'),
    split('app', 'the application server (with the code base) on its own server', 'scale-split'),
    split('db', 'the database (MySQL) on its own server', 'scale-split'),
    req('t3-path', 'the web server reaches the application server, which reaches the database', 'scale-path', webs.length > 0 && apps.length > 0 && badWeb.length === 0 && badApp.length === 0, pathParts.join('; ') || 'no web or application server'),
    wwwReq(
      v,
      't3-www-record',
      `${v.www} points to the load balancer cluster`,
      'scale-vrrp',
      (vals) => vals.length > 0 && vals.every((x) => vips.has(x) || lbIps.has(x)),
      whoHas(v, wwwRecords(v).map((r) => r.value)),
    ),
  ];
}

/**
 * The literal requirements of task `task`, each judged on the design `s`.
 * Order: as the task lists them.
 */
export function checkDesign(s: Scenario, task: TaskNumber): Requirement[] {
  const v = view(s);
  switch (task) {
    case 0:
      return task0(v);
    case 1:
      return task1(v);
    case 2:
      return task2(v);
    case 3:
      return task3(v);
  }
}

/** Every lesson id the requirements point to (a test checks each exists in the course). */
export const REQUIREMENT_LESSONS = ['sws-basics', 'sws-stack', 'sws-dns', 'dist-why', 'dist-lb', 'dist-db', 'sec-why', 'sec-firewall', 'sec-https', 'sec-monitoring', 'scale-why', 'scale-vrrp', 'scale-split', 'scale-path'];
