// Simulator speed: simulated events per second, and the wall time of one simulated
// hour at 300 req/s through a load balancer and three servers (web + app roles, so
// each request is three events). Beside it, in the same run, the bare event queue
// (push + pop of the same number of events) as a baseline: the ratio says what the
// model costs on top of its heap. Target: ≥ 5 million events/s.
//
// Memory: one engine runs the same load headless for 4 simulated hours; after 1, 2
// and 4 h it takes a full GC and reads heap used and RSS. The engine's state must not
// grow with run length (a live view left open for an hour, a long headless run), so
// flat means the 4 h figures are within a few MB of the 1 h ones.
//
//   node scripts/bench/sim.mjs [--runs N] [--json] [--no-memory] [--against GIT-REF]
//
// --against GIT-REF bundles the engine of another commit too (its src/, which the engine imports from,
// e.g. `main`) and alternates runs of both in this process, so a before/after ratio
// is measured under the same load (medians of both, and their ratio).
//
// The engine is bundled from src/ with esbuild into a temporary file (it is pure
// TypeScript with no dependency besides `yaml`, which stays external), so this
// measures exactly the code the app ships.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Math.max(7, Number(args[args.indexOf('--runs') + 1]) || 7);
const TARGET = 5_000_000;
const againstRef = args.includes('--against') ? args[args.indexOf('--against') + 1] : undefined;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'webinfra-sim-bench-'));
async function bundleEngine(srcRoot, name) {
const out = path.join(tmp, name);
await build({
  stdin: {
    contents: `
      export { createEngine } from './src/sim/engine';
      export { parseScenario } from './src/sim/scenario';
      export { EventQueue } from './src/sim/event-queue';`,
    resolveDir: srcRoot,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['yaml'],
  outfile: out,
  logLevel: 'warning',
  nodePaths: [path.join(root, 'node_modules')],
});
// The bundle imports `yaml`; resolve it from the project, not the temp folder.
const { createRequire } = await import('node:module');
const req = createRequire(path.join(root, 'package.json'));
const yamlUrl = pathToFileURL(req.resolve('yaml')).href;
const { readFileSync, writeFileSync } = await import('node:fs');
writeFileSync(out, readFileSync(out, 'utf8').replace(/from\s*["']yaml["']/g, `from ${JSON.stringify(yamlUrl)}`));
return import(pathToFileURL(out).href);
}
const { createEngine, parseScenario, EventQueue } = await bundleEngine(root, 'sim-bundle.mjs');
let other;
if (againstRef) {
  // The other commit's src/sim, extracted beside the bundle.
  const { execFileSync } = await import('node:child_process');
  const dir = path.join(tmp, 'against');
  (await import('node:fs')).mkdirSync(dir);
  execFileSync('sh', ['-c', `git -C "$1" archive "$2" src | tar -x -C "$3"`, 'sh', root, againstRef, dir]);
  other = await bundleEngine(dir, 'against-bundle.mjs');
}

const SCENARIO = `name: bench
seed: 1
duration_s: 3600
warmup_s: 10
dns: { lookup_ms: 0 }
workload: { rate_rps: 300, write_ratio: 0, clients: 1000 }
nodes:
  - { id: lb-1, kind: load_balancer, algorithm: roundrobin, to: [web-1, web-2, web-3] }
  - { id: web-1, kind: server, roles: [web, app], web: { workers: 8, service_ms: 1 }, app: { workers: 4, service_ms: 8 } }
  - { id: web-2, kind: server, roles: [web, app], web: { workers: 8, service_ms: 1 }, app: { workers: 4, service_ms: 8 } }
  - { id: web-3, kind: server, roles: [web, app], web: { workers: 8, service_ms: 1 }, app: { workers: 4, service_ms: 8 } }
`;
const scenario = parseScenario(SCENARIO, 'bench.yaml', 'bench');

function hour(mod) {
  const engine = mod ? mod.createEngine(mod.parseScenario(SCENARIO, 'bench.yaml', 'bench')) : createEngine(scenario);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const report = engine.run();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  // CPU time as well as wall time: on a shared, loaded machine it is the steadier of the two.
  return { ms, cpuMs: (c.user + c.system) / 1000, events: report.sim.events_processed, requests: report.requests.total };
}

/** The same number of events through the bare heap, with random times. */
function heapOnly(n) {
  const q = new EventQueue(1024);
  let t = 0;
  let s = 1;
  const t0 = performance.now();
  // Keep ~20 events pending, as the simulation does.
  for (let i = 0; i < 20; i++) q.push((t += 1), 1, i, 0);
  for (let i = 0; i < n; i++) {
    q.pop();
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    q.push(q.t + (s / 0x7fffffff) * 10, 1, i, 0);
  }
  return performance.now() - t0;
}

/** Heap used (JS heap + typed-array buffers) and RSS (MB) after a full GC, at 1, 2 and 4 simulated hours of one run. */
function memory() {
  // Reach a full GC without asking the caller for --expose-gc.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  const sc = parseScenario(SCENARIO.replace('duration_s: 3600', 'duration_s: 14400'), 'bench.yaml', 'bench');
  const engine = createEngine(sc);
  const mb = (b) => Math.round((b / 1048576) * 10) / 10;
  const out = [];
  for (const h of [1, 2, 4]) {
    engine.runUntil(h * 3600_000);
    engine.report(); // what a live view or the end of a run asks for
    gc();
    gc();
    const m = process.memoryUsage();
    // Typed arrays keep their data outside the JS heap: count their buffers as heap.
    out.push({ hours: h, heap_used_mb: mb(m.heapUsed + m.arrayBuffers), rss_mb: mb(m.rss) });
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Memory first, so RSS is not inflated by the speed runs' garbage.
const mem = args.includes('--no-memory') ? [] : memory();
hour(); // warm-up: JIT
if (other) hour(other);
const hours = [];
const heaps = [];
const others = [];
for (let i = 0; i < runs; i++) {
  const h = hour();
  hours.push(h);
  heaps.push(h.events / heapOnly(h.events) * 1000);
  if (other) others.push(hour(other));
}
rmSync(tmp, { recursive: true, force: true });

const wall = median(hours.map((h) => h.ms));
const rate = median(hours.map((h) => h.events / h.ms * 1000));
const heapRate = median(heaps);
const result = {
  runs,
  events_per_hour: hours[0].events,
  requests_per_hour: hours[0].requests,
  hour_wall_ms: Math.round(wall),
  events_per_s: Math.round(rate),
  events_per_cpu_s: Math.round(median(hours.map((h) => h.events / h.cpuMs * 1000))),
  heap_only_events_per_s: Math.round(heapRate),
  ratio_vs_heap: +(heapRate / rate).toFixed(2),
  target_events_per_s: TARGET,
  meets_target: rate >= TARGET,
  memory: mem,
  memory_growth_1h_to_4h_mb: mem.length ? +(mem[2].heap_used_mb - mem[0].heap_used_mb).toFixed(1) : undefined,
};
if (other) {
  result.against = againstRef;
  result.against_events_per_s = Math.round(median(others.map((h) => h.events / h.ms * 1000)));
  result.ratio_vs_against = +(rate / result.against_events_per_s).toFixed(3);
  result.against_events_per_cpu_s = Math.round(median(others.map((h) => h.events / h.cpuMs * 1000)));
  result.cpu_ratio_vs_against = +(result.events_per_cpu_s / result.against_events_per_cpu_s).toFixed(3);
}
if (json) console.log(JSON.stringify(result));
else {
  const f = (n) => n.toLocaleString('en-US');
  console.log(`simulated hour, 300 req/s, LB + 3 servers: ${f(result.requests_per_hour)} requests, ${f(result.events_per_hour)} events`);
  console.log(`  wall time (median of ${runs})   ${f(result.hour_wall_ms)} ms`);
  console.log(`  events per second           ${f(result.events_per_s)}  (target ≥ ${f(TARGET)}: ${result.meets_target ? 'met' : 'NOT met'})`);
  console.log(`  events per CPU second       ${f(result.events_per_cpu_s)}`);
  console.log(`  bare event heap, same load  ${f(result.heap_only_events_per_s)} events/s (model costs ×${result.ratio_vs_heap})`);
  if (other)
    console.log(`  ${againstRef}, same runs        ${f(result.against_events_per_s)} events/s, ${f(result.against_events_per_cpu_s)} per CPU s (this / ${againstRef}: ×${result.ratio_vs_against} wall, ×${result.cpu_ratio_vs_against} CPU)`);
  if (mem.length)
    console.log(`  memory (one run, after GC; heap = JS heap + typed-array buffers)
    ${mem.map((m) => `${m.hours} h: heap ${m.heap_used_mb} MB, rss ${m.rss_mb} MB`).join(' · ')}  (heap growth 1 h → 4 h: ${result.memory_growth_1h_to_4h_mb} MB)`);
}
process.exit(result.meets_target ? 0 : 1);
