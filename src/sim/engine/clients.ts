/**
 * Clients: arrivals, DNS lookups and caching, and the connection to whoever holds
 * the address they resolved.
 */
import { BLAME_DNS, C_CLIENT_TIMEOUT, DOWN, EV_ARRIVAL, EV_DNS, EV_FAIL, EV_HOP, EV_SYN, F_FIREWALL, F_HUNG, F_NO_ADDRESS, F_NO_ANSWER, F_REFUSED, F_VIP_DOWN, F_VIP_FREE, fmtS, HUNG, K_READ, K_STATIC, K_WRITE, PORT_HTTP, PORT_HTTPS, S_CONNECT, S_DNS, S_TO_ENTRY, SYN_FIRST_RTO_MS, UP } from './constants';
import type { World, NodeRt } from './world';
import { lbDispatch } from './lb/index';
import { enter } from './stations';
import { deadlineWait, finish } from './requests';
import { allowed, dropEvent } from './firewall';

export function scheduleArrival(w: World): void {
  const gap = w.poisson ? w.rng.exp(1000 / w.rate) : 1000 / w.rate;
  w.q.push(w.t + gap, EV_ARRIVAL, 0, w.arrivalGen);
}

export function onArrival(w: World): void {
  scheduleArrival(w);
  const r = w.alloc();
  w.arrivals++;
  const u = w.rng.next();
  w.rKind[r] = u < w.staticRatio ? K_STATIC : u < w.staticRatio + w.writeRatio ? K_WRITE : K_READ;
  w.rHttps[r] = w.httpsRatio >= 1 ? 1 : w.httpsRatio > 0 && w.rng.next() < w.httpsRatio ? 1 : 0;
  const c = w.clients > 1 ? w.rng.int(w.clients) : 0;
  w.rClient[r] = c;
  w.rStart[r] = w.t;
  w.rLb[r] = -1;
  w.rSrv[r] = -1;
  w.rTries[r] = 0;
  w.rExcl[r] = -1;
  w.rStation[r] = -1;
  w.rWebHost[r] = -1;
  w.rAppHost[r] = -1;
  w.rHops[r] = 0;
  w.rReadTries[r] = 0;
  w.rConn[r] = 0;
  w.rTried[r] = 0;
  w.rDbHost[r] = -1;
  w.rEntry[r] = -1;
  w.rFrom[r] = -1;
  w.rBlame[r] = -1;
  if (w.cacheExp[c]! > w.t) {
    w.dnsHits++;
    afterDns(w, r);
    return;
  }
  // Uncached: ask the resolver; it rotates the order of multiple A records (DNS round robin).
  w.dnsLookups++;
  const n = w.wwwAddrs.length;
  w.cacheAddr[c] = n > 0 ? w.wwwAddrs[w.dnsRotate++ % n]! : -1;
  w.cacheExp[c] = w.t + w.lookupMs + w.dnsTtlMs;
  if (w.lookupMs > 0) {
    w.rStage[r] = S_DNS;
    w.rFrom[r] = -1;
    w.rTo[r] = -2;
    w.rPhaseStart[r] = w.t;
    w.rPhaseEnd[r] = w.t + w.lookupMs;
    w.q.push(w.t + w.lookupMs, EV_DNS, r, w.rGen[r]!);
  } else afterDns(w, r);
}

/** The client connects to the address it resolved, across the internet when `client_ms` > 0. */
export function afterDns(w: World, r: number): void {
  const addr = w.cacheAddr[w.rClient[r]!]!;
  w.rAddr[r] = addr;
  if (w.clientMs > 0) {
    const holder = addr >= 0 ? w.addrHolder[addr]! : w.entryDirect;
    w.rStage[r] = S_TO_ENTRY;
    w.rFrom[r] = -1;
    w.rTo[r] = holder;
    w.rPhaseStart[r] = w.t;
    w.rPhaseEnd[r] = w.t + w.clientMs;
    w.q.push(w.t + w.clientMs, EV_HOP, r, w.rGen[r]!);
    return;
  }
  atEntry(w, r);
}

/**
 * The client's packets reach whoever holds the address now.
 * - Nobody answers (no VIP holder, a blackholed host, a crashed keepalived's VIP):
 *   the client retransmits its SYN after 1, 3, 7, 15 s… and succeeds once someone
 *   holds the address, or fails when `client_timeout_s` runs out. With several A
 *   records the browser instead fails over to the next address for its later requests.
 * - Refused (the process behind the address is dead): the request fails at once.
 * - A hung process: the kernel accepts, nothing answers: the client times out.
 */
