// `npm run bench`: runs every benchmark in scripts/bench/ against the fresh build,
// one after another (they share two cores), and prints their tables. Each script
// measures its own baseline in the same run and reports medians and ratios.
// Pass names to run a subset: `npm run bench -- startup sim`.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.mjs$/, '')))
  .sort();

let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${script.replace(/\.mjs$/, '')} ===`);
  const r = spawnSync(process.execPath, [path.join(dir, script)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${script} exited with ${r.status ?? r.signal})`);
  }
}
process.exit(failed ? 1 : 0);
