// Design drill speed: the wall time of a full drill (every fault, 60 simulated
// seconds each) of a 5-machine task 3 design, run in one process back to back, as
// `webinfra-learn design drill` and the editor's drill screen do. Budget: ≤ 3 s
// (issue 13). Beside it, in the same run, the baseline: the same number of bare
// 60-second engine runs of the same design with no fault, so the ratio says what the
// drill adds (faults, reports at the fault and before the last seconds, SPOFs) on
// top of simulating. Also the 8-machine shipped scale-up scenario, and how long
// checking each task's requirements and saving the design as YAML take.
//
//   node scripts/bench/design.mjs [--runs N] [--json]
//
// The design core is bundled from src/ with esbuild into a temporary file (`yaml`
// stays external and resolves from the project), so this measures the shipped code.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Math.max(5, Number(args[args.indexOf('--runs') + 1]) || 7);
const BUDGET_MS = 3000;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'webinfra-design-bench-'));
const out = path.join(tmp, 'design-bundle.mjs');
await build({
  stdin: {
    contents: `
      export { drillDesign, drillScenario, listFaults, checkDesign, parseDesign, serializeDesign } from './src/design/index';
      export { createEngine } from './src/sim/engine/index';`,
    resolveDir: root,
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
const yamlUrl = pathToFileURL(createRequire(path.join(root, 'package.json')).resolve('yaml')).href;
writeFileSync(out, readFileSync(out, 'utf8').replace(/from\s*["']yaml["']/g, `from ${JSON.stringify(yamlUrl)}`));
const { drillDesign, drillScenario, listFaults, checkDesign, parseDesign, serializeDesign, createEngine } = await import(pathToFileURL(out).href);

const load = (rel) => parseDesign(readFileSync(path.join(root, rel), 'utf8'), path.basename(rel));
const designs = [
  { name: '5-machine task 3 design', s: load('test/fixtures/designs/task3-complete.yaml') },
  { name: '8-machine scale-up scenario', s: load('assets/scenarios/scale-up.yaml') },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

const results = [];
for (const { name, s } of designs) {
  const n = listFaults(s).length;
  const ds = drillScenario(s);
  const bare = () => {
    for (let i = 0; i < n; i++) createEngine(ds).run();
  };
  const drill = () => drillDesign(s);
  drill(); // warm-up: JIT
  bare();
  const drills = [];
  const bares = [];
  for (let i = 0; i < runs; i++) {
    drills.push(time(drill));
    bares.push(time(bare));
  }
  const d = drillDesign(s);
  const check = median(Array.from({ length: 50 }, () => time(() => [0, 1, 2, 3].forEach((t) => checkDesign(s, t)))));
  const save = median(Array.from({ length: 50 }, () => time(() => parseDesign(serializeDesign(s), 'x.yaml'))));
  results.push({
    design: name,
    machines: s.nodes.length,
    faults: n,
    skipped: d.skipped.length,
    drill_ms: Math.round(median(drills)),
    bare_runs_ms: Math.round(median(bares)),
    ratio_vs_bare: +(median(drills) / median(bares)).toFixed(2),
    spofs: d.spofs,
    check_4_tasks_ms: +check.toFixed(2),
    save_and_load_ms: +save.toFixed(2),
  });
}
rmSync(tmp, { recursive: true, force: true });

const five = results[0];
const meets = five.drill_ms <= BUDGET_MS;
if (json) console.log(JSON.stringify({ runs, budget_ms: BUDGET_MS, meets_budget: meets, results }));
else {
  console.log(`full drill, 60 simulated s per fault (median of ${runs})`);
  for (const r of results) {
    console.log(`  ${r.design}: ${r.faults} faults (${r.skipped} not playable yet)`);
    console.log(`    drill ${r.drill_ms} ms · same number of bare runs ${r.bare_runs_ms} ms (drill ×${r.ratio_vs_bare})`);
    console.log(`    SPOFs: ${r.spofs.join(', ') || 'none'} · check all 4 tasks ${r.check_4_tasks_ms} ms · save+load ${r.save_and_load_ms} ms`);
  }
  console.log(`  budget: 5-machine drill ≤ ${BUDGET_MS} ms: ${meets ? 'met' : 'NOT met'}`);
}
process.exit(meets ? 0 : 1);
