/**
 * The misconceptions the course confronts, numbered as in CURRICULUM.md
 * ("Misconceptions the course must confront"). Choices, order mistakes and known
 * wrong text answers refer to them by number (`misconception: 4`); the quiz screen
 * names them so the learner sees *which* wrong idea an answer came from.
 */
export const MISCONCEPTIONS: Readonly<Record<number, string>> = {
  1: 'www is a CNAME pointing to 8.8.8.8 (or not a DNS record at all)',
  2: 'the server talks "HTTP" and that is the whole network answer',
  3: 'round robin over both servers is "active-passive"',
  4: 'the load balancer balances between the primary and the replica',
  5: 'the wrong number of machines for the task',
  6: 'HTTPS at the load balancer encrypts all the way to the web servers',
  7: 'the SSL-termination issue is "overhead", not plaintext inside',
  8: 'web-server QPS counts database queries',
  9: 'LAMP with Nginx in the picture',
  10: 'a replica accepts writes',
  11: '8.8.8.8 is our server (it is Google\'s resolver, a placeholder here)',
};

/** "Misconception 4: the load balancer balances …", or a bare number if unknown. */
export function misconceptionLabel(n: number): string {
  const text = MISCONCEPTIONS[n];
  return text ? `Misconception ${n}: ${text}` : `Misconception ${n}`;
}

/** Whether `n` names a misconception listed in CURRICULUM.md. */
export function isKnownMisconception(n: number): boolean {
  return Object.prototype.hasOwnProperty.call(MISCONCEPTIONS, n);
}
