import { describe, expect, it } from 'vitest';
import { matchIdeas } from '../../src/design';

// Answers written the way learners say them at the whiteboard: each complete one
// must be recognised in full, each wrong or thin one must leave ideas missing.
const complete: [string, string][] = [
  ['haproxy-crash', 'keepalived keeps running so lb-1 stays MASTER and keeps the virtual IP; users get connection refused. Add a vrrp_script that checks haproxy and track_script.'],
  ['firewall-vrrp', 'No, the VRRP advertisements use IP protocol 112 to 224.0.0.18; if blocked both load balancers become master, split brain. Allow protocol 112 between them.'],
  ['app-crash-tcp-check', 'No, the TCP check only sees that port 80 is open since nginx is alive; users get 502 Bad Gateway. Use option httpchk GET /health.'],
  ['hang-detection', 'The checks time out: with inter 2s and fall 3 it takes about 11 seconds, longer than a crash, and a hung process may even pass TCP checks while the kernel accepts into the backlog.'],
  ['random-logout', 'The session is stored in the memory of one server and round robin sends the next request to the other server; use sticky sessions or store sessions in Redis.'],
  ['replica-backup', 'No. A replica copies every change right away, so a DROP TABLE is replicated too. You need point-in-time backups.'],
  ['n-plus-one', 'The survivor gets 140% load, it is overloaded so requests queue and time out. Plan N+1: keep each server under 50%.'],
  ['port-80-open', 'To redirect users who type http:// to HTTPS with a 301; HSTS then tells browsers to use https.'],
  ['who-answers-trust', 'DNS resolves www.foobar.com to the load balancer; the certificate is signed by a certificate authority the browser trusts and matches the domain name.'],
  ['public-private', 'Only the load balancer has a public IP; the web and database servers have private addresses on the internal network and the firewall only allows traffic from the load balancer.'],
];

const thin: [string, string, string[]][] = [
  ['haproxy-crash', 'nothing happens, the backup never takes over because keepalived only checks if the other keepalived is alive', ['what users see', 'the setting that fixes it']],
  ['haproxy-crash', 'lb-2 takes over automatically', ['whether the virtual IP moves', 'what users see', 'what keepalived watches', 'the setting that fixes it']],
  ['app-crash-tcp-check', 'Yes, the load balancer notices right away and stops sending it traffic', ['what a plain check tests', 'what users see', 'the check that would notice']],
  ['replica-backup', 'Yes, it has all the data', ['the short answer', 'what a replica does with a mistake', 'what a backup keeps that a replica does not']],
  ['n-plus-one', 'The other one takes over and everything is fine', ['the load on the survivor', 'what users see', 'the capacity rule']],
];

describe("learners' answers to the mentor", () => {
  it.each(complete)('%s: a complete answer has every idea', (q, answer) => {
    expect(matchIdeas(q, answer).missing).toEqual([]);
  });

  it.each(thin)('%s: a thin or wrong answer leaves ideas missing (%s)', (q, answer, missing) => {
    expect(matchIdeas(q, answer).missing).toEqual(missing);
  });
});
