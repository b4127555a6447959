import type { UTCTimestamp } from 'lightweight-charts';

/** Epoch ms → the chart's UTC seconds. */
export function toChartTime(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}

export interface Point {
  time: UTCTimestamp;
  value: number;
}

/** Parallel arrays (the API's display series) → strictly increasing chart points (later duplicates win). */
export function toPoints(t: readonly number[], v: readonly number[]): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < Math.min(t.length, v.length); i++) {
    const value = v[i];
    if (!Number.isFinite(value)) continue;
    const time = toChartTime(t[i]);
    const last = out[out.length - 1];
    if (last && time < last.time) continue;
    if (last && time === last.time) last.value = value;
    else out.push({ time, value });
  }
  return out;
}

/** A CSS custom property of the document (colours follow the ko/en gain/loss convention). */
export function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}
