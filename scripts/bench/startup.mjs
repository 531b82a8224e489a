// Start-up: from spawning `node bin/webinfra-learn.js` in a real 80×24 pseudo-terminal
// to the first drawn course map, beside `node -e 0` spawned the same way in the same
// run, with V8's code cache present (warm: a learner's second start) and absent
// (cold: the first start after installing), and `--version`. Then a profile of where
// the time goes: the app's own start-up marks (src/startup-profile.ts) and a CPU
// profile of one start, attributed to packages through the bundle's source map.
//
//   node scripts/bench/startup.mjs [--runs N] [--json]
//
// Budgets, as ratios to `node -e 0` (medians): warm ≤ 2.5×, cold ≤ 3.5×,
// --version ≤ 1.3×. Runs alternate between the commands so a busy machine slows all
// alike. Needs a build (`npm run build`).
import { spawn } from 'node-pty';
import { SourceMap } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(root, 'bin', 'webinfra-learn.js');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Math.max(5, Number(args[args.indexOf('--runs') + 1]) || 9);
const BUDGET = { warm: 2.5, cold: 3.5, version: 1.3 };
const MAP_TEXT = 'lessons done'; // the course map's header, drawn in one piece

if (!existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/cli.cjs is missing: run `npm run build` first');
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'webinfra-learn-bench-'));
const warmHome = path.join(scratch, 'warm');
let coldCount = 0;
const baseEnv = { ...process.env, TERM: 'xterm-256color' };
delete baseEnv.CI; // with CI set, Ink draws non-interactively
delete baseEnv.WEBINFRA_LEARN_CODE_CACHE;

/**
 * ms from spawn until `until` is on screen (then `q`, and the exit is awaited so runs
 * never overlap), or until exit when `until` is undefined.
 */
