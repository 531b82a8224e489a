/**
 * `webinfra-learn sim <name-or-file.yaml>`: run a scenario. In a terminal it opens the
 * live view (src/ui/sim-live.tsx); with `--json`, or when stdout is not a terminal, it
 * runs headless and prints a report (JSON, or a text report that reads well in a
 * terminal and on a projected slide).
 */
import { existsSync } from 'node:fs';
import { safeText, safeValue } from '../course/safe-text';
import { regularFileProblem } from '../read-text-file';
import { parseSubcommandArgs } from './args';
import { scenariosDir } from '../package-root';
import { parseAt } from '../sim/spec/at';
import { isCueSpec, parseCueSpec, parsePauseOn, sortCues, type Cue } from '../sim/spec/cues';
import { LIMITS, MIN_EVENTS_PER_REQUEST, RUN_EVENT_BUDGET } from '../sim/spec/limits';
import { createEngine } from '../sim/engine';
import { listScenarios, loadScenario, ScenarioError, timelineProblem } from '../sim/scenario';
import type { EngineOptions, Report, Scenario, TimelineEvent } from '../sim/types';
import type { LiveSimOptions } from '../ui/sim-live-options';
import { truncate, wrapText } from '../ui/text';

/** Where the command writes; defaults to the process streams. Injected by tests. */
export interface SimIo {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown };
  stdin?: { isTTY?: boolean };
  env?: Record<string, string | undefined>;
  /** Scenario folder for bare names; defaults to the package's assets/scenarios. */
  scenariosDir?: string;
}

export const SIM_USAGE = `Usage: webinfra-learn sim <scenario | file.yaml> [options]

Runs a simulation of a web infrastructure. In a terminal it opens the live view;
with --json or when the output is not a terminal it prints a report.

Options:
  --seed <n>          random seed (same seed, same run)
  --duration <s>      simulated seconds to run
  --rate <req/s>      request rate
  --at <t:action:node[:value]>
                      add an event to the timeline (repeatable), e.g.
                      --at 30:kill:web-2  --at 60:restore:web-2  --at 45:set_rate:300
                      actions: kill, hang, blackhole, stop, restore, drain,
                      undrain, promote, set_rate, set_algorithm, probe,
                      stop_replication, start_replication, add_server,
                      set_redispatch (30:set_redispatch:on),
                      set_workers (30:set_workers:app:8)
                      one process: --at 30:kill:web-1:app, 30:hang:web-2:app,
                      30:kill:lb-1:haproxy (haproxy, keepalived, nginx, app, mysql)
                      live view cues: 12:pause, 12:set_speed:0.5,
                      12:say:writes fail, reads still work (a caption),
                      12:show:alerts (a panel: alerts, failures, diagram)
  --pause-on <event>  live view: pause when an event of that type happens
                      (repeatable), e.g. marked_down, vip_moved, alert_fired
  --json              print the report as JSON
  --list              list the built-in scenarios
  --speed <x>         live view: simulated seconds per real second (0.25-10, default 1)
  --theme <name>      live view: default | projector
  --ascii             live view: ASCII-only glyphs
  --no-color          no colours
  --screen-reader     live view as lines of text, said once each (also
                      INK_SCREEN_READER=true); implies --reduced-motion
  --reduced-motion    live view: no moving requests (states still shown)
  -h, --help          show this help

Examples:
  webinfra-learn sim distributed --at 30:kill:web-2 --at 60:restore:web-2
  webinfra-learn sim scale-up --at 20:kill:lb-1 --json
`;

class UsageError extends Error {}

