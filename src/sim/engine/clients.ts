/**
 * Clients: arrivals, DNS lookups and caching, and the connection to whoever holds
 * the address they resolved.
 */
import { EV_ARRIVAL, EV_HOP, EV_DNS, S_DNS, S_TO_ENTRY, K_STATIC, K_READ, K_WRITE, UP, PORT_HTTP, PORT_HTTPS } from './constants';
import type { World, NodeRt } from './world';
import { lbDispatch } from './lb/index';
import { enter } from './stations';
import { finish } from './requests';
import { allowed, dropEvent } from './firewall';

export function scheduleArrival(w: World): void {
  const gap = w.poisson ? w.rng.exp(1000 / w.rate) : 1000 / w.rate;
  w.q.push(w.t + gap, EV_ARRIVAL, 0, w.arrivalGen);
}


export function onArrival(w: World): void {
  scheduleArrival(w);
  const r = w.alloc();
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
  w.rDbHost[r] = -1;
  w.rEntry[r] = -1;
  w.rFrom[r] = -1;
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


/** The client's packets reach whoever holds the address now. */
export function atEntry(w: World, r: number): void {
  const addr = w.rAddr[r]!;
  const holder = addr >= 0 ? w.addrHolder[addr]! : w.entryDirect;
  if (holder < 0 || w.nodes[holder]!.state !== UP) {
    // Refused or unanswered: no HTTP answer at all. With several A records (active-active)
    // the browser moves on to the next address for this client's later requests.
    const n = w.wwwAddrs.length;
    if (n > 1) {
      const c = w.rClient[r]!;
      const i = w.wwwAddrs.indexOf(w.cacheAddr[c]!);
      w.cacheAddr[c] = w.wwwAddrs[(i + 1) % n]!;
    }
    if (holder >= 0) w.nodes[holder]!.hits++;
    return finish(w, r, 0);
  }
  const node = w.nodes[holder]!;
  node.hits++;
  const port = w.rHttps[r] ? PORT_HTTPS : PORT_HTTP;
  if (!allowed(w, node, port, -1)) {
    w.dropped++;
    dropEvent(w, node, port, -1);
    return finish(w, r, 0);
  }
  w.rEntry[r] = node.idx;
  if (node.lb >= 0) {
    const lb = w.lbs[node.lb]!;
    w.rLb[r] = lb.idx;
    w.rLbEpoch[r] = node.epoch;
    lbDispatch(w, r, lb, -1);
  } else {
    const st = w.stations[node.web >= 0 ? node.web : node.app]!;
    markHost(w, r, node);
    w.rStation[r] = st.idx;
    w.rFrom[r] = -1;
    w.rTo[r] = node.idx;
    enter(w, r, st);
  }
}


export function markHost(w: World, r: number, node: NodeRt): void {
  if (node.web >= 0) {
    w.rWebHost[r] = node.idx;
    w.rWebEpoch[r] = node.epoch;
  } else {
    w.rAppHost[r] = node.idx;
    w.rAppEpoch[r] = node.epoch;
  }
}