function time(file, argv, { until, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const pty = spawn(file, argv, { name: 'xterm-256color', cols: 80, rows: 24, cwd: root, env: { ...baseEnv, ...env } });
    let out = '';
    let seen;
    const timer = setTimeout(() => {
      pty.kill();
      reject(new Error(`no first frame within 20 s; output:\n${out.slice(0, 2000)}`));
    }, 20_000);
    pty.onData((d) => {
      out += d;
      if (seen === undefined && until && out.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').includes(until)) {
        seen = performance.now() - t0;
        pty.write('q');
      }
    });
    pty.onExit(() => {
      clearTimeout(timer);
      const ms = until ? seen : performance.now() - t0;
      if (ms === undefined) reject(new Error(`exited before the first frame; output:\n${out.slice(0, 2000)}`));
      else resolve({ ms, out });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One start of the app; its start-up profile (marks, cpu) is read back. */
async function app(home) {
  const profile = path.join(scratch, `profile-${Math.random().toString(36).slice(2)}.json`);
  const { ms } = await time(process.execPath, [bin], { until: MAP_TEXT, env: { WEBINFRA_LEARN_HOME: home, WEBINFRA_LEARN_PROFILE: profile } });
  let prof;
  try {
    prof = JSON.parse(readFileSync(profile, 'utf8'));
  } catch {
    prof = undefined;
  }
  return { ms, prof };
}

/** learnyounode's menu, if it is installed here (`npx learnyounode` works offline only then). */
function findLearnyounode() {
  for (const candidate of [path.join(root, 'node_modules', '.bin', 'learnyounode')]) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v learnyounode'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Self time per package (or app folder) until the first frame, from one CPU profile. */
async function packageProfile() {
  const dir = path.join(scratch, 'cpuprof');
  const home = mkdtempSync(path.join(scratch, 'prof-home-'));
  await app(home); // fill the code cache: the profile is of a warm start
  await time(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', `--cpu-prof-dir=${dir}`, bin], {
    until: MAP_TEXT,
    env: { WEBINFRA_LEARN_HOME: home, WEBINFRA_LEARN_PROFILE: path.join(scratch, 'p.json'), WEBINFRA_LEARN_PROFILE_EXIT: '1' },
  }).catch(() => undefined); // it quits by itself at the first frame
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const mapFile = path.join(root, '.build', 'cli.cjs.map');
  const map = existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const bucket = (frame) => {
    const { url, lineNumber, columnNumber, functionName } = frame;
    if (!url) return functionName.startsWith('(') ? functionName : '(node internals)';
    if (url.endsWith('cli.cjs') && map) {
      const entry = map.findEntry(lineNumber, columnNumber);
      const src = entry?.originalSource ?? '';
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(src);
      if (pkg) return pkg[1];
      const part = /src\/([^/]+)\//.exec(src);
      return part ? `app: src/${part[1]}` : src ? `app: ${path.basename(src)}` : 'bundle (unmapped)';
    }
    if (url.startsWith('node:') || !url.includes('/')) return '(node internals)';
    if (url.includes('bin/webinfra-learn.js')) return 'launcher';
    return '(node internals)';
  };
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const key = bucket(node.callFrame);
    if (key === '(idle)') return;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

try {
  // Prime the warm home (writes the code cache), and the OS file cache.
  await app(warmHome);
  const result = { node: [], warm: [], cold: [], version: [], learnyounode: [] };
  const profiles = { warm: [], cold: [] };
  const lyn = findLearnyounode();
  for (let i = 0; i < runs; i++) {
    result.node.push((await time(process.execPath, ['-e', '0'])).ms);
    const w = await app(warmHome);
    result.warm.push(w.ms);
    if (w.prof) profiles.warm.push(w.prof);
    const c = await app(path.join(scratch, `cold-${coldCount++}`)); // a new home: no code cache, no progress
    result.cold.push(c.ms);
    if (c.prof) profiles.cold.push(c.prof);
    result.version.push((await time(process.execPath, [bin, '--version'])).ms);
    if (lyn) result.learnyounode.push((await time(lyn, [], { until: 'LEARN YOU' })).ms);
  }
  const node = median(result.node);
  const rows = ['warm', 'cold', 'version'].map((k) => {
    const ms = median(result[k]);
    return { what: k, ms, ratio: ms / node, budget: BUDGET[k], ok: ms / node <= BUDGET[k] };
  });
  const phases = (list) => {
    const names = ['launcher', 'bundle compiled', 'bundle evaluated', 'course read', 'ui loaded', 'progress read', 'first frame'];
    const out = [];
    for (let i = 0; i < names.length; i++) {
      const at = (p, n) => p.marks.find(([m]) => m === n)?.[1];
      const ds = list.map((p) => (i === 0 ? at(p, names[0]) : at(p, names[i]) - at(p, names[i - 1]))).filter((x) => Number.isFinite(x));
      out.push({ phase: i === 0 ? 'node starts, launcher runs' : `→ ${names[i]}`, ms: ds.length ? median(ds) : NaN });
    }
    out.push({ phase: 'CPU time at the first frame', ms: median(list.map((p) => p.cpuMs)) });
    out.push({ phase: 'real Intl.Segmenters built', ms: median(list.map((p) => (p.segmenterMs ?? []).length)), unit: '' });
    return out;
  };
  const loaded = [...new Set(profiles.warm.flatMap((p) => p.loaded))];
  const cacheStates = [...new Set(profiles.warm.map((p) => p.cache))];
  const pkgs = await packageProfile();
  const lynMs = result.learnyounode.length ? median(result.learnyounode) : undefined;
  const ok = rows.every((r) => r.ok);
  if (json) {
    console.log(JSON.stringify({ bench: 'startup', runs, nodeMedianMs: node, rows, lynMs, phases: { warm: phases(profiles.warm), cold: phases(profiles.cold) }, loaded, cacheStates, packages: pkgs.slice(0, 15), ok }));
  } else {
    const row = (a, b, c, d) => console.log(`${String(a).padEnd(36)}${String(b).padStart(11)}${String(c).padStart(10)}${String(d).padStart(12)}`);
    row(`start-up, 80×24 pty, median of ${runs}`, 'ms', 'ratio', 'budget');
    row('node -e 0', node.toFixed(1), '1.00×', '');
    for (const r of rows) {
      const label = { warm: 'course map, code cache present', cold: 'course map, first start (no cache)', version: '--version' }[r.what];
      row(label, r.ms.toFixed(1), `${r.ratio.toFixed(2)}×`, `≤ ${r.budget}× ${r.ok ? 'OK' : 'OVER'}`);
    }
    row('learnyounode menu', lynMs === undefined ? 'not installed' : lynMs.toFixed(1), lynMs === undefined ? '' : `${(lynMs / node).toFixed(2)}×`, '');
    console.log(`\nwhere the time goes (medians; marks from src/startup-profile.ts; code cache: ${cacheStates.join(', ')})`);
    row('phase', 'warm ms', 'cold ms', '');
    const pw = phases(profiles.warm);
    const pc = phases(profiles.cold);
    pw.forEach((p, i) => row(p.phase, p.unit === '' ? p.ms : p.ms.toFixed(1), pc[i].unit === '' ? pc[i].ms : pc[i].ms.toFixed(1), ''));
    console.log(`parts evaluated before the first frame: ${loaded.join(', ') || '(none noted)'}`);
    console.log('\nCPU self time until the first frame, one warm start (--cpu-prof, 0.1 ms samples)');
    const total = pkgs.reduce((s, [, v]) => s + v, 0);
    for (const [k, v] of pkgs.slice(0, 15)) row(k, v.toFixed(1), `${((100 * v) / total).toFixed(0)} %`, '');
    row('total (not idle)', total.toFixed(1), '', '');
    console.log(`\n${ok ? 'all budgets held' : 'OVER BUDGET'}`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
