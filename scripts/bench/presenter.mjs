// The presenter's cost: a run advanced by the presenter (runPresented, presenter.ts)
// watching for an event type (`--pause-on`: one queue event at a time, so the pause
// lands at the event's moment) against the same run advanced by engine.runUntil in
// frame-sized steps, in the same process (medians of alternating runs, and their
// ratio). Also the cost of a jump back (`<`): re-running from 0 to the end.
//
//   node scripts/bench/presenter.mjs [--runs N]
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-presenter-'));
const entry = path.join(dir, 'entry.ts');
writeFileSync(
  entry,
  `export { createEngine } from ${JSON.stringify(path.join(root, 'src/sim/engine'))};
export { loadScenario } from ${JSON.stringify(path.join(root, 'src/sim/scenario'))};
export { runPresented, rerunTo } from ${JSON.stringify(path.join(root, 'src/ui/lab/presenter'))};`,
);
const out = path.join(dir, 'bundle.mjs');
await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error', nodePaths: [path.join(root, 'node_modules')], banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
const m = await import(pathToFileURL(out).href);
rmSync(dir, { recursive: true, force: true });

const scenario = m.loadScenario('distributed', path.join(root, 'assets/scenarios'));
const FRAME_MS = 33 * 4; // 4× speed at 30 fps
const endMs = scenario.duration_s * 1000;
const at = [{ at_s: 30, action: 'kill', node: 'web-2' }];
const noop = { pause() {}, speed() {}, say() {} };

function plain() {
  const e = m.createEngine(scenario, { at });
  const t0 = performance.now();
  for (let t = 0; t < endMs; t += FRAME_MS) e.runUntil(Math.min(endMs, t + FRAME_MS));
  return performance.now() - t0;
}
function watched() {
  const e = m.createEngine(scenario, { at });
  const cursor = { next: 0, caption: '' };
  const t0 = performance.now();
  // 'promoted' never happens here: the presenter steps the whole run event by event.
  for (let t = 0; t < endMs; t += FRAME_MS) m.runPresented(e, Math.min(endMs, t + FRAME_MS), { cues: [], pauseOn: new Set(['promoted']) }, cursor, noop);
  return performance.now() - t0;
}
function jumpBack() {
  const e = m.createEngine(scenario, { at });
  const t0 = performance.now();
  m.rerunTo(e, endMs - 1, [], [], { next: 0, caption: '' });
  return performance.now() - t0;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const a = [], b = [], c = [];
plain(); watched();
for (let i = 0; i < runs; i++) {
  a.push(plain());
  b.push(watched());
  c.push(jumpBack());
}
console.log(`distributed, ${scenario.duration_s} s simulated, ${runs} runs (medians):`);
console.log(`  runUntil per frame        ${median(a).toFixed(1)} ms`);
console.log(`  presenter watching events ${median(b).toFixed(1)} ms  (×${(median(b) / median(a)).toFixed(2)})`);
console.log(`  jump back: re-run 0 → end ${median(c).toFixed(1)} ms`);
