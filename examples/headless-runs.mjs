// Headless runs of every built-in scenario through the built CLI, each with the
// fault it was written to show, and a one-line summary of what happened.
//
//   npm run build && node examples/headless-runs.mjs [scenario …]
//
// Everything goes through `webinfra-learn sim <name> --json --at …`, the same
// command a learner or a script would use; the JSON report's fields are listed
// in assets/report.schema.json. Exits 1 if a run fails or a scenario has no fault
// listed here (add one when you add a scenario).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'webinfra-learn.js');

/** The fault each scenario is there to show (empty: its own timeline already has one). */
const FAULTS = {
  'simple-web-stack': ['30:kill:server-1', '60:restore:server-1'],
  distributed: ['30:kill:web-2', '60:restore:web-2'],
  'secured-monitored': ['30:kill:web-1'],
  'scale-up': ['30:kill:lb-1'],
  'active-active': ['30:kill:lb-2'],
  'failover-demo': [],
  queueing: ['30:set_algorithm:lb-1:leastconn'],
  'replica-write': [],
  'replication-lag': ['30:set_rate:400'],
  capacity: ['30:set_rate:400'],
  'distributed-httpchk': ['30:kill:web-2:app'],
  'five-machines': ['30:kill:lb-1:haproxy'],
  'five-machines-tracked': ['30:kill:lb-1:haproxy'],
  headroom: ['30:kill:web-2'],
  'hung-app': [],
};

const all = readdirSync(path.join(root, 'assets', 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();
const wanted = process.argv.slice(2);
let failed = 0;
for (const name of wanted.length ? wanted : all) {
  const faults = FAULTS[name];
  if (!faults) {
    console.log(`${name}: no fault listed in examples/headless-runs.mjs`);
    failed++;
    continue;
  }
  const args = ['sim', name, '--json', ...faults.flatMap((f) => ['--at', f])];
  let report;
  try {
    report = JSON.parse(execFileSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' }));
  } catch (error) {
    console.log(`${name}: webinfra-learn ${args.join(' ')} failed: ${error.message}`);
    failed++;
    continue;
  }
  const { total, failed: lost } = report.requests;
  const events = report.events.filter((e) => e.t_s >= 29).slice(0, 3).map((e) => `${e.t_s.toFixed(1)} s ${e.message}`);
  console.log(`${name.padEnd(18)} ${(report.availability * 100).toFixed(2).padStart(6)} % available, ${lost} of ${total} failed`);
  console.log(`${' '.repeat(18)} webinfra-learn ${args.join(' ')}`);
  for (const e of events) console.log(`${' '.repeat(20)}${e}`);
}
process.exit(failed ? 1 : 0);
