import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDesign } from '../../src/design';
import type { Scenario } from '../../src/sim/types';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'designs');
export const SCENARIOS = path.join(__dirname, '..', '..', 'assets', 'scenarios');

/** A design fixture by name (without .yaml), parsed. */
export function fixture(name: string): Scenario {
  return parseDesign(readFileSync(path.join(FIXTURES, `${name}.yaml`), 'utf8'), `${name}.yaml`);
}

/** Every .yaml in a folder. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}
