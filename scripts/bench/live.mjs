// Cost of the live simulation view. Budget: at 30 frames/s the process uses at most
// 20 % of one core, ~0 % when paused, and memory stays flat over an hour.
//
//   node scripts/bench/live.mjs [--seconds N] [--runs N] [--only TEXT] [--cpu-only] [--json]
//
// 1. CPU: `webinfra-learn sim <scenario>` runs in a real pseudo-terminal (80×24 and 120×36; CI
//    removed so Ink draws interactively); the process's CPU time (utime + stime from
//    /proc/<pid>/stat, or `ps` where there is no /proc) is sampled over N s (default
//    30) while running, at 1× on `distributed` and at 10× on `scale-up`, then again
//    after pressing Space (paused). The lesson's lab step (`--lesson dist-lb`, the
//    lab inside the lesson screen, painted into its slot of Ink's frame) is measured the same way. With
//    `--runs N` each is measured N times and the median is reported.
// 2. Memory: the view's per-frame work (engine advance, snapshot, diagram, panel,
//    paint) driven headless for 1 virtual hour at 10× speed and 30 frames/s
//    (10 800 frames, as fast as it goes), RSS and heap sampled every 10 virtual minutes.
//
// Needs a build (`npm run build`). Exits 1 when a budget is exceeded.
import { spawn } from 'node-pty';
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.WEBINFRA_LEARN_BIN ?? path.join(root, 'bin', 'webinfra-learn.js');
const args = process.argv.slice(2);
const json = args.includes('--json');
const seconds = Math.max(5, Number(args[args.indexOf('--seconds') + 1]) || 30);
// For investigations: `--cpu-only` skips the memory hour, `--sim-arg=--no-color` adds arguments to `sim`.
const cpuOnly = args.includes('--cpu-only');
const simArgs = args.filter((a) => a.startsWith('--sim-arg=')).map((a) => a.slice('--sim-arg='.length));
// `--only <text>` measures only the cases whose scenario contains it (e.g. `--only lesson`).
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] ?? '' : '';
const CPU_BUDGET = 20; // % of one core while animating
const PAUSED_BUDGET = 1; // % of one core while paused ("~0")
const RSS_GROWTH_BUDGET_MB = 32; // over the hour, after the first 10 virtual minutes

