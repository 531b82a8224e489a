/** The live view's help screen (src/ui/sim-live.tsx helpRows): every key shown, in two columns when one does not fit. */
import { describe, expect, it } from 'vitest';
import { helpRows } from '../../src/ui/sim-live';

const items = Array.from({ length: 28 }, (_, i) => ({ label: i === 3 ? 'Shift+Tab' : `k${i}`, description: `thing ${i}` }));

describe('live view help rows', () => {
  it('one key a row when they fit', () => {
    expect(helpRows(items.slice(0, 5), 60, 14)).toEqual(items.slice(0, 5).map((i) => `  ${i.label.padEnd(12)} ${i.description}`));
  });

  it('two columns at 60×18 (14 rows): all 28 keys, each column as wide as its own keys need', () => {
    const rows = helpRows(items, 60, 14);
    expect(rows).toHaveLength(14);
    for (const i of items) expect(rows.join('\n')).toContain(` ${i.label} `);
    for (const r of rows) expect(r.length).toBeLessThanOrEqual(60);
    // Left: labels padded to "Shift+Tab" (9); right: to "k27" (3).
    expect(rows[0]).toBe(`${' k0'.padEnd(11)}thing 0`.padEnd(' Shift+Tab thing 13 '.length) + ' k14 thing 14');
    // A description too long for what is left is cut with "…", the key whole.
    const long = helpRows([...items.slice(0, 27), { label: 'z', description: 'a description far too long for what is left of sixty columns' }], 60, 14);
    expect(long.at(-1)).toMatch(/ z {3}a description far.*…$/);
    expect(long.at(-1)!.length).toBe(60);
  });

  it('says how many keys did not fit when even two columns are too few', () => {
    const rows = helpRows(items, 60, 10);
    expect(rows).toHaveLength(10);
    expect(rows.at(-1)).toBe('  … 10 more: make the terminal taller');
  });
});
