/**
 * The application's SQL: where reads and writes go, read_only replicas, failed writes.
 */
import { DB_CONNECT_TIMEOUT_MS, DOWN, F_DB_DOWN, F_FIREWALL, F_HUNG, F_NO_ANSWER, F_PRIMARY_DOWN, F_READ_ONLY, fmtS, HUNG, HUNG_BACKLOG, K_WRITE, PORT_DB, REPEAT_EVENT_MS, STATE_NAMES, UP } from './constants';
import type { Tally, World, NodeRt } from './world';
import { sendTo } from './stations';
import { complete, finish, failLater } from './requests';
import { replicate, awaitAck, lagOf } from './replication';
import { allowed, dropEvent } from './firewall';

export function toDb(w: World, r: number, app: NodeRt): void {
  const write = w.rKind[r] === K_WRITE;
  let target: number;
  if (write) target = app.followsPrimary && w.primary >= 0 ? w.primary : app.writeTo;
  else {
    const n = app.readFrom.length;
    if (n === 0) target = app.followsPrimary && w.primary >= 0 ? w.primary : app.writeTo;
    else {
      target = app.readFrom[app.readPtr % n]!;
      app.readPtr = (app.readPtr + 1) % n;
      // A read target that was the old primary follows the writer endpoint too.
      if (target === app.writeTo && app.followsPrimary && w.primary >= 0) target = w.primary;
    }
  }
  const db = w.nodes[target]!;
  const remote = db.idx !== app.idx;
  const fwOk = !remote || allowed(w, db, PORT_DB, app.idx);
  if (!fwOk) {
    w.fwDropped++;
    dropEvent(w, db, PORT_DB, app.idx);
  }
  const mysql = w.stations[db.db]!;
  if (db.state !== UP || !fwOk || mysql.proc === DOWN || (mysql.proc === HUNG && mysql.backlog >= HUNG_BACKLOG)) {
    if (!write && w.rReadTries[r]! < app.readFrom.length - 1) {
      w.rReadTries[r]!++;
      return toDb(w, r, app); // try the next read source
    }
    if (write) writeFailed(w, app, db, !fwOk);
    app.failed++;
    app.errs++;
    if (db.state === HUNG || !fwOk || mysql.proc === HUNG) {
      // Nothing answers the app's connection: it gives up after its connect timeout.
      w.rStation[r] = mysql.idx;
      return failLater(w, r, 504, DB_CONNECT_TIMEOUT_MS, db.idx, !fwOk ? F_FIREWALL : db.state === HUNG ? F_NO_ANSWER : F_HUNG);
    }
    return finish(w, r, 500, db.idx, write && db.dbRole === 'primary' ? F_PRIMARY_DOWN : F_DB_DOWN);
  }
  if (write && db.splitBrain) {
    // Split brain: the old primary was never fenced, so it takes the write; the new primary never sees it.
    w.divergedWrites++;
    const n = tally(w, db.splitWrites);
    if (n) w.event('split_brain_write', db.id, `${db.id} accepted a write from ${app.id}'s app after ${w.primary >= 0 ? w.nodes[w.primary]!.id : 'another server'} was promoted: it is still writable (split brain), so this row will never reach the new primary${moreSince(n)}`, { from: app.id, count: n });
  } else if (write && db.dbRole !== 'primary' && app.dbRoot && !db.superRO) {
    // read_only does not stop a SUPER user: the write lands on the replica, which now differs from its primary.
    w.driftedWrites++;
    const n = tally(w, db.drift);
    if (n) w.event('replica_drift', db.id, `${db.id} accepted a write from ${app.id}'s app connected as root: read_only does not stop a SUPER user, so the replica now differs from its primary (super_read_only would reject it)${moreSince(n)}`, { from: app.id, count: n });
  } else if (write && db.dbRole !== 'primary') {
    // read_only replica: MySQL answers ERROR 1290 at once.
    w.writesFailed++;
    const n = tally(w, db.reject);
    if (n) w.event('write_rejected', db.id, `${db.id} rejected a write from ${app.id}'s app: it is a ${db.superRO ? 'super_read_only' : 'read_only'} replica (ERROR 1290; writes belong on the primary${w.primary >= 0 ? `, ${w.nodes[w.primary]!.id}` : ''})${moreSince(n)}`, { from: app.id, count: n });
    app.failed++;
    app.errs++;
    return finish(w, r, 500, db.idx, F_READ_ONLY);
  }
  if (remote) w.rHops[r] = (w.rHops[r] ?? 0) + 1;
  w.rDbHost[r] = db.idx;
  sendTo(w, r, app.idx, db.db);
}

/** A write could not reach its database: down, hung, or (`blocked`) its firewall drops the app's connection. */
export function writeFailed(w: World, app: NodeRt, db: NodeRt, blocked: boolean): void {
  w.writesFailed++;
  const n = tally(w, db.reject);
  if (n) {
    const more = n - 1;
    const state = db.state !== UP ? STATE_NAMES[db.state] : w.stations[db.db]!.proc === HUNG ? 'hung (MySQL does not answer)' : 'down (MySQL is not running)';
    const what = blocked
      ? `${db.id}'s firewall drops ${app.id}'s connections to port ${PORT_DB} (no rule allows ${app.id}), so its writes time out`
      : db.dbRole === 'primary'
        ? `the primary ${db.id} is ${state} and no replica has been promoted`
        : `${app.id}'s database ${db.id} (a replica) is ${state}`;
    w.event('write_failed', db.id, `writes fail: ${what}${more > 0 ? ` (${more} more failed writes since the last report)` : ''}`, { from: app.id, count: more + 1, reason: blocked ? 'firewall' : 'down' });
  }
}

export function dbDone(w: World, r: number, db: NodeRt): void {
  const c = w.rClient[r]!;
  if (w.rKind[r] === K_WRITE) {
    replicate(w, db, c);
    if (w.semiConfigured && w.semiActive) return awaitAck(w, r);
    w.writesOk++;
  } else if (db.replica) {
    const rep = db.replica;
    if (rep.clientApply[c]! > w.t) {
      w.staleReads++;
      const n = tally(w, db.stale);
      if (n) {
        const lag = lagOf(w, rep);
        w.event('stale_read', db.id, `${db.id} served a stale read: this user's own write has not reached the replica yet (replica ${lag >= 1000 ? fmtS(lag) : `${Math.round(lag)} ms`} behind)${moreSince(n)}`, {
          lag_ms: Math.round(lag),
          count: n,
        });
      }
    }
  }
  complete(w, r);
}

/**
 * Counts one occurrence of something reported at most every REPEAT_EVENT_MS (a busy
 * database would otherwise fill the log): returns how many occurrences the report due
 * now covers, or 0 when none is due.
 */
function tally(w: World, t: Tally): number {
  t.count++;
  if (w.t - t.last < REPEAT_EVENT_MS) return 0;
  const n = t.count;
  t.count = 0;
  t.last = w.t;
  return n;
}

const moreSince = (n: number): string => (n > 1 ? `; ${n - 1} more since the last report` : '');
