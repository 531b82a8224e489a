// Per-frame cost of the live view's two pure steps, moved here from the unit tests
// (a timed assert in a test fails on a busy machine and proves nothing on a fast one):
//
// 1. engine snapshot: `capacity` after 90 virtual s (thousands of requests queued at
//    the app tier), 200 requests sampled — what one frame asks of the engine.
// 2. diagram: layout + render of `scale-up` at 120 columns with a live snapshot.
//
// Baseline, in the same run: the same snapshot of an idle engine (`distributed` at
// t = 0) — the ratio says what a loaded model costs on top. A frame at 30 fps has
// 33 ms; budgets: snapshot ≤ 3 ms, diagram ≤ 10 ms (medians of N runs of 300 frames).
//
//   node scripts/bench/frame.mjs [--runs N] [--json]
//
// Bundles src/ with esbuild (packages stay imports) and runs the bundle.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Math.max(5, Number(args[args.indexOf('--runs') + 1]) || 7);
const FRAMES = 300;
const BUDGET = { snapshot_ms: 3, diagram_ms: 10 };

// Written under node_modules so the bundle's imports of packages (yaml) resolve
// from the project, as they do for the app.
const out = path.join(root, 'node_modules', '.cache', 'webinfra-learn', 'frame-bench.mjs');
await build({
  stdin: {
    contents: `
      export { createEngine } from './src/sim/engine';
      export { loadScenario } from './src/sim/scenario';
      export { buildTopology } from './src/sim/topology';
      export { layoutDiagram, renderDiagram } from './src/diagram';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: out,
  logLevel: 'warning',
});
const { createEngine, loadScenario, buildTopology, layoutDiagram, renderDiagram } = await import(pathToFileURL(out).href);

const scenarios = path.join(root, 'assets', 'scenarios');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median over `runs` of the mean ms per call of `fn` over FRAMES calls. */
function perFrame(fn) {
  fn(); // warm-up: JIT
  const samples = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < FRAMES; i++) fn();
    samples.push((performance.now() - t0) / FRAMES);
  }
  return median(samples);
}

const idle = createEngine(loadScenario('distributed', scenarios));
const loaded = createEngine(loadScenario('capacity', scenarios));
loaded.runUntil(90_000);
const scaleUp = loadScenario('scale-up', scenarios);
const live = createEngine(scaleUp);
live.runUntil(5_000);
const topology = buildTopology(scaleUp);
const liveSnap = live.snapshot({ maxInflight: 40 });

const baseline = perFrame(() => idle.snapshot({ maxInflight: 200 }));
const snapshot = perFrame(() => loaded.snapshot({ maxInflight: 200 }));
const diagram = perFrame(() => renderDiagram(layoutDiagram(topology, { width: 120 }), liveSnap));
const result = {
  runs,
  frames_per_run: FRAMES,
  idle_snapshot_ms: +baseline.toFixed(3),
  loaded_snapshot_ms: +snapshot.toFixed(3),
  ratio_loaded_vs_idle: +(snapshot / baseline).toFixed(1),
  diagram_ms: +diagram.toFixed(3),
  budget: BUDGET,
  within_budget: snapshot <= BUDGET.snapshot_ms && diagram <= BUDGET.diagram_ms,
};
if (json) console.log(JSON.stringify(result));
else {
  console.log(`per frame (median of ${runs} runs × ${FRAMES} frames; 30 fps leaves 33 ms)`);
  console.log(`  snapshot, idle engine (baseline)     ${result.idle_snapshot_ms} ms`);
  console.log(`  snapshot, capacity after 90 s        ${result.loaded_snapshot_ms} ms  (×${result.ratio_loaded_vs_idle} the baseline; budget ${BUDGET.snapshot_ms} ms)`);
  console.log(`  diagram, scale-up at 120 columns     ${result.diagram_ms} ms  (budget ${BUDGET.diagram_ms} ms)`);
  console.log(`  ${result.within_budget ? 'within budget' : 'OVER BUDGET'}`);
}
process.exit(result.within_budget ? 0 : 1);
