// Key-press latency of the design editor. Budget: a key press redraws in ≤ 50 ms.
//
//   node scripts/bench/design-editor.mjs [--keys N] [--json]
//
// 1. In a real 80×24 pseudo-terminal (CI removed, so Ink draws interactively), the
//    built app opens `design --task 3` on a copy of the 8-machine `scale-up` scenario
//    (the largest task-3 design). Keys are sent one at a time — Tab (next machine),
//    ↓ / ↑ (setting), → / ← (change a value: the design changes, is saved to disk and
//    the diagram redrawn) — and each is timed from the write to the last byte of the
//    frame it causes (the output is quiet for 25 ms after it). Medians and p95.
//    Baseline, same run, same harness: moving on the course map (↓ / ↑), a plain
//    full-screen list redraw of the course app.
// 2. In process, without Ink: the editor's own work per key (reducer, build view
//    with the diagram, painting) on the same design, median of many keys.
//
// Needs a build (`npm run build`). Exits 1 when the budget is exceeded.
import { spawn } from 'node-pty';
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.WEBINFRA_LEARN_BIN ?? path.join(root, 'bin', 'webinfra-learn.js');
const args = process.argv.slice(2);
const json = args.includes('--json');
const keysWanted = Math.max(20, Number(args[args.indexOf('--keys') + 1]) || 120);
const BUDGET_MS = 50;

if (!existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/cli.cjs is missing: run `npm run build` first');
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const KEY = { tab: '\t', up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D' };

/** Time each key from its write to the end of the frame it causes. */
async function timeKeys(argv, keys, ready, home) {
  const env = { ...process.env, TERM: 'xterm-256color', WEBINFRA_LEARN_HOME: home };
  delete env.CI;
  const pty = spawn(process.execPath, [bin, ...argv], { name: 'xterm-256color', cols: 80, rows: 24, cwd: root, env });
  let out = '';
  let last = 0;
  pty.onData((d) => {
    out += d;
    last = performance.now();
  });
  const start = Date.now();
  while (!out.includes(ready)) {
    if (Date.now() - start > 15000) throw new Error(`${argv.join(' ')}: never showed '${ready}'`);
    await sleep(20);
  }
  await sleep(300);
  const times = [];
  for (const k of keys) {
    const before = out.length;
    const t0 = performance.now();
    pty.write(k);
    // Wait for the frame, then for 25 ms of quiet.
    while (out.length === before && performance.now() - t0 < 2000) await sleep(1);
    while (performance.now() - last < 25) await sleep(2);
    if (out.length > before) times.push(last - t0);
  }
  pty.kill();
  return times;
}

const home = mkdtempSync(path.join(os.tmpdir(), 'bench-design-'));
const design = path.join(home, 'scale-up-copy.yaml');
copyFileSync(path.join(root, 'assets', 'scenarios', 'scale-up.yaml'), design);

// Tab through machines, move over settings, change values back and forth.
const cycle = [KEY.tab, KEY.down, KEY.down, KEY.right, KEY.left, KEY.up, KEY.up];
const editorKeys = Array.from({ length: keysWanted }, (_, i) => cycle[i % cycle.length]);
const changeKeys = new Set([KEY.right, KEY.left]);

const results = {};
try {
  const lesson = await timeKeys([], Array.from({ length: Math.min(60, keysWanted) }, (_, i) => (i % 2 ? KEY.up : KEY.down)), 'lessons done', home);
  const editor = await timeKeys(['design', '--task', '3', design], editorKeys, 'task 3', home);
  const changes = editor.filter((_, i) => changeKeys.has(editorKeys[i]));
  results.baseline_map_move_ms = { median: median(lesson), p95: p95(lesson), n: lesson.length };
  results.editor_key_ms = { median: median(editor), p95: p95(editor), n: editor.length };
  results.editor_change_key_ms = { median: median(changes), p95: p95(changes), n: changes.length };
  results.ratio_to_baseline = median(editor) / median(lesson);
} finally {
  rmSync(home, { recursive: true, force: true });
}

// In process: the editor's own work per key.
{
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-design-inproc-'));
  const entry = path.join(dir, 'entry.ts');
  const outfile = path.join(dir, 'entry.mjs');
  writeFileSync(
    entry,
    `
import { loadDesignFile } from ${JSON.stringify(path.join(root, 'src/design/editor/files.ts'))};
import { editorReducer, initialEditorState } from ${JSON.stringify(path.join(root, 'src/design/editor/model.ts'))};
import { buildView } from ${JSON.stringify(path.join(root, 'src/ui/design/build-lines.ts'))};
import { paintLines } from ${JSON.stringify(path.join(root, 'src/ui/lab/paint.ts'))};
import { makeTheme } from ${JSON.stringify(path.join(root, 'src/ui/theme.ts'))};
const { design } = loadDesignFile(${JSON.stringify(path.join(root, 'assets/scenarios/scale-up.yaml'))}, 3);
const theme = makeTheme({ color: true });
let s = initialEditorState(design);
let cursor = 0;
const times = [];
// As the screen does: a key acts on the fields drawn last, then one view is built and painted.
let view = buildView(s, cursor, 76, 19, false);
for (let i = 0; i < 2000; i++) {
  const t0 = performance.now();
  const step = i % 7;
  if (step === 0) { s = editorReducer(s, { type: 'selectNext', delta: 1 }); cursor = 0; }
  else if (step === 1 || step === 2) cursor++;
  else if (step === 5 || step === 6) cursor = Math.max(0, cursor - 1);
  else {
    const f = view.fields[Math.min(cursor, view.fields.length - 1)];
    if (f && f.next) s = editorReducer(s, step === 3 ? f.next : f.prev);
  }
  view = buildView(s, cursor, 76, 19, false);
  paintLines(view.lines, theme);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median: times[1000], p95: times[1900], n: times.length }));
`,
  );
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'error', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
  const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`in-process run failed:\n${r.stderr}`);
  results.editor_work_per_key_ms = JSON.parse(r.stdout.trim().split('\n').pop());
}

const ms = (x) => `${x.toFixed(1)} ms`;
if (json) console.log(JSON.stringify(results, null, 2));
else {
  console.log('Design editor key press → redraw (80×24, scale-up: 8 machines), real pseudo-terminal');
  console.log(`  baseline: course map ↓/↑       median ${ms(results.baseline_map_move_ms.median)}   p95 ${ms(results.baseline_map_move_ms.p95)}   (${results.baseline_map_move_ms.n} keys)`);
  console.log(`  editor, every key              median ${ms(results.editor_key_ms.median)}   p95 ${ms(results.editor_key_ms.p95)}   (${results.editor_key_ms.n} keys)   ${results.ratio_to_baseline.toFixed(2)}× baseline`);
  console.log(`  editor, keys that change it    median ${ms(results.editor_change_key_ms.median)}   p95 ${ms(results.editor_change_key_ms.p95)}   (${results.editor_change_key_ms.n} keys; save + diagram)`);
  console.log(`  editor's own work per key (no Ink, in process)   median ${ms(results.editor_work_per_key_ms.median)}   p95 ${ms(results.editor_work_per_key_ms.p95)}`);
  console.log(`  budget: ≤ ${BUDGET_MS} ms per key`);
}
const over = results.editor_key_ms.median > BUDGET_MS || results.editor_change_key_ms.median > BUDGET_MS;
if (over) console.log(`OVER BUDGET: a key press takes more than ${BUDGET_MS} ms (median)`);
process.exit(over ? 1 : 0);
