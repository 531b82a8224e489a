/**
 * keepalived / VRRP: adverts, the master-down timer with its skew, preemption, and
 * the optional `track_script` (chk_haproxy) that makes keepalived follow HAProxy.
 */
import { DOWN, EV_ADVERT, EV_TRACK, EV_VRRP_TIMER, fmtS, UP } from './constants';
import type { World, LbRt } from './world';

export function masterDownMs(w: World, lb: LbRt): number {
  return 3 * lb.advMs + lb.skewMs;
}

export function armMasterDown(w: World, lb: LbRt, delay: number): void {
  lb.vGen++;
  w.q.push(w.t + delay, EV_VRRP_TIMER, lb.idx, lb.vGen);
}

export function groupOf(w: World, lb: LbRt): LbRt[] {
  return w.lbs.filter((x) => x.vip === lb.vip && x !== lb);
}

export function sendAdvert(w: World, lb: LbRt, prio: number): void {
  for (const m of groupOf(w, lb)) {
    if (w.nodes[m.node]!.state !== UP || m.keepalived !== UP) continue;
    receiveAdvert(w, m, lb, prio);
  }
}

export function onAdvert(w: World, li: number, gen: number): void {
  const lb = w.lbs[li]!;
  if (lb.advGen !== gen || lb.vState !== 'MASTER' || w.nodes[lb.node]!.state !== UP || lb.keepalived !== UP) return;
  sendAdvert(w, lb, lb.prio);
  w.q.push(w.t + lb.advMs, EV_ADVERT, li, gen);
}

export function receiveAdvert(w: World, m: LbRt, from: LbRt, prio: number): void {
  if (m.vState === 'BACKUP') {
    m.lastAdvertFrom = from.idx;
    if (prio === 0) {
      // The master is leaving cleanly: take over after the skew alone.
      m.zeroAdvert = true;
      m.lastAdvertT = w.t;
      armMasterDown(w, m, m.skewMs);
    } else if (!m.preempt || prio >= m.prio) {
      m.zeroAdvert = false;
      m.lastAdvertT = w.t;
      armMasterDown(w, m, masterDownMs(w, m));
    }
    // else: a lower-priority master; with preemption we ignore it and let our timer run out.
  } else if (m.vState === 'MASTER' && (prio > m.prio || (prio === m.prio && from.idx < m.idx))) {
    m.vState = 'BACKUP';
    m.advGen++;
    m.lastAdvertFrom = from.idx;
    m.lastAdvertT = w.t;
    armMasterDown(w, m, masterDownMs(w, m));
  }
}

export function onMasterDown(w: World, li: number, gen: number): void {
  const lb = w.lbs[li]!;
  if (lb.vGen !== gen || lb.vState !== 'BACKUP' || w.nodes[lb.node]!.state !== UP || lb.keepalived !== UP) return;
  const prevHolder = w.addrHolder[lb.vip]!;
  lb.vState = 'MASTER';
  lb.advGen++;
  w.addrHolder[lb.vip] = lb.node;
  const me = w.nodes[lb.node]!;
  const other = lb.lastAdvertFrom >= 0 ? w.nodes[w.lbs[lb.lastAdvertFrom]!.node]!.id : prevHolder >= 0 ? w.nodes[prevHolder]!.id : 'the master';
  const ip = w.addrIps[lb.vip]!;
  const skew = fmtS(lb.skewMs);
  let msg: string;
  let cause: string;
  if (lb.zeroAdvert) {
    cause = 'clean_stop';
    const fault = lb.lastAdvertFrom >= 0 && w.lbs[lb.lastAdvertFrom]!.tsFault;
    msg = fault
      ? `${me.id} took VIP ${ip}: ${other} gave it up (track_script FAULT: its HAProxy is dead; priority-0 advert), takeover after the skew ${skew}`
      : `${me.id} took VIP ${ip}: ${other} stopped cleanly (priority-0 advert), takeover after the skew ${skew}`;
  } else if (lb.lastAdvertFrom >= 0 && w.lbs[lb.lastAdvertFrom]!.prio < lb.prio && w.nodes[w.lbs[lb.lastAdvertFrom]!.node]!.state === UP) {
    cause = 'preempt';
    msg = `${me.id} took VIP ${ip} back from ${other}: priority ${lb.prio} > ${w.lbs[lb.lastAdvertFrom]!.prio}, after its master-down wait ${fmtS(masterDownMs(w, lb))} (preempt)`;
  } else {
    cause = 'master_down';
    const since = lb.lastAdvertT >= 0 ? w.t - lb.lastAdvertT : masterDownMs(w, lb);
    msg = `${me.id} took VIP ${ip}: no advert from ${other} for ${fmtS(since)} (3 × ${fmtS(lb.advMs)} + skew ${skew})`;
  }
  lb.zeroAdvert = false;
  w.event('vip_moved', me.id, msg, { vip: ip, from: other, cause, last_advert_s: lb.lastAdvertT >= 0 ? lb.lastAdvertT / 1000 : undefined });
  // A new master advertises at once (and sends gratuitous ARP).
  w.q.push(w.t, EV_ADVERT, lb.idx, lb.advGen);
}

