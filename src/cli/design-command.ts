/**
 * `webinfra-learn design …`: the learner's own design of a task.
 *   design check FILE --task N [--json]   each literal requirement of task N, met or not
 *   design drill FILE [--json]            every fault on the design, and its single points of failure
 *   design [--task N] [FILE]              the keyboard editor (a terminal only; see design-editor.ts)
 * Exit codes: check 0 when every requirement is met, 1 when some are not; 2 for bad
 * usage or a bad design file (each problem as `file:line: message`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  checkDesign,
  DEFAULT_RATES,
  drillDesign,
  drillTooBig,
  MIN_DRILL_SECONDS,
  parseDesign,
  ScenarioError,
  TASK_FILES,
  yearlyAvailability,
  type DrillResult,
  type Requirement,
  type Scenario,
  type TaskNumber,
} from '../design';
import { cleanParseError } from './args';
import type { CliIo } from './io';

export const DESIGN_USAGE = `Usage: webinfra-learn design check FILE --task N [--json]
       webinfra-learn design drill FILE [--json] [--seconds S] [--seed N]
       webinfra-learn design [--task N] [FILE]     (the editor, in a terminal)

A design is a scenario file (the YAML of the built-in scenarios): build it in
the editor or by hand, then run it with 'webinfra-learn sim FILE'.

  check   says which of task N's requirements (0-3) the design meets, each
          with the lesson that teaches it; exit 0 when all are met, 1 if not
  drill   crashes, hangs and stops each machine, crashes each process, triples
          the traffic and deploys each tier, 60 simulated seconds each; prints
          who noticed, after how long, failed requests, availability and the
          single points of failure

Options:
  --task N        task 0 (one server), 1 (three machines), 2 (secured and
                  monitored) or 3 (scale up)
  --json          print the result as JSON
  --seconds S     drill: simulated seconds per fault (default 60, at least 20)
  --seed N        drill: random seed (default: the design's)
  --ascii         no check marks
  --screen-reader the editor said as lines, not drawn (also
                  INK_SCREEN_READER=true)
  --no-color      no colours (also when NO_COLOR is set)
  -h, --help      show this help
`;

class DesignUsageError extends Error {}

interface DesignArgs {
  sub: 'check' | 'drill' | 'edit';
  file?: string;
  task?: TaskNumber;
  json: boolean;
  ascii: boolean;
  screenReader: boolean;
  seconds?: number;
  seed?: number;
}

function parseTask(raw: string | undefined): TaskNumber | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-3]$/.test(raw.trim())) throw new DesignUsageError(`--task must be 0, 1, 2 or 3, got '${raw}'`);
  return Number(raw) as TaskNumber;
}

function positiveNumber(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < (integer ? 0 : MIN_DRILL_SECONDS) || (integer && !Number.isInteger(n)) || (!integer && n > 3600))
    throw new DesignUsageError(`--${name} must be ${integer ? 'a whole number ≥ 0' : `a number of seconds from ${MIN_DRILL_SECONDS} to 3600`}, got '${raw}'`);
  return n;
}

/** Every option of `webinfra-learn design`. */
export const DESIGN_OPTIONS = {
  task: { type: 'string' },
  json: { type: 'boolean' },
  seconds: { type: 'string' },
  seed: { type: 'string' },
  ascii: { type: 'boolean' },
  'screen-reader': { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the arguments after `design`. Exported for tests. */
export function parseDesignArgs(argv: string[]): DesignArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: DESIGN_OPTIONS,
    });
  } catch (error) {
    throw new DesignUsageError(cleanParseError((error as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [first, ...rest] = positionals;
  const sub = first === 'check' || first === 'drill' ? first : 'edit';
  const files = sub === 'edit' ? positionals : rest;
  if (files.length > 1) throw new DesignUsageError(`unexpected argument '${files[1]}'`);
  const out: DesignArgs = {
    sub,
    file: files[0],
    task: parseTask(values.task),
    json: values.json === true,
    ascii: values.ascii === true,
    screenReader: values['screen-reader'] === true,
    seconds: positiveNumber('seconds', values.seconds, false),
    seed: positiveNumber('seed', values.seed, true),
  };
  if (sub !== 'edit' && out.file === undefined) throw new DesignUsageError(`design ${sub} needs a FILE (a design or scenario .yaml)`);
  if (sub === 'check' && out.task === undefined) throw new DesignUsageError('design check needs --task N (0, 1, 2 or 3)');
  if (sub !== 'drill' && (out.seconds !== undefined || out.seed !== undefined)) throw new DesignUsageError(`--${out.seconds !== undefined ? 'seconds' : 'seed'} applies to 'design drill' only`);
  if (sub === 'drill' && out.task !== undefined) throw new DesignUsageError("--task does not apply to 'design drill'");
  if (sub !== 'edit' && out.screenReader) throw new DesignUsageError(`--screen-reader applies to the editor, not 'design ${sub}' (its output is plain text already)`);
  if (sub === 'edit' && out.json) throw new DesignUsageError("--json applies to 'design check' and 'design drill'");
  return out;
}

/** Reads and parses a design; the name in messages is the path as typed. */
function loadDesign(file: string, io: CliIo): Scenario {
  const abs = path.resolve(io.cwd ?? process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file}: is a folder, not a design file` : `${file}: cannot read (${code ?? (error as Error).message})`);
  }
  return parseDesign(text, file);
}

/** Word-wraps `text` to `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, first: string, indent: string): string[] {
  const out: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    const lead = line === first || line === indent;
    if (!lead && line.length + 1 + word.length > width) {
      out.push(line);
      line = indent + word;
    } else line += (lead ? '' : ' ') + word;
  }
  out.push(line);
  return out;
}

function checkText(task: TaskNumber, reqs: Requirement[], ascii: boolean): string {
  const met = reqs.filter((r) => r.met).length;
  const [yes, no] = ascii ? ['[x] ', '[ ] '] : ['✓ ', '✗ '];
  const pad = ' '.repeat(yes.length);
  const lines = [`Task ${task} (${TASK_FILES[task]}): ${met} of ${reqs.length} requirements met`, ''];
  for (const r of reqs) {
    lines.push(...wrap(r.text, 80, r.met ? yes : no, pad));
    lines.push(...wrap(r.reason, 80, `${pad}  `, `${pad}  `));
    if (!r.met) lines.push(`${pad}  lesson: webinfra-learn --lesson ${r.lesson}`);
  }
  return `${lines.join('\n')}\n`;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(x >= 0.9995 || x === 0 ? 0 : 1)}%`;
}

function faultName(f: { node: string; component: string | null; fault: string }): string {
  if (f.fault === 'traffic_x3') return 'traffic x3';
  if (f.fault === 'deploy') return `deploy ${f.component} (${f.node})`;
  return `${f.component ? `${f.node}:${f.component}` : f.node} ${f.fault}`;
}

/** "machine 2/y 4 h, haproxy 2/y 0.5 h, …" */
function rateList(): string {
  return Object.entries(DEFAULT_RATES)
    .map(([k, r]) => `${k} ${r.failures_per_year}/y ${r.repair_hours} h`)
    .join(', ');
}

/** The drill as a table within 80 columns. */
export function drillText(file: string, d: DrillResult, nines: { availability: number; nines: number; minutes: number }, seconds: number): string {
  const w = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
  const lines = [...wrap(`Drill of ${file}: ${d.faults.length} faults, ${seconds} simulated s each (${(d.wall_ms / 1000).toFixed(1)} s)`, 80, '', '  '), ''];
  // `at end`: the share of requests still failing in the run's last seconds, what lasts until a person acts.
  lines.push(`${w('fault', 22)} ${'failed'.padStart(6)} ${'slow'.padStart(5)} ${'avail'.padStart(6)} ${'at end'.padStart(6)}  noticed`);
  for (const r of d.faults) {
    const noticed = r.detected_after_s === null ? (r.users_see_errors ? 'nobody' : '-') : `${r.detected_after_s.toFixed(1)} s, ${r.detected_by}`;
    const atEnd = r.still_failing > 0 ? `${Math.round(r.still_failing * 100)}%` : '-';
    lines.push(`${w(faultName(r), 22)} ${String(r.failed).padStart(6)} ${String(r.slow).padStart(5)} ${pct(r.availability).padStart(6)} ${atEnd.padStart(6)}  ${w(noticed, 29).trimEnd()}`);
  }
  lines.push('(slow: answered after more than 1 s; at end: share of requests still failing');
  lines.push(' in the last 10 s, which lasts until someone acts)');
  lines.push('');
  const b = d.baseline;
  if (b && (!b.reads_work || !b.writes_work)) {
    const what = !b.reads_work && !b.writes_work ? 'reads and writes fail' : !b.reads_work ? 'reads fail' : 'writes fail';
    lines.push(...wrap(`With nothing broken, ${what} (availability ${pct(b.availability)}): no fault can break what never worked, so look at how requests reach the application and the database first.`, 80, '', '  '));
  }
  lines.push(...wrap(`Single points of failure: ${d.spofs.length ? d.spofs.join(', ') : 'none found'}`, 80, '', '  '));
  const y = nines;
  lines.push(...wrap(`Yearly availability: ${(y.availability * 100).toFixed(3)}% (${Number.isFinite(y.nines) ? y.nines.toFixed(1) : '∞'} nines, ${Math.round(y.minutes)} min down a year), from these failures per year and hours to repair: ${rateList()}`, 80, '', '  '));
  if (d.skipped.length) {
    lines.push('');
    lines.push(...wrap(`Not drilled (the simulator cannot play them yet): ${d.skipped.map(faultName).join(', ')}`, 80, '', '  '));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `design` with the arguments after it. Resolves with the exit code.
 * The editor form (no check/drill) is handed to design-editor.ts.
 */
export async function runDesignCommand(argv: string[], io: CliIo): Promise<number> {
  let args: DesignArgs | 'help';
  try {
    args = parseDesignArgs(argv);
  } catch (error) {
    if (!(error instanceof DesignUsageError)) throw error;
    io.stderr.write(`webinfra-learn design: ${error.message}\n\n${DESIGN_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(DESIGN_USAGE);
    return 0;
  }
  if (args.sub === 'edit') return (await import('./design-editor')).runDesignEditor({ task: args.task, file: args.file, ascii: args.ascii, screenReader: args.screenReader }, io);

  let s: Scenario;
  try {
    s = loadDesign(args.file!, io);
  } catch (error) {
    io.stderr.write(error instanceof ScenarioError ? `${error.message}\n` : `webinfra-learn design: ${(error as Error).message}\n`);
    return 2;
  }
  if (args.sub === 'check') {
    const task = args.task!;
    const reqs = checkDesign(s, task);
    if (args.json) io.stdout.write(`${JSON.stringify({ task, requirements: reqs }, null, 2)}\n`);
    else io.stdout.write(checkText(task, reqs, args.ascii));
    return reqs.every((r) => r.met) ? 0 : 1;
  }
  const seconds = args.seconds ?? 60;
  const tooBig = drillTooBig(s, seconds);
  if (tooBig) {
    io.stderr.write(`webinfra-learn design: ${tooBig}\n`);
    return 2;
  }
  const d = drillDesign(s, { seconds, seed: args.seed });
  const y = yearlyAvailability(s, d);
  if (args.json) {
    const out = {
      ...d,
      yearly: { availability: y.availability, nines: Number.isFinite(y.nines) ? y.nines : null, minutes_per_year: y.minutes_per_year, per_component: y.perComponent },
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else io.stdout.write(drillText(args.file!, d, { availability: y.availability, nines: y.nines, minutes: y.minutes_per_year }, seconds));
  return 0;
}
