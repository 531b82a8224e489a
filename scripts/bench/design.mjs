// Design drill speed: the wall time of a full drill (every fault, 60 simulated
// seconds each) of a 5-machine task 3 design, as `webinfra-learn design drill` runs
// it: one process, the design parsed once, engines run back to back. Budget: ≤ 3 s
// (issue 13). Beside it, in the same run, the baseline: the same number of bare
// 60-second runs of the same design with no fault (`sim FILE --json`, engine time
// only), so the ratio says what the drill adds on top of simulating. Also the
// 8-machine shipped scale-up scenario.
//
//   node scripts/bench/design.mjs [--runs N] [--json]
//
// It calls the built bundle's command line (dist/cli.js, built by `npm run bench`)
// in this process, so it measures exactly the code the app ships. A learner's first
// drill runs in a fresh process, before the JIT has warmed up: that case is measured
// too, by starting `webinfra-learn design drill --json` as a new process each time
// (the drill's own wall_ms, and the whole command from start to exit).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Math.max(5, Number(args[args.indexOf('--runs') + 1]) || 7);
const BUDGET_MS = 3000;

const cli = path.join(root, 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` (or `npm run bench -- design`)');
  process.exit(2);
}
const { main } = await import(pathToFileURL(cli).href);

/** Runs the command line in this process and returns its JSON output. */
async function cliJson(argv) {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: { write: (s) => ((out += s), true) },
    stderr: { write: (s) => ((err += s), true) },
    env: { ...process.env, WEBINFRA_LEARN_HOME: path.join(root, '.build', 'bench-home') },
    cwd: root,
  });
  if (code !== 0) throw new Error(`${argv.join(' ')} exited ${code}: ${err}`);
  return JSON.parse(out);
}

const designs = [
  { name: '5-machine task 3 design', file: 'test/fixtures/designs/task3-complete.yaml' },
  { name: '8-machine scale-up scenario', file: 'assets/scenarios/scale-up.yaml' },
];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = [];
for (const { name, file } of designs) {
  const first = await cliJson(['design', 'drill', file, '--json']); // also warms the JIT
  const n = first.faults.length;
  const drills = [];
  const bares = [];
  for (let i = 0; i < runs; i++) {
    drills.push((await cliJson(['design', 'drill', file, '--json'])).wall_ms);
    let engineMs = 0;
    for (let k = 0; k < n; k++) engineMs += (await cliJson(['sim', file, '--json', '--duration', '60'])).sim.wall_ms;
    bares.push(engineMs);
  }
  const cold = [];
  const coldTotal = [];
  for (let i = 0; i < Math.min(runs, 5); i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'webinfra-learn.js'), 'design', 'drill', file, '--json'], { cwd: root, encoding: 'utf8' });
    coldTotal.push(performance.now() - t0);
    cold.push(JSON.parse(r.stdout).wall_ms);
  }
  results.push({
    design: name,
    cold_drill_ms: Math.round(median(cold)),
    cold_command_ms: Math.round(median(coldTotal)),
    faults: n,
    skipped: first.skipped.length,
    drill_ms: Math.round(median(drills)),
    bare_runs_ms: Math.round(median(bares)),
    ratio_vs_bare: +(median(drills) / median(bares)).toFixed(2),
    spofs: first.spofs,
  });
}

// The budget holds for the learner's first drill too: a fresh process.
const meets = results[0].cold_drill_ms <= BUDGET_MS;
if (json) console.log(JSON.stringify({ runs, budget_ms: BUDGET_MS, meets_budget: meets, results }));
else {
  console.log(`full drill, 60 simulated s per fault (median of ${runs})`);
  for (const r of results) {
    console.log(`  ${r.design}: ${r.faults} faults drilled (${r.skipped} not playable yet)`);
    console.log(`    drill ${r.drill_ms} ms · same number of bare 60 s runs ${r.bare_runs_ms} ms (drill ×${r.ratio_vs_bare})`);
    console.log(`    in a fresh process: drill ${r.cold_drill_ms} ms, whole command ${r.cold_command_ms} ms`);
    console.log(`    SPOFs: ${r.spofs.join(', ') || 'none'}`);
  }
  console.log(`  budget: 5-machine drill in a fresh process ≤ ${BUDGET_MS} ms: ${meets ? 'met' : 'NOT met'}`);
}
process.exit(meets ? 0 : 1);