function num(name: string, raw: string | undefined, check: (n: number) => boolean, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${what}, got '${raw}'`);
  return n;
}

/** Every option of `webinfra-learn sim`. */
export const SIM_OPTIONS = {
  seed: { type: 'string' },
  duration: { type: 'string' },
  rate: { type: 'string' },
  at: { type: 'string', multiple: true },
  'pause-on': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  list: { type: 'boolean' },
  speed: { type: 'string' },
  theme: { type: 'string' },
  ascii: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  'screen-reader': { type: 'boolean' },
  'reduced-motion': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Run the `sim` command. `argv` are the arguments after `sim`. Resolves with the exit
 * code: 0 on success, 2 for bad usage, an invalid scenario file or a bad `--at`.
 */
export async function runSimCommand(argv: string[], io: SimIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const env = io.env ?? process.env;
  const parsed = parseSubcommandArgs('sim', argv, SIM_OPTIONS, SIM_USAGE, io);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const dir = io.scenariosDir ?? scenariosDir();
  if (values.list) {
    io.stdout.write(formatList(dir, Math.max(60, Math.min(io.stdout.columns ?? 80, 120))));
    return 0;
  }
  if (positionals.length !== 1) {
    io.stderr.write(`webinfra-learn sim: ${positionals.length === 0 ? 'which scenario? (try --list)' : `one scenario at a time, got ${positionals.join(', ')}`}\n\n${SIM_USAGE}`);
    return 2;
  }

  let scenario: Scenario;
  const opts: EngineOptions = {};
  let speed = 1;
  let cues: Cue[] = [];
  let pauseOn: string[] = [];
  let projector = false;
  try {
    opts.seed = num('seed', values.seed as string | undefined, (n) => Number.isInteger(n) && n >= 0 && n <= LIMITS.seed!.max, `a whole number from 0 to ${LIMITS.seed!.max}`);
    opts.duration_s = num('duration', values.duration as string | undefined, (n) => n > 0 && n <= LIMITS.duration_s!.max, `a positive number of seconds, at most ${LIMITS.duration_s!.max}`);
    opts.rate_rps = num('rate', values.rate as string | undefined, (n) => n > 0 && n <= LIMITS.rate_rps!.max, `a positive rate in req/s, at most ${LIMITS.rate_rps!.max}`);
    speed = num('speed', values.speed as string | undefined, (n) => n >= 0.25 && n <= 10, 'between 0.25 and 10') ?? 1;
    const theme = (values.theme as string | undefined) ?? 'default';
    if (theme !== 'default' && theme !== 'projector') throw new UsageError(`--theme must be default or projector, got '${theme}'`);
    projector = theme === 'projector';
    const cueSpecs = ((values.at as string[] | undefined) ?? []).filter(isCueSpec);
    values.at = ((values.at as string[] | undefined) ?? []).filter((a) => !isCueSpec(a));
    cues = sortCues(
      cueSpecs.map((spec) => {
        const r = parseCueSpec(spec);
        if ('error' in r) throw new UsageError(`--at ${r.error}`);
        return r.cue;
      }),
    );
    pauseOn = ((values['pause-on'] as string[] | undefined) ?? []).map((k) => {
      const r = parsePauseOn(k);
      if ('error' in r) throw new UsageError(r.error);
      return r.kind;
    });
    const at: TimelineEvent[] = ((values.at as string[] | undefined) ?? []).map((s) => {
      try {
        return parseAt(s);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    });
    checkScenarioFile(positionals[0]!);
    // Names, labels and descriptions reach the terminal: made safe once, here.
    scenario = safeValue(loadScenario(positionals[0]!, dir));
    const duration = opts.duration_s ?? scenario.duration_s;
    for (const [i, ev] of at.entries()) {
      const spec = ((values.at as string[]) ?? [])[i];
      const problem = timelineProblem(ev, scenario.nodes);
      if (problem) throw new UsageError(`--at '${spec}': ${problem}`);
      if (ev.at_s > duration) {
        throw new UsageError(`--at '${spec}': ${ev.at_s} s is after the end of the run (${duration} s); pick an earlier time or add --duration ${Math.ceil(ev.at_s + 30)}`);
      }
    }
    if (at.length) opts.at = at;
  } catch (e) {
    const msg = e instanceof ScenarioError ? `invalid scenario:\n${safeText(e.message)}` : safeText((e as Error).message);
    io.stderr.write(`webinfra-learn sim: ${msg}\n`);
    return 2;
  }

  const color = !values['no-color'] && !env.NO_COLOR && io.stdout.isTTY === true;
  const interactive = !values.json && io.stdout.isTTY === true && io.stdin?.isTTY === true;
  if (interactive) {
    let live: { runLiveSim(o: LiveSimOptions): Promise<number> } | undefined;
    try {
      live = await import('../ui/sim-live');
    } catch {
      live = undefined; // no live view in this build: fall back to the report
    }
    const screenReader = values['screen-reader'] === true || env.INK_SCREEN_READER === 'true';
    const liveOptions = { scenario, engineOptions: opts, speed, color, ascii: values.ascii === true, projector, reducedMotion: screenReader || values['reduced-motion'] === true, cues, pauseOn };
    if (screenReader) return (await import('../ui/sr/sr-app')).runScreenReader({ sim: liveOptions });
    if (live) return live.runLiveSim(liveOptions);
  }

  const rate = opts.rate_rps ?? scenario.workload.rate_rps;
  const duration = opts.duration_s ?? scenario.duration_s;
  const tooBig = `${rate} req/s for ${duration} s is too much to simulate here (budget ${RUN_EVENT_BUDGET.toLocaleString('en-US')} events); lower --rate or --duration`;
  if (rate * duration * MIN_EVENTS_PER_REQUEST > RUN_EVENT_BUDGET) {
    io.stderr.write(`webinfra-learn sim: ${tooBig}\n`);
    return 2;
  }
  let report: Report;
  try {
    report = createEngine(scenario, { ...opts, max_events: RUN_EVENT_BUDGET }).run();
  } catch (e) {
    io.stderr.write(`webinfra-learn sim: ${engineFailure(e)}\n`);
    return 2;
  }
  if (report.sim.budget_exhausted) {
    io.stderr.write(`webinfra-learn sim: stopped at ${report.duration_s} s of ${duration} s simulated: ${tooBig}\n`);
    return 2;
  }
  io.stdout.write(
    values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, scenario, { color, width: io.stdout.columns ?? 80, ascii: values.ascii === true }),
  );
  return 0;
}

/**
 * A scenario named by path must be a regular file of sane size: a folder would fail
 * with a bare EISDIR, a FIFO or /dev/zero would hang the read.
 */
function checkScenarioFile(nameOrPath: string): void {
  if (!/[\\/]/.test(nameOrPath) && !/\.ya?ml$/i.test(nameOrPath) && !existsSync(nameOrPath)) return; // a built-in name
  const problem = regularFileProblem(nameOrPath, MAX_SCENARIO_BYTES);
  if (problem) throw new UsageError(`${nameOrPath}: ${problem === 'no such file' ? 'no such scenario file' : problem}`);
}

/** A scenario is a few KB of YAML; past this it is not one. */
const MAX_SCENARIO_BYTES = 1024 * 1024;

/** An engine failure in words: a stack overflow means a number in the scenario is far too large. */
function engineFailure(e: unknown): string {
  if (e instanceof RangeError) return 'the simulation could not run: the scenario asks for more than it can simulate (a number such as retries, clients or the rate is far too large)';
  return safeText(e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** `sim --list`: built-in scenarios with their one-line descriptions. */
export function formatList(dir: string, width = 80): string {
  const list = listScenarios(dir);
  if (list.length === 0) return `No scenarios found in ${dir}\n`;
  const w = Math.max(...list.map((s) => s.id.length));
  const pad = ' '.repeat(w + 4);
  const lines = list.map((s) => {
    const desc = s.description ? wrap(s.description, width, pad.length).map((l) => `\n${pad}${l}`).join('') : '';
    // The node ids, for --at and the keys of the live view.
    let ids: string[] = [];
    try {
      ids = loadScenario(s.id, dir).nodes.map((n) => n.id);
    } catch {
      // unreadable: its description says why
    }
    const nodes = ids.length ? wrap(`nodes: ${ids.join(' ')}`, width, pad.length).map((l) => `\n${pad}${l}`).join('') : '';
    return safeText(`  ${s.id.padEnd(w)}  ${s.name}${desc}${nodes}`);
  });
  return `Built-in scenarios (webinfra-learn sim <name>):\n\n${lines.join('\n')}\n`;
}

// ------------------------------------------------------------------ text report

const group = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

const lagText = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

/** `text` wrapped to fit `width` cells after an indent of `indent`. */
const wrap = (text: string, width: number, indent: number): string[] => wrapText(text, width - indent);

/**
 * The human report: headline numbers, an aligned table of nodes, database and
 * firewall lines when relevant, and the events with their causes.
 */
export function formatReport(report: Report, scenario: Scenario, opts: { color?: boolean; width?: number; ascii?: boolean } = {}): string {
  const c = opts.color ?? false;
  const width = Math.max(60, Math.min(opts.width ?? 80, 120));
  const sgr = (code: string) => (s: string) => (c ? `\x1b[${code}m${s}\x1b[0m` : s);
  const bold = sgr('1');
  const dim = sgr('2');
  const red = sgr('31');
  const green = sgr('32');
  const yellow = sgr('33');
  const out: string[] = [];
  const req = report.requests;
  const rate = typeof report.rate_rps === 'number' ? report.rate_rps : scenario.workload.rate_rps;
  out.push(bold(scenario.name));
  out.push(dim(`scenario ${report.scenario} · seed ${report.seed} · ${report.duration_s} s simulated · ${rate} req/s`));
  out.push('');
  const waits = report.failed_latency_ms?.by_code ?? {};
  const codes = Object.entries(req.by_code ?? {})
    .map(([k, v]) => {
      const wait = waits[k] && waits[k].mean >= 1000 ? ` after ≈ ${+(waits[k].mean / 1000).toFixed(1)} s` : '';
      return `${k === 'no_answer' ? 'no answer' : k === 'client_timeout' ? 'client gave up' : k} ×${group(v)}${wait}`;
    })
    .join(', ');
  const label = (s: string) => s.padEnd(14);
  // Slow (answered after ≥ 1 s, e.g. SYN retries during a failover) is not failed.
  const slow = req.slow ? ` · ${yellow(`${group(req.slow)} slow`)} ${dim('(ok after ≥ 1 s)')}` : '';
  out.push(`${label('Requests')}${group(req.total)} total · ${green(`${group(req.ok)} ok`)} · ${req.failed ? red(`${group(req.failed)} failed`) : '0 failed'}${slow}`);
  // Second line: what the failures were, and work still queued when the run ended.
  const details = [
    codes ? `failed: ${codes}` : '',
    req.in_flight && req.in_flight > Math.max(10, req.total * 0.01) ? `${group(req.in_flight)} still in flight at the end` : '',
    req.backlog_full ? `${group(req.backlog_full)} found an accept queue full (4096 waiting) and timed out` : '',
  ].filter(Boolean);
  if (details.length === 2 && 14 + details[0]!.length + 3 + details[1]!.length <= width) out.push(' '.repeat(14) + dim(details.join(' · ')));
  else for (const d of details) out.push(' '.repeat(14) + dim(d));
  const avail = report.availability * 100;
  const availText = `${avail >= 99.995 ? avail.toFixed(2) : avail.toFixed(3).replace(/0+$/, '').replace(/\.$/, '')} %`;
  // Nothing answered and nothing failed: there is no availability to speak of, not 100 %.
  if (req.ok + req.failed === 0) out.push(`${label('Availability')}${dim('– (no request completed)')}`);
  else out.push(`${label('Availability')}${avail >= 99.9 ? green(availText) : avail >= 99 ? yellow(availText) : red(availText)}`);
  const l = report.latency_ms;
  const latency = `${label('Latency')}mean ${ms(l.mean)} · p50 ${ms(l.p50)} · p95 ${ms(l.p95)} · p99 ${ms(l.p99)} ms`;
  const note = `(ok requests, first ${report.warmup_s ?? scenario.warmup_s} s excluded)`;
  if (l.count === 0) out.push(`${label('Latency')}${dim(`– (no ok request after the first ${report.warmup_s ?? scenario.warmup_s} s)`)}`);
  else out.push(latency.length + 1 + note.length <= width ? `${latency} ${dim(note)}` : `${latency}\n${' '.repeat(14)}${dim(note)}`);
  out.push('');

  // Node table
  const rows: string[][] = [['Node', 'Kind', 'State', 'Served', 'Failed', 'Busy', 'Notes']];
  for (const [id, n] of Object.entries(report.nodes)) {
    const notes: string[] = [];
    if (n.kind === 'load_balancer') {
      notes.push(String(n.algorithm ?? ''));
      if (n.vrrp_state) notes.push(`${n.vrrp_state}${n.vip_holder ? ', VIP' : ''}`);
      const b = n.backends as Record<string, string> | undefined;
      const notUp = b ? Object.entries(b).filter(([, v]) => v !== 'UP') : [];
      if (notUp.length) notes.push(notUp.map(([k, v]) => `${k} ${v}`).join(', '));
    }
    const procs = Object.entries((n.processes ?? {}) as Record<string, string>).filter(([, v]) => v !== 'up' && v !== n.state);
    if (procs.length) notes.push(procs.map(([k, v]) => `${k} ${v}`).join(', '));
    if (n.db_role)
      notes.push(
        n.db_role === 'replica'
          ? n.replication === 'stopped'
            ? `replica, replication stopped (lag unknown, ${group(Number(n.replication_backlog ?? 0))} behind)`
            : `replica, lag ${lagText(Number(n.replication_lag_ms ?? 0))}`
          : 'primary',
      );
    rows.push([
      id,
      n.kind === 'load_balancer' ? 'load balancer' : 'server',
      n.state,
      group(n.served),
      group(Number(n.failed ?? 0)),
      n.kind === 'load_balancer' ? '-' : `${Math.round(n.utilization * 100)}%`,
      notes.filter(Boolean).join('; '),
    ]);
  }
  // Per-role busy figures for hosts with several roles, when the table still fits.
  const ids = Object.keys(report.nodes);
  const fixedWidth = (i: number) => Math.max(...rows.map((r) => r[i]!.length));
  const notesStart = [0, 1, 2, 3, 4, 5].reduce((a, i) => a + fixedWidth(i) + 2, 0);
  rows.slice(1).forEach((r, k) => {
    const roles = report.nodes[ids[k]!]!.roles as Record<string, number> | undefined;
    if (!roles || Object.keys(roles).length < 2) return;
    const extra = Object.entries(roles).map(([name, v]) => `${name} ${Math.round(v * 100)}%`).join(' ');
    const joined = r[6] ? `${r[6]}; ${extra}` : extra;
    if (notesStart + joined.length <= width) r[6] = joined;
  });
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const right = new Set([3, 4, 5]);
  const notesCol = widths.slice(0, 6).reduce((a, w) => a + w + 2, 0);
  rows.forEach((r, ri) => {
    const cells = r.slice(0, 6).map((cell, i) => (right.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)));
    // Notes wrap at '; ' onto continuation lines under the Notes column.
    const parts = r[6] ? r[6].split('; ') : [];
    const lines: string[] = [];
    let cur = '';
    for (const p of parts) {
      if (cur && notesCol + cur.length + 2 + p.length > width) {
        lines.push(cur);
        cur = p;
      } else cur = cur ? `${cur}; ${p}` : p;
    }
    if (cur || lines.length === 0) lines.push(cur);
    lines.forEach((notes, k) => {
      let line = (k === 0 ? cells.join('  ') + '  ' : ' '.repeat(notesCol)) + notes;
      line = line.trimEnd();
      line = truncate(line, width);
      if (ri === 0) line = bold(line);
      else if (r[2] !== 'up') line = r[2] === 'draining' ? yellow(line) : red(line);
      out.push(line);
    });
  });

  const db = report.db;
  if (db) {
    out.push('');
    out.push(
      `${label('Database')}${group(db.writes_ok)} writes ok · ${db.writes_failed ? red(`${group(db.writes_failed)} failed`) : '0 failed'} · ${db.lost_writes ? red(`${group(db.lost_writes)} lost`) : '0 lost'}`,
    );
    out.push(`${' '.repeat(14)}${db.stale_reads ? yellow(`${group(db.stale_reads)} stale read${db.stale_reads === 1 ? '' : 's'}`) : '0 stale reads'} · max replica lag ${lagText(db.max_lag_ms)}`);
  }
  if (report.firewall && report.firewall.dropped > 0) {
    const n = report.firewall.dropped;
    out.push(`${label('Firewall')}${group(n)} packet${n === 1 ? '' : 's'} dropped (never reached a service)`);
  }

  out.push('');
  if (report.events.length === 0) out.push(dim('No events: nothing failed, nothing changed.'));
  else {
    out.push(bold('Events'));
    const tw = Math.max(...report.events.map((e) => e.t_s.toFixed(2).length));
    const shown = report.events.length > 40 ? [...report.events.slice(0, 20), undefined, ...report.events.slice(-19)] : report.events;
    for (const e of shown) {
      if (!e) {
        out.push(dim(`  … ${report.events.length - 39} more (see --json)`));
        continue;
      }
      const head = `  ${`${e.t_s.toFixed(2)} s`.padStart(tw + 2)}  `;
      const lines = wrap(e.message, width, head.length);
      const tint = /killed|hung|down|failed|rejected|drop|stale|fired/.test(e.type) ? red : /restored|marked_up|resolved|drained|promoted|vip_moved/.test(e.type) ? green : (s: string) => s;
      out.push(head + tint(lines[0] ?? ''));
      for (const rest of lines.slice(1)) out.push(' '.repeat(head.length) + rest);
    }
  }
  out.push('');
  out.push(dim(`Simulated ${group(report.sim.events_processed)} events in ${group(report.sim.wall_ms)} ms.`));
  const text = `${out.join('\n')}\n`;
  return opts.ascii ? toAscii(text) : text;
}

const ASCII: Record<string, string> = { '·': '|', '×': 'x', '…': '...', '≤': '<=', '≥': '>=', '→': '->', '’': "'", '–': '-', '—': '-' };

/** For terminals without Unicode (`--ascii`): the report's few non-ASCII signs, spelled out. */
export function toAscii(text: string): string {
  return text.replace(/[·×…≤≥→’–—]/g, (ch) => ASCII[ch] ?? ch);
}
