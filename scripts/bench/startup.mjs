// Start-up time: from spawning `node bin/webinfra-learn.js` in a real 80×24
// pseudo-terminal to the first drawn course map (its text seen in the output),
// beside `node -e 0` spawned the same way in the same run. Budget: ≤ 3.5×.
//
//   node scripts/bench/startup.mjs [--runs N] [--json]
//
// Needs a build (`npm run build`). Runs alternate between the two commands so a
// busy machine slows both alike. A discarded warm-up run fills the OS file cache
// and the course cache, as on a learner's second start.
import { spawn } from 'node-pty';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// WEBINFRA_LEARN_BIN measures another build (e.g. an installed package) the same way.
const bin = process.env.WEBINFRA_LEARN_BIN ?? path.join(root, 'bin', 'webinfra-learn.js');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Math.max(7, Number(args[args.indexOf('--runs') + 1]) || 9);
const BUDGET = 3.5;
// The course map's header; drawn in one piece by the first frame.
const MAP_TEXT = 'lessons done';

if (!existsSync(path.join(path.dirname(bin), '..', 'dist', 'cli.js'))) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(1);
}

const home = mkdtempSync(path.join(os.tmpdir(), 'webinfra-learn-bench-'));
const env = { ...process.env, TERM: 'xterm-256color', WEBINFRA_LEARN_HOME: home };
delete env.CI; // with CI set, Ink draws non-interactively

/** ms from spawn until `done(output)` is true (or the process exits, for the baseline). */
function time(file, argv, until) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const pty = spawn(file, argv, { name: 'xterm-256color', cols: 80, rows: 24, cwd: root, env });
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
        pty.write('q'); // quit cleanly, then wait for the exit so runs never overlap
      }
    });
    pty.onExit(() => {
      clearTimeout(timer);
      const ms = until ? seen : performance.now() - t0;
      if (ms === undefined) reject(new Error(`exited before the first frame; output:\n${out.slice(0, 2000)}`));
      else resolve(ms);
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

try {
  const cold = await time(process.execPath, [bin], MAP_TEXT);
  const app = [];
  const node = [];
  for (let i = 0; i < runs; i++) {
    node.push(await time(process.execPath, ['-e', '0']));
    app.push(await time(process.execPath, [bin], MAP_TEXT));
  }
  const appMedian = median(app);
  const nodeMedian = median(node);
  const ratio = appMedian / nodeMedian;
  const ok = ratio <= BUDGET;
  if (json) {
    console.log(
      JSON.stringify({
        bench: 'startup',
        runs,
        appMedianMs: +appMedian.toFixed(1),
        nodeMedianMs: +nodeMedian.toFixed(1),
        ratio: +ratio.toFixed(2),
        budget: BUDGET,
        ok,
        firstRunMs: +cold.toFixed(1),
      }),
    );
  } else {
    const row = (a, b, c) => console.log(`${a.padEnd(34)}${b.padStart(12)}${c.padStart(12)}`);
    row('start-up, 80×24 pty', 'median ms', 'runs');
    row('node -e 0', nodeMedian.toFixed(1), String(runs));
    row('webinfra-learn → course map', appMedian.toFixed(1), String(runs));
    console.log(`ratio ${ratio.toFixed(2)}× (budget ≤ ${BUDGET}×) ${ok ? 'OK' : 'OVER BUDGET'}`);
    console.log(`first run (cold caches, discarded above): ${cold.toFixed(1)} ms`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(home, { recursive: true, force: true });
}
