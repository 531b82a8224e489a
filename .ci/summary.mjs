// Reads vitest's JSON report and prints the plain "N passed, N failed" line CI reads.
// Extra failed checks (type-check, course validation) count as failures too.
import { readFileSync } from 'node:fs';

const [file, extraArg = '0', rcArg = '0'] = process.argv.slice(2);
const extra = Number(extraArg) || 0;
const rc = Number(rcArg) || 0;
let passed = 0;
let failed = 0;
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
} catch {
  failed += 1; // no report: the test run itself broke
}
if (rc !== 0 && failed === 0) failed = 1;
failed += extra;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
