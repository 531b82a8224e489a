/**
 * The editor's panels as styled lines (pure): the task's requirements (check), the
 * predictions before a drill, the drill's table with the single points of failure
 * and the yearly availability, and the mentor's questions.
 */
import type { StyledLine } from '../../diagram';
import type { Requirement } from '../../design/requirements';
import type { DrillResult, FaultResult } from '../../design/drill';
import type { Fault } from '../../design/faults';
import type { ComponentRates, YearlyAvailability } from '../../design/availability';
import { fitLine } from '../text';
import { wrapStyled } from '../text';

/** A learner's prediction for one fault: will users see errors? */
export type Prediction = 'errors' | 'no errors' | undefined;

/** How a fault reads in a table: `web-1 crash`, `lb-1 haproxy crash`, `traffic ×3`, `deploy app`. */
export function faultName(f: { node: string; component: string | null; fault: Fault['fault'] }, ascii = false): string {
  if (f.fault === 'traffic_x3') return ascii ? 'traffic x3' : 'traffic ×3';
  if (f.fault === 'deploy') return `deploy ${f.component ?? ''} (${f.node})`;
  return `${f.node}${f.component ? ` ${f.component}` : ''} ${f.fault}`;
}

const tick = (ok: boolean, ascii: boolean) => (ok ? (ascii ? '[ok]' : '✓') : ascii ? '[--]' : '✗');

/** The check panel: each requirement met or not, its reason and the lesson that teaches it. */
export function checkLines(task: number, reqs: Requirement[] | undefined, problems: string[], width: number, ascii: boolean): StyledLine[] {
  const lines: StyledLine[] = [];
  if (problems.length) {
    lines.push([{ text: `The design cannot run yet (${problems.length} problem${problems.length === 1 ? '' : 's'}):`, style: 'warn' }]);
    for (const p of problems) lines.push(...wrapStyled(p, width, 'text', '  '));
    lines.push([]);
  }
  if (!reqs) return lines;
  const met = reqs.filter((r) => r.met).length;
  lines.push([{ text: `Task ${task}: ${met} of ${reqs.length} requirements met`, style: met === reqs.length ? 'up' : 'title' }]);
  for (const r of reqs) {
    const mark = tick(r.met, ascii);
    lines.push(...wrapStyled(r.text, width, r.met ? 'text' : 'title', `${mark} `, r.met ? 'up' : 'down'));
    lines.push(...wrapStyled(`${r.reason} (lesson: ${r.lesson})`, width, 'muted', '    '));
  }
  return lines;
}

/** Before the drill: one row per fault with the learner's prediction. */
export function predictLines(faults: Fault[], predictions: Prediction[], cursor: number, width: number, ascii: boolean, confirm = false): StyledLine[] {
  const done = predictions.filter(Boolean).length;
  const lines: StyledLine[] = confirm
    ? wrapStyled(`${faults.length - done} fault${faults.length - done === 1 ? '' : 's'} not predicted yet: predict them (y / n), or press Enter again to run anyway.`, width, 'warn')
    : wrapStyled(`For each fault: will users see errors? y yes, n no (${done}/${faults.length} predicted; Enter runs the drill)`, width, 'title');
  const nameW = Math.min(34, Math.max(10, ...faults.map((f) => faultName(f, ascii).length)) + 2);
  faults.forEach((f, i) => {
    const on = i === cursor;
    const p = predictions[i];
    lines.push(
      fitLine(
        [
          { text: on ? (ascii ? '> ' : '› ') : '  ', style: on ? 'selected' : 'text' },
          { text: faultName(f, ascii).padEnd(nameW), style: on ? 'title' : 'text' },
          { text: p ?? '?', style: p === 'errors' ? 'down' : p ? 'up' : 'muted' },
        ],
        width,
      ),
    );
  });
  return lines;
}

