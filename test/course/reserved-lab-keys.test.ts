/**
 * A lab's own keys (```lab keys:) win over the screen's keys, so every printable key the
 * lab screen, a lesson step or the whole app already uses is reserved: a lesson that
 * takes one is refused by the loader. The course cannot import the UI's keymap (the
 * walls), so the reserved set is written down in src/course/lab-extras.ts; this test
 * holds it to the keymap.
 */
import { describe, expect, it } from 'vitest';
import { RESERVED_LAB_KEYS } from '../../src/course/lab-extras';
import { BINDINGS } from '../../src/ui/keymap';

describe('reserved lab keys', () => {
  it('hold every printable key of the lab, lesson-step and global contexts', () => {
    const contexts = new Set(['lab', 'labStep', 'global', 'lesson', 'stepDone']);
    const used = new Set<string>();
    for (const b of BINDINGS) {
      if (!contexts.has(b.context)) continue;
      for (const k of b.keys) if ('char' in k) used.add(k.char);
    }
    // p (back a step) may be a lab's own key: ← still goes back, and chapter 3's
    // firewall lab uses p for "probe". Every other key stays the screen's.
    used.delete('p');
    const missing = [...used].filter((k) => !RESERVED_LAB_KEYS.has(k)).sort();
    expect(missing).toEqual([]);
  });
});
