import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { LazySegmenter, NARROW_RANGES, SINGLE_UNIT_RANGES, isNarrowText, isSingleUnitText, realSegmentersBuilt } from '../../src/ui/lazy-segmenter';

const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const segs = (s: Iterable<{ segment: string; index: number }>): [string, number][] => [...s].map((x) => [x.segment, x.index]);

describe('LazySegmenter', () => {
  it('every code unit of its ranges is a grapheme of its own, next to any other of them (checked with the real segmenter)', () => {
    let all = '';
    for (const [lo, hi] of SINGLE_UNIT_RANGES) for (let c = lo; c <= hi; c++) all += String.fromCharCode(c);
    expect(all.length).toBeGreaterThan(3500);
    expect(isSingleUnitText(all)).toBe(true);
    // In order, reversed, and interleaved with ASCII: one segment per unit each time.
    for (const text of [all, [...all].reverse().join(''), [...all].join('a')]) {
      expect([...real.segment(text)].length).toBe(text.length);
    }
  });

  it('splits plain text itself, exactly as Intl.Segmenter does, without building one', () => {
    const before = realSegmentersBuilt();
    const lazy = new LazySegmenter(undefined, { granularity: 'grapheme' });
    for (const text of ['', 'www.foobar.com', '  › · One server ─┼─ ✓ 4 min', '\u001B[1mbold\u001B[22m → done', 'Ελληνικά и кириллица', 'a\tb\nc']) {
      expect(segs(lazy.segment(text))).toEqual(segs(real.segment(text)));
      for (let i = -1; i <= text.length; i++) {
        const a = lazy.segment(text).containing(i);
        const b = real.segment(text).containing(i);
        expect(a && [a.segment, a.index]).toEqual(b && [b.segment, b.index]);
      }
    }
    expect(realSegmentersBuilt()).toBe(before);
  });

  it('hands anything else to the real segmenter: CJK, emoji, ZWJ sequences, flags, combining marks, Hangul jamo, CR LF', () => {
    const lazy = new LazySegmenter();
    const cases = ['负载均衡器', '🚀 Launch ✅', '👩\u200d💻 dev', '🇫🇷🇩🇪', 'e\u0301te\u0301', '\u1100\u1161\u11a8', 'line\r\nnext', '☕\ufe0f', 'a\u200db'];
    for (const text of cases) {
      expect(isSingleUnitText(text)).toBe(false);
      expect(segs(lazy.segment(text))).toEqual(segs(real.segment(text)));
    }
    expect(realSegmentersBuilt()).toBeGreaterThan(0);
  });

  it('is not fooled by CR alone or a lone surrogate', () => {
    expect(isSingleUnitText('a\rb')).toBe(false);
    expect(isSingleUnitText('\ud83d')).toBe(false);
    const lazy = new LazySegmenter();
    expect(segs(lazy.segment('\ud83d x'))).toEqual(segs(real.segment('\ud83d x')));
  });

  it('NARROW_RANGES: every code unit is one cell for string-width and a grapheme of its own, so such text is as wide as it is long', () => {
    let all = '';
    for (const [lo, hi] of NARROW_RANGES) {
      for (let c = lo; c <= hi; c++) {
        const ch = String.fromCharCode(c);
        expect(stringWidth(ch), `U+${c.toString(16)}`).toBe(1);
        all += ch;
      }
    }
    expect(isNarrowText(all)).toBe(true);
    expect(isSingleUnitText(all)).toBe(true);
    expect(stringWidth(all)).toBe(all.length);
    expect(stringWidth([...all].reverse().join(''))).toBe(all.length);
    // What it must not claim: emoji presentation, wide, zero-width, escapes.
    for (const text of ['✅ done', '◽', '负载', 'e\u0301', 'soft\u00adhyphen', '\u001b[1mbold', '☕', 'a\tb']) expect(isNarrowText(text), text).toBe(false);
  });
});