export function atEntry(w: World, r: number): void {
  const addr = w.rAddr[r]!;
  const holder = addr >= 0 ? w.addrHolder[addr]! : w.entryDirect;
  if (holder < 0) return synUnanswered(w, r, holder);
  const node = w.nodes[holder]!;
  if (node.state !== UP) {
    // A blackholed host, or a crashed keepalived's VIP, answers nothing; any other dead host refuses.
    if (node.state === HUNG || (addr >= 0 && w.addrIsVip[addr] === 1)) return synUnanswered(w, r, holder);
    node.hits++;
    return entryRefused(w, r, node.idx);
  }
  node.hits++;
  const port = w.rHttps[r] ? PORT_HTTPS : PORT_HTTP;
  if (!allowed(w, node, port, -1)) {
    w.dropped++;
    dropEvent(w, node, port, -1);
    return finish(w, r, 0, node.idx, F_FIREWALL);
  }
  w.rEntry[r] = node.idx;
  w.rEst[r] = w.t;
  w.rBlame[r] = -1; // connected: what went wrong before (unanswered SYNs) no longer counts
  if (w.rTries[r] !== 0) w.rTries[r] = 0; // SYN retries counted there; the LB counts its own
  if (node.lb >= 0) {
    const lb = w.lbs[node.lb]!;
    w.rLb[r] = lb.idx;
    w.rLbEpoch[r] = node.epoch;
    if (lb.haproxy === DOWN) return entryRefused(w, r, node.idx);
    if (lb.haproxy === HUNG) return deadlineWait(w, r, C_CLIENT_TIMEOUT, node.idx, F_HUNG);
    lbDispatch(w, r, lb, -1);
  } else {
    const st = w.stations[node.web >= 0 ? node.web : node.app]!;
    if (st.proc === DOWN) return entryRefused(w, r, node.idx);
    markHost(w, r, node);
    w.rStation[r] = st.idx;
    w.rFrom[r] = -1;
    w.rTo[r] = node.idx;
    enter(w, r, st);
  }
}

/** Refused: no HTTP answer at all. With several A records the browser moves on to the next address for this client's later requests. */
function entryRefused(w: World, r: number, node: number): void {
  nextAddress(w, r);
  finish(w, r, 0, node, F_REFUSED);
}

function nextAddress(w: World, r: number): boolean {
  const n = w.wwwAddrs.length;
  if (n <= 1) return false;
  const c = w.rClient[r]!;
  const i = w.wwwAddrs.indexOf(w.cacheAddr[c]!);
  w.cacheAddr[c] = w.wwwAddrs[(i + 1) % n]!;
  return true;
}

/** Nobody answered the SYN: retransmit on Linux's schedule (1, 3, 7, 15 s… after the first) until the client's timeout. */
function synUnanswered(w: World, r: number, holder: number): void {
  if (holder >= 0) w.nodes[holder]!.hits++;
  blameUnanswered(w, r, holder);
  if (nextAddress(w, r)) return finish(w, r, 0, w.rBlame[r]!, w.rCause[r]!);
  const tries = w.rTries[r]!;
  if (tries === 0) {
    w.rPhaseStart[r] = w.t; // the first SYN
    w.rEst[r] = w.t;
  }
  const first = w.rPhaseStart[r]!;
  const next = first + SYN_FIRST_RTO_MS * (2 ** (tries + 1) - 1);
  const giveUp = first + w.clientTimeoutMs;
  w.rStage[r] = S_CONNECT;
  w.rFrom[r] = -1;
  w.rTo[r] = holder;
  if (tries === 0 && w.t - w.lastSynEvent >= 5000) {
    w.lastSynEvent = w.t;
    const ip = w.rAddr[r]! >= 0 ? w.addrIps[w.rAddr[r]!]! : 'the site';
    w.event('syn_retry', holder >= 0 ? w.nodes[holder]!.id : undefined, `nobody answers on ${ip}: clients retransmit their SYN after 1, 3, 7, 15 s (Linux) and give up after client_timeout_s ${fmtS(w.clientTimeoutMs)}`, { address: ip });
  }
  if (next >= giveUp) {
    w.rPhaseEnd[r] = giveUp;
    w.rCode[r] = C_CLIENT_TIMEOUT;
    w.q.push(giveUp, EV_FAIL, r, w.rGen[r]!);
    return;
  }
  w.rTries[r] = tries + 1;
  w.rPhaseEnd[r] = next;
  w.q.push(next, EV_SYN, r, w.rGen[r]!);
}

/**
 * Who a client's unanswered SYNs are blamed on: the machine holding the address (a
 * VIP holder that is down or hung, a blackholed host), the load balancer that gave
 * the VIP up while nobody holds it, or the DNS when the name has no address.
 */
function blameUnanswered(w: World, r: number, holder: number): void {
  const addr = w.rAddr[r]!;
  const vip = addr >= 0 && w.addrIsVip[addr] === 1;
  if (holder >= 0) {
    w.rBlame[r] = holder;
    w.rCause[r] = vip ? F_VIP_DOWN : F_NO_ANSWER;
    return;
  }
  if (!vip) {
    w.rBlame[r] = BLAME_DNS;
    w.rCause[r] = F_NO_ADDRESS;
    return;
  }
  let last = -1;
  for (const lb of w.lbs) if (lb.vip === addr && (last < 0 || lb.vState === 'FAULT')) last = lb.node;
  w.rBlame[r] = last;
  w.rCause[r] = F_VIP_FREE;
}

export function markHost(w: World, r: number, node: NodeRt): void {
  if (node.web >= 0) {
    w.rWebHost[r] = node.idx;
    w.rWebEpoch[r] = node.entryEpoch;
  } else {
    w.rAppHost[r] = node.idx;
    w.rAppEpoch[r] = node.appEpoch;
    w.rAppT[r] = w.t;
  }
}
