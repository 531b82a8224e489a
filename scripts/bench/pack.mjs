// Package size and a cold `npx` start:
// - `npm pack` tarball size (budget ≤ 700 KB);
// - `npx` of that tarball with an EMPTY npm cache (a fresh npm_config_cache) to the
//   first drawn course map, in a real 80×24 pseudo-terminal. The package has no
//   runtime dependencies, so this works offline (npm is told so).
//
//   node scripts/bench/pack.mjs [--json]
//
// Needs a build (`npm run build`); `npm pack` runs the prepack build itself too.
import { spawn } from 'node-pty';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const json = process.argv.includes('--json');
const BUDGET_KB = 700;
const MAP_TEXT = 'lessons done';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

const work = mkdtempSync(path.join(os.tmpdir(), 'webinfra-learn-pack-'));
try {
  // --ignore-scripts: the build is already there; don't let prepack rebuild on a busy machine.
  const packed = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  )[0];
  const tarball = path.join(work, packed.filename);
  const bytes = statSync(tarball).size;
  const kb = bytes / 1000;
  const sizeOk = kb <= BUDGET_KB;

  const cache = path.join(work, 'npm-cache');
  const home = path.join(work, 'home');
  const env = { ...process.env, TERM: 'xterm-256color', WEBINFRA_LEARN_HOME: home, npm_config_cache: cache, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  delete env.CI;
  const npxMs = await new Promise((resolve, reject) => {
    const t0 = performance.now();
    const pty = spawn(npx, ['--yes', '--package', tarball, 'webinfra-learn'], { name: 'xterm-256color', cols: 80, rows: 24, cwd: work, env });
    let out = '';
    let seen;
    const timer = setTimeout(() => {
      pty.kill();
      reject(new Error(`no first frame within 120 s; output:\n${out.slice(-2000)}`));
    }, 120_000);
    pty.onData((d) => {
      out += d;
      if (seen === undefined && out.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').includes(MAP_TEXT)) {
        seen = performance.now() - t0;
        pty.write('q');
      }
    });
    pty.onExit(() => {
      clearTimeout(timer);
      if (seen === undefined) reject(new Error(`npx exited before the first frame; output:\n${out.slice(-2000)}`));
      else resolve(seen);
    });
  });

  if (json) {
    console.log(JSON.stringify({ bench: 'pack', tarballBytes: bytes, files: packed.files.length, unpackedBytes: packed.unpackedSize, budgetKB: BUDGET_KB, ok: sizeOk, coldNpxMs: +npxMs.toFixed(0) }));
  } else {
    console.log(`${'tarball'.padEnd(36)}${(kb.toFixed(1) + ' KB').padStart(14)}  (budget ≤ ${BUDGET_KB} KB) ${sizeOk ? 'OK' : 'OVER BUDGET'}`);
    console.log(`${'unpacked'.padEnd(36)}${((packed.unpackedSize / 1000).toFixed(1) + ' KB').padStart(14)}  ${packed.files.length} files`);
    console.log(`${'cold npx (empty cache) → first frame'.padEnd(36)}${(npxMs.toFixed(0) + ' ms').padStart(14)}`);
  }
  process.exitCode = sizeOk ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
