/**
 * Monitoring agents pushing metrics and alert rules evaluated on them.
 */
import { EV_COLLECT, EV_EVAL, UP, SERIES_LEN, fmtS } from './constants';
import type { World, AlertRt } from './world';

export function onCollect(w: World): void {
  const dt = w.lastCollect < 0 ? w.t : w.t - w.lastCollect;
  w.lastCollect = w.t;
  for (const n of w.nodes) {
    if (!n.spec.agent || n.state !== UP) continue;
    const hits = n.hits - n.hitsAtSample;
    const errs = n.errs - n.errsAtSample;
    n.sampleQps = hits / (dt / 1000);
    n.sampleErr = hits > 0 ? errs / hits : 0;
    n.hitsAtSample = n.hits;
    n.errsAtSample = n.errs;
    n.sampleT = w.t;
  }
  w.q.push((w.nextCollect = w.t + w.monInterval), EV_COLLECT, 0, 0);
}

export function metricOf(w: World, a: AlertRt): number {
  const n = w.nodes[a.node]!;
  switch (a.rule.metric) {
    case 'up':
      return w.lastCollect >= 0 && n.sampleT === w.lastCollect ? 1 : 0;
    case 'qps':
      return n.sampleQps;
    case 'error_rate':
      return n.sampleErr;
    case 'p99_ms':
      return w.seriesN > 0 ? w.sP99[(w.seriesN - 1) % SERIES_LEN]! : 0;
  }
  return 0;
}

export function onEval(w: World): void {
  for (const a of w.alerts) {
    if (w.lastCollect < 0) break;
    const v = metricOf(w, a);
    const r = a.rule;
    const hit = r.op === '>' ? v > r.threshold : r.op === '<' ? v < r.threshold : r.op === '>=' ? v >= r.threshold : v <= r.threshold;
    const node = w.nodes[a.node]!.id;
    const fmtV = Number.isInteger(v) ? String(v) : v.toFixed(r.metric === 'error_rate' ? 3 : 1);
    if (hit) {
      if (a.pendingSince < 0) a.pendingSince = w.t;
      if (!a.firing && w.t - a.pendingSince >= (r.for_s ?? 0) * 1000) {
        a.firing = true;
        w.event(
          'alert_fired',
          node,
          `alert ${r.name} fired on ${node}: ${r.metric} ${fmtV} ${r.op} ${r.threshold}${r.for_s ? ` for ${r.for_s} s` : ''} (agent pushes every ${fmtS(w.monInterval)}, rule evaluated every ${fmtS(w.monEval)})`,
          { alert: r.name, value: v },
        );
      }
    } else {
      a.pendingSince = -1;
      if (a.firing) {
        a.firing = false;
        w.event('alert_resolved', node, `alert ${r.name} resolved on ${node}: ${r.metric} ${fmtV} is back within ${r.op === '>' || r.op === '>=' ? '≤' : '≥'} ${r.threshold}`, { alert: r.name, value: v });
      }
    }
  }
  w.q.push((w.nextEval = w.t + w.monEval), EV_EVAL, 0, 0);
}