if (!existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/cli.cjs is missing: run `npm run build` first');
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const clkTck = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident memory of `pid` in MB (VmRSS), or NaN where there is no /proc. */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds used so far by `pid` (user + system). */
function cpuSeconds(pid) {
  const stat = `/proc/${pid}/stat`;
  if (existsSync(stat)) {
    // Fields after the command name (which may contain spaces): utime is the 12th, stime the 13th.
    const rest = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
    return (Number(rest[11]) + Number(rest[12])) / clkTck;
  }
  const r = spawnSync('ps', ['-o', 'time=', '-p', String(pid)], { encoding: 'utf8' });
  const parts = r.stdout.trim().split(/[:-]/).map(Number).reverse();
  return (parts[0] ?? 0) + (parts[1] ?? 0) * 60 + (parts[2] ?? 0) * 3600 + (parts[3] ?? 0) * 86400;
}

async function measureCpu(scenario, speed, cols, rows) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'webinfra-learn-bench-'));
  const env = { ...process.env, TERM: 'xterm-256color', WEBINFRA_LEARN_HOME: home };
  delete env.CI;
  delete env.NO_COLOR;
  // `lesson:<id>` measures the lab step of that lesson (its 7th page in dist-lb).
  const lesson = scenario.startsWith('lesson:') ? scenario.slice('lesson:'.length) : undefined;
  const argv = lesson ? [bin, '--lesson', lesson] : [bin, 'sim', scenario, '--speed', String(speed), ...simArgs];
  const pty = spawn(process.execPath, argv, { name: 'xterm-256color', cols, rows, cwd: root, env });
  let out = '';
  let bytes = 0;
  pty.onData((d) => {
    bytes += d.length;
    if (out.length < 200_000) out += d;
  });
  const plain = () => out.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
  try {
    const t0 = Date.now();
    if (lesson) {
      while (!plain().includes('step 1/')) {
        if (Date.now() - t0 > 20_000) throw new Error(`the lesson did not start; output:\n${plain().slice(0, 1500)}`);
        await sleep(50);
      }
      for (let i = 0; i < 6; i++) {
        pty.write('\x1b[C');
        await sleep(300);
      }
    }
    while (!plain().includes('RUNNING')) {
      if (Date.now() - t0 > 20_000) throw new Error(`the live view did not start; output:\n${plain().slice(0, 1500)}`);
      await sleep(50);
    }
    await sleep(2000); // past start-up: measure the steady animation
    const c0 = cpuSeconds(pty.pid);
    const rss0 = rssMb(pty.pid);
    const b0 = bytes;
    const w0 = performance.now();
    await sleep(seconds * 1000);
    const running = ((cpuSeconds(pty.pid) - c0) / ((performance.now() - w0) / 1000)) * 100;
    const kbPerSecond = (bytes - b0) / 1024 / ((performance.now() - w0) / 1000);
    const rss1 = rssMb(pty.pid);
    pty.write(' ');
    await sleep(1500);
    const c1 = cpuSeconds(pty.pid);
    const w1 = performance.now();
    const pausedSeconds = Math.max(5, Math.round(seconds / 3));
    await sleep(pausedSeconds * 1000);
    const paused = ((cpuSeconds(pty.pid) - c1) / ((performance.now() - w1) / 1000)) * 100;
    pty.write('q');
    await sleep(500);
    return { scenario, speed, size: `${cols}×${rows}`, running, paused, kbPerSecond, pausedSeconds, rssStartMb: rss0, rssEndMb: rss1 };
  } finally {
    try {
      pty.kill();
    } catch {
      // already gone
    }
    rmSync(home, { recursive: true, force: true });
  }
}