/** keepalived leaves MASTER (crash of its process, a FAULT): no more adverts; a clean exit sends priority 0 and drops the VIP. */
export function leaveMaster(w: World, lb: LbRt, clean: boolean): void {
  if (clean && lb.vState === 'MASTER') {
    sendAdvert(w, lb, 0);
    w.addrHolder[lb.vip] = -1;
  }
  lb.vState = 'FAULT';
  lb.advGen++;
  lb.vGen++;
}

/** keepalived (re)starts: as BACKUP, waiting its own master-down interval before claiming the VIP. Returns a sentence for the log. */
export function startAsBackup(w: World, lb: LbRt): string {
  lb.vState = 'BACKUP';
  lb.lastAdvertFrom = -1;
  lb.lastAdvertT = -1;
  lb.zeroAdvert = false;
  armMasterDown(w, lb, masterDownMs(w, lb));
  let more = `; keepalived starts as BACKUP and waits ${fmtS(masterDownMs(w, lb))} (3 × ${fmtS(lb.advMs)} + skew ${fmtS(lb.skewMs)}) before claiming VIP ${w.addrIps[lb.vip]}`;
  if (w.addrHolder[lb.vip]! < 0 || w.nodes[w.addrHolder[lb.vip]!]!.state !== UP) more += ' (nobody holds it now)';
  return more;
}

/**
 * keepalived's `vrrp_script chk_haproxy` (`killall -0 haproxy`, so a hung HAProxy still
 * passes; only a dead one fails), run every `interval_s`: after `fall` failures in a row
 * the node goes to FAULT and gives up the VIP with a priority-0 advert; after `rise`
 * successes it is BACKUP again.
 */
export function onTrackScript(w: World, li: number): void {
  const lb = w.lbs[li]!;
  w.q.push(w.t + lb.tsInterval, EV_TRACK, li, 0);
  const node = w.nodes[lb.node]!;
  if (node.state !== UP || lb.keepalived !== UP) return; // no keepalived, no script
  const id = node.id;
  const every = fmtS(lb.tsInterval);
  if (lb.haproxy !== DOWN) {
    lb.tsFails = 0;
    if (!lb.tsFault) return;
    lb.tsOks++;
    if (lb.tsOks < lb.tsRise) return;
    lb.tsFault = false;
    lb.tsOks = 0;
    const more = startAsBackup(w, lb);
    w.event('vrrp_recovered', id, `${id} keepalived: chk_haproxy succeeded ${lb.tsRise} times, ${every} apart (rise ${lb.tsRise}): out of FAULT${more}`);
    return;
  }
  lb.tsOks = 0;
  if (lb.tsFault) return;
  lb.tsFails++;
  if (lb.tsFails < lb.tsFall) return;
  lb.tsFault = true;
  lb.tsFails = 0;
  const wasMaster = lb.vState === 'MASTER';
  leaveMaster(w, lb, true);
  w.event(
    'vrrp_fault',
    id,
    `${id} keepalived: chk_haproxy failed ${lb.tsFall} times, ${every} apart (HAProxy is dead; track_script fall ${lb.tsFall}): FAULT${wasMaster ? `, gives up VIP ${w.addrIps[lb.vip]} with a priority-0 advert` : ''}`,
    { vip: w.addrIps[lb.vip] },
  );
}
