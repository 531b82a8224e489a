/**
 * Number and time formats of the live view, and its sparklines. Pure.
 */
import type { DiagramStyle } from '../../diagram';
import { sparkGlyphs } from '../../diagram/glyphs';

/** A sparkline of the last `width` values, scaled to `max` (default: their maximum). */
export function sparkline(values: readonly number[], width: number, ascii: boolean, max?: number): string {
  const glyphs = sparkGlyphs(ascii);
  const vals = values.slice(-width);
  const top = max ?? Math.max(0, ...vals);
  let out = '';
  for (const v of vals) {
    const f = top > 0 ? Math.max(0, Math.min(1, v / top)) : 0;
    out += glyphs[Math.min(glyphs.length - 1, Math.floor(f * (glyphs.length - 1) + (v > 0 ? 0.999 : 0)))];
  }
  return out.padStart(Math.min(width, Math.max(vals.length, 0)), ' ');
}

/** "21 ms", "3.05 s", "0.8 ms". */
export function fmtLatency(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export const fmtPercent = (f: number, digits = 1): string => `${(f * 100).toFixed(digits)}%`;

/** Virtual time as "12.3 s" or "2:05.0". */
export function fmtTime(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(1).padStart(4, '0')}`;
}

/** 1234567 → "1,234,567". */
export const group = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Style of an event line, by its type. */
export function eventStyle(type: string): DiagramStyle {
  if (/killed|hung|stopped|marked_down|failed|rejected|drop|lost/.test(type)) return 'down';
  if (/marked_up|restored|resolved|undrain/.test(type)) return 'up';
  if (/vip|promot|vrrp|master/.test(type)) return 'vip';
  if (/alert_fired|stale|lag/.test(type)) return 'warn';
  if (/drain/.test(type)) return 'draining';
  return 'text';
}