/** The headless frame loop, bundled from the sources so it runs the same code as the view. */
async function measureMemory() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webinfra-learn-bench-mem-'));
  const entry = path.join(dir, 'entry.ts');
  const rel = (p) => path.join(root, p).replace(/\\/g, '/');
  writeFileSync(
    entry,
    `import { loadScenario } from '${rel('src/sim/scenario')}';
import { createEngine } from '${rel('src/sim/engine')}';
import { scenarioTopology } from '${rel('src/ui/lab/scenario-topology')}';
import { liveLines } from '${rel('src/ui/lab/live-lines')}';
import { paintLines } from '${rel('src/ui/lab/paint')}';
import { initialLabState } from '${rel('src/ui/lab/use-lab-state')}';
import { makeTheme } from '${rel('src/ui/theme')}';
const scenario = loadScenario('scale-up', '${rel('assets/scenarios')}');
const engine = createEngine(scenario, {});
const topology = scenarioTopology(scenario);
const theme = makeTheme({ color: true });
const state = { ...initialLabState({ rate: scenario.workload.rate_rps, algorithm: 'roundrobin' }), speed: 10, selected: 'web-1' };
const frameMs = (1000 / 30) * 10; // 10x at 30 fps
const frames = Math.round((3600 * 1000) / frameMs);
const samples = [];
const t0 = performance.now();
let chars = 0;
for (let i = 1; i <= frames; i++) {
  engine.runUntil(i * frameMs);
  const snapshot = engine.snapshot({ maxInflight: 40 });
  chars += paintLines(liveLines({ topology, snapshot, state, width: 120, height: 35, ascii: false }).lines, theme).join('\\n').length;
  if (i % Math.round(frames / 6) === 0) {
    globalThis.gc?.();
    const m = process.memoryUsage();
    samples.push({ virtual_min: Math.round((i * frameMs) / 60000), rss_mb: m.rss / 2 ** 20, heap_mb: m.heapUsed / 2 ** 20 });
  }
}
const report = engine.report();
console.log(JSON.stringify({ frames, wall_s: (performance.now() - t0) / 1000, ms_per_frame: (performance.now() - t0) / frames, requests: report.requests.total, chars, samples }));
`,
  );
  const outfile = path.join(dir, 'frames.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
  const r = spawnSync(process.execPath, ['--expose-gc', outfile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`headless frame loop failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const runs = Math.max(1, Number(args[args.indexOf('--runs') + 1]) || 1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpu = [];
// A learner's 80×24 terminal, an instructor's wider projected one, and the lab as a
// learner meets it inside a lesson.
for (const [scenario, speed, cols, rows] of [
  ['distributed', 1, 80, 24],
  ['distributed', 1, 120, 36],
  ['scale-up', 10, 120, 36],
  ['lesson:dist-lb', 1, 80, 24],
  ['lesson:dist-lb', 1, 120, 36],
].filter(([scenario]) => scenario.includes(only))) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measureCpu(scenario, speed, cols, rows));
  const m = all.find((r) => r.running === median(all.map((x) => x.running)));
  cpu.push({ ...m, paused: median(all.map((x) => x.paused)), runs: all.map((r) => Number(r.running.toFixed(1))) });
}
const mem = cpuOnly ? { frames: 0, ms_per_frame: 0, requests: 0, samples: [{ virtual_min: 0, rss_mb: 0, heap_mb: 0 }] } : await measureMemory();
const first = mem.samples[0];
const last = mem.samples[mem.samples.length - 1];
const growth = last.rss_mb - first.rss_mb;

const over = [];
for (const c of cpu) {
  if (c.running > CPU_BUDGET) over.push(`${c.scenario} ${c.speed}x ${c.size} running ${c.running.toFixed(1)} % > ${CPU_BUDGET} %`);
  if (c.paused > PAUSED_BUDGET) over.push(`${c.scenario} paused ${c.paused.toFixed(2)} % > ${PAUSED_BUDGET} %`);
}
if (growth > RSS_GROWTH_BUDGET_MB) over.push(`RSS grew ${growth.toFixed(1)} MB over the hour (> ${RSS_GROWTH_BUDGET_MB} MB)`);

if (json) {
  console.log(JSON.stringify({ cpu, memory: mem, budgets: { cpu: CPU_BUDGET, paused: PAUSED_BUDGET, rssGrowthMb: RSS_GROWTH_BUDGET_MB }, over }, null, 2));
} else {
  console.log(`Live view CPU, ${seconds} s per sample in a pseudo-terminal, 30 fps (one core = 100 %):`);
  for (const c of cpu) {
    console.log(
      `  ${`${c.scenario} ${c.speed}× ${c.size}`.padEnd(29)} running ${c.running.toFixed(1).padStart(5)} %${runs > 1 ? ` (median of ${c.runs.join(', ')})` : ''}   paused ${c.paused.toFixed(2).padStart(5)} % (${c.pausedSeconds} s)   output ${c.kbPerSecond.toFixed(0)} KiB/s   RSS ${c.rssStartMb.toFixed(0)} → ${c.rssEndMb.toFixed(0)} MB`,
    );
  }
  console.log(`\nMemory: scale-up, 1 virtual hour at 10× = ${mem.frames} frames headless (${mem.ms_per_frame.toFixed(2)} ms/frame, ${mem.requests.toLocaleString('en-US')} requests):`);
  for (const s of mem.samples) console.log(`  ${String(s.virtual_min).padStart(3)} min   RSS ${s.rss_mb.toFixed(1).padStart(6)} MB   heap ${s.heap_mb.toFixed(1).padStart(6)} MB`);
  console.log(`  RSS growth after the first sample: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB`);
  console.log(`\nBudgets: running ≤ ${CPU_BUDGET} %, paused ≤ ${PAUSED_BUDGET} %, RSS growth ≤ ${RSS_GROWTH_BUDGET_MB} MB: ${over.length ? `OVER: ${over.join('; ')}` : 'all met'}`);
}
process.exit(over.length ? 1 : 0);