function rateLine(rates: ComponentRates, kind: keyof ComponentRates, on: boolean, ascii: boolean, width: number, suffix = ''): StyledLine {
  const r = rates[kind];
  return fitLine(
    [
      { text: on ? (ascii ? '> ' : '› ') : '  ', style: on ? 'selected' : 'text' },
      { text: kind.padEnd(11), style: on ? 'selected' : 'text' },
      { text: `${r.failures_per_year} failure${r.failures_per_year === 1 ? '' : 's'}/year, ${r.repair_hours} h to repair`, style: 'text' },
      { text: suffix, style: 'muted' },
    ],
    width,
  );
}

const pct = (x: number) => `${(x * 100).toFixed(x >= 0.9995 ? 2 : 1)}%`;
const secs = (x: number | null) => (x === null ? 'nobody' : `${x.toFixed(1)} s`);

/** The drill's table, single points of failure and yearly availability. */
export function drillLines(
  drill: DrillResult,
  predictions: Prediction[],
  yearly: YearlyAvailability | undefined,
  rates: ComponentRates,
  rateKind: keyof ComponentRates,
  width: number,
  ascii: boolean,
): StyledLine[] {
  const lines: StyledLine[] = [];
  const right = drill.faults.filter((r, i) => predictions[i] !== undefined && (predictions[i] === 'errors') === r.users_see_errors).length;
  const predicted = predictions.filter(Boolean).length;
  lines.push([{ text: `${drill.faults.length} faults in ${(drill.wall_ms / 1000).toFixed(1)} s${ascii ? ',' : ' ·'} your predictions: ${right} of ${predicted} right`, style: 'title' }]);
  const spofs = drill.spofs.length ? drill.spofs.join(', ') : 'none found';
  lines.push(...wrapStyled(spofs, width, drill.spofs.length ? 'down' : 'up', 'Single points of failure: ', 'title'));
  if (yearly) {
    const nines = Number.isFinite(yearly.nines) ? yearly.nines.toFixed(1) : ascii ? 'inf' : '∞';
    lines.push(...wrapStyled(`${(yearly.availability * 100).toFixed(3)}% (${nines} nines, ${Math.round(yearly.minutes_per_year)} min down a year)`, width, 'title', 'Yearly availability: ', 'title'));
    lines.push(rateLine(rates, rateKind, true, ascii, width, ascii ? ' (Tab, <- ->, [ ])' : ' (Tab, ←→, [ ])'));
  }
  lines.push([]);
  drill.faults.forEach((r: FaultResult, i) => {
    const p = predictions[i];
    const guess = p === undefined ? '' : (p === 'errors') === r.users_see_errors ? ` ${tick(true, ascii)} predicted` : ` ${tick(false, ascii)} you said ${p}`;
    lines.push(
      fitLine(
        [
          { text: faultName(r, ascii), style: 'title' },
          { text: r.users_see_errors ? `  users see errors` : `  no errors`, style: r.users_see_errors ? 'down' : 'up' },
          { text: guess, style: 'muted' },
          { text: r.breaks_service ? '  SPOF' : '', style: 'down' },
        ],
        width,
      ),
    );
    const noticed = r.detected_by ? `noticed by ${r.detected_by} after ${secs(r.detected_after_s)}${r.cause ? ` (${r.cause})` : ''}` : 'nothing noticed it';
    const parts = [
      `failed ${r.failed}`,
      `slow ${r.slow}`,
      `avail ${pct(r.availability)}`,
      `writes lost ${r.writes_lost}`,
      `stale reads ${r.stale_reads}`,
      noticed,
    ].filter(Boolean);
    lines.push(...wrapStyled(parts.join(ascii ? ', ' : ' · '), width, 'muted', '    '));
  });
  if (drill.skipped.length) {
    lines.push([]);
    lines.push(...wrapStyled(`Not drilled (${drill.skipped.length}): ${drill.skipped.map((s) => `${faultName(s, ascii)}: ${s.why}`).join('; ')}`, width, 'muted'));
  }
  lines.push([]);
  lines.push(...wrapStyled(`Failure rates behind the yearly figure (illustrative; Tab picks a part, ${ascii ? '<- ->' : '←→'} failures a year, [ ] hours to repair):`, width, 'title'));
  for (const kind of Object.keys(rates) as (keyof ComponentRates)[]) lines.push(rateLine(rates, kind, kind === rateKind, ascii, width));
  return lines;
}
